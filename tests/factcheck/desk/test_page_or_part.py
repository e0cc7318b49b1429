"""Which the desk answers, the page or a part: a part for HTMX, the page
for a browser and for HTMX restoring history (page_or_partial's rule)."""

import pytest
from django.test import Client

from tests.editors import make_reader
from tests.factcheck.desk.desk_client import HTMX, cards
from tests.factories import make_claim

pytestmark = pytest.mark.django_db

RESTORE = {**HTMX, "HX-History-Restore-Request": "true"}


def is_page(response) -> bool:
    return "<html" in response.content.decode()


def test_the_queue_filters_get_the_results_only(editor_client):
    make_claim()
    response = editor_client.get("/editor/", headers={**HTMX, "HX-Target": "queue-results"})
    assert response.status_code == 200 and not is_page(response)
    assert len(cards(response.content.decode())) == 1


def test_the_queue_is_the_page_for_any_other_target_and_for_a_history_restore(editor_client):
    make_claim()
    for headers in ({}, {**HTMX, "HX-Target": "elsewhere"}, {**RESTORE, "HX-Target": "queue-results"}):
        assert is_page(editor_client.get("/editor/", headers=headers)), headers


def test_a_claim_is_its_card_for_htmx_and_its_page_otherwise(editor_client):
    claim = make_claim()
    card = editor_client.get(f"/editor/claims/{claim.pk}/", headers=HTMX)
    assert not is_page(card) and cards(card.content.decode()) == [str(claim.pk)]
    for headers in ({}, RESTORE):
        page = editor_client.get(f"/editor/claims/{claim.pk}/", headers=headers)
        assert is_page(page) and '<h1 class="desk-page__quote">' in page.content.decode()


def test_the_403_is_its_message_for_htmx_and_the_page_otherwise():
    client = Client()
    client.force_login(make_reader("reader"))
    message = client.get("/editor/", headers=HTMX)
    assert message.status_code == 403 and not is_page(message)
    assert {"private", "no-store"} <= {d.strip() for d in message["Cache-Control"].split(",")}
    for headers in ({}, RESTORE):
        page = client.get("/editor/", headers=headers)
        assert page.status_code == 403 and is_page(page)

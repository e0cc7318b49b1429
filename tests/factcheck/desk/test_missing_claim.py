"""A desk view asked about a claim that is gone: `desk_claim` raises
`ClaimMissing`, and `answers_missing_claim` answers the 404 in one place
(a fragment in place of the card for HTMX, the 404 page otherwise)."""

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from factcheck.desk.views import ClaimMissing, answers_missing_claim, desk_claim
from factcheck.web.htmx import HtmxHttpRequest
from tests.factcheck.desk.desk_client import seed_claim, status_form
from tests.factories import make_claim
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
GONE = 999_999


def request(headers: dict[str, str] | None = None) -> HtmxHttpRequest:
    req = RequestFactory().post("/editor/claims/1/status/", headers=headers or {})
    req.htmx = HtmxDetails(req)
    return req


def test_desk_claim_loads_a_claim_that_exists():
    claim = make_claim()
    assert desk_claim(claim.pk).pk == claim.pk


def test_desk_claim_raises_claim_missing_with_the_pk_and_message():
    with pytest.raises(ClaimMissing) as raised:
        desk_claim(GONE, message="Gone.")
    assert raised.value.pk == GONE and raised.value.message == "Gone."


@answers_missing_claim
def view(request, pk, *, message=""):
    desk_claim(pk, message=message)
    return HttpResponse("found")


def test_the_decorator_lets_a_found_claim_through():
    assert view(request(HTMX), make_claim().pk).content == b"found"


def test_for_htmx_the_missing_claim_is_a_404_fragment_in_place_of_its_card():
    response = view(request(HTMX), GONE)
    assert response.status_code == 404
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="claim-{GONE}"' in html
    assert "This claim no longer exists: nothing was saved." in html
    assert 'data-hx-swap-oob="innerHTML:#desk-announcer"' in html


def test_the_view_can_say_what_the_fragment_announces():
    html = view(request(HTMX), GONE, message="This claim no longer exists.").content.decode()
    assert "This claim no longer exists." in html and "nothing was saved" not in html


def test_without_htmx_the_missing_claim_is_the_404_page():
    with pytest.raises(Http404):
        view(request(), GONE)


@pytest.mark.parametrize("action", ["status", "publish", "unpublish", "assign"])
def test_every_write_answers_a_missing_claim_the_same_way(editor_client, action):
    response = editor_client.post(f"/editor/claims/{GONE}/{action}/", {}, headers=HTMX)
    assert response.status_code == 404
    assert "This claim no longer exists: nothing was saved." in response.content.decode()
    assert editor_client.post(f"/editor/claims/{GONE}/{action}/", {}).status_code == 404


def test_restoring_history_of_a_missing_claim_gets_the_404_page(editor_client):
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    response = editor_client.get(f"/editor/claims/{GONE}/", headers=headers)
    assert response.status_code == 404
    assert "<html" in response.content.decode()


class TestThroughTheDesk:
    def test_a_claim_that_does_not_exist_gets_a_404_fragment(self, editor_client, seeded):
        claim = seed_claim(6)
        data = status_form(editor_client, claim)
        response = editor_client.post("/editor/claims/999999/status/", data, headers=HTMX)
        assert response.status_code == 404
        assert "This claim no longer exists: nothing was saved." in response.content.decode()
        assert editor_client.post("/editor/claims/999999/status/", data).status_code == 404
        assert editor_client.post("/editor/claims/999999/publish/", {}, headers=HTMX).status_code == 404
        assert editor_client.get("/editor/claims/999999/").status_code == 404

    def test_opening_a_claim_that_is_gone_in_the_queue_gets_a_404_fragment(self, editor_client, seeded):
        # The queue swaps a 404 into the card (editor layout's htmx-config):
        # a fragment that says so, not the whole 404 page inside the card.
        for query in ("?edit=1", ""):
            response = editor_client.get(f"/editor/claims/999999/{query}", headers=HTMX)
            assert response.status_code == 404
            html = response.content.decode()
            assert "<html" not in html and 'id="claim-999999"' in html
            assert "This claim no longer exists." in html

"""A claim's public page is a shared response for signed-out readers, on the
version stamps of the timelines that reach it: cached, with ETag and 304,
and a new version for every change its page shows."""

from __future__ import annotations

import pytest
from django.test import Client

from factcheck.models import Claim
from factcheck.services import claim_unpublish
from tests.editors import make_editor
from tests.factcheck.web.test_http_cache import publish_correction
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from timeline.models import Timeline
from timeline.stamps import forget_stamps

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(seeded) -> str:
    return Claim.objects.get(quote__contains="Panama Canal").get_absolute_url()


def test_signed_out_readers_get_a_shared_cached_page(client, page, django_assert_max_num_queries):
    first = client.get(page)
    assert first["Cache-Control"].startswith("public, max-age=") and first["ETag"] and not first.cookies
    with django_assert_max_num_queries(2):  # which timelines reach it, and their stamp
        again = client.get(page)
    assert again.content == first.content
    assert client.get(page, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_correction_and_a_withdrawal_are_new_versions(client, page):
    before = client.get(page)
    claim = publish_correction("Panama Canal", "misleading")
    forget_stamps()
    corrected = client.get(page, HTTP_IF_NONE_MATCH=before["ETag"])
    assert corrected.status_code == 200 and corrected["ETag"] != before["ETag"]
    claim_unpublish(claim=claim, editor=None, expected_version=claim.version, note="Checked against the wrong source.")
    forget_stamps()
    withdrawn = client.get(page, HTTP_IF_NONE_MATCH=corrected["ETag"])
    assert withdrawn.status_code == 200 and "Checked against the wrong source." in withdrawn.content.decode()


def test_a_claim_no_published_timeline_reaches_is_gone_at_once(client, page):
    assert client.get(page).status_code == 200
    Timeline.objects.filter(published=True).update(published=False)
    forget_stamps()
    assert client.get(page).status_code == 404


def test_signed_in_users_get_the_page_fresh(seeded, page):
    editor = Client()
    editor.force_login(make_editor("claim-page-fresh"))
    response = editor.get(page)
    assert response.status_code == 200 and not response.has_header("ETag")

"""The back office shows and saves a claim's short summary (ClaimReview's
claimReviewed), through the same service as the desk: a history row, and a
new stamp for the claim's public page."""

import json
import re

import pytest

from factcheck.models import Claim, VerdictChange
from tests.factcheck.admin.test_admin import change_form, desk, save, seed_claim  # noqa: F401  (desk: a fixture)
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from timeline.models import Timeline

pytestmark = pytest.mark.django_db


def test_the_change_form_shows_the_summary_beside_the_quote(desk):
    claim = seed_claim(1)
    html = desk.get(f"/admin/factcheck/claim/{claim.pk}/change/").content.decode()
    field = re.search(r'<input type="text" name="summary"[^>]*>', html)
    assert field and 'maxlength="75"' in field.group(0)
    assert "Short summary" in html and "At most 75 characters" in html
    assert html.index('name="quote"') < html.index('name="summary"') < html.index('name="article"')


def test_saving_it_keeps_history_and_reaches_the_public_page(desk, client):
    claim = seed_claim(1)
    public = client.get(claim.get_absolute_url())
    version = Timeline.objects.get(slug="milei-trump").content_version
    data = change_form(desk, claim)
    data["summary"] = "Milei rose fast from TV pundit to president"
    response = save(desk, claim, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    claim = Claim.objects.get(pk=claim.pk)
    assert claim.summary == "Milei rose fast from TV pundit to president"
    row = claim.history.get(action=VerdictChange.Action.SUMMARY)
    assert (row.from_text, row.to_text, row.editor) == ("", claim.summary, desk.user)
    assert Timeline.objects.get(slug="milei-trump").content_version > version
    after = client.get(claim.get_absolute_url(), HTTP_IF_NONE_MATCH=public["ETag"])
    assert after.status_code == 200
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', after.content.decode(), re.DOTALL).group(1)
    assert json.loads(block)["claimReviewed"] == claim.summary


def test_an_unchanged_summary_adds_no_history_and_a_long_one_is_refused(desk):
    claim = seed_claim(1)
    assert save(desk, claim, change_form(desk, claim)).status_code == 302
    assert not claim.history.filter(action=VerdictChange.Action.SUMMARY).exists()
    data = change_form(desk, claim)
    data["summary"] = "x" * 76
    response = save(desk, claim, data)
    assert response.status_code == 200 and "at most 75 characters" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).summary == ""

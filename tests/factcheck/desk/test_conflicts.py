"""409: someone saved the claim first. The answer shows the claim as it is
now, who changed it, and keeps what this editor typed to re-apply."""

import pytest

from factcheck.models import Claim
from tests.factcheck.desk.desk_client import HTMX, cards, rate, seed_claim, status_form
from tests.html import form_fields
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db


class TestConflicts:
    def test_a_save_from_an_old_version_gets_a_409_with_the_current_verdict_and_keeps_the_typed_text(
        self, editor_client, other_client, other_editor, seeded
    ):
        claim = seed_claim(6)
        mine = status_form(editor_client, claim)  # loaded before Ben saves
        rate(other_client, claim, verdict="in-review", note="Ben is on it")
        ben_version = Claim.objects.get(pk=claim.pk).version

        p = f"claim-{claim.pk}-"
        mine.update({p + "verdict": "false", p + "rationale": "My own reasoning, typed at length.",
                     p + "sources-0-title": "My source"})
        response = editor_client.post(f"/editor/claims/{claim.pk}/status/", mine, headers=HTMX)
        assert response.status_code == 409
        html = response.content.decode()
        assert cards(html) == [str(claim.pk)]
        assert "Not saved: someone changed this claim first" in html
        assert "Ben Okafor changed it" in html
        assert 'class="verdict verdict--blue verdict--state">In review</span>' in html
        assert "My own reasoning, typed at length." in html and 'value="My source"' in html
        assert f'name="{p}version" value="{ben_version}"' in html
        assert "Discard my changes" in html
        claim.refresh_from_db()
        assert claim.verdict.slug == "in-review" and claim.version == ben_version

        # Re-applying the kept form is a deliberate save on the current version.
        again = form_fields(html, form_id=f"claim-{claim.pk}-form")
        response = editor_client.post(f"/editor/claims/{claim.pk}/status/", again, headers=HTMX)
        assert response.status_code == 200
        claim.refresh_from_db()
        assert claim.verdict.slug == "false" and claim.rationale == "My own reasoning, typed at length."

    def test_publishing_from_an_old_version_is_a_409_too(self, editor_client, other_client, seeded):
        claim = seed_claim(6)
        html = editor_client.get(f"/editor/claims/{claim.pk}/").content.decode()
        rate(other_client, claim, verdict="in-review")
        unpublish = form_fields(html, action=f"/editor/claims/{claim.pk}/unpublish/")
        response = editor_client.post(f"/editor/claims/{claim.pk}/unpublish/", unpublish, headers=HTMX)
        assert response.status_code == 409
        assert "Not unpublished: someone changed this claim first" in response.content.decode()
        assert Claim.objects.get(pk=claim.pk).published

    def test_without_javascript_a_conflict_shows_the_claims_page_with_409(self, editor_client, other_client, seeded):
        claim = seed_claim(6)
        mine = status_form(editor_client, claim)
        rate(other_client, claim, verdict="in-review")
        mine[f"claim-{claim.pk}-verdict"] = "not-checkable"
        response = editor_client.post(f"/editor/claims/{claim.pk}/status/", mine)
        assert response.status_code == 409
        assert "Not saved: someone changed this claim first" in response.content.decode()

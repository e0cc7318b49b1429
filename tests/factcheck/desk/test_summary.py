"""The desk sets a claim's short summary, on the claim's page: what search
engines' fact-check results show as the claim (ClaimReview's claimReviewed,
at most 75 characters). Saved in place, counted as it is typed (editor.js),
refused with a field error over the limit, never over a change the editor
has not seen, and never losing what was typed."""

import re

import pytest

from factcheck.models import SUMMARY_MAX_LENGTH, Claim, VerdictChange
from factcheck.services import claim_set_summary
from tests.factcheck.desk.desk_client import HTMX, seed_claim, status_form
from tests.html import form_fields
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db


def page(client, claim) -> str:
    response = client.get(f"/editor/claims/{claim.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def summary_form(client, claim) -> dict[str, str]:
    return form_fields(page(client, claim), action=f"/editor/claims/{claim.pk}/summary/")


def post_summary(client, claim, typed: str, *, data=None, headers=HTMX):
    data = dict(data if data is not None else summary_form(client, claim))
    data[f"claim-{claim.pk}-summary-summary"] = typed
    return client.post(f"/editor/claims/{claim.pk}/summary/", data, headers=headers)


def summary_input(html: str, claim) -> str:
    found = re.search(rf'<input type="text" name="claim-{claim.pk}-summary-summary"[^>]*>', html)
    assert found, "no summary input"
    return found.group(0)


def saved(claim) -> str:
    return Claim.objects.get(pk=claim.pk).summary


def test_the_claims_page_offers_the_summary_with_its_limit_and_a_counter(editor_client, seeded):
    claim = seed_claim(12)  # a 66-character quote
    html = page(editor_client, claim)
    assert 'id="claim-summary"' in html and "Short summary for search engines" in html
    assert f'data-hx-post="/editor/claims/{claim.pk}/summary/"' in html
    field = summary_input(html, claim)
    assert f'maxlength="{SUMMARY_MAX_LENGTH}"' in field and 'value=""' in field
    assert f'aria-describedby="id_claim-{claim.pk}-summary-summary_helptext"' in field
    assert "At most 75 characters" in html and "(claimReviewed)" in html
    # The counter, for editor.js: hidden without it; its count polite for screen readers.
    counter = re.search(r'<p class="char-count" data-char-count="([^"]+)"[^>]*hidden>(.*?)</p>', html, re.DOTALL)
    assert counter and counter.group(1) == f"id_claim-{claim.pk}-summary-summary"
    assert 'data-format="{count} of {limit}"' in counter.group(0)
    assert 'data-over="{count} of {limit}: over the limit, shorten it"' in counter.group(0)
    assert 'aria-live="polite"' in counter.group(2)
    # A quote search engines show whole needs no hint.
    assert "they want a short summary" not in html
    assert form_fields(html, action=f"/editor/claims/{claim.pk}/summary/")[f"claim-{claim.pk}-summary-seen"] == ""


def test_a_long_quote_without_a_summary_gets_a_hint(editor_client, seeded):
    claim = seed_claim(1)  # a 96-character quote
    html = page(editor_client, claim)
    hint = f"The quote is {len(claim.quote)} characters long, and search engines show at most 75"
    assert hint in html and "they want a short summary here." in html
    assert f"summary_helptext id_claim-{claim.pk}-summary-summary_hint" in summary_input(html, claim)
    summary = "Milei rose fast from pundit to president"
    claim_set_summary(claim=claim, editor=None, summary=summary, expected_summary=None)
    html = page(editor_client, claim)
    assert hint not in html
    assert 'value="Milei rose fast from pundit to president"' in summary_input(html, claim)


def test_saving_in_place_keeps_history_and_leaves_the_version(editor_client, editor, seeded):
    claim = seed_claim(1)
    response = post_summary(editor_client, claim, "  Milei rose fast from TV pundit to president  ")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="claim-summary"' in html
    assert "Saved the short summary: “Milei rose fast from TV pundit to president”." in html
    assert 'role="status"' in html
    assert saved(claim) == "Milei rose fast from TV pundit to president"
    row = claim.history.get(action=VerdictChange.Action.SUMMARY)
    assert (row.from_text, row.to_text, row.editor) == ("", "Milei rose fast from TV pundit to president", editor)
    # The summary is no part of the verification status: the version stays.
    assert Claim.objects.get(pk=claim.pk).version == claim.version
    # The new form starts from the new summary.
    fields = form_fields(html, action=f"/editor/claims/{claim.pk}/summary/")
    assert fields[f"claim-{claim.pk}-summary-seen"] == "Milei rose fast from TV pundit to president"
    # The claim's page lists the change in its history.
    assert "short summary changed" in page(editor_client, claim)


def test_a_verdict_form_open_beside_it_still_saves(editor_client, seeded):
    claim = seed_claim(5)
    opened = status_form(editor_client, claim, page=f"/editor/claims/{claim.pk}/", headers={})
    assert post_summary(editor_client, claim, "Only Milei can make Argentina great again").status_code == 200
    data = dict(opened, **{f"claim-{claim.pk}-rationale": "Still checking."})
    response = editor_client.post(f"/editor/claims/{claim.pk}/status/", data, headers=HTMX)
    assert response.status_code == 200, response.content.decode()[:600]
    assert Claim.objects.get(pk=claim.pk).rationale == "Still checking."


def test_without_javascript_it_redirects_back_with_the_message(editor_client, seeded):
    claim = seed_claim(1)
    response = post_summary(editor_client, claim, "Milei rose fast", headers={})
    assert response.status_code == 303
    assert response["Location"] == f"/editor/claims/{claim.pk}/#claim-summary"
    assert "Saved the short summary: “Milei rose fast”." in page(editor_client, claim)


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_one_character_too_many_is_a_field_error_and_keeps_the_typing(editor_client, seeded, headers):
    claim = seed_claim(1)
    typed = "M" * (SUMMARY_MAX_LENGTH + 1)
    response = post_summary(editor_client, claim, typed, headers=headers)
    assert response.status_code == 422
    html = response.content.decode()
    assert ("<html" in html) == (not headers)
    assert "Not saved: the short summary needs correcting." in html and 'role="alert"' in html
    assert "At most 75 characters: this summary has 76. Shorten it, or leave it empty to use the quote." in html
    field = summary_input(html, claim)
    assert f'value="{typed}"' in field and 'aria-invalid="true"' in field
    assert f"id_claim-{claim.pk}-summary-summary_error" in field
    assert f'id="id_claim-{claim.pk}-summary-summary_error"' in html
    assert "data-unsaved" in html  # leaving the page asks first
    assert saved(claim) == ""
    assert not claim.history.filter(action=VerdictChange.Action.SUMMARY).exists()


def test_a_summary_changed_meanwhile_is_a_conflict_that_keeps_the_typing(editor_client, other_editor, seeded):
    claim = seed_claim(1)
    opened = summary_form(editor_client, claim)
    claim_set_summary(claim=claim, editor=other_editor, summary="Summary by Ben", expected_summary="")
    response = post_summary(editor_client, claim, "Summary by Ana", data=opened)
    assert response.status_code == 409
    html = response.content.decode()
    assert "<html" not in html and 'role="alert"' in html
    assert "Not saved: someone changed this short summary after you opened it; it now reads “Summary by Ben”." in html
    assert "It now reads: “Summary by Ben”" in html
    assert 'value="Summary by Ana"' in summary_input(html, claim)
    assert saved(claim) == "Summary by Ben"
    # Saving again, from the summary it now shows, puts the typing in its place.
    again = form_fields(html, action=f"/editor/claims/{claim.pk}/summary/")
    assert again[f"claim-{claim.pk}-summary-seen"] == "Summary by Ben"
    assert editor_client.post(f"/editor/claims/{claim.pk}/summary/", again, headers=HTMX).status_code == 200
    assert saved(claim) == "Summary by Ana"


def test_emptying_it_gives_search_engines_the_quote_and_nothing_to_save_says_so(editor_client, seeded):
    claim = seed_claim(1)
    claim_set_summary(claim=claim, editor=None, summary="Milei rose fast", expected_summary=None)
    response = post_summary(editor_client, claim, "Milei rose fast")
    assert response.status_code == 200
    assert "Nothing to save: the short summary already says this." in response.content.decode()
    response = post_summary(editor_client, claim, "   ")
    assert response.status_code == 200
    assert "Saved: no short summary; search engines get the quote." in response.content.decode()
    assert saved(claim) == ""
    assert [row.to_text for row in claim.history.filter(action=VerdictChange.Action.SUMMARY)] == ["", "Milei rose fast"]


def test_a_tampered_form_is_refused_with_a_message(editor_client, seeded):
    claim = seed_claim(1)
    data = summary_form(editor_client, claim)
    data[f"claim-{claim.pk}-summary-seen"] = "a\x00b"
    response = post_summary(editor_client, claim, "Milei rose fast", data=data)
    assert response.status_code == 422
    message = "This form does not say which summary it replaces: reload the page, then save again."
    assert message in response.content.decode()
    assert saved(claim) == ""


def test_a_reader_cannot_and_a_missing_claim_is_a_404(client, editor_client, seeded):
    claim = seed_claim(1)
    typed = {f"claim-{claim.pk}-summary-summary": "x"}
    assert client.post(f"/editor/claims/{claim.pk}/summary/", typed).status_code == 403
    missing = Claim.objects.order_by("-pk").first().pk + 100
    response = editor_client.post(f"/editor/claims/{missing}/summary/", {}, headers=HTMX)
    assert response.status_code == 404 and "<html" not in response.content.decode()
    assert saved(claim) == ""

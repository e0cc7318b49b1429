"""Withdrawing a claim from the desk's claim page: the note saying why goes
to readers; one over the limit is a field error and nothing changes."""

import pytest

from factcheck.models import NOTE_MAX_LENGTH
from tests.factcheck.desk.desk_client import HTMX, seed_claim
from tests.html import form_fields
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db


def unpublish_form(editor_client, claim) -> dict:
    html = editor_client.get(f"/editor/claims/{claim.pk}/").content.decode()
    data = form_fields(html, action=f"/editor/claims/{claim.pk}/unpublish/")
    note = next(name for name in data if name.endswith("-note"))
    return data, note


def test_the_claim_page_withdraws_with_a_note_readers_see(editor_client, client, seeded):
    claim = seed_claim(9)
    data, note = unpublish_form(editor_client, claim)
    data[note] = "The figure came from a draft report that was later corrected."
    response = editor_client.post(f"/editor/claims/{claim.pk}/unpublish/", data, headers=HTMX)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert not claim.published
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "This fact-check was withdrawn" in page
    assert "The figure came from a draft report that was later corrected." in page


def test_a_note_over_the_limit_is_a_field_error_and_nothing_changes(editor_client, seeded):
    claim = seed_claim(9)
    data, note = unpublish_form(editor_client, claim)
    assert "Why it is withdrawn" in editor_client.get(f"/editor/claims/{claim.pk}/").content.decode()
    data[note] = "x" * (NOTE_MAX_LENGTH + 1)
    response = editor_client.post(f"/editor/claims/{claim.pk}/unpublish/", data, headers=HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Why it is withdrawn: Ensure this value has at most 1000 characters (it has 1001)." in html
    claim.refresh_from_db()
    assert claim.published and not claim.history.filter(action="unpublish").exists()

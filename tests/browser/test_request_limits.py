"""A verdict too large to send, on the desk: the page stays as it was, with
what the editor typed, and the live region says what the limit is."""

from django.conf import settings
from playwright.sync_api import expect

from factcheck.models import Claim, VerdictChange
from tests.editors import make_editor

from .test_editor import open_form, sign_in


def test_an_oversized_verdict_is_announced_with_the_limit_and_the_form_kept(seeded_live_server, page):
    base = seeded_live_server.url
    make_editor("ana")
    claim = Claim.objects.get(uid="seed-claim-06")
    history = VerdictChange.objects.count()
    sign_in(page, base, "ana")
    card = page.locator(f"#claim-{claim.pk}")
    form = open_form(page, card)
    rationale = form.get_by_label("Rationale")
    # More than a browser lets anyone type (the box has a maxlength): as a
    # script or a broken extension might send.
    rationale.evaluate(
        "(box, size) => { box.removeAttribute('maxlength'); box.value = 'x'.repeat(size); }",
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1,
    )
    form.get_by_role("button", name="Save draft").click()

    limit = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000:.1f} MB"
    expect(page.locator("#desk-announcer")).to_contain_text(f"over the limit of {limit}")
    expect(rationale).to_be_visible()
    assert rationale.evaluate("box => box.value.length") == settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    assert VerdictChange.objects.count() == history

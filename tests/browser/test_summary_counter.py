"""A claim's short summary on the desk, in a real browser: the count of
characters follows the typing ("15 of 75"), screen readers hear it once the
typing pauses, it is saved in place, and a summary the server refuses as too
long comes back with its error, its typing and a warning count."""

import re

from playwright.sync_api import expect

from factcheck.models import Claim
from tests.browser.test_editor import sign_in
from tests.editors import make_editor


def test_the_count_follows_the_typing_and_survives_the_save(seeded_live_server, page):
    base = seeded_live_server.url
    make_editor("ana", first_name="Ana")
    claim = Claim.objects.get(uid="seed-claim-01")  # a quote of 96 characters
    sign_in(page, base, "ana", start=f"/editor/claims/{claim.pk}/")
    panel = page.locator("#claim-summary")
    expect(panel.locator(".desk-summary__hint")).to_contain_text("The quote is 96 characters long")
    field = panel.get_by_label("Short summary")
    shown = panel.locator("[data-char-count-shown]")
    spoken = panel.locator("[data-char-count-spoken]")
    expect(shown).to_have_text("0 of 75")
    expect(spoken).to_have_text("")  # nothing said before anything is typed

    field.press_sequentially("Milei rose fast")
    expect(shown).to_have_text("15 of 75")
    expect(spoken).to_have_text("15 of 75")
    assert spoken.get_attribute("aria-live") == "polite"
    # The browser stops the typing at the limit.
    field.fill("")
    field.press_sequentially("x" * 80)
    expect(field).to_have_value("x" * 75)
    expect(shown).to_have_text("75 of 75")

    field.fill("Milei rose fast from TV pundit to president")
    panel.get_by_role("button", name="Save the summary").click()
    expect(panel.locator(".desk-summary__message")).to_have_text(
        "Saved the short summary: “Milei rose fast from TV pundit to president”."
    )
    # The panel the server sent back is counted too.
    expect(page.locator("#claim-summary [data-char-count-shown]")).to_have_text("43 of 75")
    assert Claim.objects.get(pk=claim.pk).summary == "Milei rose fast from TV pundit to president"


def test_a_refused_summary_keeps_its_typing_and_warns(seeded_live_server, page):
    base = seeded_live_server.url
    make_editor("ana", first_name="Ana")
    claim = Claim.objects.get(uid="seed-claim-01")
    sign_in(page, base, "ana", start=f"/editor/claims/{claim.pk}/")
    panel = page.locator("#claim-summary")
    # What no keyboard can type past maxlength, a script (or an old browser) can send.
    panel.get_by_label("Short summary").evaluate("(input) => { input.value = 'M'.repeat(76); }")
    panel.get_by_role("button", name="Save the summary").click()
    expect(page.locator("#claim-summary .errorlist")).to_have_text(
        "At most 75 characters: this summary has 76. Shorten it, or leave it empty to use the quote."
    )
    expect(page.locator("#claim-summary").get_by_label("Short summary")).to_have_value("M" * 76)
    counter = page.locator("#claim-summary [data-char-count]")
    expect(counter).to_have_class(re.compile(r"char-count--over"))
    expect(counter.locator("[data-char-count-shown]")).to_have_text("76 of 75: over the limit, shorten it")
    assert Claim.objects.get(pk=claim.pk).summary == ""

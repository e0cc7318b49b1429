"""An editor's day on the desk, in a real browser: sign in, rate a seed claim
in place, publish it, and a second editor's stale form gets the conflict;
"Publish changes" publishes what was typed, and unsaved typing is never left
behind without a question."""

import re

from playwright.sync_api import expect

from factcheck.models import Claim
from tests.editors import PASSWORD, make_editor

RATIONALE = "Browser test rationale: checked against the coverage of the gala."
SOURCE_TITLE = "Browser test source: gala coverage"
SOURCE_URL = "https://example.org/browser-test-gala"


def sign_in(page, base_url, username, *, start="/editor/"):
    page.goto(base_url + start)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base_url + start)
    page.wait_for_load_state()  # htmx is ready


def open_form(page, card):
    card.locator("summary", has_text="Change verdict").click()
    form = card.locator("form.desk-form")
    expect(form).to_be_visible()
    return form


def test_an_editor_rates_publishes_and_a_stale_second_editor_gets_the_conflict(seeded_live_server, browser, page):
    base = seeded_live_server.url
    make_editor("ana", first_name="Ana", last_name="Ruiz")
    make_editor("ben", first_name="Ben", last_name="Okafor")
    claim = Claim.objects.get(uid="seed-claim-06")
    assert claim.verdict.slug == "unverified"

    # Ben opens the claim's form first: he holds the version from before Ana's save.
    ben_context = browser.new_context(viewport={"width": 1280, "height": 900})
    ben = ben_context.new_page()
    ben.set_default_timeout(10_000)
    sign_in(ben, base, "ben")
    ben_card = ben.locator(f"#claim-{claim.pk}")
    ben_form = open_form(ben, ben_card)
    ben_form.get_by_label("Verdict").select_option(label="In review")
    ben_form.get_by_label("Rationale").fill("Ben's notes, typed before Ana saved.")

    # Ana signs in (the queue sends her to the sign-in page and back) and rates the claim.
    sign_in(page, base, "ana")
    page.evaluate("window.__sameDocument = true")
    card = page.locator(f"#claim-{claim.pk}")
    expect(card.locator(".desk-claim__facts .verdict").first).to_have_text("Unverified")
    form = open_form(page, card)
    expect(form.get_by_label("Verdict")).to_be_focused()
    form.get_by_label("Verdict").select_option(label="Mostly accurate")
    form.get_by_label("Rationale").fill(RATIONALE)
    form.get_by_label("Source 1: citation").fill(SOURCE_TITLE)
    form.get_by_label("Source 1: link (optional)").fill(SOURCE_URL)
    form.get_by_label("Note for the history").fill("Rated in the browser test")
    form.get_by_role("button", name=re.compile("Save draft")).click()

    # The row updates in place: same document, new draft verdict, result announced, focus kept on the claim.
    expect(card.locator(".desk-claim__message")).to_contain_text("the draft verdict is Mostly accurate")
    expect(card.locator(".desk-claim__facts dd").first.locator(".verdict")).to_have_text("Mostly accurate")
    expect(page.locator("#desk-announcer")).to_contain_text("Saved “the only sitting president")
    expect(card.locator("summary")).to_be_focused()
    assert page.evaluate("window.__sameDocument") is True

    card.get_by_label("Note for readers").fill("Rated after checking the gala coverage.")
    card.get_by_role("button", name=re.compile("^Publish")).click()
    expect(page.locator("#desk-announcer")).to_contain_text("readers now see Mostly accurate")
    expect(card.locator(".desk-claim__facts dd").nth(1).locator(".verdict")).to_have_text("Mostly accurate")
    assert page.evaluate("window.__sameDocument") is True

    # Readers see it, with the correction logged.
    page.goto(f"{base}/timelines/milei-trump/")
    expect(page.locator(f"#claim-{claim.pk} .verdict")).to_have_text("Mostly accurate")
    page.locator(f"#claim-{claim.pk}").get_by_role("link", name=re.compile("Fact-check")).click()
    expect(page.locator(".verdict-box .verdict")).to_have_text("Mostly accurate")
    expect(page.locator(".rationale")).to_contain_text(RATIONALE)
    expect(page.get_by_role("link", name=SOURCE_TITLE)).to_have_attribute("href", SOURCE_URL)
    log = page.locator("ol.history li").first
    expect(log).to_contain_text("rating changed from Unverified to Mostly accurate")
    expect(log).to_contain_text("Rated after checking the gala coverage.")
    expect(log.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))

    # Ben saves from his old version: the conflict, with what he typed kept.
    ben_form.get_by_role("button", name=re.compile("Save draft")).click()
    conflict = ben_card.locator(".desk-conflict")
    expect(conflict).to_contain_text("Not saved: someone changed this claim first")
    expect(conflict).to_contain_text("Ana Ruiz changed it")
    expect(conflict.locator(".verdict").first).to_have_text("Mostly accurate")
    expect(conflict).to_be_focused()
    expect(ben_card.get_by_label("Rationale")).to_have_value("Ben's notes, typed before Ana saved.")
    expect(ben.locator("#desk-announcer")).to_contain_text("Not saved: Ana Ruiz changed")
    ben_context.close()

    claim.refresh_from_db()
    assert (claim.verdict.slug, claim.published_verdict.slug, claim.rationale) == (
        "mostly-accurate", "mostly-accurate", RATIONALE)


def test_the_queue_works_from_the_keyboard(seeded_live_server, page):
    base = seeded_live_server.url
    make_editor("kim")
    sign_in(page, base, "kim")
    claim = Claim.objects.get(uid="seed-claim-10")
    summary = page.locator(f"#claim-{claim.pk} summary")
    summary.focus()
    page.keyboard.press("Enter")
    verdict = page.locator(f"#claim-{claim.pk} form.desk-form").get_by_label("Verdict")
    expect(verdict).to_be_focused()
    verdict.select_option(label="In review")
    page.locator(f"#claim-{claim.pk} form.desk-form").get_by_role("button", name=re.compile("Save draft")).press("Enter")
    expect(page.locator(f"#claim-{claim.pk} .desk-claim__message")).to_contain_text("In review")
    expect(page.locator(f"#claim-{claim.pk} summary")).to_be_focused()


def test_publish_changes_publishes_what_was_typed_and_leaving_with_unsaved_typing_asks_first(
    seeded_live_server, page
):
    base = seeded_live_server.url
    make_editor("lee", first_name="Lee", last_name="Park")
    claim = Claim.objects.get(uid="seed-claim-06")  # published; its draft is what readers see
    desk_page = f"/editor/claims/{claim.pk}/"
    sign_in(page, base, "lee", start=desk_page)
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "Stay on the page"

    page.on("dialog", answer)

    # Type a rating and publish it straight away, without saving the draft first.
    form = page.locator(f"#claim-{claim.pk}-form")
    form.get_by_label("Verdict").select_option(label="Mostly accurate")
    form.get_by_label("Rationale").fill(RATIONALE)
    form.get_by_label("Source 1: citation").fill(SOURCE_TITLE)
    page.get_by_label("Note for readers").fill("Published with the typed changes.")
    page.get_by_role("button", name=re.compile("^Publish changes")).click()
    expect(page.locator("#desk-announcer")).to_contain_text("Saved and published “the only sitting president")

    # Saved and published: following a link away asks nothing, and readers see what was typed.
    page.get_by_role("link", name="Public page").click()
    expect(page).to_have_url(f"{base}/claims/{claim.pk}/")
    expect(page.locator(".verdict-box .verdict")).to_have_text("Mostly accurate")
    expect(page.locator(".rationale")).to_contain_text(RATIONALE)
    assert dialogs == []

    # Typing again and leaving asks first; staying keeps the typing.
    page.goto(base + desk_page)
    rationale = page.locator(f"#claim-{claim.pk}-form").get_by_label("Rationale")
    rationale.press("Control+End")
    rationale.press_sequentially(" More typing.")
    with page.expect_event("dialog") as asked:
        page.get_by_role("link", name=re.compile("Work queue")).first.click()
    assert asked.value.type == "beforeunload"
    expect(page).to_have_url(base + desk_page)
    expect(rationale).to_have_value(RATIONALE + " More typing.")

    # Another form of the card (Assign) would replace the claim's form: it asks too, and staying keeps the typing.
    page.get_by_label("Assigned to").select_option(label="Lee Park")
    with page.expect_event("dialog") as asked:
        page.get_by_role("button", name=re.compile("^Assign")).click()
    assert asked.value.type == "confirm" and "is not saved and will be lost" in asked.value.message
    expect(rationale).to_have_value(RATIONALE + " More typing.")

    # Once saved (in place, with htmx), leaving asks nothing.
    page.locator(f"#claim-{claim.pk}-form").get_by_role("button", name=re.compile("Save draft")).click()
    expect(page.locator("#desk-announcer")).to_contain_text("Saved “the only sitting president")
    page.get_by_role("link", name=re.compile("Work queue")).first.click()
    expect(page).to_have_url(base + "/editor/")
    assert dialogs == ["beforeunload", "confirm"]
    claim.refresh_from_db()
    assert (claim.published_rationale, claim.rationale) == (RATIONALE, RATIONALE + " More typing.")
    assert claim.assigned_to is None  # the Assign the editor stayed for was never sent

"""The Content-Security-Policy in Chromium: a staff editor walks through
every kind of page, with the htmx interactions on the reader's timeline, the
editors' panel, the ingest page and the admin's widgets, and the browser
refuses nothing (no `securitypolicyviolation` event, no console error about
the policy, no script error). The headers themselves are specified in
tests/factcheck/test_security_headers.py."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from factcheck.models import Claim
from tests.editors import PASSWORD, make_editor, make_reader
from timeline.models import Article, Event

# Runs in every frame before the page's own scripts: records what the policy
# refused, and what htmx would have eval'd had it been allowed to.
RECORD_VIOLATIONS = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__refused.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "(inline)"} in ${event.sourceFile || event.documentURI}`
    + `:${event.lineNumber} ${event.sample}`
  );
});
document.addEventListener("htmx:evalDisallowedError", (event) => {
  window.__refused.push(`htmx wanted to eval code on ${event.target.outerHTML.slice(0, 120)}`);
});
"""
TIMELINE = "/timelines/milei-trump/"
ARTICLE = (
    "Buenos Aires, 12 March 2025. The president met the governors on 3 February 2025, "
    'his spokesman said. "Inflation fell to 2.2% in January," the economy minister said.'
)


def polled(response) -> bool:
    """The embed's own request asking whether it changed."""
    return response.request.resource_type == "fetch" and "/embed/timelines/" in response.url


class Walk:
    """One browser context's pages: everything the policy refused in any of
    its frames, console errors that name the policy, and script errors."""

    def __init__(self, browser, base_url: str):
        self.base = base_url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.problems: list[str] = []
        self.closed = False
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"{self.page.url}: script error: {error}"))

    def _console(self, message):
        if message.type == "error" and "content security policy" in message.text.lower():
            self.problems.append(f"{self.page.url}: console: {message.text}")

    def collect(self):
        """What the documents on screen recorded; call before leaving them."""
        for frame in self.page.frames:
            try:
                refused = frame.evaluate("window.__refused || []")
            except Exception:  # a frame gone or navigating: nothing to read
                continue
            self.problems.extend(f"{frame.url}: {entry}" for entry in refused)

    def visit(self, path: str, status: int = 200):
        self.collect()
        response = self.page.goto(self.base + path)
        assert response.status == status, f"{path}: {response.status}"
        return response

    def close(self):
        if not self.closed:
            self.collect()
            self.context.close()
            self.closed = True


@pytest.fixture
def walks(browser, seeded_live_server):
    opened: list[Walk] = []

    def open_walk() -> Walk:
        opened.append(Walk(browser, seeded_live_server.url))
        return opened[-1]

    yield open_walk
    for walk in opened:
        walk.close()


def sign_in(walk: Walk, username: str):
    walk.visit("/accounts/login/")
    walk.page.get_by_label("Username").fill(username)
    walk.page.get_by_label("Password").fill(PASSWORD)
    walk.page.get_by_role("button", name="Sign in").click()
    expect(walk.page).to_have_url(walk.base + "/editor/")
    walk.page.wait_for_load_state("load")


def reader_pages(walk: Walk):
    """Home, the timeline with its filters, paging and embed-code panel, a
    claim, the embed and the machine-readable answers."""
    page = walk.page
    walk.visit("/")
    walk.visit(TIMELINE)
    expect(page.locator("li.event")).to_have_count(5)  # TIMELINE_PAGE_SIZE
    page.locator("#more-events").scroll_into_view_if_needed()  # the next page (htmx)
    expect(page.locator("li.event")).to_have_count(10)
    page.get_by_label("Search events and claims").press_sequentially("Musk", delay=40)  # a filter (htmx)
    expect(page).to_have_url(re.compile(r"\?q=Musk$"))
    expect(page.locator("li.event")).to_have_count(1)
    page.get_by_label("Verdict").select_option("false")
    expect(page).to_have_url(re.compile(r"verdict=false"))
    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator("li.event")).to_have_count(5)
    cpac = page.locator("li.event", has_text="CPAC")
    cpac.locator(".event__title a").click()  # details in place (htmx)
    expect(cpac.locator(".event__details")).to_be_visible()

    # The embed-code panel (htmx) and its preview, the real embed in a frame.
    panel = page.locator("#embed-generator")
    panel.locator("summary").click()
    preview = panel.locator(".embed-generator__frame iframe")
    expect(preview).to_have_attribute("src", f"{walk.base}/embed/timelines/milei-trump/")
    expect(panel.locator(".embed-generator__update")).to_be_hidden()  # its script runs
    panel.get_by_label("Dark", exact=True).check()
    expect(preview).to_have_attribute("src", re.compile(r"\?theme=dark$"))
    frame = preview.element_handle().content_frame()
    frame.wait_for_selector("#embed")
    page.wait_for_timeout(300)  # the frame's loader script runs and reports its height
    walk.collect()

    claim = Claim.objects.filter(published=True).order_by("pk").first()
    walk.visit(f"/claims/{claim.pk}/")
    with page.expect_response(polled):  # the embed asks whether it changed (EMBED_POLL_SECONDS)
        walk.visit("/embed/timelines/milei-trump/")
    walk.visit("/embed/timelines/milei-trump/?theme=dark&order=newest&lang=es")
    walk.visit("/embed/timelines/milei-trump/?theme=neon", status=400)
    walk.visit("/oembed/?format=json&url=" + quote(walk.base + TIMELINE, safe=""))
    walk.visit("/api/timelines/milei-trump.json")
    walk.visit("/feeds/verdicts/")
    walk.visit("/healthz")


def editor_pages(walk: Walk):
    """The queue, a claim's page with a verdict changed (htmx), the ingest
    page (the date read as typed, htmx) and its review with a proposal
    rejected (htmx)."""
    page = walk.page
    claim = Claim.objects.get(uid="seed-claim-10")
    walk.visit("/editor/")
    page.locator(f"#claim-{claim.pk} summary").click()  # the claim's form, fetched (htmx)
    expect(page.locator(f"#claim-{claim.pk} form.desk-form")).to_be_visible()

    walk.visit(f"/editor/claims/{claim.pk}/")
    card = page.locator(f"#claim-{claim.pk}")
    form = card.locator("form.desk-form")
    if not form.is_visible():
        card.locator("summary").click()
    form.get_by_label("Verdict").select_option(label="In review")
    form.get_by_role("button", name=re.compile("Save draft")).click()
    expect(card.locator(".desk-claim__message")).to_contain_text("In review")
    assert Claim.objects.get(pk=claim.pk).verdict.slug == "in-review"

    walk.visit("/editor/ingest/")
    page.get_by_label("Headline").fill("The governors' meeting")
    page.get_by_label("Outlet").fill("Test Wire")
    page.locator("#id_published_0").fill("2025-03-12")
    expect(page.locator(".fuzzy-date__reading")).to_contain_text("12 March 2025")  # (htmx)
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_role("button", name="Find events and claims").click()
    expect(page).to_have_url(re.compile(r"/editor/ingest/.+"))
    page.wait_for_load_state("load")
    event = page.locator("section[aria-labelledby='events-heading'] article.proposal").first
    event.get_by_role("button", name="Reject").click()  # (htmx)
    expect(event).to_contain_text("Rejected.")


def admin_pages(walk: Walk):
    """The admin's index, changelists and change forms, with its widgets:
    autocomplete, the calendar, inline rows, the date in words (htmx) and
    the slug filled from the title."""
    page = walk.page
    walk.visit("/admin/")
    walk.visit("/admin/factcheck/claim/")
    page.locator("#changelist-search input[name=q]").fill("Trump")
    page.locator("#changelist-search input[type=submit]").click()
    page.wait_for_load_state("load")
    walk.visit("/admin/factcheck/verdictchange/")

    claim = Claim.objects.filter(published=True).order_by("pk").first()
    walk.visit(f"/admin/factcheck/claim/{claim.pk}/change/")
    page.locator(".field-claimant .select2-selection").click()  # autocomplete
    page.locator(".select2-search__field").fill("Milei")
    expect(page.locator(".select2-results__option", has_text="Javier Milei")).to_be_visible()
    page.keyboard.press("Escape")
    rows = page.locator("#sources-group .inline-related:not(.empty-form)")
    count = rows.count()
    page.locator("#sources-group .add-row a").click()  # an inline row
    expect(rows).to_have_count(count + 1)

    walk.visit(f"/admin/timeline/article/{Article.objects.order_by('pk').first().pk}/change/")
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()  # the date widget
    page.locator(".datetimeshortcuts .date-icon").first.click()  # and its calendar
    expect(page.locator(".calendarbox").first).to_be_visible()

    walk.visit(f"/admin/timeline/event/{Event.objects.order_by('pk').first().pk}/change/")
    expect(page.locator(".fuzzy-date__reading").first).not_to_be_empty()  # the date in words (htmx)
    page.locator(".field-actors .select2-selection").click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.keyboard.press("Escape")

    walk.visit("/admin/timeline/timeline/add/")
    page.get_by_label("Title").press_sequentially("A new timeline")
    expect(page.get_by_label("Slug")).to_have_value("a-new-timeline")  # prepopulated


@pytest.mark.urls("tests.error_urls")
def test_no_page_breaks_the_policy(walks, settings):
    settings.TIMELINE_PAGE_SIZE = 5
    settings.EMBED_POLL_SECONDS = 1
    make_editor("csp-staff", staff=True)
    make_reader("csp-reader")

    editor = walks()
    sign_in(editor, "csp-staff")
    editor_pages(editor)
    reader_pages(editor)
    admin_pages(editor)
    editor.visit("/no-such-page/", status=404)
    editor.visit("/claims/999999/", status=404)
    editor.visit("/test-only/bug/", status=500)
    editor.visit("/test-only/database-down/", status=503)
    editor.close()

    # Signed in without editor rights: the 403 page.
    reader = walks()
    sign_in(reader, "csp-reader")
    expect(reader.page.locator("h1")).to_have_text("You cannot do this here")
    reader.close()

    # Signed out: the admin's sign-in, and a form sent without its CSRF
    # cookie (Django's own page for that has an inline <style>).
    anonymous = walks()
    anonymous.visit("/admin/login/")
    anonymous.visit("/accounts/login/")
    anonymous.context.clear_cookies()
    anonymous.page.get_by_label("Username").fill("csp-reader")
    anonymous.page.get_by_label("Password").fill(PASSWORD)
    anonymous.page.get_by_role("button", name="Sign in").click()
    expect(anonymous.page.locator("h1")).to_have_text("This form could not be sent")
    anonymous.close()

    problems = editor.problems + reader.problems + anonymous.problems
    assert problems == [], "\n".join(problems)

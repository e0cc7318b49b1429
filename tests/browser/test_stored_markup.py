"""Script and markup stored in every text field do not run, in Chromium, on
any page that shows them: readers' pages and the fragments HTMX swaps in,
the embed and its code panel, a newsroom's page with the oEmbed HTML or
TimelineJS reading our API, the editors' desk, the back office and the
ingest review.

The browser context ignores the Content-Security-Policy (`bypass_csp`), so
what is proved is the escaping, not the policy. Every payload that ran
would set `window.__pwned` or open an alert (tests/bad_input/payloads.py).
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.bad_input.payloads import MARK, PAYLOADS, ingest_form, store_markup

from .other_origin import js_deps, other_origin  # noqa: F401
from .test_timelinejs import HOST_SCRIPT, TIMELINEJS_PAGE

SCRIPT_LINKS = 'a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i]'


class Watch:
    """A browser context without CSP that records every alert and, after
    each page, whether any frame of it ran a payload."""

    def __init__(self, browser, base_url: str):
        self.context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.base_url = base_url
        self.alerts: list[str] = []
        self.ran: list[str] = []
        self.context.on("page", lambda page: page.on("dialog", self._dialog))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.alerts.append(f"{dialog.type}: {dialog.message} on {dialog.page.url if dialog.page else '?'}")
        dialog.dismiss()

    def sign_in(self, user) -> Client:
        client = Client()
        client.force_login(user)
        self.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": self.base_url,
                }
            ]
        )
        return client

    def visit(self, path_or_url: str):
        url = path_or_url if path_or_url.startswith("http") else self.base_url + path_or_url
        response = self.page.goto(url)
        assert response is not None and response.status < 400, (url, response and response.status)
        self.settle(url)

    def settle(self, where: str):
        """Wait for images to fail (onerror) and fragments to land, then look."""
        self.page.wait_for_load_state("networkidle")
        for frame in self.page.frames:
            try:
                if frame.evaluate(f"typeof window.{MARK} !== 'undefined'"):
                    self.ran.append(f"{where} (frame {frame.url})")
            except Exception as error:  # a frame that navigated away meanwhile
                if "detached" not in str(error).lower():
                    raise
            assert frame.locator(SCRIPT_LINKS).count() == 0, f"a script link on {where} (frame {frame.url})"

    def assert_nothing_ran(self):
        assert self.ran == [] and self.alerts == [], {"ran": self.ran, "alerts": self.alerts}

    def close(self):
        self.context.close()


@pytest.fixture
def stored(live_server, transactional_db):
    return store_markup()


@pytest.fixture
def watch(browser, live_server):
    watch = Watch(browser, live_server.url)
    yield watch
    watch.close()


def test_the_watch_sees_a_payload_that_runs(watch):
    """The check is not blind: the same payloads, not escaped, are caught."""
    watch.page.set_content(f"<p>{PAYLOADS[0]}</p><p>{PAYLOADS[1]}</p>")
    watch.settle("a page that does not escape")
    assert watch.ran and watch.alerts


def test_readers_pages_and_their_fragments(watch, stored):
    for path in stored.public_pages():
        watch.visit(path)
    # HTMX fragments: open an event's details in place, then search.
    watch.visit(f"/timelines/{stored.timeline.slug}/")
    event = watch.page.locator(f"#event-{stored.event.pk}")
    event.locator(".event__title a").click()
    expect(event).to_have_class("event event--open")
    watch.settle("the event opened in place")
    watch.page.locator("#filter-q").fill("Before")
    watch.page.locator("#filter-q").press("Enter")
    expect(watch.page).to_have_url(f"{watch.base_url}/timelines/{stored.timeline.slug}/?q=Before")
    watch.settle("search results")
    watch.assert_nothing_ran()


def test_a_newsroom_page_with_the_oembed_html_and_one_with_timelinejs(
    watch,
    stored,
    other_origin,
    js_deps,  # noqa: F811
):
    page_url = f"{watch.base_url}/timelines/{stored.timeline.slug}/"
    oembed = Client().get("/oembed/", {"url": page_url}, HTTP_HOST=watch.base_url.split("//", 1)[1])
    assert oembed.status_code == 200
    snippet = oembed.json()["html"]
    assert MARK in snippet
    watch.visit(other_origin.write("article.html", f"<!doctype html><title>A newsroom</title><main>{snippet}</main>"))
    expect(watch.page.frame_locator("iframe[data-claim-timeline]").locator("h1")).to_contain_text(MARK)
    watch.settle("a newsroom page with the oEmbed HTML")

    other_origin.write("timelinejs-host.js", HOST_SCRIPT)
    source = f"{watch.base_url}/api/timelines/{stored.timeline.slug}.json"
    watch.visit(other_origin.write("timelinejs.html", TIMELINEJS_PAGE.format(source=source)))
    expect(watch.page.locator(".tl-slide:not(.tl-slide-titleslide) .tl-headline")).to_have_text([stored.event.title])
    watch.page.locator(".tl-slidenav-next").first.click()
    watch.settle("TimelineJS with our JSON")
    watch.assert_nothing_ran()


def test_the_desk_the_back_office_and_the_ingest_review(watch, stored):
    client = watch.sign_in(stored.editor)
    for path in stored.editor_pages():
        watch.visit(path)
    # The claim's form, fetched into its card by HTMX.
    watch.visit("/editor/")
    card = watch.page.locator(f"#claim-{stored.claim.pk}")
    card.locator("summary", has_text="Change verdict").click()
    expect(card.locator("form.desk-form")).to_be_visible()
    watch.settle("the claim's form in the queue")
    for path in stored.admin_pages():
        watch.visit(path)
    response = client.post("/editor/ingest/", ingest_form())
    assert response.status_code == 302
    watch.visit(response["Location"])
    expect(watch.page.locator("h1")).to_contain_text(MARK)
    watch.assert_nothing_ran()


def test_the_claim_review_json_ld_is_one_block_that_browsers_read_whole(watch, stored):
    watch.visit(f"/claims/{stored.claim.pk}/")
    blocks = watch.page.locator('script[type="application/ld+json"]')
    expect(blocks).to_have_count(1)
    data = json.loads(blocks.text_content())
    assert data["claimReviewed"] == stored.claim.quote
    watch.assert_nothing_ran()

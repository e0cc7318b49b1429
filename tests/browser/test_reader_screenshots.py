"""Screenshots of the reader's pages at phone and desktop width, light and
dark, English and Spanish, and as printed: written to var/screenshots/ for a
person to look at, and checked for what a person would notice first."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PATH = "/timelines/milei-trump/"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_timeline_at_phone_and_desktop_width(seeded_live_server, browser, width, scheme, language):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, locale=language, is_mobile=width < 600
    )
    page = context.new_page()
    try:
        page.goto(seeded_live_server.url + PATH)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"timeline-{width}-{scheme}-{language}-first-screen.png")
        cpac = page.locator("li.event").nth(4)
        cpac.locator(".event__title a").click()
        expect(cpac.locator(".event__details")).to_be_visible()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"timeline-{width}-{scheme}-{language}.png", full_page=True)

        # Nothing is wider than the screen, and the search is in the first screenful.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        box = page.get_by_role("searchbox").bounding_box()
        assert box and box["y"] + box["height"] < 900
        # Controls are large enough to touch (WCAG 2.2 target size, 24 px).
        for control in page.locator("form.filters select, form.filters input, form.filters button").all():
            assert control.bounding_box()["height"] >= 24
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_claim_page_at_phone_and_desktop_width(seeded_live_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page = context.new_page()
    try:
        page.goto(seeded_live_server.url + "/")
        page.locator("li.claim-item", has_text="Panama Canal").get_by_role("link").click()
        expect(page.locator(".verdict-box .verdict")).to_have_text("False")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"claim-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_the_printed_timeline_keeps_the_content_and_drops_the_controls(seeded_live_server, browser):
    context = browser.new_context(viewport={"width": 800, "height": 1100})
    page = context.new_page()
    try:
        page.goto(seeded_live_server.url + PATH)
        page.emulate_media(media="print")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / "timeline-print.png", full_page=True)
        for hidden in ("form.filters", ".site-header", ".year-nav", ".more"):
            expect(page.locator(hidden).first).to_be_hidden()
        expect(page.locator("li.event")).to_have_count(13)
        expect(page.locator("li.claim-item .verdict").first).to_be_visible()
    finally:
        context.close()

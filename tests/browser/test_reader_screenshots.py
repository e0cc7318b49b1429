"""Screenshots of the reader's pages at phone and desktop width, light and
dark, English and Spanish, and as printed: written to var/screenshots/ for a
person to look at, and checked for what a person would notice first."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from factcheck.models import Claim
from timeline.models import Event

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PATH = "/timelines/milei-trump/"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_timeline_at_phone_and_desktop_width(seeded_site, browser, width, scheme, language):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, locale=language, is_mobile=width < 600
    )
    page = context.new_page()
    try:
        page.goto(seeded_site.url + PATH)
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
def test_the_claim_page_at_phone_and_desktop_width(seeded_site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page = context.new_page()
    try:
        page.goto(seeded_site.url + "/")
        page.locator("li.claim-item", has_text="Panama Canal").get_by_role("link").click()
        expect(page.locator(".verdict-box .verdict")).to_have_text("False")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"claim-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


# On paper: what must not print (navigation and controls), and what each link prints after its text.
NOT_PRINTED = (
    "form.filters", ".site-header", ".site-nav", ".language-switch", ".skip-link", ".breadcrumbs",
    ".year-nav", ".more", ".embed-generator", ".pager", "button", ".button",
)
PRINTED_LINKS = """() => [...document.querySelectorAll("a[href]")].filter((a) => a.checkVisibility()).map((a) => ({
  text: a.innerText.trim().slice(0, 40), href: a.getAttribute("href"), printHref: a.dataset.printHref || null,
  after: getComputedStyle(a, "::after").content,
}))"""
PRINTED_SUMMARY = """(el) => ({
  text: el.innerText.replace(/\\s+/g, " ").trim(), clamped: el.scrollHeight > el.clientHeight + 1,
})"""


def check_the_printout(page, root: str, path: str) -> list[str]:
    """What is wrong with the page as printed (media emulated): the header,
    the links' addresses, the navigation."""
    problems = []
    header = page.locator(".print-header")
    if not header.is_visible():
        problems.append(f"{path}: no newsroom and address at the top")
    else:
        expected = f"{settings.NEWSROOM_NAME} · {root}{path}"
        if header.inner_text().strip() != expected:
            problems.append(f"{path}: the top line reads {header.inner_text()!r}, not {expected!r}")
        if header.bounding_box()["y"] > page.locator("main").bounding_box()["y"]:
            problems.append(f"{path}: the newsroom and address are not at the top")
    for link in page.evaluate(PRINTED_LINKS):
        href, after = link["href"], link["after"]
        if href.startswith(("#", "javascript:")):
            if after not in ("none", "normal", ""):
                problems.append(f"{path}: the in-page link {link['text']!r} prints {after}")
            continue
        address = link["printHref"] or href
        if not address.startswith(("http://", "https://")):
            problems.append(f"{path}: the link {link['text']!r} ({href}) prints no whole address")
        elif link["printHref"] and not address.startswith(root + "/"):
            problems.append(f"{path}: the site link {link['text']!r} prints {address}, not an address on {root}")
        elif after != f'" ({address})"':
            problems.append(f"{path}: the link {link['text']!r} prints {after}, not its address {address}")
    for selector in NOT_PRINTED:
        shown = page.evaluate(f"[...document.querySelectorAll({selector!r})].filter((el) => el.checkVisibility()).length")
        if shown:
            problems.append(f"{path}: {shown} × {selector} printed")
    return problems


def test_the_printed_timeline_keeps_the_content_and_drops_the_controls(seeded_site, browser):
    root = settings.SITE_URL or seeded_site.url
    context = browser.new_context(viewport={"width": 800, "height": 1100})
    page = context.new_page()
    try:
        page.goto(seeded_site.url + PATH)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.pdf(path=SHOTS / "timeline-print.pdf", format="A4")
        page.emulate_media(media="print")
        page.screenshot(path=SHOTS / "timeline-print.png", full_page=True)
        for hidden in ("form.filters", ".site-header", ".year-nav", ".more"):
            expect(page.locator(hidden).first).to_be_hidden()
        expect(page.locator("li.event")).to_have_count(13)
        expect(page.locator("li.claim-item .verdict").first).to_be_visible()
        problems = check_the_printout(page, root, PATH)

        # Every summary prints whole: as the database has it, never cut short.
        events = Event.objects.filter(timelines__slug="milei-trump", published=True).exclude(summary="")
        assert any(len(event.summary.split()) > 26 for event in events)  # ones the screen shows cut
        for event in events:
            printed = page.locator(f"#event-{event.pk} .event__summary").evaluate(PRINTED_SUMMARY)
            if printed["text"] != " ".join(event.summary.split()) or printed["text"].endswith("…") or printed["clamped"]:
                problems.append(f"{PATH}: the summary of {event.title!r} prints as {printed}, not whole")

        # The other reader pages: the top line, the links, no navigation.
        claim = Claim.objects.get(uid="seed-claim-12")
        for path in ("/", "/timelines/", f"/claims/{claim.pk}/"):
            page.emulate_media(media="screen")
            page.goto(seeded_site.url + path)
            page.emulate_media(media="print")
            problems += check_the_printout(page, root, path)
        assert not problems, "\n".join(problems)
    finally:
        context.close()

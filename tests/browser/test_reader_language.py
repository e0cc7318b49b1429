"""The Spanish interface in Chromium: from the browser's language, and from
the switch, which keeps the reader on the same view."""

import re

import pytest
from playwright.sync_api import expect

PATH = "/timelines/milei-trump/"


@pytest.fixture
def spanish_page(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="es-AR", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_a_spanish_browser_gets_the_whole_interface_in_spanish(seeded_live_server, spanish_page):
    page = spanish_page
    page.goto(seeded_live_server.url + PATH)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("search", name="Filtrar la cronología")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("13 hechos y 14 afirmaciones.")
    expect(page.locator("time[datetime='2024-07']")).to_have_text("julio de 2024")
    expect(page.locator("time[datetime='2024-11-14']")).to_have_text("14 de noviembre de 2024")
    expect(page.locator("li.claim-item", has_text="Panama Canal").locator(".verdict")).to_have_text("Falso")

    page.get_by_label("Calificación").select_option("mostly-accurate")
    expect(page.get_by_role("status")).to_have_text("Se encontraron 3 hechos y 4 afirmaciones.")
    imf = page.locator("li.event").first
    imf.locator(".event__title a").click()
    expect(imf.get_by_role("link", name=re.compile("Ocultar detalles"))).to_be_visible()
    expect(imf.locator(".event__details h4")).to_have_text("Fuentes")
    # No English interface text is left on the page (the article's own words are English content).
    interface = page.evaluate(
        """() => Array.from(document.querySelectorAll('body *:not([lang="en"]):not([lang="en"] *)'))
             .flatMap(el => Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent.trim()))
             .filter(Boolean).join(' | ')"""
    )
    for english in ("Hide details", "Verdict", "Search", "events", "claims", "Sources", "Fact-check", "Found"):
        assert english not in interface, english


def test_the_switch_changes_the_language_and_keeps_the_view(seeded_live_server, page):
    page.goto(seeded_live_server.url + PATH)
    page.get_by_label("Verdict").select_option("false")
    expect(page).to_have_url(re.compile(r"\?verdict=false$"))

    page.get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page).to_have_url(re.compile(r"/timelines/milei-trump/\?verdict=false$"))
    expect(page.get_by_role("status")).to_have_text("Se encontraron 1 hecho y 1 afirmación.")
    expect(page.get_by_role("button", name="Español")).to_have_attribute("aria-current", "true")

    page.goto(seeded_live_server.url + "/")  # the choice is remembered (a cookie)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

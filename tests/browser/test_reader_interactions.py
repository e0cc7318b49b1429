"""Filters, search, details in place and paging in Chromium: with htmx, and
the same through plain links and forms with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_long_timeline
from timeline.models import Event

PATH = "/timelines/milei-trump/"


def htmx_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if request.headers.get("hx-request") else None)
    return requests


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def long_timeline(transactional_db, settings):
    settings.TIMELINE_PAGE_SIZE = 20
    return make_long_timeline(45, years=3)


def test_search_waits_for_a_pause_updates_the_url_and_back_restores_each_view(seeded_live_server, page):
    page.goto(seeded_live_server.url + PATH)
    events = page.locator("li.event")
    expect(events).to_have_count(13)
    asked = htmx_requests(page)

    search = page.get_by_label("Search events and claims")
    search.press_sequentially("Musk", delay=60)
    expect(page).to_have_url(re.compile(r"\?q=Musk$"))
    expect(events).to_have_count(1)
    expect(events.first).to_contain_text("Elon Musk")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"Found 1 event and 1 claim\."))
    assert len(asked) == 1, asked  # one request for the word, not one per key
    expect(search).to_be_focused()

    page.get_by_label("From the year").select_option("2025")
    expect(page).to_have_url(re.compile(r"\?q=Musk&from=2025$"))
    expect(events).to_have_count(0)
    expect(page.locator(".empty")).to_have_text("No events match these filters.")

    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=Musk$"))
    expect(events).to_have_count(1)
    expect(search).to_have_value("Musk")
    expect(page.get_by_label("From the year")).to_have_value("")

    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(PATH) + "$"))
    expect(events).to_have_count(13)
    expect(search).to_have_value("")

    page.go_forward()
    expect(events).to_have_count(1)
    expect(search).to_have_value("Musk")


def test_a_verdict_filter_is_a_shareable_url(seeded_live_server, page):
    page.goto(seeded_live_server.url + PATH)
    page.get_by_label("Verdict").select_option("false")
    expect(page).to_have_url(re.compile(r"\?verdict=false$"))
    expect(page.locator("li.event")).to_have_count(1)
    expect(page.locator("li.claim-item .verdict")).to_have_text(["False"])

    shared = page.url
    page.goto(seeded_live_server.url + "/")
    page.goto(shared)
    expect(page.locator("li.event")).to_have_count(1)
    expect(page.get_by_label("Verdict")).to_have_value("false")

    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator("li.event")).to_have_count(13)
    expect(page.get_by_label("Verdict")).to_have_value("")
    expect(page).to_have_url(re.compile(re.escape(PATH) + "$"))


def test_details_open_and_close_in_place_keeping_focus_where_the_reader_is(seeded_live_server, page):
    page.goto(seeded_live_server.url + PATH)
    cpac = page.locator("li.event", has_text="CPAC")
    title = cpac.locator(".event__title a")
    expect(title).to_have_attribute("aria-expanded", "false")
    expect(cpac).not_to_contain_text("They first met in person")

    title.focus()
    page.keyboard.press("Enter")
    expect(cpac.locator(".event__details")).to_contain_text("CPAC 2024 coverage, 24 February 2024")
    expect(cpac).to_contain_text("They first met in person at CPAC")
    expect(cpac).to_contain_text("they hug, and Trump praises him.")
    expect(title).to_have_attribute("aria-expanded", "true")
    expect(title).to_be_focused()
    expect(page).to_have_url(re.compile(re.escape(PATH) + "$"))  # the page did not reload or move

    page.keyboard.press("Enter")  # the title closes them again
    expect(cpac.locator(".event__details")).to_have_count(0)
    expect(title).to_have_attribute("aria-expanded", "false")
    expect(title).to_be_focused()

    title.click()
    cpac.get_by_role("link", name=re.compile("^Hide details")).click()  # or the link at their end
    expect(cpac.locator(".event__details")).to_have_count(0)
    expect(title).to_be_focused()
    expect(page.locator("li.event")).to_have_count(13)


def test_a_long_timeline_loads_page_after_page_to_the_end(live_server, long_timeline, page):
    page.goto(live_server.url + long_timeline.get_absolute_url())
    events = page.locator("li.event")
    expect(events).to_have_count(20)
    for expected in (40, 45):
        page.locator("#more-events").scroll_into_view_if_needed()
        expect(events).to_have_count(expected)
    expect(page.locator("#more-events")).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text("Showing 1–45 of 45.")
    # Each year once, in order, every event under its own year.
    expect(page.locator("h2.year__heading")).to_have_text(["2001", "2002", "2003"])
    for year in ("2001", "2002", "2003"):
        expect(page.locator(f"#events-{year} > li.event")).to_have_count(15)
    dates = events.locator(".event__date time").evaluate_all("times => times.map(t => t.dateTime)")
    assert dates == sorted(dates) and len(dates) == 45
    assert len(set(events.locator(".event__title").all_inner_texts())) == 45
    assert "page=" not in page.url


def test_more_events_from_the_keyboard_moves_focus_to_the_first_new_event(live_server, long_timeline, page):
    page.goto(live_server.url + long_timeline.get_absolute_url())
    expect(page.locator("li.event")).to_have_count(20)
    page.get_by_role("link", name="More events").focus()
    expect(page.locator("li.event")).to_have_count(40)
    expect(page.locator("li.event").nth(20).locator(".event__title a")).to_be_focused()


def test_without_javascript_forms_and_links_do_the_same(seeded_live_server, no_js_page):
    page = no_js_page
    page.goto(seeded_live_server.url + PATH)
    page.get_by_label("Verdict").select_option("false")
    page.get_by_label("Search events and claims").fill("canal")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"q=canal.*verdict=false"))
    expect(page.locator("li.event")).to_have_count(1)
    expect(page.get_by_role("status")).to_contain_text("Found 1 event and 1 claim.")

    page.locator(".event__title a").click()
    expect(page).to_have_url(re.compile(r"open=\d+#event-\d+$"))
    expect(page.locator(".event__details")).to_contain_text("Trump's inaugural address, 20 January 2025")
    page.get_by_role("link", name=re.compile("^Hide details")).click()
    expect(page.locator(".event__details")).to_have_count(0)
    expect(page.get_by_label("Verdict")).to_have_value("false")

    # The embed code is there to select; "Copy", which needs the script, is not.
    page.locator("#embed-generator summary").click()
    page.get_by_role("link", name="Get the code to embed this timeline").click()
    expect(page.locator("#embed-code-script")).to_be_visible()
    expect(page.locator(".embed-generator__copy")).to_have_count(2)
    expect(page.locator(".embed-generator__copy").first).to_be_hidden()


def test_without_javascript_a_long_timeline_pages_by_links(live_server, long_timeline, no_js_page):
    page = no_js_page
    page.goto(live_server.url + long_timeline.get_absolute_url())
    expect(page.locator("li.event")).to_have_count(20)
    page.get_by_role("link", name="More events").click()
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    expect(page.locator("li.event")).to_have_count(20)
    expect(page.get_by_role("link", name="Earlier events")).to_be_visible()
    page.get_by_role("link", name="More events").click()
    expect(page.locator("li.event")).to_have_count(5)
    expect(page.get_by_role("link", name="More events")).to_have_count(0)

    page.get_by_role("navigation", name="Jump to year").get_by_role("link", name="2001").click()
    expect(page).to_have_url(re.compile(r"\?page=1#year-2001$"))
    expect(page.locator("li.event").first).to_contain_text("Event 00000")


def test_a_link_to_an_event_on_a_later_page_finds_it(live_server, long_timeline, page):
    late = Event.objects.filter(timelines=long_timeline).order_by("-date", "-id").first()
    page.goto(f"{live_server.url}{long_timeline.get_absolute_url()}#event-{late.pk}")
    expect(page.locator(f"#event-{late.pk}")).to_be_visible()
    expect(page.locator(f"#event-{late.pk}")).to_have_class(re.compile("event--open"))

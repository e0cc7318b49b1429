"""What a reader sees of the seed timeline, in a real browser."""

import re

from playwright.sync_api import expect


def test_a_reader_sees_every_seed_event_at_its_precision_and_every_claim_with_its_verdict(seeded_live_server, page):
    page.goto(f"{seeded_live_server.url}/timelines/milei-trump/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Milei and Trump: a timeline")
    events = page.locator("li.event")
    expect(events).to_have_count(13)
    # Year headings in order, and dates at the precision they are known to.
    expect(page.locator("h2.year__heading")).to_have_text(["2018", "2021", "2023", "2024", "2025", re.compile("Other claims")])
    expect(page.locator("#timeline-events time[datetime='2024-07']")).to_have_text("July 2024")
    expect(page.locator("#timeline-events time[datetime='2024-02-24']")).to_have_text("24 February 2024")
    expect(page.locator("#timeline-events time[datetime='2025-01']")).to_have_text("January 2025")

    claims = page.locator("li.claim-item")
    expect(claims).to_have_count(14)
    cpac = page.locator("li.event", has_text="CPAC")
    expect(cpac.locator(".verdict")).to_have_text(["Accurate", "Unverified"])
    panama = page.locator("li.claim-item", has_text="Panama Canal")
    expect(panama.locator(".verdict")).to_have_text("False")


def test_a_reader_follows_a_claim_to_its_fact_check(seeded_live_server, phone_page):
    phone_page.goto(f"{seeded_live_server.url}/")
    phone_page.locator("li.claim-item", has_text="47 million").get_by_role("link", name=re.compile("Fact-check")).click()

    expect(phone_page.get_by_role("heading", level=1)).to_contain_text("47 million")
    expect(phone_page.locator(".verdict-box .verdict")).to_have_text("Mostly accurate")
    expect(phone_page.locator(".in-context mark")).to_have_text("Argentina’s 47 million citizens")
    expect(phone_page.locator(".sources li")).to_have_text(["INDEC, 2022 national census"])
    # Nothing is wider than the phone's screen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_reader_finds_a_timeline_from_the_header_on_a_phone(seeded_live_server, phone_page):
    phone_page.goto(f"{seeded_live_server.url}/")
    phone_page.locator(".site-header").get_by_role("link", name="Timelines").click()

    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Timelines")
    card = phone_page.locator(".timeline-card--featured")
    expect(card).to_contain_text("Featured on the home page")
    expect(card.locator(".timeline-card__counts")).to_have_text("13 events · 14 claims")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    card.get_by_role("link", name="Milei and Trump: a timeline").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Milei and Trump: a timeline")

"""An editor turns the seed article into timeline events and claims in a
real browser: paste, review the proposals, accept some one by one (HTMX),
and readers see them on the timeline."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

from timeline.models import Timeline

SEED = (Path(__file__).resolve().parents[2] / "seeds" / "article.txt").read_text(encoding="utf-8")
PASSWORD = "a long enough test password"


@pytest.fixture
def editor_server(live_server, transactional_db):
    user = User.objects.create_user("desk", password=PASSWORD)
    for codename in ("add_article", "add_event", "add_claim"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    Timeline.objects.create(slug="argentina", title="Argentina and the United States", published=True)
    return live_server


def proposal(page, section, text):
    """The proposal whose heading holds `text` (a claim's event picker names events too)."""
    proposals = page.locator(f"section[aria-labelledby='{section}-heading'] article.proposal")
    return proposals.filter(has=page.locator(".proposal__head", has_text=text))


def test_an_editor_accepts_proposed_events_and_claims_and_readers_see_them(editor_server, page):
    page.goto(f"{editor_server.url}/editor/ingest/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/editor/ingest/"))
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/editor/ingest/$"))
    page.wait_for_load_state()  # htmx is ready: a field filled before it would never be read

    page.get_by_label("Headline").fill("Milei's ties to Trump bring Argentina into the spotlight")
    page.get_by_label("Outlet").fill("Courthouse News")
    page.locator("#id_published_0").fill("2025-01-22")
    expect(page.locator(".fuzzy-date__reading")).to_contain_text("22 January 2025")
    page.get_by_label("The date is estimated").check()
    # A new timeline for the article is the default; this one goes to the desk's timeline.
    expect(page.get_by_label("Timeline")).to_have_value("new")
    page.get_by_label("Timeline").select_option(label="Argentina and the United States")
    page.get_by_label("Article text").fill(SEED)
    page.get_by_role("button", name="Find events and claims").click()

    # The dated events, each at the precision the article gives.
    events = page.locator("section[aria-labelledby='events-heading'] article.proposal")
    expect(events).to_have_count(5)
    cpac = proposal(page, "events", "CPAC")
    expect(cpac.locator(".proposal__date time")).to_have_attribute("datetime", "2024-02")
    mar_a_lago = proposal(page, "events", "Mar-a-Lago")
    expect(mar_a_lago.locator(".proposal__date time")).to_have_attribute("datetime", "2024-11")
    imf = proposal(page, "events", "record-breaking $57 billion loan")
    expect(imf.locator(".proposal__date time")).to_have_text("2018")
    expect(proposal(page, "events", "Marco Rubio").locator(".proposal__date time")).to_have_attribute("datetime", "2025-01")
    expect(proposal(page, "events", "Paris Agreement").locator(".proposal__date time")).to_have_text("2024")
    # The article's checkable claims.
    for words in ("make Argentina great again", "47 million", "only sitting president", "record-breaking $57 billion",
                  "has yet to take concrete action", "Panama Canal"):
        expect(proposal(page, "claims", words)).to_have_count(1)
    expect(proposal(page, "claims", "make Argentina great again")).to_contain_text("Donald Trump")
    expect(page.locator("a.hl-date", has_text="about a year ago")).to_have_count(1)
    review_url = page.url

    # Accept one by one: the proposal turns into what was saved, the page stays.
    # Nothing is published unless the editor ticks it.
    expect(cpac.get_by_label("Publish on the timeline")).not_to_be_checked()
    cpac.get_by_label("Title").fill("Milei speaks at CPAC and meets Trump for the first time")
    cpac.get_by_label("Publish on the timeline").check()
    cpac.get_by_role("button", name="Accept").click()
    expect(proposal(page, "events", "CPAC")).to_contain_text(
        "Saved as the event “Milei speaks at CPAC and meets Trump for the first time” on Argentina and the United States"
    )
    mar_a_lago.get_by_label("Title").fill("Milei attends the America First Policy Institute gala at Mar-a-Lago")
    mar_a_lago.get_by_label("Publish on the timeline").check()
    mar_a_lago.get_by_role("button", name="Accept").click()
    expect(proposal(page, "events", "Mar-a-Lago")).to_contain_text("Saved as the event")
    imf.get_by_label("Publish on the timeline").check()
    imf.get_by_role("button", name="Accept").click()
    expect(proposal(page, "events", "record-breaking $57 billion loan")).to_contain_text("Saved as the event")
    rubio = proposal(page, "events", "Marco Rubio")
    rubio.get_by_role("button", name="Reject").click()
    expect(proposal(page, "events", "Marco Rubio")).to_contain_text("Rejected.")
    only = proposal(page, "claims", "only sitting president")
    expect(only.locator("select[name$='-event'] option:checked")).to_contain_text("November 2024")  # its sentence's event
    only.get_by_label("Show it to readers as Unverified").check()
    only.get_by_role("button", name="Accept").click()
    expect(proposal(page, "claims", "only sitting president")).to_contain_text("Unverified")
    citizens = proposal(page, "claims", "47 million")
    citizens.get_by_label("Show it to readers as Unverified").check()
    citizens.get_by_role("button", name="Accept").click()
    expect(proposal(page, "claims", "47 million")).to_contain_text("shown to readers")
    assert page.url == review_url

    # Readers see them on the timeline, dated at their precision.
    page.goto(f"{editor_server.url}/timelines/argentina/")
    timeline_events = page.locator("li.event")
    expect(timeline_events).to_have_count(3)
    expect(page.locator("li.event", has_text="CPAC").locator(".event__date time")).to_have_text("February 2024")
    gala = page.locator("li.event", has_text="Mar-a-Lago")
    expect(gala.locator(".event__date time")).to_have_text("November 2024")
    expect(gala.locator("li.claim-item")).to_contain_text("only sitting president")
    expect(gala.locator("li.claim-item .verdict")).to_have_text("Unverified")
    expect(page.locator("li.event", has_text="record-breaking $57 billion loan").locator(".event__date time")).to_have_text("2018")
    expect(page.locator("li.event", has_text="Marco Rubio")).to_have_count(0)
    expect(page.locator("li.claim-item", has_text="47 million")).to_have_count(1)

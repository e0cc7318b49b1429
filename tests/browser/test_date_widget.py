"""The date widget in a real browser: an editor types dates key by key in
the admin's event form and in ingest proposals, the "Saves as" reading
follows the typing (every answer lands in the same <output>, however often
it is asked), and what is saved is what the reading said.

The desk (/editor/) edits claims and verdicts only; no date is typed there.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from timeline.models import Article, Event, Timeline

SEED = (Path(__file__).resolve().parents[2] / "seeds" / "article.txt").read_text(encoding="utf-8")
PASSWORD = "a long enough test password"
ARTICLE_DAY = datetime.date(2019, 5, 10)

# Typed, the reading shown after the last key (its <time datetime> and
# precision label, and a note), in a Spanish article of 10 May 2019.
ADMIN_DATES = [
    ("the 1990s", "1990", "decade", "the 1990s"),
    ("3/4/2024", "2024-04-03", "day", "read day first, as in Spanish"),
    ("ayer", "2019-05-09", "day", "counted from 10 May 2019"),
    ("los años noventa", "1990", "decade", "the 1990s"),
]
# The same in proposals of the seed article (English, 22 January 2025).
INGEST_DATES = [
    ("yesterday", "2025-01-21", "day", "counted from 22 January 2025"),
    ("3/4/2024", "2024-03-04", "day", "read month first, as in English"),
    ("the '90s", "1990", "decade", "the 1990s"),
]


@pytest.fixture
def admin_server(live_server, transactional_db):
    User.objects.create_superuser("chief", password=PASSWORD)
    Timeline.objects.create(slug="argentina", title="Argentina and the United States", published=True)
    return live_server


def watch(page, output):
    """Record every text the <output> shows from now on."""
    output.evaluate(
        "node => { node.readings = [];"
        " new MutationObserver(() => node.readings.push(node.textContent.trim()))"
        ".observe(node, {childList: true, subtree: true, characterData: true}); }"
    )


def type_date(page, box, output, typed):
    """Type `typed` key by key, pausing half-way so the reading answers the
    first half too; the readings it went through."""
    box.fill("")
    watch(page, output)
    half = max(1, len(typed) // 2)
    box.press_sequentially(typed[:half], delay=20)
    expect(output).to_contain_text(re.compile(r"\S"))
    page.wait_for_function("node => node.readings.length > 0", arg=output.element_handle())
    box.press_sequentially(typed[half:], delay=20)
    return output


def check_reading(page, output, iso, precision, note):
    expect(output.locator("time")).to_have_attribute("datetime", iso)
    expect(output).to_contain_text(f"({precision})")
    expect(output).to_contain_text(note)
    readings = output.evaluate("node => node.readings")
    assert len(set(readings)) >= 2, readings  # it followed the typing, not just the last key


def saved_as(event: Event) -> tuple[str, str]:
    event.refresh_from_db()
    return event.when.iso, event.date_precision


def test_the_reading_follows_the_typing_and_is_what_is_saved(admin_server, page):
    base = admin_server.url
    article = Article.objects.create(
        headline="Un artículo", outlet="Diario", published_on=ARTICLE_DAY, language="es", body="Texto del artículo."
    )
    event = Event.objects.create(title="Convertibilidad", date=datetime.date(2001, 1, 1), date_precision="year",
                                 article=article)
    page.goto(f"{base}/accounts/login/?next=/admin/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # The admin's event form: each date typed, read, saved.
    for typed, iso, precision, note in ADMIN_DATES:
        page.goto(f"{base}/admin/timeline/event/{event.pk}/change/")
        box, output = page.locator("#id_when_0"), page.locator("#when-reading")
        expect(output.locator("time")).to_have_count(1)  # the stored date, read with the page
        type_date(page, box, output, typed)
        check_reading(page, output, iso, precision, note)
        page.locator("input[name='_save']").click()
        expect(page).to_have_url(re.compile(r"/admin/timeline/event/$"))
        assert saved_as(event) == (iso, precision), typed

    # Ingest: a proposal's date typed twice over (the reading keeps
    # following), then accepted; the saved event has the date it showed.
    page.goto(f"{base}/editor/ingest/")
    page.get_by_label("Headline").fill("Milei's ties to Trump bring Argentina into the spotlight")
    page.get_by_label("Outlet").fill("Courthouse News")
    page.locator("#id_published_0").fill("2025-01-22")
    page.get_by_label("Article text").fill(SEED)
    page.get_by_role("button", name="Find events and claims").click()
    proposals = page.locator("section[aria-labelledby='events-heading'] article.proposal")
    expect(proposals.first).to_be_visible()
    for index, (typed, iso, precision, note) in enumerate(INGEST_DATES):
        item = proposals.nth(index)
        box, output = item.locator("input[name$='-when_0']"), item.locator("output.fuzzy-date__reading")
        type_date(page, box, output, "sometime")
        expect(output.locator("[role=alert]")).to_contain_text("Could not read")
        type_date(page, box, output, typed)
        check_reading(page, output, iso, precision, note)
        title = item.locator("input[name$='-title']").input_value()
        item.get_by_role("button", name="Accept").click()
        expect(proposals.nth(index)).to_contain_text("Saved as the event")
        assert saved_as(Event.objects.get(title=title.strip())) == (iso, precision), typed

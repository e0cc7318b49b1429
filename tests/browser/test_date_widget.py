"""The date widget in a real browser: an editor types dates key by key in
the admin's event form, in the desk (the dates of a claim's event, on the
claim's page) and in ingest proposals; the "Saves as" reading follows the
typing (every answer lands in the same <output>, however often it is
asked), and what is saved is what the reading said.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from factcheck.models import Claim
from timeline.models import Article, Event, Timeline

SEED = (Path(__file__).resolve().parents[2] / "seeds" / "article.txt").read_text(encoding="utf-8")
PASSWORD = "a long enough test password"
ARTICLE_DAY = datetime.date(2019, 5, 10)

# Typed, the reading shown after the last key (its <time datetime> and
# precision label, and a note): the dates the issue found read wrongly
# ("the 1990s" and "1990s" as today, "now", "today" and "yesterday" from the
# wall clock, "3/4/2024" month first in a Spanish article), in a Spanish
# article of 10 May 2019 (the admin and the desk) ...
ADMIN_DATES = [
    ("the 1990s", "1990", "decade", "the 1990s"),
    ("1990s", "1990", "decade", "the 1990s"),
    ("now", "2019-05-10", "day", "counted from 10 May 2019"),
    ("today", "2019-05-10", "day", "counted from 10 May 2019"),
    ("yesterday", "2019-05-09", "day", "counted from 10 May 2019"),
    ("3/4/2024", "2024-04-03", "day", "read day first, as in Spanish"),
    ("ayer", "2019-05-09", "day", "counted from 10 May 2019"),
    ("los años noventa", "1990", "decade", "the 1990s"),
]
# ... and in proposals of the seed article (English, 22 January 2025).
INGEST_DATES = [
    ("the 1990s", "1990", "decade", "the 1990s"),
    ("1990s", "1990", "decade", "the 1990s"),
    ("now", "2025-01-22", "day", "counted from 22 January 2025"),
    ("today", "2025-01-22", "day", "counted from 22 January 2025"),
    ("yesterday", "2025-01-21", "day", "counted from 22 January 2025"),
    ("3/4/2024", "2024-03-04", "day", "read month first, as in English"),
]
# The seed article dates five events; a line of our own adds a sixth.
UPDATE_NOTE = "\n\nThis article was updated on 23 January 2025 to correct the date of the CPAC speech.\n"


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


def settled(page):
    """Wait for htmx to finish a swap: while it settles, the new content
    still carries the old element's attributes (its class, an input's value)."""
    expect(page.locator(".htmx-added, .htmx-settling, .htmx-swapping")).to_have_count(0)


def type_date(page, box, output, typed):
    """Type `typed` key by key, pausing half-way so the reading answers the
    first half too; the readings it went through."""
    box.fill("")
    expect(box).to_have_value("")
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

    # The desk: the same dates typed on the page of a claim about the event,
    # each saved in place; the panel that comes back reads the next one too.
    claim = Claim.objects.create(quote="Texto del artículo", article=article, event=event)
    page.goto(f"{base}/editor/claims/{claim.pk}/")
    for index, (typed, iso, precision, note) in enumerate(ADMIN_DATES):
        panel = page.locator("#event-dates")
        box, output = panel.locator(f"#id_event-{event.pk}-when_0"), panel.locator(f"#event-{event.pk}-when-reading")
        if index == 0:
            type_date(page, box, output, "sometime")
            expect(output.locator("[role=alert]")).to_contain_text("Could not read")
        type_date(page, box, output, typed)
        check_reading(page, output, iso, precision, note)
        before = panel.element_handle()
        panel.get_by_role("button", name="Save the dates").click()
        page.wait_for_function("node => !node.isConnected", arg=before)  # the answer swapped in ...
        settled(page)
        expect(page.locator("#event-dates [role=status]")).to_contain_text("Saved: “Convertibilidad” is dated")
        assert saved_as(event) == (iso, precision), typed

    # Ingest: a proposal's date typed twice over (the reading keeps
    # following), then accepted; the saved event has the date it showed.
    page.goto(f"{base}/editor/ingest/")
    page.get_by_label("Headline").fill("Milei's ties to Trump bring Argentina into the spotlight")
    page.get_by_label("Outlet").fill("Courthouse News")
    page.locator("#id_published_0").fill("2025-01-22")
    page.get_by_label("Article text").fill(SEED + UPDATE_NOTE)
    page.get_by_role("button", name="Find events and claims").click()
    proposals = page.locator("section[aria-labelledby='events-heading'] article.proposal")
    expect(proposals.first).to_be_visible()
    for index, (typed, iso, precision, note) in enumerate(INGEST_DATES):
        # The first proposal still pending, opened when the review shows it folded.
        item = page.locator("#" + proposals.and_(page.locator(".proposal--pending")).first.get_attribute("id"))
        if "proposal--folded" in (item.get_attribute("class") or ""):
            item.get_by_role("link", name="Open to edit and decide").click()
            expect(item.locator("input[name$='-when_0']")).to_be_visible()
        box, output = item.locator("input[name$='-when_0']"), item.locator("output.fuzzy-date__reading")
        if index < 2:
            type_date(page, box, output, "sometime")
            expect(output.locator("[role=alert]")).to_contain_text("Could not read")
        type_date(page, box, output, typed)
        check_reading(page, output, iso, precision, note)
        title = item.locator("input[name$='-title']").input_value()
        item.get_by_role("button", name="Accept").click()
        expect(item).to_contain_text("Saved as the event")
        settled(page)
        assert saved_as(Event.objects.get(title=title.strip())) == (iso, precision), typed

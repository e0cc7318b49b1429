"""The public timeline: events in order, grouped by year, each date at its
precision, claims with verdict badges; only what is published."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.models import Claim, Verdict
from tests.factories import make_article, make_claim, make_event, make_timeline
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from timeline.dates import Precision
from timeline.models import Event, Timeline
from timeline.reader.filters import Criteria
from timeline.reader.selectors import timeline_event_page

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_home_shows_the_featured_seed_timeline(client, seeded):
    html = page(client, "/")
    assert "<h1><bdi>Milei and Trump: a timeline</bdi></h1>" in html


def test_the_timeline_groups_events_by_year_in_date_order(client, seeded):
    html = page(client, "/timelines/milei-trump/")
    years = re.findall(r'<h2 class="year__heading" id="year-(\d{4})"', html)
    assert years == ["2018", "2021", "2023", "2024", "2025"]
    datetimes = re.findall(r'<li class="event" id="event-\d+">\s*<p class="event__date"><time datetime="([^"]+)"', html)
    assert datetimes == ["2018-06-20", "2021-11-14", "2023-11-19", "2023-12-10", "2024-02-24", "2024-07",
                         "2024-11-05", "2024-11-12", "2024-11-13", "2024-11-14", "2025-01", "2025-01-20", "2025-01-20"]
    assert '<time datetime="2024-07">July 2024</time>' in html
    assert '<time datetime="2025-01">January 2025</time>' in html


def test_every_claim_shows_its_verdict_in_words(client, seeded):
    html = page(client, "/timelines/milei-trump/")
    badges = re.findall(r'<span class="verdict verdict--(\w+) verdict--\w+">([^<]+)</span>', html)
    assert len(badges) == 14
    assert ("red", "False") in badges and ("grey", "Unverified") in badges and ("purple", "Not checkable") in badges


def test_the_timeline_is_in_spanish_for_a_spanish_reader(client, seeded):
    html = client.get("/timelines/milei-trump/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<time datetime="2024-07">julio de 2024</time>' in html
    assert ">Falso</span>" in html and ">Sin verificar</span>" in html


def test_unpublished_events_and_claims_stay_off_the_page(client):
    timeline = make_timeline()
    article = make_article()
    make_event(timeline, title="Shown event", article=article)
    make_event(timeline, title="Hidden event", published=False)
    make_claim(article=article, quote="inflation had halved", publish=True)
    make_claim(article=article, quote="unemployment rose", publish=False)
    html = page(client, timeline.get_absolute_url())
    assert "Shown event" in html and "Hidden event" not in html
    assert "inflation had halved" in html and "unemployment rose" not in html


@pytest.mark.parametrize("url", ["/timelines/no-such-timeline/", "/claims/999999/", "/claims/abc/"])
def test_unknown_pages_are_a_styled_404(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_an_unpublished_timeline_is_a_404(client):
    timeline = make_timeline(published=False)
    assert client.get(timeline.get_absolute_url()).status_code == 404


def fill(timeline: Timeline, count: int) -> None:
    article = make_article()
    events = Event.objects.bulk_create(
        Event(title=f"Event {i}", date=datetime.date(2000, 1, 1) + datetime.timedelta(days=i), published=True,
              article=article)
        for i in range(count)
    )
    timeline.events.add(*events)
    verdict = Verdict.default()
    Claim.objects.bulk_create(
        Claim(quote="inflation had halved", article=article, event=event, verdict=verdict, published=True,
              published_verdict=verdict)
        for event in events[::2]
    )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_number_of_events(client, settings):
    settings.TIMELINE_PAGE_SIZE = 20
    small, large = make_timeline(), make_timeline()
    fill(small, 10)
    fill(large, 1000)
    url = large.get_absolute_url()
    # The last page also lists the article's claims that belong to no event:
    # one query more, the same for 10 events on one page or 1,000 on 50.
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, f"{url}?page=50")
    assert count_queries(client, url) == count_queries(client, f"{url}?page=25")


@pytest.mark.django_db
def test_an_opened_event_is_found_on_its_page_with_decades_ordered_first():
    """The page an opened event is on counts the events before it in the
    listing's order: a decade before the year, month and day it starts with."""
    timeline = make_timeline()
    start = datetime.date(1990, 1, 1)
    day = make_event(timeline, title="day", date=start)
    month = make_event(timeline, title="month", date=start, date_precision=Precision.MONTH)
    year = make_event(timeline, title="year", date=start, date_precision=Precision.YEAR)
    decade = make_event(timeline, title="decade", date=start, date_precision=Precision.DECADE)
    for number, event in enumerate([decade, year, month, day], start=1):
        page = timeline_event_page(timeline, Criteria(), open_event=event.pk, per_page=1)
        assert page.number == number
        assert [e.pk for e in page.events] == [event.pk]

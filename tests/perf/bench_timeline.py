"""Foundation figures: server time of the timeline page, and its query count,
for the seed (13 events) and for a 1,000-event timeline."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.models import Claim, Verdict
from tests.perf.conftest import median_seconds
from timeline.models import Article, Event, Timeline

pytestmark = pytest.mark.django_db


def event_timeline(count: int, *, slug: str, title: str, start: datetime.date, days_apart: int) -> Timeline:
    """A published timeline of `count` events of the seed's article, a claim
    on every third, for the benchmarks' long timelines."""
    article = Article.objects.get()
    timeline = Timeline.objects.create(slug=slug, title=title, published=True)
    events = Event.objects.bulk_create(
        Event(title=f"Event {i}", summary="A summary of the event. " * 4, published=True, article=article,
              date=start + datetime.timedelta(days=days_apart * i))
        for i in range(count)
    )
    timeline.events.add(*events)
    verdict = Verdict.objects.get(slug="accurate")
    Claim.objects.bulk_create(
        Claim(quote="Argentina's 47 million citizens", article=article, event=event, verdict=verdict,
              published=True, published_verdict=verdict, published_rationale="Because.")
        for event in events[::3]
    )
    return timeline


def thousand_event_timeline() -> Timeline:
    return event_timeline(1000, slug="thousand", title="A thousand events", start=datetime.date(1990, 1, 1), days_apart=9)


def test_timeline_page_server_time(client, seeded, report, settings):
    settings.TIMELINE_PAGE_SIZE = 20
    big = thousand_event_timeline()
    urls = {
        "seed (13 events)": "/timelines/milei-trump/",
        "1,000 events, first page": big.get_absolute_url(),
        "1,000 events, last page": big.get_absolute_url() + "?page=50",
    }
    timings, queries = {}, {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        queries[name] = len(captured)
        timings[name] = median_seconds(lambda: client.get(url), repeat=60 if "seed" in name else 15)

    baseline = timings["seed (13 events)"]
    report("timeline page, median server time (Django test client, in process)")
    for name in urls:
        report(f"  {name}: {timings[name] * 1000:.1f} ms = {timings[name] / baseline:.1f}x seed, "
               f"{queries[name]} queries")
    # The seed fits one page, which is also its last: compare like with like.
    assert queries["seed (13 events)"] == queries["1,000 events, last page"]

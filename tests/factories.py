"""Small builders for test data (the seed covers the common case)."""

import datetime
import itertools

from factcheck.models import Claim, Verdict
from factcheck.services import claim_publish
from timeline.models import Article, Event, Timeline, TimelineEntry

_counter = itertools.count(1)

ARTICLE_TEXT = (
    "On 5 March 2024 the minister said inflation had halved. "
    "Critics said the figure was “invented” and unemployment rose in 2023."
)


def make_article(**fields) -> Article:
    n = next(_counter)
    values = dict(headline=f"Article {n}", outlet="Test Outlet", published_on=datetime.date(2024, 3, 6), body=ARTICLE_TEXT)
    values.update(fields)
    return Article.objects.create(**values)


def make_timeline(**fields) -> Timeline:
    n = next(_counter)
    values = dict(slug=f"timeline-{n}", title=f"Timeline {n}", published=True)
    values.update(fields)
    return Timeline.objects.create(**values)


def make_event(timeline: Timeline | None = None, **fields) -> Event:
    n = next(_counter)
    values = dict(title=f"Event {n}", date=datetime.date(2024, 3, 5), published=True)
    values.update(fields)
    event = Event.objects.create(**values)
    if timeline is not None:
        TimelineEntry.objects.create(timeline=timeline, event=event)
    return event


def make_claim(*, publish: bool = True, verdict: str | None = None, **fields) -> Claim:
    values = dict(quote="inflation had halved")
    values.update(fields)
    if verdict:
        values["verdict"] = Verdict.objects.get(slug=verdict)
    claim = Claim(**values)
    claim.full_clean()
    claim.save()
    if publish:
        claim = claim_publish(claim=claim, editor=None)
    return claim

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


def make_claim(*, publish: bool = True, verdict: str | None = None, reachable: bool = True, **fields) -> Claim:
    """A claim, published unless `publish=False`. Readers see a published claim
    only where a published timeline leads to it (`Claim.objects.public`): unless
    `reachable=False`, one that nothing leads to gets a timeline of its own
    (published, with a published event of its article, or its event)."""
    values = dict(quote="inflation had halved")
    values.update(fields)
    if verdict:
        values["verdict"] = Verdict.objects.get(slug=verdict)
    claim = Claim(**values)
    claim.full_clean()
    if reachable and not _reached(claim):
        _lead_to(claim)
    claim.save()
    if publish:
        claim = claim_publish(claim=claim, editor=None)
    return claim


def _reached(claim: Claim) -> bool:
    if claim.event_id is not None:
        return Event.objects.public().filter(pk=claim.event_id).exists()
    return claim.article_id is not None and Event.objects.public().filter(article_id=claim.article_id).exists()


def _lead_to(claim: Claim) -> None:
    """Put the claim where readers reach it: a new published timeline with its
    event, or (without one) a published event of its article."""
    if claim.event_id is None and claim.article_id is None:
        claim.event = make_event()
    timeline = make_timeline()
    if claim.event_id is not None:
        TimelineEntry.objects.get_or_create(timeline=timeline, event=claim.event)
    else:
        make_event(timeline, article=claim.article)


def set_published(obj, published: bool):
    """Publish or unpublish a timeline or an event the way the admin does
    (a save: the timelines' stamps move, so no cached page outlives it)."""
    obj.published = published
    obj.save()
    return obj


def make_long_timeline(count: int, *, slug: str = "long", first_year: int = 2001, years: int = 5, claims_every: int = 4):
    """A published timeline of `count` day-precision events spread over
    `years` years, every `claims_every`-th event with a published claim
    rated False (the rest of the scale is seeded by the migration).
    Built in bulk: it stands in for a long-running story."""
    from factcheck.scale import ensure_default_scale
    from timeline.models import Actor

    ensure_default_scale(Verdict)  # a flushed (transactional) test database has none
    timeline = make_timeline(slug=slug, title=f"A timeline of {count} events")
    actor, _ = Actor.objects.get_or_create(name="Long Story Person")
    false = Verdict.objects.get(slug="false")
    events = Event.objects.bulk_create(
        Event(
            title=f"Event {n:05d}",
            summary=f"What happened in event {n:05d}, told in a sentence or two.",
            date=datetime.date(first_year + n * years // count, n % 12 + 1, n % 28 + 1),
            published=True,
        )
        for n in range(count)
    )
    TimelineEntry.objects.bulk_create(TimelineEntry(timeline=timeline, event=event) for event in events)
    Event.actors.through.objects.bulk_create(
        Event.actors.through(event_id=event.pk, actor_id=actor.pk) for event in events
    )
    Claim.objects.bulk_create(
        Claim(
            quote=f"a claim about event {n:05d}",
            event=event,
            claimant=actor,
            verdict=false,
            published=True,
            published_verdict=false,
            published_rationale="Checked against the record.",
        )
        for n, event in enumerate(events)
        if n % claims_every == 0
    )
    return timeline

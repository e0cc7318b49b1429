"""Loading curated seed files (seeds/*.toml) into the database.

Loading is idempotent: an object that already exists with the same content
is left untouched, so loading twice changes nothing. Descriptive content
(article, actors, events, timeline) is brought in line with the file; a
claim's verification status is set only when the claim is first created, so
reloading never overwrites an editor's work.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction

from factcheck.models import Claim, Verdict
from factcheck.scale import ensure_default_scale
from factcheck.services import SourceInput, claim_publish, claim_set_status
from timeline.dates import parse_fuzzy_date
from timeline.models import Actor, Article, Event, EventSource, Timeline, TimelineEntry


class SeedError(Exception):
    """A seed file that cannot be loaded as it is."""


def _sync(model, lookup: dict, values: dict, report: Counter, *, validate: bool = True):
    """Create or update one row so it holds `values`; count what happened."""
    obj = model.objects.filter(**lookup).first()
    label = model._meta.model_name
    if obj is None:
        obj = model(**lookup, **values)
        outcome = "created"
    elif all(getattr(obj, field) == value for field, value in values.items()):
        report[f"{label} unchanged"] += 1
        return obj, False
    else:
        for field, value in values.items():
            setattr(obj, field, value)
        outcome = "updated"
    if validate:
        # A related row given as a saved instance was just read or written in
        # this transaction: checking that it exists would be a query each.
        known = [name for name, value in values.items() if isinstance(value, models.Model) and value.pk is not None]
        try:
            obj.full_clean(exclude=known, validate_unique=False)
        except ValidationError as error:
            raise SeedError(f"{label} {lookup}: {error.message_dict}") from error
    obj.save()
    report[f"{label} {outcome}"] += 1
    return obj, outcome == "created"


def _sync_sources(event: Event, titles: list[str], report: Counter) -> None:
    wanted = [{"title": title, "url": ""} for title in titles]
    if [s.as_dict() for s in event.sources.all()] == wanted:
        return
    event.sources.all().delete()
    EventSource.objects.bulk_create(
        EventSource(event=event, title=title, position=i) for i, title in enumerate(titles)
    )
    report["event sources replaced"] += 1


@dataclass
class SeededStory:
    """What one seed file has brought in so far, for the steps after."""

    article: Article
    actors: dict[str, Actor]
    timeline: Timeline
    events: dict[str, Event] = field(default_factory=dict)


def seed_article_sync(*, spec: dict, folder: Path, report: Counter) -> Article:
    """The article the seed is drawn from; its body is the file `spec` names."""
    published = parse_fuzzy_date(spec["published"])
    article, _ = _sync(
        Article,
        {"uid": spec["uid"]},
        {
            "headline": spec["headline"],
            "outlet": spec["outlet"],
            "byline": spec.get("byline", ""),
            "url": spec.get("url", ""),
            "published_on": published.date,
            "published_precision": published.precision,
            "published_estimated": spec.get("published_estimated", False),
            "language": spec.get("language", "en"),
            "body": (folder / spec["file"]).read_text(encoding="utf-8"),
        },
        report,
    )
    return article


def seed_actors_sync(*, specs: dict, report: Counter) -> dict[str, Actor]:
    """The seed's actors, by name."""
    return {
        name: _sync(Actor, {"name": name}, {"kind": spec["kind"], "description": spec.get("description", "")}, report)[0]
        for name, spec in specs.items()
    }


def seed_timeline_sync(*, spec: dict, report: Counter) -> Timeline:
    """The seed's timeline, published."""
    timeline, _ = _sync(
        Timeline,
        {"slug": spec["slug"]},
        {
            "title": spec["title"],
            "description": spec.get("description", ""),
            "featured": spec.get("featured", False),
            "published": True,
        },
        report,
    )
    return timeline


def seed_event_sync(*, spec: dict, story: SeededStory, report: Counter) -> Event:
    """One event, published, with its actors and sources, on the timeline."""
    when = parse_fuzzy_date(spec["date"])
    event, _ = _sync(
        Event,
        {"uid": spec["uid"]},
        {
            "title": spec["title"],
            "summary": spec.get("summary", ""),
            "date": when.date,
            "date_precision": when.precision,
            "location": spec.get("location", ""),
            "article": story.article,
            "quote": spec.get("quote", ""),
            "article_date_precision": spec.get("article_precision", ""),
            "published": True,
        },
        report,
    )
    wanted_actors = {story.actors[name].pk for name in spec.get("actors", [])}
    if set(event.actors.values_list("pk", flat=True)) != wanted_actors:
        event.actors.set(wanted_actors)
        report["event actors set"] += 1
    _sync_sources(event, spec.get("sources", []), report)
    if not TimelineEntry.objects.filter(timeline=story.timeline, event=event).exists():
        TimelineEntry.objects.create(timeline=story.timeline, event=event)
        report["timeline entry created"] += 1
    return event


def seed_scale_ensure(*, report: Counter) -> dict[str, Verdict]:
    """The verdict scale (the default one created if missing), by slug."""
    if created := ensure_default_scale(Verdict):
        report["verdict created"] += created
    return {verdict.slug: verdict for verdict in Verdict.objects.all()}


def seed_claim_verdicts_publish(*, claim: Claim, spec: dict, scale: dict[str, Verdict]) -> Claim:
    """A new claim's seed verdict published, then each later correction."""
    claim = claim_set_status(
        claim=claim,
        editor=None,
        expected_version=None,
        verdict=scale[spec["verdict"]],
        rationale=spec.get("rationale", ""),
        sources=[SourceInput(title=title) for title in spec.get("sources", [])],
        note="Seed verdict (seeds/FACTS.md).",
    )
    claim = claim_publish(claim=claim, editor=None, note="Published with the seed timeline.")
    for later in spec.get("later", []):
        claim = claim_set_status(
            claim=claim,
            editor=None,
            expected_version=None,
            verdict=scale[later.get("verdict", spec["verdict"])],
            rationale=later.get("rationale", claim.rationale),
            sources=[SourceInput(**s) for s in claim.published_sources],
            note=later.get("note", ""),
        )
        claim = claim_publish(claim=claim, editor=None, note=later.get("note", ""))
    return claim


def seed_claim_sync(*, spec: dict, story: SeededStory, scale: dict[str, Verdict], report: Counter) -> Claim:
    """One claim; its verdicts only when it is created, so reloading never
    overwrites an editor's work."""
    if spec["verdict"] not in scale:
        raise SeedError(f"claim {spec['uid']}: no verdict “{spec['verdict']}” on the scale")
    claimant = story.actors[spec["claimant"]] if spec.get("claimant") else None
    claim, created = _sync(
        Claim,
        {"uid": spec["uid"]},
        {
            "quote": spec["quote"],
            "article": story.article,
            "claimant": claimant,
            "event": story.events[spec["event"]] if spec.get("event") else None,
        },
        report,
    )
    if not created:
        return claim
    return seed_claim_verdicts_publish(claim=claim, spec=spec, scale=scale)


@transaction.atomic
def load_seed_file(path: Path) -> Counter:
    """Load one seed file, in one transaction; what was created, updated or
    left unchanged, counted by kind."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    report: Counter = Counter()
    article = seed_article_sync(spec=data["article"], folder=path.parent, report=report)
    actors = seed_actors_sync(specs=data.get("actors", {}), report=report)
    story = SeededStory(
        article=article, actors=actors, timeline=seed_timeline_sync(spec=data["timeline"], report=report)
    )
    for spec in data["events"]:
        story.events[spec["uid"]] = seed_event_sync(spec=spec, story=story, report=report)
    scale = seed_scale_ensure(report=report)
    for spec in data["claims"]:
        seed_claim_sync(spec=spec, story=story, scale=scale, report=report)
    return report

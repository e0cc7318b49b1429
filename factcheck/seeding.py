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
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from factcheck.models import Claim, Verdict
from factcheck.scale import ensure_default_scale
from factcheck.services import SourceInput, claim_publish, claim_set_status
from timeline.dates import parse_fuzzy_date
from timeline.models import Actor, Article, Event, EventSource, Timeline, TimelineEntry


class SeedError(Exception):
    pass


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
        try:
            obj.full_clean(validate_unique=False)
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


@transaction.atomic
def load_seed_file(path: Path) -> Counter:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    report: Counter = Counter()

    a = data["article"]
    published = parse_fuzzy_date(a["published"])
    article, _ = _sync(
        Article,
        {"uid": a["uid"]},
        {
            "headline": a["headline"],
            "outlet": a["outlet"],
            "byline": a.get("byline", ""),
            "url": a.get("url", ""),
            "published_on": published.date,
            "published_precision": published.precision,
            "published_estimated": a.get("published_estimated", False),
            "language": a.get("language", "en"),
            "body": (path.parent / a["file"]).read_text(encoding="utf-8"),
        },
        report,
    )

    actors = {
        name: _sync(Actor, {"name": name}, {"kind": spec["kind"], "description": spec.get("description", "")}, report)[0]
        for name, spec in data.get("actors", {}).items()
    }

    t = data["timeline"]
    timeline, _ = _sync(
        Timeline,
        {"slug": t["slug"]},
        {
            "title": t["title"],
            "description": t.get("description", ""),
            "featured": t.get("featured", False),
            "published": True,
        },
        report,
    )

    events = {}
    for e in data["events"]:
        when = parse_fuzzy_date(e["date"])
        event, _ = _sync(
            Event,
            {"uid": e["uid"]},
            {
                "title": e["title"],
                "summary": e.get("summary", ""),
                "date": when.date,
                "date_precision": when.precision,
                "location": e.get("location", ""),
                "article": article,
                "quote": e.get("quote", ""),
                "article_date_precision": e.get("article_precision", ""),
                "published": True,
            },
            report,
        )
        wanted_actors = {actors[name].pk for name in e.get("actors", [])}
        if set(event.actors.values_list("pk", flat=True)) != wanted_actors:
            event.actors.set(wanted_actors)
            report["event actors set"] += 1
        _sync_sources(event, e.get("sources", []), report)
        if not TimelineEntry.objects.filter(timeline=timeline, event=event).exists():
            TimelineEntry.objects.create(timeline=timeline, event=event)
            report["timeline entry created"] += 1
        events[e["uid"]] = event

    if created := ensure_default_scale(Verdict):
        report["verdict created"] += created
    scale = {verdict.slug: verdict for verdict in Verdict.objects.all()}
    for c in data["claims"]:
        if c["verdict"] not in scale:
            raise SeedError(f"claim {c['uid']}: no verdict “{c['verdict']}” on the scale")
        claimant = actors[c["claimant"]] if c.get("claimant") else None
        claim, created = _sync(
            Claim,
            {"uid": c["uid"]},
            {
                "quote": c["quote"],
                "article": article,
                "claimant": claimant,
                "event": events[c["event"]] if c.get("event") else None,
            },
            report,
        )
        if not created:
            continue
        claim = claim_set_status(
            claim=claim,
            editor=None,
            expected_version=None,
            verdict=scale[c["verdict"]],
            rationale=c.get("rationale", ""),
            sources=[SourceInput(title=title) for title in c.get("sources", [])],
            note="Seed verdict (seeds/FACTS.md).",
        )
        claim = claim_publish(claim=claim, editor=None, note="Published with the seed timeline.")
        for later in c.get("later", []):
            claim = claim_set_status(
                claim=claim,
                editor=None,
                expected_version=None,
                verdict=scale[later.get("verdict", c["verdict"])],
                rationale=later.get("rationale", claim.rationale),
                sources=[SourceInput(**s) for s in claim.published_sources],
                note=later.get("note", ""),
            )
            claim = claim_publish(claim=claim, editor=None, note=later.get("note", ""))
    return report

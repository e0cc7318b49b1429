"""Writes to timelines and their events."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from timeline.interop.imported import ImportedTimeline, TimelineFormatError
from timeline.models import Actor, Event, EventSource, Timeline, TimelineEntry
from timeline.stamps import timelines_touch, touches_deferred

BATCH = 500


@dataclass
class ImportReport:
    timeline: Timeline
    timeline_created: bool
    created: int = 0
    updated: int = 0
    left_alone: int = 0
    notes: Counter = field(default_factory=Counter)


def _name_unnamed_events(imported: ImportedTimeline, slug: str) -> None:
    """Events without a unique_id (a spreadsheet has none) get one made from
    the timeline, date and headline, so importing the same sheet again
    updates them instead of adding copies."""
    taken = {event.uid for event in imported.events if event.uid}
    for event in imported.events:
        if event.uid:
            continue
        base = slugify(f"{slug} {event.when.iso} {event.title}")
        if len(base) > 70:
            base = f"{base[:61].rstrip('-')}-{hashlib.blake2b(base.encode(), digest_size=4).hexdigest()}"
        uid, n = base, 1
        while uid in taken:
            n += 1
            uid = f"{base}-{n}"
        taken.add(uid)
        event.uid = uid


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def timeline_import(
    *,
    imported: ImportedTimeline,
    slug: str,
    title: str = "",
    publish: bool = False,
    language: str = "",
) -> ImportReport:
    """Bring a parsed TimelineJS timeline in, in one transaction.

    The timeline is found by `slug` or created (unpublished unless `publish`).
    Events are matched by unique_id among the timeline's events and updated
    (dates, title, summary, sources, and location and actors when the file
    gives them); the others are created, published, on the timeline. Fields
    TimelineJS has no place for (source article, quoted passage, claims) are
    kept. A unique_id that belongs to an event on another timeline is an
    error, as is anything invalid: then nothing is written.
    """
    errors: list[str] = []
    timeline = Timeline.objects.select_for_update().filter(slug=slug).first()
    created_timeline = timeline is None
    if created_timeline:
        timeline = Timeline(
            slug=slug,
            title=title or imported.title,
            description=imported.description,
            language=language or settings.LANGUAGE_CODE,
            published=publish,
        )
        if not timeline.title:
            errors.append("The file has no title slide: give the timeline a title (--title).")
        try:
            timeline.full_clean(validate_unique=False, exclude=["title"] if not timeline.title else None)
        except ValidationError as error:
            errors.extend(f"timeline {name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    else:
        if title or imported.title:
            timeline.title = title or imported.title
            timeline.description = imported.description
        if publish:
            timeline.published = True
        if language:
            timeline.language = language

    _name_unnamed_events(imported, slug)
    uids = [event.uid for event in imported.events]
    existing: dict[str, Event] = {}
    for chunk in _chunks(uids):
        existing.update((e.uid, e) for e in Event.objects.filter(uid__in=chunk))
    on_timeline: set[str] = set()
    if not created_timeline:
        for chunk in _chunks(list(existing)):
            on_timeline.update(
                TimelineEntry.objects.filter(timeline=timeline, event__uid__in=chunk).values_list("event__uid", flat=True)
            )
    location_max = Event._meta.get_field("location").max_length
    actor_max = Actor._meta.get_field("name").max_length
    for event in imported.events:
        if event.uid in existing and event.uid not in on_timeline:
            errors.append(
                f"{event.where}: unique_id “{event.uid}” belongs to an event on another timeline; "
                "import into that timeline, or change the unique_id."
            )
        if event.location and len(event.location) > location_max:
            errors.append(f"{event.where}: the location is longer than {location_max} characters.")
        if event.actors and any(len(name) > actor_max for name in event.actors):
            errors.append(f"{event.where}: an actor's name is longer than {actor_max} characters.")
    if errors:
        raise TimelineFormatError(errors)

    report = ImportReport(timeline=timeline, timeline_created=created_timeline, notes=Counter(imported.notes))
    now = timezone.now()
    with touches_deferred():
        timeline.save()
        to_create, to_update = [], []
        for item in imported.events:
            event = existing.get(item.uid) or Event(uid=item.uid, published=True)
            event.title, event.summary = item.title, item.summary
            event.date, event.date_precision = item.when.date, item.when.precision
            event.end_date = item.until.date if item.until else None
            event.end_date_precision = item.until.precision if item.until else ""
            if item.location is not None:
                event.location = item.location
            event.updated_at = now
            (to_update if event.pk else to_create).append(event)
        Event.objects.bulk_create(to_create, batch_size=BATCH)
        Event.objects.bulk_update(
            to_update,
            ["title", "summary", "date", "date_precision", "end_date", "end_date_precision", "location", "updated_at"],
            batch_size=BATCH,
        )
        report.created, report.updated = len(to_create), len(to_update)
        events = {event.uid: event for event in to_create + to_update}

        updated_pks = [event.pk for event in to_update]
        for chunk in _chunks(updated_pks):
            EventSource.objects.filter(event_id__in=chunk).delete()
        EventSource.objects.bulk_create(
            (
                EventSource(event=events[item.uid], title=title_, url=url, position=position)
                for item in imported.events
                for position, (title_, url) in enumerate(item.sources)
            ),
            batch_size=BATCH,
        )

        names = sorted({name for item in imported.events for name in (item.actors or [])})
        actors: dict[str, Actor] = {}
        for chunk in _chunks(names):
            actors.update((a.name, a) for a in Actor.objects.filter(name__in=chunk))
        new_actors = [Actor(name=name) for name in names if name not in actors]
        Actor.objects.bulk_create(new_actors, batch_size=BATCH)
        actors.update((a.name, a) for a in new_actors)
        Through = Event.actors.through
        with_actors = [item for item in imported.events if item.actors is not None]
        updated = set(updated_pks)
        for chunk in _chunks([events[item.uid].pk for item in with_actors if events[item.uid].pk in updated]):
            Through.objects.filter(event_id__in=chunk).delete()
        Through.objects.bulk_create(
            (
                Through(event_id=events[item.uid].pk, actor_id=actors[name].pk)
                for item in with_actors
                for name in dict.fromkeys(item.actors)
            ),
            batch_size=BATCH,
        )

        TimelineEntry.objects.bulk_create(
            (TimelineEntry(timeline=timeline, event=event) for event in to_create), batch_size=BATCH
        )
        # Every event of the file is on the timeline now; others were left as they are.
        report.left_alone = TimelineEntry.objects.filter(timeline=timeline).count() - len(uids)

    touched = {timeline.pk}
    for chunk in _chunks(updated_pks):
        touched.update(TimelineEntry.objects.filter(event_id__in=chunk).values_list("timeline_id", flat=True))
    timelines_touch(timelines=Timeline.objects.filter(pk__in=touched))
    return report

"""Writes to timelines and their events: a TimelineJS import.

`timeline_import` brings an `ImportedTimeline` (see `reading`, `sheets`) into
the database, in one transaction, as a list of steps: find or create the
timeline, name the unnamed events, check the file against the database,
then write the events, their sources and actors, put the new events on the
timeline, and touch the version stamps of every timeline that changed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from timeline.interop.imported import ImportedTimeline, Notes, TimelineFormatError
from timeline.models import Actor, Event, EventSource, Timeline, TimelineEntry
from timeline.stamps import timelines_touch, touches_deferred

BATCH = 500
EVENT_FIELDS_WRITTEN = ["title", "summary", "date", "date_precision", "end_date", "end_date_precision", "location", "updated_at"]


@dataclass
class ImportReport:
    timeline: Timeline
    timeline_created: bool
    created: int = 0
    updated: int = 0
    left_alone: int = 0
    notes: Notes = field(default_factory=Counter)


@dataclass
class ImportTarget:
    """The timeline imported into (not saved yet) and what is wrong with it."""

    timeline: Timeline
    created: bool
    errors: list[str] = field(default_factory=list)


@dataclass
class ExistingEvents:
    """The events the file's unique_ids already name, and which of them are
    on the timeline imported into."""

    by_uid: dict[str, Event]
    on_timeline: set[str]


@dataclass
class WrittenEvents:
    """The file's events as saved: created ones, updated ones, by unique_id."""

    created: list[Event]
    updated: list[Event]
    by_uid: dict[str, Event]

    @property
    def updated_pks(self) -> list[int]:
        return [event.pk for event in self.updated]


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def import_target_find_or_create(
    *, imported: ImportedTimeline, slug: str, title: str, publish: bool, language: str
) -> ImportTarget:
    """The timeline with `slug`, locked and brought in line with the file and
    options, or a new one (unpublished unless `publish`), validated."""
    timeline = Timeline.objects.select_for_update().filter(slug=slug).first()
    if timeline is not None:
        if title or imported.title:
            timeline.title = title or imported.title
            timeline.description = imported.description
        if publish:
            timeline.published = True
        if language:
            timeline.language = language
        return ImportTarget(timeline=timeline, created=False)
    target = ImportTarget(
        timeline=Timeline(
            slug=slug,
            title=title or imported.title,
            description=imported.description,
            language=language or settings.LANGUAGE_CODE,
            published=publish,
        ),
        created=True,
    )
    if not target.timeline.title:
        target.errors.append("The file has no title slide: give the timeline a title (--title).")
    try:
        target.timeline.full_clean(validate_unique=False, exclude=["title"] if not target.timeline.title else None)
    except ValidationError as error:
        target.errors.extend(f"timeline {name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return target


def unnamed_events_name(*, imported: ImportedTimeline, slug: str) -> None:
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


def existing_events_find(*, imported: ImportedTimeline, target: ImportTarget) -> ExistingEvents:
    """The events already in the database with the file's unique_ids."""
    by_uid: dict[str, Event] = {}
    for chunk in _chunks([event.uid for event in imported.events]):
        by_uid.update((e.uid, e) for e in Event.objects.filter(uid__in=chunk))
    on_timeline: set[str] = set()
    if not target.created:
        for chunk in _chunks(list(by_uid)):
            on_timeline.update(
                TimelineEntry.objects.filter(timeline=target.timeline, event__uid__in=chunk).values_list("event__uid", flat=True)
            )
    return ExistingEvents(by_uid=by_uid, on_timeline=on_timeline)


def imported_events_check(*, imported: ImportedTimeline, existing: ExistingEvents) -> list[str]:
    """What only the database shows: unique_ids of events on another
    timeline, and locations or actors' names too long for their fields."""
    errors: list[str] = []
    location_max = Event._meta.get_field("location").max_length
    actor_max = Actor._meta.get_field("name").max_length
    for event in imported.events:
        if event.uid in existing.by_uid and event.uid not in existing.on_timeline:
            errors.append(
                f"{event.where}: unique_id “{event.uid}” belongs to an event on another timeline; "
                "import into that timeline, or change the unique_id."
            )
        if event.location and len(event.location) > location_max:
            errors.append(f"{event.where}: the location is longer than {location_max} characters.")
        if event.actors and any(len(name) > actor_max for name in event.actors):
            errors.append(f"{event.where}: an actor's name is longer than {actor_max} characters.")
    return errors


def imported_events_write(*, imported: ImportedTimeline, existing: ExistingEvents) -> WrittenEvents:
    """Create the new events (published) and update the existing ones:
    dates, title, summary, and the location when the file gives it."""
    now = timezone.now()
    to_create, to_update = [], []
    for item in imported.events:
        event = existing.by_uid.get(item.uid) or Event(uid=item.uid, published=True)
        event.title, event.summary = item.title, item.summary
        event.date, event.date_precision = item.when.date, item.when.precision
        event.end_date = item.until.date if item.until else None
        event.end_date_precision = item.until.precision if item.until else ""
        if item.location is not None:
            event.location = item.location
        event.updated_at = now
        (to_update if event.pk else to_create).append(event)
    Event.objects.bulk_create(to_create, batch_size=BATCH)
    Event.objects.bulk_update(to_update, EVENT_FIELDS_WRITTEN, batch_size=BATCH)
    return WrittenEvents(
        created=to_create, updated=to_update, by_uid={event.uid: event for event in to_create + to_update}
    )


def event_sources_write(*, imported: ImportedTimeline, written: WrittenEvents) -> None:
    """Each event's sources become the file's, in its order."""
    for chunk in _chunks(written.updated_pks):
        EventSource.objects.filter(event_id__in=chunk).delete()
    EventSource.objects.bulk_create(
        (
            EventSource(event=written.by_uid[item.uid], title=title, url=url, position=position)
            for item in imported.events
            for position, (title, url) in enumerate(item.sources)
        ),
        batch_size=BATCH,
    )


def actors_find_or_create(*, names: list[str]) -> dict[str, Actor]:
    """The actors with these names, by name; the missing ones created."""
    actors: dict[str, Actor] = {}
    for chunk in _chunks(names):
        actors.update((a.name, a) for a in Actor.objects.filter(name__in=chunk))
    new_actors = [Actor(name=name) for name in names if name not in actors]
    Actor.objects.bulk_create(new_actors, batch_size=BATCH)
    actors.update((a.name, a) for a in new_actors)
    return actors


def event_actors_write(*, imported: ImportedTimeline, written: WrittenEvents) -> None:
    """Events whose file names their actors get exactly those actors; the
    others keep theirs."""
    names = sorted({name for item in imported.events for name in (item.actors or [])})
    actors = actors_find_or_create(names=names)
    Through = Event.actors.through
    with_actors = [item for item in imported.events if item.actors is not None]
    updated = set(written.updated_pks)
    for chunk in _chunks([written.by_uid[item.uid].pk for item in with_actors if written.by_uid[item.uid].pk in updated]):
        Through.objects.filter(event_id__in=chunk).delete()
    Through.objects.bulk_create(
        (
            Through(event_id=written.by_uid[item.uid].pk, actor_id=actors[name].pk)
            for item in with_actors
            for name in dict.fromkeys(item.actors)
        ),
        batch_size=BATCH,
    )


def timeline_entries_write(*, timeline: Timeline, imported: ImportedTimeline, written: WrittenEvents) -> int:
    """Put the new events on the timeline; how many other events it has
    (events not in the file, left as they are)."""
    TimelineEntry.objects.bulk_create(
        (TimelineEntry(timeline=timeline, event=event) for event in written.created), batch_size=BATCH
    )
    # Every event of the file is on the timeline now.
    return TimelineEntry.objects.filter(timeline=timeline).count() - len(imported.events)


def imported_stamps_touch(*, timeline: Timeline, written: WrittenEvents) -> None:
    """Touch the version stamps of the timeline and of every other timeline
    an updated event is on."""
    touched = {timeline.pk}
    for chunk in _chunks(written.updated_pks):
        touched.update(TimelineEntry.objects.filter(event_id__in=chunk).values_list("timeline_id", flat=True))
    timelines_touch(timelines=Timeline.objects.filter(pk__in=touched))


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
    target = import_target_find_or_create(imported=imported, slug=slug, title=title, publish=publish, language=language)
    unnamed_events_name(imported=imported, slug=slug)
    existing = existing_events_find(imported=imported, target=target)
    errors = target.errors + imported_events_check(imported=imported, existing=existing)
    if errors:
        raise TimelineFormatError(errors)

    timeline = target.timeline
    report = ImportReport(timeline=timeline, timeline_created=target.created, notes=Counter(imported.notes))
    with touches_deferred():
        timeline.save()
        written = imported_events_write(imported=imported, existing=existing)
        report.created, report.updated = len(written.created), len(written.updated)
        event_sources_write(imported=imported, written=written)
        event_actors_write(imported=imported, written=written)
        report.left_alone = timeline_entries_write(timeline=timeline, imported=imported, written=written)
    imported_stamps_touch(timeline=timeline, written=written)
    return report

"""timeline.interop.services, step by step: naming the events a spreadsheet
leaves unnamed, checking the file against the database, and what an import
writes to events, actors and the version stamps."""

from __future__ import annotations

import datetime

import pytest

from tests.factories import make_event, make_timeline
from timeline.dates import FuzzyDate, Precision
from timeline.interop.imported import ImportedEvent, ImportedTimeline, TimelineFormatError
from timeline.interop.services import timeline_import, unnamed_events_name
from timeline.models import Actor, Event, Timeline, TimelineEntry


def imported_event(title: str, *, uid: str = "", year: int = 2024, **fields) -> ImportedEvent:
    values = dict(
        where=f"event “{title}”", uid=uid, title=title, summary="", sources=[],
        when=FuzzyDate(datetime.date(year, 1, 1), Precision.YEAR), until=None,
    )
    values.update(fields)
    return ImportedEvent(**values)


def imported_timeline(*events: ImportedEvent, title: str = "Imported") -> ImportedTimeline:
    return ImportedTimeline(title=title, description="", slug_hint="", events=list(events))


class TestUnnamedEvents:
    def test_uids_come_from_the_timeline_date_and_headline(self):
        imported = imported_timeline(imported_event("A vote"), imported_event("Kept", uid="mine"))
        unnamed_events_name(imported=imported, slug="rates")
        assert [e.uid for e in imported.events] == ["rates-2024-a-vote", "mine"]

    def test_the_same_headline_on_the_same_date_is_numbered(self):
        imported = imported_timeline(imported_event("Same"), imported_event("Same"), imported_event("Same"))
        unnamed_events_name(imported=imported, slug="s")
        assert [e.uid for e in imported.events] == ["s-2024-same", "s-2024-same-2", "s-2024-same-3"]

    def test_a_long_headline_is_cut_with_a_hash_so_that_it_stays_distinct(self):
        imported = imported_timeline(imported_event("word " * 40), imported_event("word " * 39 + "other"))
        unnamed_events_name(imported=imported, slug="s")
        first, second = (e.uid for e in imported.events)
        assert len(first) <= 70 and len(second) <= 70 and first != second

    def test_naming_is_stable(self):
        uids = []
        for _ in range(2):
            imported = imported_timeline(imported_event("A vote"), imported_event("Talks", year=2025))
            unnamed_events_name(imported=imported, slug="rates")
            uids.append([e.uid for e in imported.events])
        assert uids[0] == uids[1]


@pytest.mark.django_db
class TestCheckedAgainstTheDatabase:
    def test_a_location_or_actor_name_too_long_for_its_field(self):
        location_max = Event._meta.get_field("location").max_length
        actor_max = Actor._meta.get_field("name").max_length
        imported = imported_timeline(
            imported_event("Far", location="x" * (location_max + 1)),
            imported_event("Crowded", actors=["y" * (actor_max + 1)]),
        )
        with pytest.raises(TimelineFormatError) as error:
            timeline_import(imported=imported, slug="checked")
        assert error.value.errors == [
            f"event “Far”: the location is longer than {location_max} characters.",
            f"event “Crowded”: an actor's name is longer than {actor_max} characters.",
        ]
        assert not Timeline.objects.filter(slug="checked").exists()
        assert not Event.objects.exists()

    def test_a_new_timeline_with_no_title_and_a_bad_slug_reports_both(self):
        with pytest.raises(TimelineFormatError) as error:
            timeline_import(imported=imported_timeline(title=""), slug="not a slug")
        assert error.value.errors[0] == "The file has no title slide: give the timeline a title (--title)."
        assert any(message.startswith("timeline slug: ") for message in error.value.errors[1:])


@pytest.mark.django_db
class TestWritten:
    def test_location_and_actors_are_kept_when_the_file_does_not_give_them(self):
        timeline = make_timeline(slug="kept")
        event = make_event(timeline, uid="e1", location="Lima")
        event.actors.add(Actor.objects.create(name="Ana"))
        report = timeline_import(imported=imported_timeline(imported_event("New title", uid="e1")), slug="kept")
        event.refresh_from_db()
        assert (report.created, report.updated, event.title, event.location) == (0, 1, "New title", "Lima")
        assert [a.name for a in event.actors.all()] == ["Ana"]

    def test_actors_given_by_the_file_replace_the_events_and_are_created_once(self):
        timeline = make_timeline(slug="actors")
        event = make_event(timeline, uid="e1")
        event.actors.add(Actor.objects.create(name="Ana"))
        imported = imported_timeline(
            imported_event("One", uid="e1", actors=["Bo", "Bo", "Cy"], location=""),
            imported_event("Two", uid="e2", actors=["Cy"]),
        )
        report = timeline_import(imported=imported, slug="actors")
        assert (report.created, report.updated) == (1, 1)
        assert sorted(a.name for a in Event.objects.get(uid="e1").actors.all()) == ["Bo", "Cy"]
        assert [a.name for a in Event.objects.get(uid="e2").actors.all()] == ["Cy"]
        assert Actor.objects.filter(name="Cy").count() == 1

    def test_other_events_are_left_alone_and_counted(self):
        timeline = make_timeline(slug="others")
        make_event(timeline, uid="not-in-the-file")
        report = timeline_import(imported=imported_timeline(imported_event("New", uid="new")), slug="others")
        assert (report.created, report.left_alone, report.timeline_created) == (1, 1, False)
        assert set(timeline.events.values_list("uid", flat=True)) == {"not-in-the-file", "new"}

    def test_every_timeline_an_updated_event_is_on_moves_on(self):
        here, elsewhere = make_timeline(slug="here"), make_timeline(slug="elsewhere")
        event = make_event(here, uid="shared")
        TimelineEntry.objects.create(timeline=elsewhere, event=event)
        versions = dict(Timeline.objects.values_list("slug", "content_version"))
        timeline_import(imported=imported_timeline(imported_event("Edited", uid="shared")), slug="here")
        after = dict(Timeline.objects.values_list("slug", "content_version"))
        assert after["here"] > versions["here"] and after["elsewhere"] > versions["elsewhere"]

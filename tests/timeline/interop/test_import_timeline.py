"""`manage.py import_timeline FILE` and timeline.interop.services: our
export imported back (into the same install or an empty one) gives the same
export; the file and the database are checked before anything is written,
and it is all or nothing."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import CommandError

from factcheck.models import Claim
from tests.factories import make_event, make_timeline
from tests.timeline.interop.importing import CSV_HEADER, errors_of, export, run, wipe
from timeline.models import Actor, Event, EventSource, Timeline, TimelineEntry


@pytest.fixture
def described_timeline():
    """A timeline without claims using everything the format carries."""
    timeline = make_timeline(slug="rates", title="Rates & bonds", description="Two paragraphs.\n\nThe second one.")
    e1 = make_event(timeline, uid="loan", title="A loan", date=datetime.date(2018, 1, 1), date_precision="year",
                    summary="First line\nsecond line\n\nA <new> paragraph & more.", location="Washington")
    e1.actors.add(Actor.objects.create(name="International Monetary Fund", kind="organization"), Actor.objects.create(name="Ana"))
    EventSource.objects.create(event=e1, title="Press release", url="https://example.org/pr?x=1&y=2")
    EventSource.objects.create(event=e1, title="AP, 26 October 2018", position=1)
    make_event(timeline, uid="talks", title="Talks", date=datetime.date(2024, 11, 1), date_precision="month",
               end_date=datetime.date(2025, 1, 20), end_date_precision="day")
    make_event(timeline, uid="vote", title="The vote", date=datetime.date(2024, 11, 5))
    make_event(timeline, uid="draft", title="Not published", date=datetime.date(2024, 11, 6), published=False)
    return timeline


@pytest.mark.django_db
class TestRoundTrip:
    def test_seed_export_import_export_is_identical(self, seeded, client, tmp_path):
        first = export(client, "milei-trump")
        path = tmp_path / "milei-trump.json"
        path.write_bytes(first)
        output = run(path)
        assert "0 events created, 13 updated" in output
        assert export(client, "milei-trump") == first
        # Claims stay with their events.
        assert Claim.objects.published().count() == 14

    def test_into_an_empty_install_and_back(self, described_timeline, client, tmp_path):
        first = export(client, "rates")
        path = tmp_path / "rates.json"
        path.write_bytes(first)
        wipe()
        output = run(path, "--publish")
        assert "timeline “Rates & bonds” (rates, created, published): 3 events created, 0 updated" in output
        assert export(client, "rates") == first
        loan = Event.objects.get(uid="loan")
        assert (loan.date, loan.date_precision) == (datetime.date(2018, 1, 1), "year")
        assert loan.summary == "First line\nsecond line\n\nA <new> paragraph & more."
        assert [(s.title, s.url) for s in loan.sources.all()] == [
            ("Press release", "https://example.org/pr?x=1&y=2"),
            ("AP, 26 October 2018", ""),
        ]
        talks = Event.objects.get(uid="talks")
        assert (talks.date_precision, talks.end_date, talks.end_date_precision) == ("month", datetime.date(2025, 1, 20), "day")

    def test_a_new_timeline_starts_unpublished(self, described_timeline, client, tmp_path):
        path = tmp_path / "rates.json"
        path.write_bytes(export(client, "rates"))
        wipe()
        assert "not published" in run(path)
        assert not Timeline.objects.get(slug="rates").published
        assert client.get("/api/timelines/rates.json").status_code == 404

    def test_reimporting_updates_in_place_and_keeps_what_the_format_cannot_carry(self, seeded, client, tmp_path):
        data = json.loads(export(client, "milei-trump"))
        data["events"][0]["text"]["headline"] = "Edited headline"
        data["events"][0]["start_date"] = {"year": 2018, "month": 6}
        path = tmp_path / "edited.json"
        path.write_text(json.dumps(data))
        version = Timeline.objects.get(slug="milei-trump").content_version
        run(path)
        event = Event.objects.get(uid="imf-stand-by-2018")
        assert (event.title, event.date, event.date_precision) == ("Edited headline", datetime.date(2018, 6, 1), "month")
        assert event.quote.startswith("record-breaking")  # kept
        assert event.claims.count() == 1
        assert Timeline.objects.get(slug="milei-trump").content_version > version


@pytest.mark.django_db
class TestBadFiles:
    def test_not_utf8(self, tmp_path):
        assert "not UTF-8" in errors_of(tmp_path, "latin.csv", (CSV_HEADER + "2020,,,,,,,,,Caf\xe9,,,,,,,,\n").encode("latin-1"))

    def test_unknown_extension_and_missing_file(self, tmp_path):
        assert "--format" in errors_of(tmp_path, "timeline.txt", "{}")
        with pytest.raises(CommandError, match="no such file"):
            run(tmp_path / "nothing.json")

    def test_a_new_timeline_needs_a_title(self, tmp_path):
        message = errors_of(tmp_path, "untitled.json", json.dumps({"events": []}), "--slug", "untitled")
        assert "no title slide" in message

    def test_one_bad_event_among_many_imports_nothing(self, seeded, tmp_path, client):
        data = json.loads(export(client, "milei-trump"))
        data["events"][0]["text"]["headline"] = "Would be changed"
        data["events"].append({"start_date": {"year": 2025, "month": 2, "day": 31}, "text": {"headline": "Bad"}})
        errors_of(tmp_path, "partly-bad.json", json.dumps(data))
        assert not Event.objects.filter(title="Would be changed").exists()

    def test_a_unique_id_of_another_timelines_event(self, seeded, client, tmp_path):
        data = json.loads(export(client, "milei-trump"))
        message = errors_of(tmp_path, "copy.json", json.dumps(data), "--slug", "a-copy")
        assert "\n  event 1 (“IMF approves a US$50 billion loan for Argentina, the largest”): unique_id “imf-stand-by-2018” belongs to an event on another timeline" in message
        assert not Timeline.objects.filter(slug="a-copy").exists()
        assert TimelineEntry.objects.count() == 13

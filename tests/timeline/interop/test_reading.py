"""timeline.interop.reading through `import_timeline`: a TimelineJS 3 JSON
file, ours or another newsroom's, keeps its dates' precision; a malformed
one imports nothing and every message names the event."""

from __future__ import annotations

import datetime
import json

import pytest

from tests.timeline.interop.importing import errors_of, export, run
from timeline.models import Event, Timeline

TIMELINEJS_FILE = {
    "title": {"text": {"headline": "A newsroom's <i>own</i> timeline", "text": "<p>Made in TimelineJS.</p>"}},
    "events": [
        {"start_date": {"year": "1998"}, "text": {"headline": "A year", "text": "<p>Only <a href='https://example.org/y'>the year</a> is known.</p>"}},
        {"start_date": {"year": 2001, "month": "9"}, "text": {"headline": "A month"}, "group": "Politics",
         "media": {"url": "https://example.org/photo.jpg", "caption": "A photo", "credit": "AP"}},
        {"start_date": {"year": 2003, "month": 3, "day": 20}, "end_date": {"year": 2003, "month": 5},
         "text": {"headline": "A range"}, "unique_id": "the-range", "display_date": "Spring 2003"},
    ],
    "eras": [{"start_date": {"year": 1998}, "end_date": {"year": 2003}, "text": {"headline": "An era"}}],
}


@pytest.mark.django_db
class TestForeignTimelineJS:
    def test_a_timelinejs_file_keeps_its_dates_precision(self, tmp_path):
        path = tmp_path / "theirs.json"
        path.write_text(json.dumps(TIMELINEJS_FILE))
        output = run(path, "--slug", "theirs", "--publish")
        timeline = Timeline.objects.get(slug="theirs")
        assert timeline.title == "A newsroom's own timeline"
        assert timeline.description == "Made in TimelineJS."
        events = list(timeline.events.order_by("date"))
        assert [(e.title, e.date, e.date_precision) for e in events] == [
            ("A year", datetime.date(1998, 1, 1), "year"),
            ("A month", datetime.date(2001, 9, 1), "month"),
            ("A range", datetime.date(2003, 3, 20), "day"),
        ]
        assert (events[2].uid, events[2].end_date, events[2].end_date_precision) == ("the-range", datetime.date(2003, 5, 1), "month")
        assert events[0].summary == "Only the year is known."
        assert [(s.title, s.url) for s in events[0].sources.all()] == [("the year", "https://example.org/y")]
        assert [(s.title, s.url) for s in events[1].sources.all()] == [("A photo", "https://example.org/photo.jpg")]
        for note in ("1 × eras ignored", "1 × groups ignored", "1 × media kept as sources", "1 × links in the text kept as sources"):
            assert note in output

    def test_import_then_export_then_import_is_stable(self, client, tmp_path):
        path = tmp_path / "theirs.json"
        path.write_text(json.dumps(TIMELINEJS_FILE))
        run(path, "--slug", "theirs", "--publish")
        first = export(client, "theirs")
        again = tmp_path / "again.json"
        again.write_bytes(first)
        run(again)
        assert export(client, "theirs") == first


@pytest.mark.django_db
class TestBadJSON:
    def test_malformed_json(self, tmp_path):
        message = errors_of(tmp_path, "bad.json", '{"events": [}')
        assert "nothing was imported" in message and "not valid JSON" in message and "line 1" in message

    @pytest.mark.parametrize(
        "data, expected",
        [
            ([], "must be a JSON object"),
            ({"events": {}}, "“events” must be a list"),
            ({"events": ["x"]}, "event 1: an event must be an object"),
            ({"events": [{"text": {"headline": "No date"}}]}, "event 1 (“No date”): the start date is missing (a year at least)"),
            ({"events": [{"start_date": {"month": 2}, "text": {"headline": "No year"}}]}, "the start date has no year"),
            ({"events": [{"start_date": {"year": 2023, "month": 2, "day": 30}, "text": {"headline": "Feb"}}]},
             "event 1 (“Feb”): the start date 2023-2-30 is not a real date"),
            ({"events": [{"start_date": {"year": 2023, "month": 13}, "text": {"headline": "M"}}]}, "2023-13 is not a real date"),
            ({"events": [{"start_date": {"year": 2023, "day": 3}, "text": {"headline": "D"}}]}, "has a day but no month"),
            ({"events": [{"start_date": {"year": -44}, "text": {"headline": "Caesar"}}]}, "year -44 is outside 1–9999"),
            ({"events": [{"start_date": {"year": "MMXX"}, "text": {"headline": "R"}}]}, "“MMXX” is not a whole number"),
            ({"events": [{"start_date": {"year": 2020, "hour": 10}, "text": {"headline": "T"}}]}, "has a time of day"),
            ({"events": [{"start_date": {"year": 2020}, "end_date": {"year": 2019}, "text": {"headline": "E"}}]},
             "the end date is before the start date"),
            ({"events": [{"start_date": {"year": 2020}, "text": {"headline": ""}}]}, "event 1: the event has no headline"),
            ({"events": [{"start_date": {"year": 2020}, "text": {"headline": "x" * 301}}]}, "longer than 300"),
            ({"events": [{"start_date": {"year": 2020}, "text": {"headline": "A"}, "unique_id": "same"},
                         {"start_date": {"year": 2021}, "text": {"headline": "B"}, "unique_id": "same"}]},
             "event 2 (“B”): unique_id “same” is also used by event 1 (“A”)"),
        ],
    )
    def test_wrong_shape_or_impossible_content_names_the_event(self, tmp_path, data, expected):
        message = errors_of(tmp_path, "bad.json", json.dumps(data), "--slug", "x", "--title", "X")
        assert expected in message
        assert not Timeline.objects.filter(slug="x").exists()

    def test_times_can_be_dropped_on_request(self, tmp_path):
        path = tmp_path / "times.json"
        path.write_text(json.dumps({"events": [{"start_date": {"year": 2020, "month": 5, "day": 1, "hour": 10, "minute": 30}, "text": {"headline": "T"}}]}))
        output = run(path, "--slug", "times", "--title", "Times", "--drop-times")
        assert "times of day dropped" in output
        assert Event.objects.get(title="T").date_precision == "day"


@pytest.mark.django_db
class TestDecades:
    def test_a_slide_shown_as_a_decade_is_imported_as_the_decade(self, tmp_path):
        data = {"title": {"text": {"headline": "Decades"}}, "events": [
            {"start_date": {"year": 1990}, "display_date": "the 1990s", "text": {"headline": "The nineties"}},
            {"start_date": {"year": 1980}, "display_date": "la década de 1980", "text": {"headline": "Los ochenta"}},
            {"start_date": {"year": 1990}, "display_date": "1990", "text": {"headline": "A year"}},
            {"start_date": {"year": 1995}, "display_date": "the 1990s", "text": {"headline": "Not its first year"}},
        ]}
        path = tmp_path / "decades.json"
        path.write_text(json.dumps(data))
        run(path, "--slug", "decades")
        stored = {e.title: (e.date, e.date_precision) for e in Event.objects.all()}
        assert stored == {
            "The nineties": (datetime.date(1990, 1, 1), "decade"),
            "Los ochenta": (datetime.date(1980, 1, 1), "decade"),
            "A year": (datetime.date(1990, 1, 1), "year"),
            "Not its first year": (datetime.date(1995, 1, 1), "year"),
        }

    def test_export_then_import_keeps_a_decade(self, client, tmp_path):
        data = {"title": {"text": {"headline": "Decades"}},
                "events": [{"start_date": {"year": 1990}, "display_date": "the 1990s", "text": {"headline": "Nineties"}}]}
        path = tmp_path / "decades.json"
        path.write_text(json.dumps(data))
        run(path, "--slug", "decades", "--publish")
        first = export(client, "decades")
        again = tmp_path / "again.json"
        again.write_bytes(first)
        run(again)
        assert Event.objects.get().date_precision == "decade"
        assert export(client, "decades") == first

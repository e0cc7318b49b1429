"""`manage.py import_timeline FILE`: TimelineJS JSON and the TimelineJS
spreadsheet template as CSV, keeping precision; all or nothing."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from factcheck.models import Claim, ClaimSource, VerdictChange
from tests.factories import make_event, make_timeline
from timeline.models import Actor, Article, Event, EventSource, Timeline, TimelineEntry

CSV_HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
)


def run(path, *args) -> str:
    out = io.StringIO()
    call_command("import_timeline", str(path), *args, stdout=out)
    return out.getvalue()


def export(client, slug: str) -> bytes:
    response = client.get(f"/api/timelines/{slug}.json")
    assert response.status_code == 200
    return response.content


def wipe() -> None:
    """An empty install (the verdict scale stays)."""
    VerdictChange.objects.all()._raw_delete(VerdictChange.objects.db)
    ClaimSource.objects.all().delete()
    Claim.objects.all().delete()
    Timeline.objects.all().delete()
    Event.objects.all().delete()
    Article.objects.all().delete()
    Actor.objects.all().delete()


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
class TestSpreadsheetCSV:
    def test_the_template_with_a_title_row_eras_and_each_precision(self, tmp_path):
        path = tmp_path / "sheet.csv"
        path.write_text(
            "\ufeff" + CSV_HEADER
            + ",,,,,,,,,The sheet's title,An intro,,,,,title,,\n"
            + "2018,,,,,,,,,A year,,,,,,,,\n"
            + "2024,11,,,,,,,,A month,\"Text with, a comma\",,,,,,,\n"
            + "2024,11,14,,2024,11,15,,,Two days,<p>Multi<br>line</p>,https://example.org/v,Credit,Caption,,,,\n"
            + "2020,,,,2024,,,,,An era,,,,,,era,,\n"
            + ",,,,,,,,,,,,,,,,,\n",
            encoding="utf-8",
        )
        output = run(path, "--publish")
        timeline = Timeline.objects.get(slug="the-sheets-title")
        assert timeline.title == "The sheet's title" and timeline.description == "An intro"
        events = list(timeline.events.order_by("date"))
        assert [(e.title, e.date_precision, e.end_date_precision) for e in events] == [
            ("A year", "year", ""),
            ("A month", "month", ""),
            ("Two days", "day", "day"),
        ]
        assert events[1].summary == "Text with, a comma"
        assert events[2].summary == "Multi\nline"
        assert events[2].sources.get().url == "https://example.org/v"
        assert "1 × eras ignored" in output

    def test_csv_and_json_of_the_same_timeline_import_alike(self, tmp_path, client):
        csv_path = tmp_path / "sheet.csv"
        csv_path.write_text(CSV_HEADER + ",,,,,,,,,T,,,,,,title,,\n1998,,,,,,,,,A year,,,,,,,,\n2001,9,,,,,,,,A month,,,,,,,,\n")
        run(csv_path, "--slug", "from-csv", "--publish")
        json_path = tmp_path / "same.json"
        json_path.write_text(json.dumps({"title": {"text": {"headline": "T"}}, "events": [
            {"start_date": {"year": 1998}, "text": {"headline": "A year"}},
            {"start_date": {"year": 2001, "month": 9}, "text": {"headline": "A month"}},
        ]}))
        run(json_path, "--slug", "from-json", "--publish")
        a, b = client.get("/api/timelines/from-csv.json").json(), client.get("/api/timelines/from-json.json").json()
        for data in (a, b):
            for s in data["events"]:
                s.pop("unique_id")
        assert a["events"] == b["events"]

    def test_thousands_of_rows(self, tmp_path, client):
        rows = [f"{1000 + i % 1000},{'' if i % 3 == 0 else 1 + i % 12},{'' if i % 3 != 2 else 1 + i % 28},,,,,,,Event {i},Summary {i},,,,,,,\n" for i in range(3000)]
        path = tmp_path / "big.csv"
        path.write_text(CSV_HEADER + "".join(rows))
        output = run(path, "--slug", "big", "--title", "Big", "--publish")
        assert "3000 events created" in output
        timeline = Timeline.objects.get(slug="big")
        assert timeline.events.count() == 3000
        assert timeline.events.filter(date_precision="year").count() == 1000
        assert timeline.events.filter(date_precision="day").count() == 1000
        assert len(client.get("/api/timelines/big.json").json()["events"]) == 3000
        # The sheet has no unique_ids: importing it again updates the same events.
        assert "0 events created, 3000 updated" in run(path, "--slug", "big")
        assert timeline.events.count() == 3000


def errors_of(tmp_path, name: str, content: str | bytes, *args) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(path, *args)
    return str(error.value)


@pytest.mark.django_db
class TestBadFiles:
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

    def test_csv_errors_name_the_row(self, tmp_path):
        message = errors_of(
            tmp_path,
            "bad.csv",
            CSV_HEADER + "2020,,,,,,,,,Good,,,,,,,,\n2021,2,30,,,,,,,Bad day,,,,,,,,\n2022,1,1,10:00,,,,,,With time,,,,,,,,\n,,,,,,,,,No year,,,,,,,,\n",
            "--slug", "x", "--title", "X",
        )
        assert "row 3 (“Bad day”): the start date 2021-2-30 is not a real date" in message
        assert "row 4 (“With time”): the start date has a time of day" in message
        assert "row 5 (“No year”): the start date has no year" in message
        assert not Event.objects.filter(title="Good").exists()  # nothing half-imported

    @pytest.mark.parametrize(
        "content, expected",
        [
            ("Start Date,End Date,Headline\n2020,,x\n", "old TimelineJS 2 spreadsheet"),
            ("Name,When\nx,2020\n", "no Year or Headline column"),
            (CSV_HEADER + "2020,,,,,,,,,A,,,,,,chapter,,\n", "row 2: unknown Type “chapter”"),
            (CSV_HEADER + ",,,,,,,,,One,,,,,,title,,\n,,,,,,,,,Two,,,,,,title,,\n", "row 3: a second title row"),
            (CSV_HEADER + "2020,,,,,,,,,A,,,,,,,,,extra,cells\n", "row 2: more cells than there are columns"),
        ],
    )
    def test_csv_of_the_wrong_shape(self, tmp_path, content, expected):
        assert expected in errors_of(tmp_path, "bad.csv", content, "--slug", "x", "--title", "X")

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

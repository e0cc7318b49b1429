"""timeline.interop.sheets through `import_timeline`: the TimelineJS
spreadsheet template exported as CSV; a wrong one imports nothing and every
message names the row."""

from __future__ import annotations

import json

import pytest

from tests.timeline.interop.importing import CSV_HEADER, errors_of, export, run
from timeline.models import Event, Timeline


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

    def test_a_row_shown_as_a_decade_is_the_decade(self, tmp_path):
        path = tmp_path / "decades.csv"
        path.write_text(CSV_HEADER + "1990,,,,,,,,the 1990s,Nineties,,,,,,,,\n1990,,,,,,,,,A year,,,,,,,,\n")
        run(path, "--slug", "decades", "--title", "Decades")
        assert {e.title: e.date_precision for e in Event.objects.all()} == {"Nineties": "decade", "A year": "year"}

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
        assert len(json.loads(export(client, "big"))["events"]) == 3000
        # The sheet has no unique_ids: importing it again updates the same events.
        assert "0 events created, 3000 updated" in run(path, "--slug", "big")
        assert timeline.events.count() == 3000


@pytest.mark.django_db
class TestBadSheets:
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

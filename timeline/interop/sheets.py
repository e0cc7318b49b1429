"""Reading the TimelineJS 3 spreadsheet template (Google Sheets, File >
Download > CSV) into an `ImportedTimeline`.

Each row becomes a TimelineJS slide, read as the JSON would be (see
`reading`): a row of Type "title" is the title slide, eras are noted and left
out, blank rows are skipped. Messages name the row ("row 3 (“…”)"), counted
as the spreadsheet counts them, the header being row 1.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from timeline.interop.imported import MAX_EVENTS, ImportedTimeline, Notes, TimelineFormatError
from timeline.interop.reading import parse_timelinejs

# The TimelineJS 3 spreadsheet template's columns. "Tag" is the older name
# of "Group".
CSV_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Alt Text",
    "Type", "Group", "Tag", "Background",
)


@dataclass
class _TitleRow:
    line: int
    text: dict[str, str]


@dataclass
class _Sheet:
    """The rows read so far: event slides and where each one is, the title
    row, and the rows' own notes and errors."""

    slides: list[dict] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    title_row: _TitleRow | None = None
    notes: Notes = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def _time_parts(value: str) -> dict[str, str]:
    return {"hour": value} if value else {}


def _sheet_header(reader: csv.DictReader) -> list[str]:
    """The header row, which must be the TimelineJS 3 template's."""
    try:
        header = [name.strip() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise TimelineFormatError([f"The file is not a readable CSV file: {error}."]) from None
    if "Start Date" in header:
        raise TimelineFormatError(
            ["This is the old TimelineJS 2 spreadsheet (a “Start Date” column): use the TimelineJS 3 template, with Year, Month and Day columns."]
        )
    missing = [name for name in ("Year", "Headline") if name not in header]
    if missing:
        raise TimelineFormatError(
            [f"The CSV file is not the TimelineJS spreadsheet template: no {' or '.join(missing)} column (found: {', '.join(header[:12]) or 'nothing'})."]
        )
    return header


def _row_slide(row: dict[str, str]) -> dict:
    """A row as the TimelineJS JSON slide it stands for."""
    slide = {
        "start_date": {"year": row.get("Year", ""), "month": row.get("Month", ""), "day": row.get("Day", ""),
                       **_time_parts(row.get("Time", ""))},
        "text": {"headline": row.get("Headline", ""), "text": row.get("Text", "")},
        "media": {"url": row.get("Media", ""), "caption": row.get("Media Caption", ""),
                  "credit": row.get("Media Credit", ""), "alt": row.get("Alt Text", "")},
        "group": row.get("Group", "") or row.get("Tag", ""),
        "background": row.get("Background", ""),
        "display_date": row.get("Display Date", ""),
    }
    if row.get("End Year") or row.get("End Time"):
        slide["end_date"] = {"year": row.get("End Year", ""), "month": row.get("End Month", ""),
                             "day": row.get("End Day", ""), **_time_parts(row.get("End Time", ""))}
    return slide


def _sheet_row_add(sheet: _Sheet, row: dict, *, line: int) -> None:
    """One row of the sheet: an event, the title, an era, or nothing."""
    if None in row:
        sheet.errors.append(f"row {line}: more cells than there are columns.")
        return
    row = {key: (value or "").strip() for key, value in row.items()}
    if not any(row.values()):
        return
    if len(sheet.slides) >= MAX_EVENTS:
        raise TimelineFormatError([f"The file has more than {MAX_EVENTS} rows; import it in parts."])
    slide = _row_slide(row)
    kind = row.get("Type", "").lower()
    if kind == "title":
        if sheet.title_row is not None:
            sheet.errors.append(f"row {line}: a second title row (the first is row {sheet.title_row.line}).")
        sheet.title_row = _TitleRow(line=line, text=slide["text"])
        return
    if kind == "era":
        sheet.notes["eras ignored"] += 1
        return
    if kind and kind != "event":
        sheet.errors.append(f"row {line}: unknown Type “{row['Type'][:30]}” (use title, era or leave it empty).")
        return
    sheet.slides.append(slide)
    sheet.where.append(f"row {line}" + (f" (“{row['Headline'][:60]}”)" if row.get("Headline") else ""))


def _sheet_read(reader: csv.DictReader) -> _Sheet:
    sheet = _Sheet()
    try:
        for row in reader:
            _sheet_row_add(sheet, row, line=reader.line_num)
    except csv.Error as error:
        raise TimelineFormatError([f"row {reader.line_num}: the CSV file cannot be read: {error}."]) from None
    return sheet


def parse_csv(text: str, *, drop_times: bool = False) -> ImportedTimeline:
    """The TimelineJS spreadsheet template exported as CSV."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = _sheet_header(reader)
    unknown = [name for name in header if name and name not in CSV_COLUMNS]
    reader.fieldnames = header
    sheet = _sheet_read(reader)
    data: dict = {"events": sheet.slides}
    if sheet.title_row is not None:
        data["title"] = {"text": sheet.title_row.text}
    try:
        imported = parse_timelinejs(data, drop_times=drop_times, where_of=lambda index, slide: sheet.where[index])
    except TimelineFormatError as error:
        raise TimelineFormatError(sheet.errors + error.errors) from None
    if sheet.errors:
        raise TimelineFormatError(sheet.errors)
    imported.notes.update(sheet.notes)
    if unknown:
        imported.notes[f"unknown columns ignored ({', '.join(unknown[:5])})"] += 1
    return imported

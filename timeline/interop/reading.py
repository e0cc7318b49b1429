"""Reading a TimelineJS 3 JSON file into an `ImportedTimeline`.

Our own export is read back part by part (claims are left out: they are
fact-checks with their own workflow, and stay attached to existing events);
any other TimelineJS text becomes the summary, and its links and media
become sources. Dates keep their precision; times of day, eras, groups and
backgrounds have no place here and are reported in the notes.

Reading never writes: `parse_json` (and `parse_timelinejs`, which the
spreadsheet reader also uses) return an `ImportedTimeline` or raise
`TimelineFormatError` listing every problem with the event it is on.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify

from timeline.dates import FuzzyDate, Precision, parse_decade
from timeline.interop.imported import (
    MAX_EVENTS,
    TITLE_ID_PREFIX,
    ImportedEvent,
    ImportedSource,
    ImportedTimeline,
    Notes,
    TimelineFormatError,
)
from timeline.interop.slide_html import slide_html_plain, slide_html_read
from timeline.models import Event, Timeline

_UID = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")
_TIME_PARTS = ("hour", "minute", "second", "millisecond")

# Names a slide in messages, from its index and the slide: "event 3 (“…”)".
WhereOf = Callable[[int, Any], str]


@dataclass
class _Reading:
    """What reading one file collects as it goes."""

    drop_times: bool
    errors: list[str] = field(default_factory=list)
    notes: Notes = field(default_factory=Counter)
    # unique_id -> the slide that has it.
    seen: dict[str, str] = field(default_factory=dict)


def _number(value, what: str, where: str, errors: list[str]) -> int | None:
    """A whole number from JSON (2018 or "2018"; "" means absent)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        errors.append(f"{where}: {what} must be a number, not {json.dumps(value)}.")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        cleaned = re.sub(r"[\s,]+", "", value)
        if re.fullmatch(r"-?\d{1,9}", cleaned):
            return int(cleaned)
        errors.append(f"{where}: {what} “{value[:40]}” is not a whole number.")
        return None
    if isinstance(value, int):
        return value
    errors.append(f"{where}: {what} must be a whole number.")
    return None


def _date_times_allowed(value: dict, *, what: str, where: str, reading: _Reading) -> bool:
    """False (and an error) for a time of day, unless times are dropped."""
    if not any(value.get(part) not in (None, "") for part in _TIME_PARTS):
        return True
    if not reading.drop_times:
        reading.errors.append(
            f"{where}: the {what} has a time of day; events here are dated to the day at most "
            "(remove the time, or import with --drop-times)."
        )
        return False
    reading.notes["times of day dropped"] += 1
    return True


def _date_read(value, *, what: str, where: str, reading: _Reading) -> FuzzyDate | None:
    """A TimelineJS date object at the precision of the parts it has."""
    errors = reading.errors
    if value is None:
        errors.append(f"{where}: the {what} is missing (a year at least).")
        return None
    if not isinstance(value, dict):
        errors.append(f"{where}: the {what} must be an object with at least a year.")
        return None
    count = len(errors)
    year = _number(value.get("year"), f"the {what} year", where, errors)
    month = _number(value.get("month"), f"the {what} month", where, errors)
    day = _number(value.get("day"), f"the {what} day", where, errors)
    if len(errors) > count:
        return None
    if year is None:
        errors.append(f"{where}: the {what} has no year.")
        return None
    if not _date_times_allowed(value, what=what, where=where, reading=reading):
        return None
    if day is not None and month is None:
        errors.append(f"{where}: the {what} has a day but no month.")
        return None
    if not 1 <= year <= 9999:
        errors.append(f"{where}: the {what} year {year} is outside 1–9999.")
        return None
    try:
        date = datetime.date(year, month or 1, day or 1)
    except ValueError:
        shown = "-".join(str(p) for p in (year, month, day) if p is not None)
        errors.append(f"{where}: the {what} {shown} is not a real date.")
        return None
    precision = Precision.DAY if day is not None else Precision.MONTH if month is not None else Precision.YEAR
    return FuzzyDate(date, precision)


def _slide_dates(slide: dict, *, where: str, reading: _Reading) -> tuple[FuzzyDate | None, FuzzyDate | None]:
    """The slide's start date and its end date (None when it has none)."""
    when = _date_read(slide.get("start_date"), what="start date", where=where, reading=reading)
    until = None
    if slide.get("end_date") not in (None, "", {}):
        until = _date_read(slide.get("end_date"), what="end date", where=where, reading=reading)
    return _decade_shown(when, slide.get("display_date")) if until is None else when, until


def _decade_shown(when: FuzzyDate | None, display_date: Any) -> FuzzyDate | None:
    """A year-only start that the slide shows as its decade ("the 1990s",
    "la década de 1990", as our export writes it) is that decade."""
    if when is None or when.precision != Precision.YEAR or when.date.year % 10 or not isinstance(display_date, str):
        return when
    shown = parse_decade(display_date)
    return shown if shown is not None and shown.date == when.date else when


def _slide_text(slide: dict, *, where: str, reading: _Reading) -> tuple[str, str] | None:
    """The slide's headline and text HTML; None (and an error) when the
    "text" is not an object of strings."""
    text = slide.get("text") or {}
    if not isinstance(text, dict):
        reading.errors.append(f"{where}: “text” must be an object with a headline and text.")
        return None
    headline, body = text.get("headline") or "", text.get("text") or ""
    if not isinstance(headline, str) or not isinstance(body, str):
        reading.errors.append(f"{where}: the headline and text must be strings.")
        return None
    return headline, body


def _title_check(title: str, *, where: str, reading: _Reading) -> None:
    max_length = Event._meta.get_field("title").max_length
    if not title:
        reading.errors.append(f"{where}: the event has no headline.")
    elif len(title) > max_length:
        reading.errors.append(f"{where}: the headline is longer than {max_length} characters.")


def _slide_uid(slide: dict, *, where: str, reading: _Reading) -> str:
    """The slide's unique_id made web-safe ("" when it has none); one used
    by an earlier slide is an error."""
    uid = slide.get("unique_id") or ""
    if not isinstance(uid, str):
        uid = str(uid)
    if uid and not _UID.match(uid):
        uid = slugify(uid)[:80]
        reading.notes["unique_ids made web-safe"] += 1
    if uid:
        if uid in reading.seen:
            reading.errors.append(f"{where}: unique_id “{uid}” is also used by {reading.seen[uid]}.")
        reading.seen[uid] = where
    return uid


@dataclass
class _SlideBody:
    summary: str
    sources: list[ImportedSource]
    location: str | None
    actors: list[str] | None


def _slide_body(body: str, *, reading: _Reading) -> _SlideBody:
    """Summary, sources, and (from our export only) location and actors."""
    summary, sources, parts = slide_html_read(body)
    if parts is None:
        if sources:
            reading.notes["links in the text kept as sources"] += len(sources)
        return _SlideBody(summary=summary, sources=sources, location=None, actors=None)
    return _SlideBody(
        summary="\n\n".join(parts["ct-summary"]),
        sources=sources,
        location="".join(parts["ct-location"]).strip(),
        actors=[name.strip() for name in parts["ct-actor"] if name.strip()],
    )


def _slide_media(slide: dict, sources: list[ImportedSource], *, reading: _Reading) -> None:
    """The slide's media, a web address, kept as one more source; groups and
    backgrounds noted as ignored."""
    media = slide.get("media") or {}
    if isinstance(media, dict) and media.get("url"):
        url = str(media["url"]).strip()
        if url.startswith(("http://", "https://")):
            label = media.get("caption") or media.get("credit") or media.get("alt") or url
            sources.append((slide_html_plain(str(label)) or url, url))
            reading.notes["media kept as sources"] += 1
        else:
            reading.notes["media that is not a web address left out"] += 1
    for key, note in (("group", "groups ignored"), ("background", "backgrounds ignored")):
        if slide.get(key):
            reading.notes[note] += 1


def _slide_event(slide, *, where: str, reading: _Reading) -> ImportedEvent | None:
    """One slide as an event, or None (with the errors recorded)."""
    if not isinstance(slide, dict):
        reading.errors.append(f"{where}: an event must be an object.")
        return None
    count = len(reading.errors)
    when, until = _slide_dates(slide, where=where, reading=reading)
    text = _slide_text(slide, where=where, reading=reading)
    if text is None:
        return None
    headline, body = text
    title = slide_html_plain(headline)
    _title_check(title, where=where, reading=reading)
    if when and until and until.last_day < when.date:
        reading.errors.append(f"{where}: the end date is before the start date.")
    uid = _slide_uid(slide, where=where, reading=reading)
    if len(reading.errors) > count:
        return None
    read = _slide_body(body, reading=reading)
    _slide_media(slide, read.sources, reading=reading)
    if any(len(title_) > 300 or len(url) > 500 for title_, url in read.sources):
        reading.errors.append(f"{where}: a source title or link is too long (300 and 500 characters at most).")
        return None
    return ImportedEvent(
        where=where,
        uid=uid,
        title=title,
        summary=read.summary,
        when=when,
        until=until,
        sources=[(title_ or url, url) for title_, url in read.sources],
        location=read.location,
        actors=read.actors,
    )


def _default_where(index: int, slide) -> str:
    headline = ""
    if isinstance(slide, dict) and isinstance(slide.get("text"), dict):
        headline = slide_html_plain(str(slide["text"].get("headline") or ""))[:60]
    return f"event {index + 1}" + (f" (“{headline}”)" if headline else "")


def _file_slides(data) -> list:
    """The file's slides; the file must be an object with a list of events."""
    if not isinstance(data, dict):
        raise TimelineFormatError(["The file is not a TimelineJS timeline: it must be a JSON object with “events”."])
    slides = data.get("events")
    if not isinstance(slides, list):
        raise TimelineFormatError(["The file is not a TimelineJS timeline: “events” must be a list."])
    if len(slides) > MAX_EVENTS:
        raise TimelineFormatError([f"The file has {len(slides)} events; {MAX_EVENTS} at most can be imported at once."])
    return slides


@dataclass
class _TitleSlide:
    title: str = ""
    description: str = ""
    slug_hint: str = ""


def _title_slide_read(title_slide, *, reading: _Reading) -> _TitleSlide:
    """The timeline's title, description and (from our export) slug."""
    read = _TitleSlide()
    if title_slide is not None:
        if not isinstance(title_slide, dict) or not isinstance(title_slide.get("text") or {}, dict):
            reading.errors.append("The title slide must be an object with “text”.")
        else:
            text = title_slide.get("text") or {}
            read.title = slide_html_plain(str(text.get("headline") or ""))
            body, _sources, parts = slide_html_read(str(text.get("text") or ""))
            read.description = "\n\n".join(parts["ct-description"]) if parts is not None else body
            unique_id = str(title_slide.get("unique_id") or "")
            if unique_id.startswith(TITLE_ID_PREFIX):
                read.slug_hint = unique_id[len(TITLE_ID_PREFIX) :]
    max_length = Timeline._meta.get_field("title").max_length
    if len(read.title) > max_length:
        reading.errors.append(f"The title is longer than {max_length} characters.")
    return read


def parse_timelinejs(data, *, drop_times: bool = False, where_of: WhereOf | None = None) -> ImportedTimeline:
    """TimelineJS 3 JSON (already decoded) into an ImportedTimeline."""
    slides = _file_slides(data)
    reading = _Reading(drop_times=drop_times)
    if data.get("eras"):
        reading.notes["eras ignored"] += len(data["eras"]) if isinstance(data["eras"], list) else 1
    where_of = where_of or _default_where
    events = []
    for index, slide in enumerate(slides):
        event = _slide_event(slide, where=where_of(index, slide), reading=reading)
        if event is not None:
            events.append(event)
    title = _title_slide_read(data.get("title"), reading=reading)
    if reading.errors:
        raise TimelineFormatError(reading.errors)
    return ImportedTimeline(
        title=title.title,
        description=title.description,
        slug_hint=title.slug_hint,
        events=events,
        notes=reading.notes,
    )


def parse_json(text: str, *, drop_times: bool = False) -> ImportedTimeline:
    """A TimelineJS 3 JSON file's text into an ImportedTimeline."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TimelineFormatError([f"The file is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."]) from None
    except RecursionError:
        raise TimelineFormatError(["The file is not valid JSON: it is nested too deeply."]) from None
    return parse_timelinejs(data, drop_times=drop_times)

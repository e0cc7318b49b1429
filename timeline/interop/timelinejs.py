"""TimelineJS 3: our timeline as its JSON, and its JSON or spreadsheet (CSV)
back into events.

Export. A slide per published event; its dates carry only the parts their
precision has (a year-only event has only `year`), `display_date` is the date
in the requested language at its precision, `unique_id` is the event's stable
identifier. The slide text is HTML with marked parts (`ct-*` classes): the
summary, location, actors, the claims with their published verdict and a
link to each fact-check, and the sources.

Import. Our own export is read back part by part (claims are left out: they
are fact-checks with their own workflow, and stay attached to existing
events); any other TimelineJS text becomes the summary, and its links and
media become sources. Dates keep their precision; times of day, eras,
groups and backgrounds have no place here and are reported.

Parsing never writes: `parse_json`/`parse_csv` return an `ImportedTimeline`
or raise `TimelineFormatError` listing every problem with the row it is on.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from timeline.dates import FuzzyDate, Precision
from timeline.models import Event, Timeline, followable_url

MAX_EVENTS = 20000
TITLE_ID_PREFIX = "timeline-"
_UID = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")
_TIME_PARTS = ("hour", "minute", "second", "millisecond")


# --- export -----------------------------------------------------------------


def date_parts(when: FuzzyDate) -> dict[str, int]:
    """A TimelineJS date with only the parts `when` is known to."""
    parts = {"year": when.date.year}
    if when.precision in (Precision.MONTH, Precision.DAY):
        parts["month"] = when.date.month
    if when.precision == Precision.DAY:
        parts["day"] = when.date.day
    return parts


def display_period(when: FuzzyDate, until: FuzzyDate | None) -> str:
    if until is None:
        return when.display()
    return f"{when.display()}\u2009\u2013\u2009{until.display()}"


def _paragraphs(text: str, css_class: str):
    """Plain text as <p> paragraphs (blank lines) with <br> for line breaks;
    read back exactly by the importer."""
    text = text.replace("\r\n", "\n")
    if not text:
        return ""
    return format_html_join(
        "",
        '<p class="{}">{}</p>',
        ((css_class, mark_safe("<br>".join(escape(line) for line in para.split("\n")))) for para in text.split("\n\n")),
    )


def _claims_html(claims, root: str):
    if not claims:
        return ""
    items = format_html_join(
        "",
        '<li class="ct-claim">“{}”{} <strong class="ct-verdict">{}</strong> '
        '<a href="{}" target="_blank" rel="noopener">{}</a></li>',
        (
            (
                claim.quote,
                format_html(" ({})", claim.claimant.name) if claim.claimant else "",
                _("Verdict: %(verdict)s") % {"verdict": claim.published_verdict.localized_label},
                root + claim.get_absolute_url(),
                _("Fact-check"),
            )
            for claim in claims
        ),
    )
    return format_html('<p class="ct-label">{}</p><ul class="ct-claims">{}</ul>', _("Claims"), items)


def _sources_html(sources):
    if not sources:
        return ""
    items = format_html_join(
        "",
        '<li class="ct-source">{}</li>',
        (
            (format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', href, s.title) if href else s.title,)
            for s, href in ((s, followable_url(s.url)) for s in sources)
        ),
    )
    return format_html('<p class="ct-label">{}</p><ul class="ct-sources">{}</ul>', _("Sources"), items)


def event_text(event: Event, root: str) -> str:
    parts = [_paragraphs(event.summary, "ct-summary")]
    if event.location:
        parts.append(format_html('<p class="ct-location">{}</p>', event.location))
    actors = list(event.actors.all())
    if actors:
        names = format_html_join(", ", '<span class="ct-actor">{}</span>', ((a.name,) for a in actors))
        parts.append(format_html('<p class="ct-actors">{} {}</p>', _("With"), names))
    parts.append(_claims_html(getattr(event, "public_claims", []), root))
    parts.append(_sources_html(list(event.sources.all())))
    return "".join(str(part) for part in parts)


def timeline_to_timelinejs(timeline: Timeline, events, unplaced_claims, *, root: str) -> dict:
    """The timeline as TimelineJS 3 JSON. Call with the wanted language active;
    `events` are the published events with `public_claims` (see
    `selectors.timeline_events`), `root` is "https://host" for links."""
    title_text = str(_paragraphs(timeline.description, "ct-description")) + str(_claims_html(unplaced_claims, root))
    slides = []
    for event in events:
        slide = {"unique_id": event.uid, "start_date": date_parts(event.when)}
        if event.until is not None:
            slide["end_date"] = date_parts(event.until)
        slide["display_date"] = display_period(event.when, event.until)
        slide["text"] = {"headline": escape(event.title), "text": event_text(event, root)}
        slides.append(slide)
    return {
        "title": {
            "unique_id": TITLE_ID_PREFIX + timeline.slug,
            "text": {"headline": escape(timeline.title), "text": title_text},
        },
        "events": slides,
    }


def timeline_page_url(root: str, timeline: Timeline) -> str:
    return root + reverse("timeline:detail", kwargs={"slug": timeline.slug})


# --- import -----------------------------------------------------------------


class TimelineFormatError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportedEvent:
    where: str
    uid: str
    title: str
    summary: str
    when: FuzzyDate
    until: FuzzyDate | None
    sources: list[tuple[str, str]]
    # None: the file does not say (an update keeps what is there).
    location: str | None = None
    actors: list[str] | None = None


@dataclass
class ImportedTimeline:
    title: str
    description: str
    slug_hint: str
    events: list[ImportedEvent]
    notes: Counter = field(default_factory=Counter)


class _SlideText(HTMLParser):
    """Reads a slide's HTML: our marked parts when present, else the text
    (paragraph breaks kept) and its links."""

    BLOCKS = {"p", "div", "li", "ul", "ol", "blockquote", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
    SKIP = {"ct-claims", "ct-label"}
    CAPTURE = {"ct-summary", "ct-description", "ct-location", "ct-actor", "ct-source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marked = False
        self.stack: list[tuple[str, set[str]]] = []
        self.skip_depth = 0
        self.capture: tuple[str, int] | None = None  # (class, depth)
        self.buffer: list[str] = []
        self.capture_href = ""
        self.parts: dict[str, list[str]] = {name: [] for name in self.CAPTURE}
        self.sources: list[tuple[str, str]] = []
        # Generic reading.
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.link: tuple[str, list[str]] | None = None
        self.links: list[tuple[str, str]] = []

    VOID = {"br", "img", "hr", "meta", "input", "wbr", "source", "col", "area", "embed", "link", "param", "track"}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if any(c.startswith("ct-") for c in classes):
            self.marked = True
        if tag == "br":
            self._text("\n")
            return
        if tag in self.VOID:
            return
        self.stack.append((tag, classes))
        depth = len(self.stack)
        if self.skip_depth:
            return
        if classes & self.SKIP:
            self.skip_depth = depth
            return
        captured = classes & self.CAPTURE
        if captured and self.capture is None:
            self.capture = (captured.pop(), depth)
            self.buffer = []
            self.capture_href = ""
        if tag == "a":
            href = (attributes.get("href") or "").strip()
            if self.capture is not None and not self.capture_href:
                self.capture_href = href
            self.link = (href, [])
        if tag in self.BLOCKS:
            self._break()

    def handle_endtag(self, tag):
        if tag in self.VOID or not any(t == tag for t, _c in self.stack):
            return
        while self.stack:
            open_tag, _classes = self.stack.pop()
            depth = len(self.stack) + 1
            if self.skip_depth and depth == self.skip_depth:
                self.skip_depth = 0
            elif not self.skip_depth:
                self._close(open_tag, depth)
            if open_tag == tag:
                break

    def _close(self, tag, depth):
        if tag == "a" and self.link is not None:
            href, words = self.link
            text = " ".join("".join(words).split())
            if href.startswith(("http://", "https://")):
                self.links.append((text or href, href))
            self.link = None
        if self.capture is not None and self.capture[1] == depth:
            name = self.capture[0]
            text = "".join(self.buffer)
            if name == "ct-source":
                self.sources.append((text.strip(), self.capture_href))
            else:
                self.parts[name].append(text)
            self.capture = None
        if tag in self.BLOCKS:
            self._break()

    def handle_data(self, data):
        if self.skip_depth:
            return
        self._text(data)

    def _text(self, data):
        if self.skip_depth:
            return
        if self.capture is not None:
            self.buffer.append(data)
        if self.link is not None:
            self.link[1].append(data)
        self.current.append(data)

    def _break(self):
        text = "".join(self.current)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        paragraph = "\n".join(lines).strip()
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []

    def result(self) -> tuple[str, list[tuple[str, str]], dict[str, list[str]]]:
        self.close()
        self._break()
        if self.marked:
            return "", self.sources, self.parts
        return "\n\n".join(self.paragraphs), self.links, {}


def _read_text(html: str) -> tuple[str, list[tuple[str, str]], dict[str, list[str]] | None]:
    """(plain text, sources, marked parts or None for foreign text)."""
    parser = _SlideText()
    parser.feed(html or "")
    text, sources, parts = parser.result()
    return text, sources, (parts if parser.marked else None)


def _plain(html: str) -> str:
    text, _sources, _parts = _read_text(html)
    return " ".join(text.split()) if _parts is None else " ".join("".join(_parts.get("ct-summary", [])).split())


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


def _read_date(value, what: str, where: str, errors: list[str], notes: Counter, drop_times: bool) -> FuzzyDate | None:
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
    if any(value.get(part) not in (None, "") for part in _TIME_PARTS):
        if not drop_times:
            errors.append(
                f"{where}: the {what} has a time of day; events here are dated to the day at most "
                "(remove the time, or import with --drop-times)."
            )
            return None
        notes["times of day dropped"] += 1
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


def _slide_events(slides: list, where_of, notes: Counter, errors: list[str], drop_times: bool) -> list[ImportedEvent]:
    events: list[ImportedEvent] = []
    seen: dict[str, str] = {}
    for index, slide in enumerate(slides):
        where = where_of(index, slide)
        if not isinstance(slide, dict):
            errors.append(f"{where}: an event must be an object.")
            continue
        count = len(errors)
        when = _read_date(slide.get("start_date"), "start date", where, errors, notes, drop_times)
        until = None
        if slide.get("end_date") not in (None, "", {}):
            until = _read_date(slide.get("end_date"), "end date", where, errors, notes, drop_times)
        text = slide.get("text") or {}
        if not isinstance(text, dict):
            errors.append(f"{where}: “text” must be an object with a headline and text.")
            continue
        headline, body = text.get("headline") or "", text.get("text") or ""
        if not isinstance(headline, str) or not isinstance(body, str):
            errors.append(f"{where}: the headline and text must be strings.")
            continue
        title = _plain(headline)
        if not title:
            errors.append(f"{where}: the event has no headline.")
        elif len(title) > Event._meta.get_field("title").max_length:
            errors.append(f"{where}: the headline is longer than {Event._meta.get_field('title').max_length} characters.")
        if when and until and until.last_day < when.date:
            errors.append(f"{where}: the end date is before the start date.")
        uid = slide.get("unique_id") or ""
        if not isinstance(uid, str):
            uid = str(uid)
        if uid and not _UID.match(uid):
            uid = slugify(uid)[:80]
            notes["unique_ids made web-safe"] += 1
        if uid:
            if uid in seen:
                errors.append(f"{where}: unique_id “{uid}” is also used by {seen[uid]}.")
            seen[uid] = where
        if len(errors) > count:
            continue
        summary, sources, parts = _read_text(body)
        location = actors = None
        if parts is not None:
            summary = "\n\n".join(parts["ct-summary"])
            location = "".join(parts["ct-location"]).strip()
            actors = [name.strip() for name in parts["ct-actor"] if name.strip()]
        elif sources:
            notes["links in the text kept as sources"] += len(sources)
        media = slide.get("media") or {}
        if isinstance(media, dict) and media.get("url"):
            url = str(media["url"]).strip()
            if url.startswith(("http://", "https://")):
                label = media.get("caption") or media.get("credit") or media.get("alt") or url
                sources.append((_plain(str(label)) or url, url))
                notes["media kept as sources"] += 1
            else:
                notes["media that is not a web address left out"] += 1
        for key, note in (("group", "groups ignored"), ("background", "backgrounds ignored")):
            if slide.get(key):
                notes[note] += 1
        bad_sources = [s for s in sources if len(s[0]) > 300 or len(s[1]) > 500]
        if bad_sources:
            errors.append(f"{where}: a source title or link is too long (300 and 500 characters at most).")
            continue
        events.append(
            ImportedEvent(
                where=where,
                uid=uid,
                title=title,
                summary=summary,
                when=when,
                until=until,
                sources=[(title_ or url, url) for title_, url in sources],
                location=location,
                actors=actors,
            )
        )
    return events


def parse_timelinejs(data, *, drop_times: bool = False, where_of=None) -> ImportedTimeline:
    """TimelineJS 3 JSON (already decoded) into an ImportedTimeline."""
    errors: list[str] = []
    notes: Counter = Counter()
    if not isinstance(data, dict):
        raise TimelineFormatError(["The file is not a TimelineJS timeline: it must be a JSON object with “events”."])
    slides = data.get("events")
    if not isinstance(slides, list):
        raise TimelineFormatError(["The file is not a TimelineJS timeline: “events” must be a list."])
    if len(slides) > MAX_EVENTS:
        raise TimelineFormatError([f"The file has {len(slides)} events; {MAX_EVENTS} at most can be imported at once."])
    if data.get("eras"):
        notes["eras ignored"] += len(data["eras"]) if isinstance(data["eras"], list) else 1

    def default_where(index, slide):
        headline = ""
        if isinstance(slide, dict) and isinstance(slide.get("text"), dict):
            headline = _plain(str(slide["text"].get("headline") or ""))[:60]
        return f"event {index + 1}" + (f" (“{headline}”)" if headline else "")

    events = _slide_events(slides, where_of or default_where, notes, errors, drop_times)

    title, description, slug_hint = "", "", ""
    title_slide = data.get("title")
    if title_slide is not None:
        if not isinstance(title_slide, dict) or not isinstance(title_slide.get("text") or {}, dict):
            errors.append("The title slide must be an object with “text”.")
        else:
            text = title_slide.get("text") or {}
            title = _plain(str(text.get("headline") or ""))
            body, _sources, parts = _read_text(str(text.get("text") or ""))
            description = "\n\n".join(parts["ct-description"]) if parts is not None else body
            unique_id = str(title_slide.get("unique_id") or "")
            if unique_id.startswith(TITLE_ID_PREFIX):
                slug_hint = unique_id[len(TITLE_ID_PREFIX):]
    if len(title) > Timeline._meta.get_field("title").max_length:
        errors.append(f"The title is longer than {Timeline._meta.get_field('title').max_length} characters.")
    if errors:
        raise TimelineFormatError(errors)
    return ImportedTimeline(title=title, description=description, slug_hint=slug_hint, events=events, notes=notes)


def parse_json(text: str, *, drop_times: bool = False) -> ImportedTimeline:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TimelineFormatError([f"The file is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."]) from None
    except RecursionError:
        raise TimelineFormatError(["The file is not valid JSON: it is nested too deeply."]) from None
    return parse_timelinejs(data, drop_times=drop_times)


# The TimelineJS 3 spreadsheet template's columns (Google Sheets, File >
# Download > CSV). "Tag" is the older name of "Group".
CSV_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Alt Text",
    "Type", "Group", "Tag", "Background",
)


def _time_parts(value: str) -> dict[str, str]:
    return {"hour": value} if value else {}


def parse_csv(text: str, *, drop_times: bool = False) -> ImportedTimeline:
    """The TimelineJS spreadsheet template exported as CSV."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
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
    unknown = [name for name in header if name and name not in CSV_COLUMNS]
    reader.fieldnames = header
    slides: list[dict] = []
    where: list[str] = []
    title_row: dict | None = None
    notes: Counter = Counter()
    errors: list[str] = []
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                errors.append(f"row {line}: more cells than there are columns.")
                continue
            row = {key: (value or "").strip() for key, value in row.items()}
            if not any(row.values()):
                continue
            if len(slides) >= MAX_EVENTS:
                raise TimelineFormatError([f"The file has more than {MAX_EVENTS} rows; import it in parts."])
            slide = {
                "start_date": {"year": row.get("Year", ""), "month": row.get("Month", ""), "day": row.get("Day", ""),
                               **_time_parts(row.get("Time", ""))},
                "text": {"headline": row.get("Headline", ""), "text": row.get("Text", "")},
                "media": {"url": row.get("Media", ""), "caption": row.get("Media Caption", ""),
                          "credit": row.get("Media Credit", ""), "alt": row.get("Alt Text", "")},
                "group": row.get("Group", "") or row.get("Tag", ""),
                "background": row.get("Background", ""),
            }
            if row.get("End Year") or row.get("End Time"):
                slide["end_date"] = {"year": row.get("End Year", ""), "month": row.get("End Month", ""),
                                     "day": row.get("End Day", ""), **_time_parts(row.get("End Time", ""))}
            kind = row.get("Type", "").lower()
            if kind == "title":
                if title_row is not None:
                    errors.append(f"row {line}: a second title row (the first is row {title_row['line']}).")
                title_row = {"line": line, "text": slide["text"]}
                continue
            if kind == "era":
                notes["eras ignored"] += 1
                continue
            if kind and kind != "event":
                errors.append(f"row {line}: unknown Type “{row['Type'][:30]}” (use title, era or leave it empty).")
                continue
            slides.append(slide)
            where.append(f"row {line}" + (f" (“{row['Headline'][:60]}”)" if row.get("Headline") else ""))
    except csv.Error as error:
        raise TimelineFormatError([f"row {reader.line_num}: the CSV file cannot be read: {error}."]) from None
    data = {"events": slides}
    if title_row is not None:
        data["title"] = {"text": title_row["text"]}
    try:
        imported = parse_timelinejs(data, drop_times=drop_times, where_of=lambda index, slide: where[index])
    except TimelineFormatError as error:
        raise TimelineFormatError(errors + error.errors) from None
    if errors:
        raise TimelineFormatError(errors)
    imported.notes.update(notes)
    if unknown:
        imported.notes[f"unknown columns ignored ({', '.join(unknown[:5])})"] += 1
    return imported

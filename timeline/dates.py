"""Dates at their precision.

A news event may be known to the day ("24 February 2024"), the month
("November 2024"), the year ("2018") or only the decade ("the 1990s"). A
`FuzzyDate` keeps the first day of that period and the precision, so it sorts
with its period and is never shown with a day it does not have.

Typed dates are read by `read_date`: ISO and numeric dates, decades and words
counted from a date ("yesterday", "el año pasado") by rules of its own, the
rest ("noviembre de 2024", "24 Feb 2024") by dateparser. A text is read as
the date it names or refused with a message; never as the day it was typed.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

from django.db import models
from django.utils import formats, translation
from django.utils.dateformat import DateFormat, re_escaped, re_formatchars
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    DECADE = "decade", _("decade")


# Finest first: a precision later in this list is coarser.
PRECISION_ORDER = [Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.DECADE]


def precision_rank(field: str = "date_precision") -> models.Case:
    """The coarseness of the precision in `field`, for ordering: 0 for a
    decade up to 3 for a day, so ordering on it ascending puts the coarser
    period first among events that start on the same day ("the 1990s"
    before "1990" before "January 1990" before "1 January 1990")."""
    return models.Case(
        *(models.When(**{field: value}, then=rank) for rank, value in enumerate(reversed(PRECISION_ORDER))),
        default=len(PRECISION_ORDER),
        output_field=models.IntegerField(),
    )


def precision_ordering(field: str = "date_precision") -> models.OrderBy:
    return precision_rank(field).asc()


# The parts a `<time datetime>` value (and ISO 8601) keeps at each precision;
# a decade has no value of its own, so it gives its first year.
_ISO_LENGTH = {Precision.DECADE: 4, Precision.YEAR: 4, Precision.MONTH: 7, Precision.DAY: 10}
_DISPLAY_FORMAT = {Precision.YEAR: "Y", Precision.MONTH: "YEAR_MONTH_FORMAT", Precision.DAY: "DATE_FORMAT"}

# Longest text worth handing to dateparser for one date.
MAX_DATE_TEXT = 100


def precision_error(date: datetime.date, precision: str) -> str | None:
    """Why `date` cannot stand for a period of `precision`, or None when it can."""
    if precision not in Precision.values:
        return _("Unknown precision “%(precision)s”.") % {"precision": precision}
    if precision == Precision.MONTH and date.day != 1:
        return _("A month-precision date cannot name a day: use the first of the month or day precision.")
    if precision == Precision.YEAR and (date.month, date.day) != (1, 1):
        return _("A year-precision date cannot name a month or day: use 1 January or a finer precision.")
    if precision == Precision.DECADE and (date.year % 10, date.month, date.day) != (0, 1, 1):
        return _("A decade-precision date starts on 1 January of a year ending in 0, such as 1990.")
    return None


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """The first day of a period and the period's length (its precision)."""

    date: datetime.date
    precision: str = Precision.DAY

    def __post_init__(self):
        error = precision_error(self.date, self.precision)
        if error:
            raise ValueError(error)

    @classmethod
    def of(cls, date: datetime.date, precision: str) -> FuzzyDate:
        """The period of `precision` that contains `date`."""
        if precision == Precision.DECADE:
            date = date.replace(year=date.year - date.year % 10, month=1, day=1)
        elif precision == Precision.YEAR:
            date = date.replace(month=1, day=1)
        elif precision == Precision.MONTH:
            date = date.replace(day=1)
        return cls(date, precision)

    @property
    def iso(self) -> str:
        """ISO 8601 at this precision, for `<time datetime>`: "2018", "2024-11", "2024-02-24"
        (a decade gives its first year: "1990")."""
        return self.date.isoformat()[: _ISO_LENGTH[self.precision]]

    @property
    def last_day(self) -> datetime.date:
        if self.precision == Precision.DECADE:
            return datetime.date(min(self.date.year + 9, 9999), 12, 31)
        if self.precision == Precision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.precision == Precision.MONTH:
            return self.date.replace(day=calendar.monthrange(self.date.year, self.date.month)[1])
        return self.date

    def display(self) -> str:
        """The date in the active language at its precision: "November 2024",
        "noviembre de 2024", "the 1990s", "la década de 1990"."""
        if self.precision == Precision.DECADE:
            return _("the %(decade)ss") % {"decade": self.date.year}
        # What `formats.date_format` gives, with the format read once per
        # language (a 10,000-event export shows 10,000 dates).
        formatter = DateFormat(self.date)
        pieces = _format_pieces(formats.get_format(_DISPLAY_FORMAT[self.precision]))
        return "".join(str(getattr(formatter, piece)()) if code else piece for code, piece in pieces)

    def __str__(self) -> str:
        return self.display()

    def get_precision_label(self) -> str:
        return str(Precision(self.precision).label)

    def __lt__(self, other: FuzzyDate) -> bool:
        return self.sort_key < other.sort_key

    @property
    def sort_key(self) -> tuple[datetime.date, int]:
        # Same start: the coarser period first, as in `precision_ordering`.
        return (self.date, -PRECISION_ORDER.index(self.precision))


@functools.lru_cache(maxsize=32)
def _format_pieces(format_string: str) -> tuple[tuple[bool, str], ...]:
    """A date format split as Django's `dateformat` splits it at each call:
    (True, a format character) or (False, literal text, unescaped)."""
    return tuple(
        (True, piece) if index % 2 else (False, re_escaped.sub(r"\1", piece))
        for index, piece in enumerate(re_formatchars.split(format_string))
        if piece
    )


class DateParseError(ValueError):
    pass


class DayOrder(models.TextChoices):
    """How a numeric date whose day and month could be swapped was read."""

    DAY_FIRST = "day-first", _("read day first, as in Spanish")
    MONTH_FIRST = "month-first", _("read month first, as in English")


@dataclass(frozen=True)
class DateReading:
    """What a typed date was read as, and how: `order` when its day and
    month could be swapped, `counted_from` when it counts from a date."""

    when: FuzzyDate
    order: str = ""
    counted_from: datetime.date | None = None

    @property
    def order_label(self) -> str:
        return str(DayOrder(self.order).label) if self.order else ""


def date_language(language: str | None) -> str:
    """"es" or "en": `language` when it is one of them, else the interface's."""
    for candidate in (language, translation.get_language()):
        code = (candidate or "")[:2].lower()
        if code in ("en", "es"):
            return code
    return "en"


_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
# Year first, ISO or with slashes or dots: "2024", "2024-11", "2024-02-24", "2024/2/24".
_YEAR_FIRST = re.compile(r"^(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d+)$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")

_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
}
_EN_WORDS = "|".join(w for w in _DECADE_WORDS if w.endswith("ies"))
_ES_WORDS = "|".join(w for w in _DECADE_WORDS if not w.endswith("ies"))
_ES_DECADE = rf"(?:(?P<full>\d{{3}}0)|'?(?P<short>\d0)|(?P<word>{_ES_WORDS}))"
_DECADE_FORMS = [
    re.compile(rf"^(?:the\s+)?(?:(?P<full>\d{{3}}0)'?s|'?(?P<short>\d0)'?s|(?P<word>{_EN_WORDS}))$"),
    re.compile(rf"^(?:la\s+)?d[eé]cada\s+de(?:\s+los)?(?:\s+a[ñn]os)?\s+{_ES_DECADE}$"),
    re.compile(rf"^(?:los\s+)?a[ñn]os\s+{_ES_DECADE}$"),
    re.compile(rf"^los\s+{_ES_DECADE}$"),
]
# A month's name or its abbreviation, in English or Spanish.
_MONTH_WORD = re.compile(r"(?<![a-záéíóúñ])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|set|dic)", re.IGNORECASE)

# Two days dateparser counts from, to tell a date the text names from one it
# counts from "today": the first of the month would hide month arithmetic.
_PROBE_BASES = (datetime.datetime(2001, 6, 15), datetime.datetime(2010, 3, 15))
_DATEPARSER_PRECISION = {"day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}

UNREAD = _("Could not read “%(text)s” as a date with a year. Try “24 February 2024”, “November 2024” or “2018”.")
NOT_REAL = _("“%(text)s” is not a real date.")
COUNTED_WITHOUT_BASE = _(
    "“%(text)s” counts from a date, and there is none to count from here: type the date itself, such as “24 February 2024”."
)
NOT_A_PERIOD = _("Give a day, a month or a year, not a week or a time.")
YEAR_NOT_WRITTEN = _("“%(text)s” gives no year written in full: add it, for example “24 February 2024”.")
CENTURY_UNKNOWN = _("“%(text)s” could be the %(early)ss or the %(late)ss: write the decade in full.")


def read_date(text: str, *, reference: datetime.date | None = None, language: str | None = None) -> DateReading:
    """What `text` will be saved as: the date it names at its precision.

    A numeric date whose day and month could be swapped ("3/4/2024") is read
    in the order of `language` ("es" day first, "en" month first; the
    interface's when None). Words that count from a date ("yesterday",
    "el año pasado") count from `reference`, and are refused without one.
    Raises DateParseError with a message an editor can act on."""
    text = _SPACES.sub(" ", (text or "").strip())
    if not text:
        raise DateParseError(_("Enter a date, for example “November 2024”."))
    if len(text) > MAX_DATE_TEXT:
        raise DateParseError(_("That is too long for a date."))
    lowered = text.lower().translate(_QUOTES)
    for reader in (_read_year_first, _read_numeric, _read_decade):
        reading = reader(lowered, text=text, reference=reference, language=date_language(language))
        if reading is not None:
            return reading
    return _read_words(text, reference=reference, language=date_language(language))


def _real(year: int, month: int, day: int, precision: str, text: str) -> FuzzyDate:
    try:
        return FuzzyDate(datetime.date(year, month, day), precision)
    except ValueError:
        raise DateParseError(NOT_REAL % {"text": text}) from None


def _read_year_first(lowered: str, *, text: str, **_context) -> DateReading | None:
    # Read strictly: "2018-13-01" is an error, not 13 January.
    match = _YEAR_FIRST.match(lowered)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    if day is not None:
        return DateReading(_real(year, month, day, Precision.DAY, text))
    if month is not None:
        return DateReading(_real(year, month, 1, Precision.MONTH, text))
    return DateReading(_real(year, 1, 1, Precision.YEAR, text))


def _read_numeric(lowered: str, *, text: str, language: str, **_context) -> DateReading | None:
    """"3/4/2024", "13.4.2024", "4/2024": day and month in the only order
    that is a real date, else in the language's order (which is recorded)."""
    if match := _MONTH_YEAR.match(lowered):
        return DateReading(_real(int(match[2]), int(match[1]), 1, Precision.MONTH, text))
    match = _DAY_MONTH_YEAR.match(lowered)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[2]), match[3]
    if len(year) != 4:
        example = f"{match[1]}/{match[2]}/20{year[-2:]}" if len(year) == 2 else "3/4/2024"
        raise DateParseError(_("Write the year in full, for example “%(example)s”.") % {"example": example})
    order = ""
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        day_first = language == "es"
        day, month = (first, second) if day_first else (second, first)
        if first != second:
            order = DayOrder.DAY_FIRST if day_first else DayOrder.MONTH_FIRST
    return DateReading(_real(int(year), month, day, Precision.DAY, text), order=str(order))


def _read_decade(lowered: str, *, text: str, reference: datetime.date | None, **_context) -> DateReading | None:
    """"the 1990s", "the '90s", "los años noventa", "la década de 1990"."""
    match = next((m for form in _DECADE_FORMS if (m := form.match(lowered))), None)
    if match is None:
        return None
    if match["full"]:
        return DateReading(FuzzyDate(datetime.date(int(match["full"]), 1, 1), Precision.DECADE))
    short = int(match["short"]) if match["short"] else _DECADE_WORDS[match["word"]]
    if reference is not None:
        # The latest such decade that had begun by the article's date.
        start = max(c for c in (1800 + short, 1900 + short, 2000 + short) if c <= max(reference.year, 1800 + short))
        return DateReading(FuzzyDate(datetime.date(start, 1, 1), Precision.DECADE), counted_from=reference)
    if short < 30:
        raise DateParseError(CENTURY_UNKNOWN % {"text": text, "early": 1900 + short, "late": 2000 + short})
    return DateReading(FuzzyDate(datetime.date(1900 + short, 1, 1), Precision.DECADE))


def parse_decade(text: str) -> FuzzyDate | None:
    """The decade `text` names ("the 1990s", "la década de 1990"), or None;
    only the decade rules, never dateparser (for the import's display dates)."""
    lowered = _SPACES.sub(" ", (text or "").strip()).lower().translate(_QUOTES)
    try:
        reading = _read_decade(lowered[:MAX_DATE_TEXT], text=text, reference=None)
    except DateParseError:
        return None
    return reading.when if reading else None


@functools.lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...], base: datetime.datetime):
    # Loaded once per process and base: building dateparser's language data is the slow part.
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=list(languages),
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
            "RELATIVE_BASE": base,
        },
    )


@functools.lru_cache(maxsize=1024)
def _dateparser(text: str, language: str, base: datetime.datetime) -> FuzzyDate | None:
    """dateparser's reading counted from `base`; None when it reads none,
    or one finer than a day (a time, "1990s" as 1,990 seconds ago)."""
    languages = (language, "es" if language == "en" else "en")
    try:
        data = _parser(languages, base).get_date_data(text)
    except (OverflowError, ValueError):
        return None
    if data.date_obj is None:
        return None
    precision = _DATEPARSER_PRECISION.get(data.period)
    if precision is None:
        raise DateParseError(NOT_A_PERIOD)
    if data.date_obj.time() != datetime.time(0):
        return None
    return FuzzyDate.of(data.date_obj.date(), precision)


def _offset(when: FuzzyDate, base: datetime.datetime) -> int:
    """How far `when` is from `base`, in units of its precision."""
    if when.precision == Precision.DAY:
        return (when.date - base.date()).days
    if when.precision == Precision.MONTH:
        return (when.date.year - base.year) * 12 + when.date.month - base.month
    return when.date.year - base.year


def _read_words(text: str, *, reference: datetime.date | None, language: str) -> DateReading:
    """A date in words, by dateparser; refused unless it is the date the
    words name, or (counted from `reference`) the date they count to."""
    probes = [_dateparser(text, language, base) for base in _PROBE_BASES]
    if probes[0] is None or probes[1] is None:
        raise DateParseError(UNREAD % {"text": text})
    if probes[0] == probes[1]:
        when = probes[0]
        if not re.search(rf"(?<!\d){when.date.year}(?!\d)", text):
            raise DateParseError(YEAR_NOT_WRITTEN % {"text": text})
        if when.precision != Precision.YEAR and not _MONTH_WORD.search(text):
            raise DateParseError(UNREAD % {"text": text})
        return DateReading(when)
    same_count = probes[0].precision == probes[1].precision and len(
        {_offset(probe, base) for probe, base in zip(probes, _PROBE_BASES)}
    ) == 1
    if not same_count:
        # Part named, part taken from the day it was typed ("noon 2024").
        raise DateParseError(UNREAD % {"text": text})
    if reference is None:
        raise DateParseError(COUNTED_WITHOUT_BASE % {"text": text})
    when = _dateparser(text, language, datetime.datetime.combine(reference, datetime.time(0)))
    if when is None or any(int(year) != when.date.year for year in re.findall(r"(?<!\d)\d{4}(?!\d)", text)):
        # Also "tomorrow 2024": the year it names is not the one it counts to.
        raise DateParseError(UNREAD % {"text": text})
    return DateReading(when, counted_from=reference)


def parse_fuzzy_date(
    text: str, *, reference: datetime.date | None = None, language: str | None = None
) -> FuzzyDate:
    """Read a date an editor typed ("November 2024", "2018", "24 Feb 2024",
    "noviembre de 2024", "2024-11", "the 1990s") into the date and its
    precision; words counting from a date count from `reference`.

    Raises DateParseError with a message an editor can act on."""
    return read_date(text, reference=reference, language=language).when

"""dateparser's reading of one short candidate, relative to the publication date.

Only the candidates the grammar found are read, never whole sentences, and
none longer than MAX_CANDIDATE_CHARS: no input can make dateparser run away.
A reading becomes a FuzzyDate at the precision of the period it names.
dateparser is imported on first use, not when the project starts.
"""

from __future__ import annotations

import datetime
import functools
from typing import TYPE_CHECKING

from timeline.dates import FuzzyDate, Precision

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

MAX_CANDIDATE_CHARS = 80

# dateparser's date and the period it names: "day", "week", "month" or "year".
Reading = tuple[datetime.date, str]

_PRECISION_OF_PERIOD = {"day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}


@functools.lru_cache(maxsize=16)
def _parser(language: str, base: datetime.date, prefer: str) -> DateDataParser:
    """A dateparser reader for one language, base date and direction; a
    handful per article, kept while they are being used."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=[language],
        settings={
            "RELATIVE_BASE": datetime.datetime.combine(base, datetime.time()),
            "PREFER_DATES_FROM": prefer,
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "DATE_ORDER": "MDY" if language == "en" else "DMY",
        },
    )


@functools.lru_cache(maxsize=4096)
def read(text: str, language: str, base: datetime.date, prefer: str) -> Reading | None:
    """dateparser's reading of a short candidate: (date, period) or None.
    `prefer` is "past", "future" or "current_period". An expression repeated
    in a text (or across texts of the same day) is read once."""
    if not text or len(text) > MAX_CANDIDATE_CHARS:
        return None
    data = _parser(language, base, prefer).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period


def as_fuzzy(reading: Reading | None, *, precision: str | None = None) -> FuzzyDate | None:
    """The reading as a FuzzyDate: at `precision` if given, else at the period dateparser read."""
    if reading is None:
        return None
    day, period = reading
    if precision:
        return FuzzyDate.of(day, precision)
    if period == "week":
        return _week_period(day)
    if period not in _PRECISION_OF_PERIOD:
        return FuzzyDate.of(day, Precision.DAY)
    return FuzzyDate.of(day, _PRECISION_OF_PERIOD[period])


def _week_period(day: datetime.date) -> FuzzyDate:
    """A week is not a precision we keep: the month it falls in, else the year."""
    monday = day - datetime.timedelta(days=day.weekday())
    sunday = monday + datetime.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return FuzzyDate.of(monday, Precision.MONTH)
    return FuzzyDate.of(day, Precision.YEAR)

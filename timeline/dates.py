"""Dates at their precision.

A news event may be known to the day ("24 February 2024"), the month
("November 2024") or only the year ("2018"). A `FuzzyDate` keeps the first day
of that period and the precision, so it sorts with its period and is never
shown with a day it does not have.

Typed dates ("noviembre de 2024", "24 Feb 2024") are read by dateparser; the
period it reports becomes the precision.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


# Stored precision values sort alphabetically as day < month < year; ordering
# on "-precision" therefore puts the coarser period first among events that
# start on the same day ("November 2024" before "1 November 2024").
PRECISION_ORDERING = "-date_precision"

# The parts a `<time datetime>` value (and ISO 8601) keeps at each precision.
_ISO_LENGTH = {Precision.YEAR: 4, Precision.MONTH: 7, Precision.DAY: 10}
_DISPLAY_FORMAT = {Precision.YEAR: "Y", Precision.MONTH: "YEAR_MONTH_FORMAT", Precision.DAY: "DATE_FORMAT"}
_ISO_INPUT = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\s*$")

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
        if precision == Precision.YEAR:
            date = date.replace(month=1, day=1)
        elif precision == Precision.MONTH:
            date = date.replace(day=1)
        return cls(date, precision)

    @property
    def iso(self) -> str:
        """ISO 8601 at this precision, for `<time datetime>`: "2018", "2024-11", "2024-02-24"."""
        return self.date.isoformat()[: _ISO_LENGTH[self.precision]]

    @property
    def last_day(self) -> datetime.date:
        if self.precision == Precision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.precision == Precision.MONTH:
            return self.date.replace(day=calendar.monthrange(self.date.year, self.date.month)[1])
        return self.date

    def display(self) -> str:
        """The date in the active language at its precision: "November 2024", "noviembre de 2024"."""
        return formats.date_format(self.date, _DISPLAY_FORMAT[self.precision])

    def __str__(self) -> str:
        return self.display()

    def get_precision_label(self) -> str:
        return str(Precision(self.precision).label)

    def __lt__(self, other: FuzzyDate) -> bool:
        return self.sort_key < other.sort_key

    @property
    def sort_key(self) -> tuple[datetime.date, int]:
        # Same start: the coarser period first, as in PRECISION_ORDERING.
        return (self.date, -list(Precision.values).index(self.precision))


class DateParseError(ValueError):
    pass


@functools.cache
def _parser(languages: tuple[str, ...]):
    # Loaded once per process: building dateparser's language data is the slow part.
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=list(languages),
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


_PERIOD_TO_PRECISION = {"day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}


def parse_fuzzy_date(text: str, *, languages: tuple[str, ...] = ("en", "es")) -> FuzzyDate:
    """Read a date an editor typed ("November 2024", "2018", "24 Feb 2024",
    "noviembre de 2024", "2024-11") into the date and its precision.

    Raises DateParseError with a message an editor can act on.
    """
    text = (text or "").strip()
    if not text:
        raise DateParseError(_("Enter a date, for example “November 2024”."))
    if len(text) > MAX_DATE_TEXT:
        raise DateParseError(_("That is too long for a date."))

    iso = _ISO_INPUT.match(text)
    if iso:
        # Numeric ISO input is read strictly: "2018-13-01" is an error, not 13 January.
        year, month, day = (int(part) if part else None for part in iso.groups())
        try:
            if day is not None:
                return FuzzyDate(datetime.date(year, month, day), Precision.DAY)
            if month is not None:
                return FuzzyDate(datetime.date(year, month, 1), Precision.MONTH)
            return FuzzyDate(datetime.date(year, 1, 1), Precision.YEAR)
        except ValueError:
            raise DateParseError(_("“%(text)s” is not a real date.") % {"text": text}) from None

    data = _parser(tuple(languages)).get_date_data(text)
    if data.date_obj is None:
        raise DateParseError(
            _("Could not read “%(text)s” as a date with a year. Try “24 February 2024”, “November 2024” or “2018”.")
            % {"text": text}
        )
    precision = _PERIOD_TO_PRECISION.get(data.period)
    if precision is None:
        raise DateParseError(_("Give a day, a month or a year, not a week or a time."))
    return FuzzyDate.of(data.date_obj.date(), precision)

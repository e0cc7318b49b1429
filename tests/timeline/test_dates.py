"""Dates carry their precision: stored as the first day of the period,
shown and put in <time datetime> without parts they do not have."""

import datetime

import pytest
from django.utils import translation

from timeline.dates import DateParseError, FuzzyDate, Precision, parse_fuzzy_date, precision_error

D = datetime.date


@pytest.mark.parametrize(
    "when, iso, english, spanish",
    [
        (FuzzyDate(D(2018, 1, 1), Precision.YEAR), "2018", "2018", "2018"),
        (FuzzyDate(D(2024, 11, 1), Precision.MONTH), "2024-11", "November 2024", "noviembre de 2024"),
        (FuzzyDate(D(2024, 2, 24), Precision.DAY), "2024-02-24", "24 February 2024", "24 de febrero de 2024"),
    ],
)
def test_a_date_shows_only_the_parts_its_precision_has(when, iso, english, spanish):
    assert when.iso == iso
    with translation.override("en"):
        assert str(when) == english
    with translation.override("es"):
        assert str(when) == spanish


@pytest.mark.parametrize(
    "date, precision, ok",
    [
        (D(2024, 11, 1), Precision.MONTH, True),
        (D(2024, 11, 14), Precision.MONTH, False),
        (D(2018, 1, 1), Precision.YEAR, True),
        (D(2018, 6, 1), Precision.YEAR, False),
        (D(2024, 11, 14), Precision.DAY, True),
    ],
)
def test_a_period_starts_on_its_first_day(date, precision, ok):
    assert (precision_error(date, precision) is None) is ok
    if not ok:
        with pytest.raises(ValueError):
            FuzzyDate(date, precision)


def test_of_widens_a_day_to_its_period():
    assert FuzzyDate.of(D(2024, 11, 14), Precision.MONTH) == FuzzyDate(D(2024, 11, 1), Precision.MONTH)
    assert FuzzyDate.of(D(2024, 11, 14), Precision.YEAR).iso == "2024"


def test_a_month_sorts_inside_its_month_before_its_days_and_after_earlier_months():
    october_31 = FuzzyDate(D(2024, 10, 31))
    november = FuzzyDate(D(2024, 11, 1), Precision.MONTH)
    november_1 = FuzzyDate(D(2024, 11, 1))
    november_14 = FuzzyDate(D(2024, 11, 14))
    year_2024 = FuzzyDate(D(2024, 1, 1), Precision.YEAR)
    assert sorted([november_14, november_1, october_31, november, year_2024]) == [
        year_2024, october_31, november, november_1, november_14,
    ]


def test_last_day_of_a_period():
    assert FuzzyDate(D(2024, 2, 1), Precision.MONTH).last_day == D(2024, 2, 29)
    assert FuzzyDate(D(2018, 1, 1), Precision.YEAR).last_day == D(2018, 12, 31)


@pytest.mark.parametrize(
    "text, iso, precision",
    [
        ("November 2024", "2024-11", Precision.MONTH),
        ("2018", "2018", Precision.YEAR),
        ("24 Feb 2024", "2024-02-24", Precision.DAY),
        ("noviembre de 2024", "2024-11", Precision.MONTH),
        ("14 de noviembre de 2024", "2024-11-14", Precision.DAY),
        ("June 20, 2018", "2018-06-20", Precision.DAY),
        ("Feb 2024", "2024-02", Precision.MONTH),
        ("2024-11", "2024-11", Precision.MONTH),
        ("2024-02-24", "2024-02-24", Precision.DAY),
        ("  julio 2024 ", "2024-07", Precision.MONTH),
    ],
)
def test_typed_dates_are_read_with_their_precision(text, iso, precision):
    when = parse_fuzzy_date(text)
    assert (when.iso, when.precision) == (iso, precision)


@pytest.mark.parametrize("text", ["", "   ", "garbage", "November", "2018-13-01", "2023-02-30", "x" * 500, "99999"])
def test_unreadable_dates_get_a_message_not_a_guess(text):
    with pytest.raises(DateParseError) as error:
        parse_fuzzy_date(text)
    assert str(error.value)

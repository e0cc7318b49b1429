"""Dates carry their precision: stored as the first day of the period,
shown and put in <time datetime> without parts they do not have."""

import datetime

import pytest
from django.utils import translation

from timeline.dates import DateParseError, DayOrder, FuzzyDate, Precision, parse_fuzzy_date, precision_error, read_date

D = datetime.date


@pytest.mark.parametrize(
    "when, iso, english, spanish",
    [
        (FuzzyDate(D(2018, 1, 1), Precision.YEAR), "2018", "2018", "2018"),
        (FuzzyDate(D(2024, 11, 1), Precision.MONTH), "2024-11", "November 2024", "noviembre de 2024"),
        (FuzzyDate(D(2024, 2, 24), Precision.DAY), "2024-02-24", "24 February 2024", "24 de febrero de 2024"),
        (FuzzyDate(D(1990, 1, 1), Precision.DECADE), "1990", "the 1990s", "la década de 1990"),
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
        (D(1990, 1, 1), Precision.DECADE, True),
        (D(1995, 1, 1), Precision.DECADE, False),
        (D(1990, 6, 1), Precision.DECADE, False),
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
    assert FuzzyDate.of(D(1997, 5, 14), Precision.DECADE) == FuzzyDate(D(1990, 1, 1), Precision.DECADE)


def test_a_decade_sorts_before_the_year_month_and_day_it_starts_with():
    decade = FuzzyDate(D(1990, 1, 1), Precision.DECADE)
    year = FuzzyDate(D(1990, 1, 1), Precision.YEAR)
    month = FuzzyDate(D(1990, 1, 1), Precision.MONTH)
    day = FuzzyDate(D(1990, 1, 1))
    earlier = FuzzyDate(D(1989, 12, 31))
    assert sorted([day, month, earlier, year, decade]) == [earlier, decade, year, month, day]


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
    assert FuzzyDate(D(1990, 1, 1), Precision.DECADE).last_day == D(1999, 12, 31)


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


@pytest.mark.parametrize(
    "text",
    ["", "   ", "garbage", "November", "2018-13-01", "2023-02-30", "x" * 500, "x" * 1000, "99999", "sometime",
     "sometime in 2024", "Q3", "Q3 2024", "mid-2024", "Monday", "noon 2024", "1990s and 2000s", "24 Feb", "20",
     "a 2019", "1 2024", "31/31/2024", "03/04/24", "last week", "la semana pasada", "in 2 weeks"],
)
def test_unreadable_dates_get_a_message_not_a_guess(text):
    with pytest.raises(DateParseError) as error:
        parse_fuzzy_date(text)
    assert str(error.value)


ARTICLE_DAY = D(2019, 5, 10)  # a Friday


@pytest.mark.parametrize(
    "text",
    ["the 1990s", "1990s", "The 1990s", "1990's", "the 1990’s", "the '90s", "the ’90s", "'90s", "90s", "the nineties",
     "la década de 1990", "década de 1990", "la década de los 90", "la década de los noventa", "los años noventa",
     "los noventa", "los años 90", "los años '90", "años 90", "los 90"],
)
def test_a_decade_in_english_or_spanish_is_the_decade(text):
    for reference in (None, ARTICLE_DAY):
        when = parse_fuzzy_date(text, reference=reference)
        assert (when.date, when.precision) == (D(1990, 1, 1), Precision.DECADE)


def test_a_two_digit_decade_of_this_century_or_the_last_needs_a_date_to_tell():
    with pytest.raises(DateParseError, match="1920s or the 2020s"):
        parse_fuzzy_date("the '20s")
    assert parse_fuzzy_date("the '20s", reference=D(2019, 5, 10)).date == D(1920, 1, 1)
    assert parse_fuzzy_date("the '20s", reference=D(2024, 5, 10)).date == D(2020, 1, 1)
    assert parse_fuzzy_date("the 2020s").date == D(2020, 1, 1)


@pytest.mark.parametrize(
    "text, iso, precision",
    [
        ("now", "2019-05-10", Precision.DAY),
        ("today", "2019-05-10", Precision.DAY),
        ("yesterday", "2019-05-09", Precision.DAY),
        ("tomorrow", "2019-05-11", Precision.DAY),
        ("3 days ago", "2019-05-07", Precision.DAY),
        ("hoy", "2019-05-10", Precision.DAY),
        ("ayer", "2019-05-09", Precision.DAY),
        ("mañana", "2019-05-11", Precision.DAY),
        ("hace 3 días", "2019-05-07", Precision.DAY),
        ("el año pasado", "2018", Precision.YEAR),
        ("last year", "2018", Precision.YEAR),
        ("this year", "2019", Precision.YEAR),
        ("next month", "2019-06", Precision.MONTH),
    ],
)
def test_words_that_count_from_a_date_count_from_the_reference(text, iso, precision):
    reading = read_date(text, reference=ARTICLE_DAY)
    assert (reading.when.iso, reading.when.precision, reading.counted_from) == (iso, precision, ARTICLE_DAY)
    with pytest.raises(DateParseError, match="counts from a date, and there is none"):
        read_date(text)


@pytest.mark.parametrize("text", ["last week", "la semana pasada", "tomorrow 2024", "noon 2024"])
def test_words_that_count_to_no_day_month_or_year_are_refused_even_with_a_reference(text):
    with pytest.raises(DateParseError):
        read_date(text, reference=ARTICLE_DAY)


@pytest.mark.parametrize(
    "text, language, iso, order",
    [
        ("3/4/2024", "es", "2024-04-03", DayOrder.DAY_FIRST),
        ("3/4/2024", "en", "2024-03-04", DayOrder.MONTH_FIRST),
        ("03.04.2024", "es", "2024-04-03", DayOrder.DAY_FIRST),
        ("3-4-2024", "en", "2024-03-04", DayOrder.MONTH_FIRST),
        ("13/4/2024", "en", "2024-04-13", ""),
        ("13/4/2024", "es", "2024-04-13", ""),
        ("4/13/2024", "es", "2024-04-13", ""),
        ("4/4/2024", "en", "2024-04-04", ""),
        ("4/2024", "en", "2024-04", ""),
        ("2024/4/3", "en", "2024-04-03", ""),
    ],
)
def test_a_numeric_date_follows_its_language_only_when_day_and_month_could_swap(text, language, iso, order):
    reading = read_date(text, language=language)
    assert (reading.when.iso, reading.order) == (iso, order)


def test_without_a_language_a_numeric_date_follows_the_interface():
    with translation.override("es"):
        assert read_date("3/4/2024").when.iso == "2024-04-03"
        assert read_date("3/4/2024").order_label == "leída con el día primero, como en español"
    with translation.override("en"):
        assert read_date("3/4/2024").when.iso == "2024-03-04"
        assert read_date("3/4/2024").order_label == "read month first, as in English"
    assert read_date("3/4/2024", language="xx").when.iso in ("2024-03-04", "2024-04-03")


@pytest.mark.parametrize("text", ["the 1990s", "1990s", "now", "today", "sometime", "Q3", "mañana", "x" * 1000])
def test_no_text_is_read_as_the_day_it_is_typed(text):
    today = datetime.date.today()
    try:
        when = parse_fuzzy_date(text)
    except DateParseError as error:
        assert str(error)
    else:
        assert not when.date <= today <= when.last_day


@pytest.mark.parametrize(
    "when",
    [FuzzyDate(D(1990, 1, 1), Precision.DECADE), FuzzyDate(D(2018, 1, 1), Precision.YEAR),
     FuzzyDate(D(2024, 11, 1), Precision.MONTH), FuzzyDate(D(2024, 2, 24))],
)
def test_a_stored_date_in_english_words_reads_back_as_itself(when):
    """The widget shows a stored date in these words and its reading without reading them again."""
    with translation.override("en"):
        assert parse_fuzzy_date(when.display()) == when

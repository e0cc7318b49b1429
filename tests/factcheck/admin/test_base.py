"""The date drill-down of a change list: the span each of its links picks,
and no span for a drill-down its links never make."""

from datetime import UTC, datetime

import pytest
from django.contrib.admin.options import IncorrectLookupParameters

from factcheck.admin.base import drill_down_range


@pytest.mark.parametrize(
    ("parts", "start", "end"),
    [
        (("2024", None, None), datetime(2024, 1, 1), datetime(2025, 1, 1)),
        (("2024", "2", None), datetime(2024, 2, 1), datetime(2024, 3, 1)),
        (("2024", "02", "29"), datetime(2024, 2, 29), datetime(2024, 3, 1)),
        (("2024", "12", None), datetime(2024, 12, 1), datetime(2025, 1, 1)),
        (("1", "1", "1"), datetime(1, 1, 1), datetime(1, 1, 2)),
        (("9999", "12", "30"), datetime(9999, 12, 30), datetime(9999, 12, 31)),
    ],
)
def test_a_drill_down_picks_its_year_month_or_day(parts, start, end):
    assert drill_down_range(*parts) == (start.replace(tzinfo=UTC), end.replace(tzinfo=UTC))


def test_no_drill_down_is_no_span():
    assert drill_down_range(None, None, None) is None


@pytest.mark.parametrize(
    "parts",
    [
        ("10000", None, None),  # past the calendar datetime holds
        ("-1", None, None),
        ("0", None, None),
        ("9999", None, None),  # the year after it is past it
        ("9999", "12", None),
        ("9999", "12", "31"),
        ("2000", "2147483648", None),
        ("2024", "13", None),
        ("2024", "0", None),
        ("2023", "2", "29"),
        ("2024", "4", "31"),
        ("2024", None, "1"),  # a day without its month
        (None, "2", None),  # a month without its year
        ("", None, None),
        ("٢٠٢٤", None, None),
        (" 2024", None, None),
        ("+2024", None, None),
        ("2024.0", None, None),
        ("20240", None, None),
    ],
)
def test_a_drill_down_its_links_never_make_is_refused(parts):
    with pytest.raises(IncorrectLookupParameters):
        drill_down_range(*parts)

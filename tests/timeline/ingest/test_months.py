"""Month names and abbreviations read from dateparser's data (timeline/ingest/months.py)."""

import pytest

from timeline.ingest.months import month_abbreviations, month_names


def test_english_abbreviations_are_the_short_names_and_may_is_a_full_name():
    assert month_abbreviations("en") == {
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
    assert "may" in month_names("en").full


def test_spanish_abbreviations_include_sept_set_and_dic():
    abbreviations = month_abbreviations("es")
    assert {"ene", "sept", "set", "dic", "may"} <= abbreviations
    assert not abbreviations & month_names("es").full


@pytest.mark.parametrize(
    "language, name, number",
    [("en", "sept", 9), ("en", "may", 5), ("en", "december", 12), ("es", "setiembre", 9), ("es", "dic", 12)],
)
def test_every_name_knows_its_month(language, name, number):
    assert month_names(language).numbers[name] == number


def test_names_are_lower_case_and_at_least_three_letters():
    for language in ("en", "es"):
        names = month_names(language).numbers
        assert all(name == name.lower() and len(name) >= 3 for name in names)
        assert set(names.values()) == set(range(1, 13))

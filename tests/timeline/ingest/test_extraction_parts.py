"""The extractor's parts: candidates and plausibility (matching.py), the
sentence's tense (tense.py) and one resolver per kind of candidate
(resolvers.py), each through the sentences that need it."""

import datetime

import pytest

from timeline.ingest.extraction import extract_dates
from timeline.ingest.extraction.grammar import grammar_for
from timeline.ingest.extraction.matching import find_candidates, is_plausible
from timeline.ingest.extraction.tense import choose, mention_direction, tense_cues

PUBLISHED = datetime.date(2025, 4, 3)  # a Thursday


def found(text, published=PUBLISHED, language="en"):
    return [(m.text, m.when.iso) for m in extract_dates(text, published=published, language=language)]


def kinds(text, language="en"):
    grammar = grammar_for(language)
    return [
        (text[c.start : c.end], c.kind)
        for c in find_candidates(grammar, text)
        if is_plausible(grammar, text, c, PUBLISHED)
    ]


# matching.py


def test_of_overlapping_candidates_the_longest_is_kept():
    assert kinds("Votes were counted on Tuesday, Nov. 5, 2024.") == [("Tuesday, Nov. 5, 2024", "date")]
    assert kinds("In October of that year it grew.") == [("October of that year", "month")]


@pytest.mark.parametrize(
    "text",
    ["It cost $2018 and 2019 votes, ending 2020-7.", "Theresa May spoke.", "In 2099 and 1700.", "Mar alone."],
)
def test_amounts_scores_names_and_years_out_of_range_are_not_candidates(text):
    assert kinds(text) == []


def test_spanish_manana_is_tomorrow_but_not_the_morning():
    assert kinds("Llegará mañana.", "es") == [("mañana", "relative")]
    assert kinds("Habló por la mañana del martes.", "es") == [("martes", "weekday")]


# tense.py


def test_a_deadline_is_in_the_future_unless_the_sentence_is_in_the_past_perfect():
    grammar = grammar_for("en")
    for sentence, direction in (
        ("Officials will decide by March.", "future"),
        ("They had agreed to finish by March.", "past"),
    ):
        start = sentence.index("March")
        assert mention_direction(grammar, sentence, tense_cues(grammar, sentence), start, start + 5) == direction


@pytest.mark.parametrize(
    "language, sentence, month, direction",
    [
        # A cue of the mention's own clause wins over one after it.
        ("en", "Two aides who were found guilty on Thursday will appeal.", "Thursday", "past"),
        # "since" is the past.
        ("en", "Nothing will change, as nothing has since March.", "March", "past"),
        ("es", "Nada cambiará, como nada cambia desde el lunes.", "lunes", "past"),
        # A month that names a thing takes the tense of the clause describing it...
        ("en", "The board will debate the August audit, which showed a gap.", "August", "past"),
        ("en", "Critics attacked the August audit, which will cover the parks.", "August", "future"),
        ("es", "Se discutirá el informe de diciembre, que mostró una caída.", "diciembre", "past"),
        # ... and with none, is past unless the sentence speaks of the future.
        ("en", "The July flood is still the costliest on record.", "July", "past"),
        ("en", "Voters will be asked about the July vote.", "July", "future"),
    ],
)
def test_the_tense_that_places_a_mention(language, sentence, month, direction):
    grammar = grammar_for(language)
    start = sentence.index(month)
    kind = "weekday" if month in ("Thursday", "lunes") else "month"
    cues = tense_cues(grammar, sentence)
    assert mention_direction(grammar, sentence, cues, start, start + len(month), kind=kind) == direction


def test_a_participle_after_be_is_not_a_past_cue():
    grammar = grammar_for("en")
    assert [kind for *_span, kind in tense_cues(grammar, "The vote will be held on Sunday.")] == ["future"]
    assert [kind for *_span, kind in tense_cues(grammar, "The vote was held on Sunday.")] == ["past", "past"]


def test_with_no_direction_the_reading_nearest_to_publication_is_chosen():
    past, future = (datetime.date(2024, 12, 1), "month"), (datetime.date(2025, 12, 1), "month")
    assert choose({"past": past, "future": future}, None, datetime.date(2025, 1, 22)) == past
    assert choose({"past": None, "future": future}, "past", datetime.date(2025, 1, 22)) == future
    assert choose({"past": None, "future": None}, "past", datetime.date(2025, 1, 22)) is None


# resolvers.py, one kind of candidate at a time


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prices may peak in mid-April.", [("in mid-April", "2025-04")]),  # the month of publication
        ("Prices fell last April.", [("last April", "2024-04")]),
        ("Prices will rise next April.", [("next April", "2026-04")]),
        ("It happens this April.", [("this April", "2025-04")]),
        ("Talks in March and May 2023 failed.", [("in March", "2023-03"), ("May 2023", "2023-05")]),
        ("Talks on March 3 and May 4, 2023 failed.", [("on March 3", "2023-03-03"), ("May 4, 2023", "2023-05-04")]),
        ("Tuesday, Nov. 5 was election day.", [("Tuesday, Nov. 5", "2024-11-05")]),  # the weekday picks the year
    ],
)
def test_months_and_dates_without_a_year(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He met her on Tuesday.", [("on Tuesday", "2025-04-01")]),
        ("He will meet her on Saturday.", [("on Saturday", "2025-04-05")]),
        ("On Thursday, the talks resumed.", [("On Thursday", "2025-04-03")]),  # the day of publication
    ],
)
def test_weekdays(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("The report on 2024-11-05 said so.", "en", [("on 2024-11-05", "2024-11-05")]),
        ("The deal was signed yesterday.", "en", [("yesterday", "2025-04-02")]),
        ("The deal was signed late yesterday.", "en", []),  # a modifier on a single day is dropped
        ("He resigned 250 years ago.", "en", []),  # a count, not a date
        ("Hace dos décadas era distinto.", "es", [("Hace dos décadas", "2005")]),
        ("The law passed in 2018. That year it fell.", "en", [("in 2018", "2018"), ("That year", "2018")]),
        ("That year it fell.", "en", []),  # no year mentioned before
        ("By the end of the year it may rise.", "en", [("By the end of the year", "2025")]),
        ("Las charlas de marzo a mayo de 2023 fracasaron.", "es", [("marzo", "2023-03"), ("mayo de 2023", "2023-05")]),
    ],
)
def test_numeric_relative_ago_anaphora_this_year_and_ranges(text, language, expected):
    assert found(text, language=language) == expected


def test_a_spanish_weekday_with_a_day_falls_in_the_month_where_that_day_is_that_weekday():
    text = "El lunes 20 de enero hubo paro y el jueves 16 llegó."
    assert found(text, published=datetime.date(2025, 1, 22), language="es") == [
        ("El lunes 20 de enero", "2025-01-20"),
        ("el jueves 16", "2025-01-16"),
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # The long s matches "August" case-insensitively; the tables read it by its case-folded form.
        ("It happened on Auguſt 5, 2020.", "en", [("on Auguſt 5, 2020", "2020-08-05")]),
        ("el 5 de agoſto de 2020", "es", [("el 5 de agoſto de 2020", "2020-08-05")]),
        ("On ſunday we met.", "en", []),
    ],
)
def test_a_word_written_with_other_letter_forms_is_read_or_left_never_an_error(text, language, expected):
    assert found(text, published=datetime.date(2021, 1, 1), language=language) == expected

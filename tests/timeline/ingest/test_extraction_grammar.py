"""The extractor's grammar (timeline/ingest/extraction/grammar.py) and what it hands on."""

import pytest

from timeline.ingest.extraction.grammar import alternation, grammar_for
from timeline.ingest.extraction.resolvers import RESOLVERS
from timeline.ingest.months import month_abbreviations, month_names


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_kind_of_candidate_the_grammar_finds_has_a_resolver(language):
    kinds = {kind for kind, _pattern in grammar_for(language).patterns}
    assert kinds <= set(RESOLVERS)


def test_patterns_come_in_priority_order_dates_first_numeric_last():
    assert [kind for kind, _ in grammar_for("en").patterns] == [
        "date", "date", "month", "month", "month", "month", "year", "relative", "anaphora", "day_anaphora",
        "this_year", "ago", "weekday", "numeric",
    ]
    assert [kind for kind, _ in grammar_for("es").patterns] == [
        "date", "month", "month", "month", "month", "year", "relative", "anaphora", "day_anaphora", "this_year",
        "ago", "weekday", "weekday_day", "numeric",
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_grammar_reads_the_same_month_names_as_the_sentence_splitter(language):
    grammar = grammar_for(language)
    assert grammar.abbreviations == month_abbreviations(language)
    assert grammar.months == month_names(language).numbers


def test_the_grammar_is_built_once_per_language():
    assert grammar_for("en") is grammar_for("en")
    assert grammar_for("en") is not grammar_for("es")


def test_words_from_dateparser_and_the_spanish_additions():
    english, spanish = grammar_for("en"), grammar_for("es")
    assert english.weekdays["tuesday"] == 1 and spanish.weekdays["domingo"] == 6
    assert english.units["years"] == "year" and spanish.units["décadas"] == "decade"
    assert english.numbers["three"] == 3 and spanish.numbers["tres"] == 3
    assert spanish.relative["el año que viene"] == "el próximo año"


def test_the_trigger_skips_sentences_without_a_date_word_or_a_digit():
    grammar = grammar_for("en")
    assert not grammar.trigger.search("Nothing here at all.")
    assert grammar.trigger.search("It rained on Sunday.")
    assert grammar.trigger.search("Room 4.")


def test_an_alternation_tries_the_longest_word_first():
    assert alternation(["sep", "sept", "september", "sep"]) == "september|sept|sep"

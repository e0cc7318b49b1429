"""Quotes are found in the article as editors type them."""

from timeline.quotes import Span, context_around, locate_quote

TEXT = "Milei said “we will win.” Later, Milei wrote: he has yet to act, the expert noted.\nEnd."


def test_an_exact_quote_is_found_with_its_span():
    span = locate_quote(TEXT, "Later, Milei wrote")
    assert TEXT[span.start : span.end] == "Later, Milei wrote"


def test_straight_quotes_apostrophes_case_and_spacing_do_not_matter():
    span = locate_quote(TEXT, 'milei said "we will  win."')
    assert TEXT[span.start : span.end] == "Milei said “we will win.”"
    assert locate_quote("Trump’s victory", "Trump's victory") == Span(0, 15)


def test_an_ellipsis_matches_the_shortest_passage_holding_every_part():
    span = locate_quote(TEXT, "Milei ... has yet to act")
    assert TEXT[span.start : span.end] == "Milei wrote: he has yet to act"


def test_a_quote_that_is_not_there_is_none():
    assert locate_quote(TEXT, "we will lose") is None
    assert locate_quote(TEXT, "act ... Milei said") is None
    assert locate_quote(TEXT, "...") is None
    assert locate_quote("", "anything") is None


def test_context_is_cut_to_words_around_the_span():
    text = " ".join(f"w{i}" for i in range(200))
    span = locate_quote(text, "w100 w101")
    before, quote, after = context_around(text, span, words=5)
    assert quote == "w100 w101"
    assert before.startswith("…") and before.endswith("w99 ")
    assert after.endswith("…")

"""The sentence splitter (timeline/ingest/sentences.py): one rule, with the language's abbreviations."""

import ast
from pathlib import Path

import pytest

from timeline.ingest import months, sentences
from timeline.ingest.sentences import MAX_SENTENCE_CHARS, split_sentences


def texts(text, **options):
    return [sentence.text for sentence in split_sentences(text, **options)]


def test_spans_index_the_original_text_and_leave_out_surrounding_space():
    text = "  He spoke.  Then he left!\n\nShe stayed? Yes. "
    found = split_sentences(text)
    assert [s.text for s in found] == ["He spoke.", "Then he left!", "She stayed?", "Yes."]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_nov_ends_a_sentence_only_when_the_language_is_not_given():
    text = "Votes were counted on Nov. 5 and the count ended. Then it rained."
    assert texts(text) == ["Votes were counted on Nov.", "5 and the count ended.", "Then it rained."]
    assert texts(text, language="en") == ["Votes were counted on Nov. 5 and the count ended.", "Then it rained."]


@pytest.mark.parametrize("abbreviation", ["sept.", "dic.", "ene."])
def test_spanish_month_abbreviations_do_not_end_a_sentence_in_spanish(abbreviation):
    text = f"Llegó el 5 de {abbreviation} 2024 a Lima. Luego se fue."
    assert texts(text, language="es") == [f"Llegó el 5 de {abbreviation} 2024 a Lima.", "Luego se fue."]


def test_the_abbreviations_are_the_languages_own():
    text = "Llegó el 5 de dic. 2024 a Lima."
    assert texts(text, language="en") == ["Llegó el 5 de dic.", "2024 a Lima."]
    assert texts(text, language="es") == [text]


def test_extra_abbreviations_can_be_given():
    assert texts("Vote in Nov. Blah.") == ["Vote in Nov.", "Blah."]
    assert texts("Vote in Nov. Blah.", abbreviations=frozenset({"nov"})) == ["Vote in Nov. Blah."]


@pytest.mark.parametrize(
    "text",
    ["He met Mr. Smith in the hall.", "Juan G. Tokatlian wrote it.", "The U.S. Treasury agreed.", "It rose 2.5 points."],
)
def test_titles_initials_acronyms_and_decimals_do_not_end_a_sentence(text):
    assert texts(text) == [text]


def test_a_line_break_ends_a_sentence_and_a_quote_closes_one():
    assert texts('Title\nHe said "never." Then left.') == ["Title", 'He said "never."', "Then left."]


def test_a_run_without_an_end_is_cut_at_a_space():
    text = "word " * 1_000
    found = split_sentences(text)
    assert len(found) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS and text[s.start : s.end] == s.text for s in found)


def test_the_splitter_does_not_import_the_date_extractor():
    """The abbreviations come from timeline.ingest.months, which the extractor reads too."""
    for module in (sentences, months):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert not {name for name in imported if name.startswith("timeline.ingest.extraction")}, module.__name__

"""`extract_dates`: the date mentions of a text, sentence by sentence.

Each sentence's candidates (matching.py) are resolved (resolvers.py) against
the publication date, the sentence's tense (tense.py) and the year last
mentioned, which "that year" refers to; the mention takes in the preposition
before it ("in February").
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.dates import FuzzyDate, Precision
from timeline.ingest.extraction.checks import LANGUAGES, check_language, check_text
from timeline.ingest.extraction.grammar import Grammar, grammar_for
from timeline.ingest.extraction.matching import Candidate, extend_left, find_candidates, is_plausible
from timeline.ingest.extraction.reading import read
from timeline.ingest.extraction.resolvers import resolve
from timeline.ingest.extraction.tense import tense_cues
from timeline.ingest.sentences import Sentence, split_sentences


@dataclass(frozen=True)
class DateMention:
    """A date in the text: its span, its words, and the period it names."""

    start: int
    end: int
    text: str
    when: FuzzyDate

    @property
    def date(self) -> datetime.date:
        return self.when.date

    @property
    def precision(self) -> str:
        return self.when.precision

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "date": self.when.date.isoformat(),
            "precision": str(self.when.precision),
        }


def extract_dates(
    text: str, *, published: datetime.date, language: str = "en", sentences: Sequence[Sentence] | None = None
) -> list[DateMention]:
    """Every date mention in `text`, in order, resolved against `published`.
    `sentences`: the text already split (`split_sentences(text, language=...)`).

    Raises ExtractionError for an unknown language or text that is too long,
    binary or garbled.
    """
    check_language(language)
    check_text(text)
    grammar = grammar_for(language)
    mentions: list[DateMention] = []
    anchor = _Anchor()
    if sentences is None:
        sentences = split_sentences(text, language=language)
    for sentence in sentences:
        mentions.extend(_sentence_mentions(grammar, sentence, published, anchor))
    return mentions


@dataclass
class _Anchor:
    """The year and the day last mentioned, for "that year" and "the day before"."""

    year: int | None = None
    day: datetime.date | None = None

    def follow(self, when: FuzzyDate) -> None:
        self.year = when.date.year
        if when.precision == Precision.DAY:
            self.day = when.date


def load() -> None:
    """Build the language data and dateparser's readers now (once per process)."""
    for language in LANGUAGES:
        grammar_for(language)
        read("2020", language, datetime.date(2020, 1, 1), "past")


def _sentence_mentions(
    grammar: Grammar, sentence: Sentence, published: datetime.date, anchor: _Anchor
) -> list[DateMention]:
    """The mentions of one sentence; `anchor` holds the year and day last
    mentioned before it, and follows the sentence's mentions."""
    text = sentence.text
    candidates = [c for c in find_candidates(grammar, text) if is_plausible(grammar, text, c, published)]
    if not candidates:
        return []
    years = [(c.start, c.end, int(c.groups["year"]), _month_number(grammar, c)) for c in candidates if c.groups.get("year")]
    cues = tense_cues(grammar, text)
    out: list[DateMention] = []
    for candidate in candidates:
        when = resolve(grammar, text, candidate, published, anchor.year, years, cues, anchor_day=anchor.day)
        if when is None:
            continue
        anchor.follow(when)
        start = extend_left(grammar, text, candidate)
        out.append(
            DateMention(
                start=sentence.start + start,
                end=sentence.start + candidate.end,
                text=text[start : candidate.end],
                when=when,
            )
        )
    return out


def _month_number(grammar: Grammar, candidate: Candidate) -> int:
    """The month a candidate names, or 0: for a range that crosses a new year."""
    word = (candidate.groups.get("mon") or "").rstrip(".").lower()
    return grammar.months.get(word, 0)

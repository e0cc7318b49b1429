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

from timeline.dates import FuzzyDate
from timeline.ingest.extraction.checks import LANGUAGES, check_language, check_text
from timeline.ingest.extraction.grammar import Grammar, grammar_for
from timeline.ingest.extraction.matching import extend_left, find_candidates, is_plausible
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
    anchor: int | None = None
    if sentences is None:
        sentences = split_sentences(text, language=language)
    for sentence in sentences:
        found = _sentence_mentions(grammar, sentence, published, anchor)
        for mention in found:
            anchor = mention.date.year
        mentions.extend(found)
    return mentions


def load() -> None:
    """Build the language data and dateparser's readers now (once per process)."""
    for language in LANGUAGES:
        grammar_for(language)
        read("2020", language, datetime.date(2020, 1, 1), "past")


def _sentence_mentions(
    grammar: Grammar, sentence: Sentence, published: datetime.date, anchor: int | None
) -> list[DateMention]:
    """The mentions of one sentence; `anchor` is the year last mentioned before it."""
    text = sentence.text
    candidates = [c for c in find_candidates(grammar, text) if is_plausible(grammar, text, c, published)]
    if not candidates:
        return []
    years = [(c.start, c.end, int(c.groups["year"])) for c in candidates if c.groups.get("year")]
    cues = tense_cues(grammar, text)
    out: list[DateMention] = []
    for candidate in candidates:
        when = resolve(grammar, text, candidate, published, anchor, years, cues)
        if when is None:
            continue
        anchor = when.date.year
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

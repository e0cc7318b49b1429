"""`extract_dates`: the date mentions of a text, sentence by sentence.

Each sentence's candidates (matching.py) are resolved (resolvers.py) against
the publication date, the sentence's tense (tense.py) and the year last
mentioned, which "that year" refers to; the mention takes in the preposition
before it ("in February").
"""

from __future__ import annotations

import datetime
import re
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
        first = _range_first_day(text, candidate, when, after=out[-1].end - sentence.start if out else 0)
        if first is not None:
            day_start, day_end, day = first
            out.append(DateMention(sentence.start + day_start, sentence.start + day_end, text[day_start:day_end], day))
            start = candidate.start
        out.append(
            DateMention(
                start=sentence.start + start,
                end=sentence.start + candidate.end,
                text=text[start : candidate.end],
                when=when,
            )
        )
    return out


# The first day of a range that names its month once: "del 3 al 9 de julio", "on 3 and 4 May".
_FIRST_DAY = re.compile(r"(?<![\w,.])(\d{1,2})(?:st|nd|rd|th|º)?\s+(?:al|a|y|hasta|and|to|through|-|–)\s+(?:el\s+)?$")


def _range_first_day(
    text: str, candidate: Candidate, when: FuzzyDate, *, after: int
) -> tuple[int, int, FuzzyDate] | None:
    """The day that opens a range before a day-first date ("3" in "del 3 al 9
    de julio de 2021"), in the same month, or None."""
    if when.precision != Precision.DAY or not text[candidate.start : candidate.start + 1].isdigit():
        return None
    match = _FIRST_DAY.search(text, after, candidate.start)
    if match is None:
        return None
    number = int(match.group(1))
    if not 1 <= number < when.date.day:
        return None
    return match.start(1), match.end(1), FuzzyDate(when.date.replace(day=number), Precision.DAY)


def _month_number(grammar: Grammar, candidate: Candidate) -> int:
    """The month a candidate names, or 0: for a range that crosses a new year."""
    word = (candidate.groups.get("mon") or "").rstrip(".").lower()
    return grammar.months.get(word, 0)

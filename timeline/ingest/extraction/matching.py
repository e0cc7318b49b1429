"""Date candidates in a sentence, and the ones that are not dates after all.

The grammar's patterns find candidates; of overlapping ones the longest is
kept. Then what looks like a date but is not is dropped: money ("$57
billion"), percentages, counts ("47 million", "13 of the 14"), scores
("7-2"), the modal "may", the verb "march", names ("Theresa May", "Domingo
Cavallo"), "por la mañana". Durations ("in less than three years") and eras
("the 1990s") the patterns never take.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline.ingest.extraction.grammar import Grammar
from timeline.ingest.extraction.words import AMBIGUOUS_MONTHS, DAY_CUES, MONTH_CUES

MAX_MENTIONS_PER_SENTENCE = 40
# Years accepted as a bare four-digit number: from MIN_YEAR to this many
# years after publication ("by 2050").
MIN_YEAR = 1800
FUTURE_YEARS = 30

_NAME = re.compile(r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'’.-]*$")
_AMOUNT_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|por\s+ciento|millones|million|billion|trillion|mil\b|bn|km|kg|votes|votos|"
    r"degrees|grados|people|personas|points|puntos|meters|metros|feet|tons|toneladas|barrels|barriles)\b",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(r"(?:[$€£¥#]|US\$|No\.|n\.º|nº)\s*$")
_SCORE_AFTER = re.compile(r"\s*[-–]\s*\d{1,3}(?!\d)")
_CLAUSE_START = re.compile(r"(?:^|[.,;:!?\u2014\u201c\"(])\s*$")
_DECADE_BEFORE = re.compile(r"(?:\blos\s+(?:años\s+)?|\bd[ée]cada\s+de(?:\s+los)?\s+|\bdecenio\s+de\s+)$", re.IGNORECASE)
_MORNING_BEFORE = re.compile(r"(?:la|esta|por|de|cada|una|toda)\s+$", re.IGNORECASE)
_MORNING_AFTER = re.compile(r"\s+(?:del?|siguiente)\b", re.IGNORECASE)


@dataclass
class Candidate:
    """What one pattern found in a sentence: its span, its kind ("date",
    "month", "year", "weekday"...) and the pattern's named groups."""

    start: int  # in the sentence
    end: int
    kind: str
    groups: dict[str, str | None]
    priority: int  # the pattern's place in the grammar: lower wins a tie


def find_candidates(grammar: Grammar, sentence: str) -> list[Candidate]:
    """The candidates of a sentence in order, none overlapping another."""
    found: list[Candidate] = []
    if not grammar.trigger.search(sentence):
        return found
    for priority, (kind, pattern) in enumerate(grammar.patterns):
        for match in pattern.finditer(sentence):
            found.append(Candidate(match.start(), match.end(), kind, match.groupdict(), priority))
    # Longest first, then the more specific pattern; drop what overlaps a kept one.
    found.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
    kept: list[Candidate] = []
    for candidate in found:
        if any(candidate.start < other.end and other.start < candidate.end for other in kept):
            continue
        kept.append(candidate)
    kept.sort(key=lambda c: c.start)
    return kept[:MAX_MENTIONS_PER_SENTENCE]


def is_plausible(grammar: Grammar, sentence: str, c: Candidate, published: datetime.date) -> bool:
    """Whether a candidate is a date and not a word of the sentence that looks
    like one: money, counts, scores, names, "may", "march", "mañana"."""
    year = c.groups.get("year")
    if year and not MIN_YEAR <= int(year) <= published.year + FUTURE_YEARS:
        return False
    check = _CHECKS.get(c.kind)
    return check is None or check(grammar, sentence, c)


def extend_left(grammar: Grammar, sentence: str, c: Candidate) -> int:
    """Where the mention starts: the preposition before it is taken in ("in February", "el jueves")."""
    if c.groups.get("hedge") and c.kind == "ago" and grammar.language == "en":
        return c.start
    match = re.search(rf"(?<![\w-])(?:{grammar.words.preposition})\s+$", sentence[: c.start], re.IGNORECASE)
    if match is None:
        return c.start
    return match.start()


# ---------------------------------------------------------------------------
# One check per kind of candidate


def _is_a_year(grammar: Grammar, sentence: str, c: Candidate) -> bool:
    """Not money, a count, a percentage, a measure or a score around the
    number, nor a decade ("los años 1990", "la década de 1980", "los 2000")."""
    return not (
        _DECADE_BEFORE.search(sentence[: c.start])
        or _AMOUNT_AFTER.match(sentence, c.end)
        or _AMOUNT_BEFORE.search(sentence[: c.start])
        or _SCORE_AFTER.match(sentence, c.end)
    )


def _is_a_month(grammar: Grammar, sentence: str, c: Candidate) -> bool:
    """Not "may" the modal, "march" the verb, "Mar" alone, or a name."""
    g = c.groups
    language = grammar.language
    before = sentence[: c.start]
    month_word = g["mon"].rstrip(".")
    lowered = month_word.lower()
    if language == "en" and not month_word[0].isupper():
        return False  # English months are capitalised: "may" and "march" are words
    if lowered in grammar.abbreviations and not (g.get("day") or g.get("year")):
        return False  # "Mar", "Jan" alone: not months in prose
    bare = not (g.get("day") or g.get("year") or g.get("ana") or g.get("mod") or g.get("after"))
    if not bare:
        return True
    cue = re.search(rf"(?<![\w-])(?:{grammar.words.preposition}|{MONTH_CUES})\s+$", before, re.IGNORECASE)
    if lowered in AMBIGUOUS_MONTHS[language] and not cue:
        return False  # "May" the modal, "March" the verb, "Theresa May"
    if not cue and _between_names(grammar, sentence, c):
        return False
    if language == "es" and month_word[0].isupper() and not _CLAUSE_START.search(before):
        return False  # Spanish months are lower-case: a capital mid-sentence is a name
    return True


def _is_a_weekday(grammar: Grammar, sentence: str, c: Candidate) -> bool:
    """Not a name: "Paul Sunday", "The Sunday Times", "Domingo Cavallo"."""
    g = c.groups
    language = grammar.language
    before = sentence[: c.start]
    word = g["wd"]
    if language == "en" and not word[0].isupper():
        return False
    if language == "es" and word[0].isupper() and not _CLAUSE_START.search(before) and not g.get("mod"):
        return False  # "Domingo" mid-sentence: a name
    day_cue = re.search(rf"(?<!\w)(?:{DAY_CUES[language]})\s+$", before, re.IGNORECASE)
    if not g.get("mod") and not day_cue and _between_names(grammar, sentence, c):
        return False
    return True


def _is_a_day_anaphora(grammar: Grammar, sentence: str, c: Candidate) -> bool:
    """"the day before" the day last named, not "the day before the vote"."""
    return not re.match(grammar.words.day_anaphora_object, sentence[c.end :])


def _is_a_relative_date(grammar: Grammar, sentence: str, c: Candidate) -> bool:
    """Spanish "mañana" is tomorrow, except "por la mañana", "esta mañana",
    "la mañana del martes": the morning."""
    if grammar.language != "es" or c.groups["rel"].lower() != "mañana":
        return True
    if _MORNING_BEFORE.search(sentence[: c.start]):
        return False
    return not _MORNING_AFTER.match(sentence[c.end :])


_Check = Callable[[Grammar, str, Candidate], bool]
_CHECKS: dict[str, _Check] = {
    "year": _is_a_year,
    "date": _is_a_month,
    "month": _is_a_month,
    "weekday": _is_a_weekday,
    "weekday_day": _is_a_weekday,
    "relative": _is_a_relative_date,
    "day_anaphora": _is_a_day_anaphora,
}


def _word_before(sentence: str, start: int) -> str:
    match = re.search(r"([\w\u00c0-\u024f'’.-]+)\W*$", sentence[:start])
    return match.group(1) if match else ""


def _word_after(sentence: str, end: int) -> str:
    match = re.match(r"\W*?([\w\u00c0-\u024f'’-]+)", sentence[end:])
    return match.group(1) if match else ""


def _between_names(grammar: Grammar, sentence: str, c: Candidate) -> bool:
    """Whether the word stands in a name: "Theresa May", "Paul Sunday",
    "April Dunmore", "The Sunday Times", "Domingo Cavallo"."""
    before, after = _word_before(sentence, c.start), _word_after(sentence, c.end)
    after_is_name = bool(after and _NAME.match(after)) and after.lower() not in grammar.months
    before_is_name = (
        bool(before and _NAME.match(before)) and not _CLAUSE_START.search(sentence[: c.start])
    )
    return after_is_name or before_is_name

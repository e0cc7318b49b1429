"""Whether a date without a year is the last one or the next one.

The direction comes from the sentence's tense: "is expected in June" is next
June, "met in November" last November. The cue nearest to the mention wins;
one in another clause, or after the mention, counts as further away. With no
cue, the reading nearest to the publication date is taken.
"""

from __future__ import annotations

import datetime
import re

from timeline.ingest.extraction.grammar import Grammar
from timeline.ingest.extraction.reading import Reading

# (start, end, "future" or "past") of one tense cue in a sentence.
Cue = tuple[int, int, str]

_HARD_BOUNDARY = re.compile(r"[;:\u2014\u2013()\u201c\u201d\"]")
_SOFT_BOUNDARY = re.compile(r",|\s(?:and|but|while|whereas|y|e|pero|mientras|aunque)\s", re.IGNORECASE)
_DEADLINE = re.compile(r"(?<!\w)(?:by|para|antes\s+de(?:l)?)(?:\s+el)?$")
_PAST_PERFECT = re.compile(r"\b(?:had|hab[ií]an?)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"(?:\bbe|\bbeing|\bser|\bsido)\s+\Z", re.IGNORECASE)


def tense_cues(grammar: Grammar, sentence: str) -> list[Cue]:
    """The tense cues of a sentence."""
    cues = []
    for kind, pattern in (("future", grammar.future), ("past", grammar.past)):
        for match in pattern.finditer(sentence):
            word = match.group().lower()
            if kind == "past":
                if word in grammar.words.past_exceptions or grammar.future.fullmatch(word):
                    continue
                if _PASSIVE.search(sentence, max(0, match.start() - 8), match.start()):
                    continue  # "will be held": a participle, not the past
            cues.append((match.start(), match.end(), kind))
    return cues


def mention_direction(sentence: str, cues: list[Cue], start: int, end: int) -> str | None:
    """"future", "past" or None (no clue) for the mention at start:end.
    A deadline ("by March") is in the future, unless "had ... by March"."""
    before = sentence[:start].rstrip().lower()
    if _DEADLINE.search(before) and not _PAST_PERFECT.search(sentence):
        return "future"
    return _nearest_cue_tense(sentence, cues, start, end)


def _nearest_cue_tense(sentence: str, cues: list[Cue], start: int, end: int) -> str | None:
    """The tense of the cue nearest to the mention. A cue in another clause
    counts as further away, and so does one after the mention (the verb
    usually comes first: "met ... in May")."""
    best: tuple[int, str] | None = None
    for cue_start, cue_end, kind in cues:
        if cue_start < end and start < cue_end:
            continue  # the mention's own words ("next") are read elsewhere
        after = cue_start >= end
        between = sentence[end:cue_start] if after else sentence[cue_end:start]
        distance = len(between) + (10 if after else 0)
        if best is not None and distance >= best[0]:
            continue
        distance += 200 * len(_HARD_BOUNDARY.findall(between)) + 50 * len(_SOFT_BOUNDARY.findall(between))
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else None


def choose(options: dict[str, Reading | None], direction: str | None, base: datetime.date) -> Reading | None:
    """The reading for `direction`; with no clue, the one nearest to `base`."""
    if direction in options and options[direction] is not None:
        return options[direction]
    readings = [reading for reading in options.values() if reading is not None]
    if not readings:
        return None
    return min(readings, key=lambda reading: abs((reading[0] - base).days))

"""Whether a date without a year is the last one or the next one.

The direction comes from the sentence's tense: "is expected in June" is next
June, "met in November" last November. A cue before the mention in its own
clause wins ("who were found guilty on Thursday will appeal": found); else
the cue nearest to the mention, where one in another clause, or after the
mention, counts as further away. "since March" is always the past. A month
that names a thing ("the March report", "el informe de diciembre") takes the
tense of the clause that describes it ("..., which found") and, with none,
is a past month unless the sentence speaks of the future. With no cue, the
reading nearest to the publication date is taken.
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
# "the March report, which found", "el informe de diciembre, que mostró".
_RELATIVE_CLAUSE = re.compile(r"(?:\s+[\w-]+){0,2},?\s+(?:which|that|who|que|el\s+cual|la\s+cual)\b", re.IGNORECASE)
# How far before the mention a cue of its own clause may stand.
_OWN_CLAUSE_CHARS = 60
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


def mention_direction(
    grammar: Grammar, sentence: str, cues: list[Cue], start: int, end: int, *, kind: str = ""
) -> str | None:
    """"future", "past" or None (no clue) for the mention at start:end.
    A deadline ("by March") is in the future, unless "had ... by March";
    "since March" is in the past."""
    before = sentence[:start].rstrip().lower()
    if _DEADLINE.search(before) and not _PAST_PERFECT.search(sentence):
        return "future"
    if re.search(rf"(?<!\w)(?:{grammar.words.since})$", before):
        return "past"
    if kind == "month" and re.search(grammar.words.attributive_before, sentence[:start], re.IGNORECASE):
        described = _describing_clause_tense(sentence, cues, end)
        if described:
            return described
        if not any(cue_kind == "future" for _, _, cue_kind in cues):
            return "past"
    return _own_clause_tense(sentence, cues, start) or _nearest_cue_tense(sentence, cues, start, end)


def _describing_clause_tense(sentence: str, cues: list[Cue], end: int) -> str | None:
    """The tense of the relative clause right after a month that names a
    thing: "the March report, which found ...", "el informe de diciembre, que mostró"."""
    clause = _RELATIVE_CLAUSE.match(sentence, end)
    if clause is None:
        return None
    stop = _HARD_BOUNDARY.search(sentence, clause.end())
    limit = stop.start() if stop else len(sentence)
    following = [(cue_start, kind) for cue_start, _, kind in cues if clause.end() <= cue_start < limit]
    return min(following)[1] if following else None


def _own_clause_tense(sentence: str, cues: list[Cue], start: int) -> str | None:
    """The tense of the nearest cue before the mention with no clause break
    between them: "who were found guilty on Thursday" is past, whatever follows."""
    best: tuple[int, str] | None = None
    for _cue_start, cue_end, kind in cues:
        if cue_end > start:
            continue
        between = sentence[cue_end:start]
        if _HARD_BOUNDARY.search(between) or _SOFT_BOUNDARY.search(between) or len(between) > _OWN_CLAUSE_CHARS:
            continue
        if best is None or len(between) < best[0]:
            best = (len(between), kind)
    return best[1] if best else None


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

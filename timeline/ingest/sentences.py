"""Cutting an article's text into sentences, with their character spans.

Both the date extractor and the claim finder work sentence by sentence: the
tense of a sentence says whether "in June" is last June or next, and a claim
is proposed as the sentence (or the quotation in it) that makes it.

The splitter is deliberately plain: a sentence ends at ".", "!" or "?"
(after any closing quote) followed by a space and a capital, an opening
quote or a digit, or at a line break. A period after an abbreviation
("U.S.", "Mr.", "Nov."), an initial ("Juan G. Tokatlian") or a number does
not end a sentence. Very long runs without an end are cut at a space so no
later step ever works on more than MAX_SENTENCE_CHARS at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.ingest.months import month_abbreviations

MAX_SENTENCE_CHARS = 2_000

# Words before a period that do not end a sentence, in any language. A
# language's month abbreviations are added from dateparser's data
# (timeline.ingest.months).
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "sra", "srta", "st", "mt", "gen", "gov", "sen", "rep", "lt", "col",
    "capt", "sgt", "jr", "inc", "corp", "co", "ltd", "no", "vs", "etc", "approx", "dept", "est", "fig", "ud", "uds",
    "ee", "uu", "dra", "lic", "ing", "av", "pres",
}
# Starts only at the first mark of a run, and takes the run whole: a line of
# ten thousand dots is one try, not ten thousand.
_END = re.compile(
    r"(?<![.!?\u2026])[.!?\u2026]++[\"'\u201d\u2019\u00bb)]*+"
    r"(?=\s+[\"'\u201c\u2018\u00ab(\u00bf\u00a1]?[A-Z\u00c0-\u00de0-9])"
    r"|(?<!\n)\n++"
)
_WORD_BEFORE = re.compile(r"([A-Za-z\u00c0-\u024f.]+)[.!?]$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def _is_abbreviation(text: str, end: int, extra: frozenset[str]) -> bool:
    """Whether the period ending at `end` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text[max(0, end - 12) : end])
    if match is None:
        return False
    word = match.group(1)
    if "." in word.rstrip("."):
        return True  # "U.S." "a.m."
    if len(word) == 1 and word.isupper():
        return True  # an initial
    lowered = word.lower().rstrip(".")
    return lowered in _ABBREVIATIONS or lowered in extra


def split_sentences(text: str, *, language: str = "", abbreviations: frozenset[str] = frozenset()) -> list[Sentence]:
    """The sentences of `text` in order, each with its span and stripped of
    surrounding space. Spans index the original text. With `language`, that
    language's month abbreviations ("Nov.", "sept.") do not end a sentence."""
    if language:
        abbreviations = abbreviations | month_abbreviations(language)
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        if match.group().startswith("\n"):
            end = match.start()
        else:
            stop = match.end()
            # "Nov. 5" and "U.S. officials": not the end of a sentence.
            period_at = match.start() + 1
            if text[match.start()] == "." and _is_abbreviation(text, period_at, abbreviations):
                continue
            end = stop
        _add(text, start, end, sentences)
        start = match.end()
    _add(text, start, len(text), sentences)
    return sentences


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut == -1:
            cut = start + MAX_SENTENCE_CHARS
        out.append(Sentence(start, cut, text[start:cut]))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))

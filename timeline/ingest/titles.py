"""Clean text for what the review page shows: event titles and claim passages.

An event's title is the clause of its sentence that holds the date, without
the date ("Milei attended the Conservative Political Action Conference").
When that clause is not a whole clause (a participle, "Ending a dispute that
began", or a relative clause cut short), the title is the sentence itself.
Either way the title has balanced quotation marks (a quotation cut by the
clause or the length limit is closed after "…"), no doubled or empty ones,
and no punctuation left behind by the date (no "…lower district .").

A claim's passage is a span of the article, so it can only be narrowed:
`trim_passage` drops the quotation marks that wrap all of it or that have no
partner in it, and the punctuation at its ends (the review shows a claim in
quotation marks of its own).
"""

from __future__ import annotations

import re

TITLE_LENGTH = 120

_CLAUSE_BREAK = re.compile(r"[,;:\u2014\u2013]\s*|\s+-\s+")
_LEADING = re.compile(
    r"^(?:and|but|when|while|which|who|after|as|that|where|since|then|so|also|"
    r"y|pero|cuando|mientras|que|quien|donde|tras|luego|además)\s+",
    re.IGNORECASE,
)
# A clause that opens with a participle or a gerund: "Ending a dispute", "Having lost", "Poniendo fin".
_PARTICIPLE = re.compile(r"^[^\W\d_]{3,}(?:ing|ed|ando|iendo|yendo)\b", re.IGNORECASE)
# A clause left hanging: it ends on a word that needs what follows ("that began", "in the", "que empezó").
_HANGING = re.compile(
    r"(?:\b(?:that|which|who|whose|que|cuando|donde|quien)\s+[\w’'-]+|"
    r"\b(?:the|a|an|of|in|on|at|to|from|by|for|with|since|until|and|or|but|el|la|los|las|de|del|en|a|al|"
    r"desde|hasta|y|o|que|con|por|para))$",
    re.IGNORECASE,
)
_OPENING = {"“": "”", "«": "»", '"': '"'}
_CLOSING = ("”", "»")
_MARKS = "“”«»\""
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?”»)])")
_SPACE_AFTER = re.compile(r"([“«(])\s+")
_EMPTY_QUOTES = re.compile(r"“\s*”|«\s*»|\"\s+\"")
_EDGE_PUNCTUATION = " \t\n.,;:"


def event_title(sentence: str, start: int, end: int) -> str:
    """A short title from the clause that holds the date (at start:end in the
    sentence), without the date; the sentence itself when that clause is a
    fragment. Quotation marks balanced, no stray punctuation."""
    clauses = _clauses(sentence)
    index = next((i for i, (a, b) in enumerate(clauses) if a <= start < b or a <= start <= b), 0)
    title = _clause_words(sentence, clauses[index], start, end)
    for other in (index + 1, index - 1):
        if len(title.split()) >= 3:
            break
        if 0 <= other < len(clauses):
            title = _clause_words(sentence, clauses[other], start, end)
    if len(title.split()) < 3 or is_fragment(title, clauses=len(clauses)):
        title = sentence
    return clean_title(title)


def is_fragment(words: str, *, clauses: int = 1) -> bool:
    """Whether a clause's words are not a whole clause: one that hangs ("a
    dispute that began"), or a participle opening a sentence of several
    clauses ("Ending a dispute", "Having lost the vote")."""
    words = words.strip(_EDGE_PUNCTUATION + _MARKS)
    if _HANGING.search(words):
        return True
    return clauses > 1 and bool(_PARTICIPLE.match(words))


def clean_title(title: str, *, limit: int = TITLE_LENGTH) -> str:
    """One line, capitalised, cut at a word under `limit` with "…", with
    balanced quotation marks and no punctuation left at its ends."""
    title = re.sub(r"\s+", " ", title).strip()
    title = _tight_straight_quotes(_SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", title)))
    title = _EMPTY_QUOTES.sub("", re.sub(r"([“”«»\"])\1+", r"\1", title))
    title = _strip_edges(title)
    if len(title) > limit:
        title = title[: limit - 2].rsplit(" ", 1)[0].rstrip(_EDGE_PUNCTUATION) + "…"
    title = _strip_edges(balance_quotes(title))
    return title[:1].upper() + title[1:]


def balance_quotes(text: str) -> str:
    """`text` with every quotation mark paired: a closing mark with no
    opening one is dropped, an opening one with nothing after it is dropped,
    and one left open is closed after "…". (’ is an apostrophe, not a mark.)"""
    kept: list[str] = []
    open_marks: list[tuple[int, str]] = []  # (index in kept, the closing mark it needs)
    for char in text:
        if char == '"' and open_marks and open_marks[-1][1] == '"':
            open_marks.pop()
        elif char in _OPENING:
            open_marks.append((len(kept), _OPENING[char]))
        elif char in _CLOSING:
            if not open_marks or open_marks[-1][1] != char:
                continue  # a closing mark with no partner
            open_marks.pop()
        kept.append(char)
    for position, closing in reversed(open_marks):
        if not "".join(kept[position + 1 :]).strip(_EDGE_PUNCTUATION):
            del kept[position:]  # an opening mark with nothing after it
            continue
        body = "".join(kept).rstrip(_EDGE_PUNCTUATION)
        kept = [*body, *("" if body.endswith(("…", *_CLOSING)) else "…"), closing]
    return "".join(kept)


def trim_passage(text: str, start: int, end: int) -> tuple[int, int]:
    """The span start:end of `text` narrowed to the words of the claim: no
    punctuation or white space at its ends, no quotation marks wrapping all
    of it, none at an end without its partner inside."""
    while True:
        before = (start, end)
        while start < end and text[start] in _EDGE_PUNCTUATION:
            start += 1
        while end > start and text[end - 1] in _EDGE_PUNCTUATION:
            end -= 1
        passage = text[start:end]
        if len(passage) >= 2 and passage[0] in _OPENING and passage[-1] == _OPENING[passage[0]]:
            if balance_quotes(passage[1:-1]) == passage[1:-1]:
                start, end = start + 1, end - 1
        elif passage and passage[0] in _MARKS and balance_quotes(passage) != passage:
            start += 1
        elif passage and passage[-1] in _MARKS and balance_quotes(passage) != passage:
            end -= 1
        if (start, end) == before:
            return start, end


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """The spans of the sentence's clauses, cut at commas, dashes, ";" and ":"."""
    clauses = []
    position = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        clauses.append((position, match.start()))
        position = match.end()
    clauses.append((position, len(sentence)))
    return clauses


def _clause_words(sentence: str, clause: tuple[int, int], start: int, end: int) -> str:
    """The clause's words without the date (when it holds it) and without
    leading conjunctions ("when", "y")."""
    a, b = clause
    words = sentence[a:b]
    if a <= start <= b:
        words = sentence[a:start] + sentence[end:b]
    words = re.sub(r"\s+", " ", words).strip(" .,;:")
    while True:
        stripped = _LEADING.sub("", words)
        if stripped == words:
            return words
        words = stripped


def _tight_straight_quotes(text: str) -> str:
    """No space inside straight quotation marks: '"El agua llegó "' -> '"El agua llegó"'."""
    pieces = text.split('"')
    for index in range(1, len(pieces), 2):  # the quoted pieces
        pieces[index] = pieces[index].strip() if index < len(pieces) - 1 else pieces[index].lstrip()
    return '"'.join(pieces)


def _strip_edges(text: str) -> str:
    text = text.strip(_EDGE_PUNCTUATION)
    return re.sub(r"[.,;:]+(?=[”»\"]$)", "", text)

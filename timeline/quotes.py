"""Finding a quoted passage in an article's text.

Editors quote the way people do: straight quotes for curly ones, one space
for a line break, and "..." for words left out. `locate_quote` finds the
shortest passage of the article that matches and returns its span, so the
public page can show the quote in context.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Characters an editor may type for the ones in the article: any quotation
# mark or apostrophe for any other, a hyphen for a dash.
_EQUIVALENT = {
    **dict.fromkeys("'\u2018\u2019\u201a\u2032\u201c\u201d\u201e\u00ab\u00bb", '"'),
    "\u2013": "-", "\u2014": "-", "\u00a0": " ",
}
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026|\[\.\.\.\]|\[\u2026\])\s*")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@functools.lru_cache(maxsize=8)
def _normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """Text with equivalent characters unified and runs of space folded to one,
    and for each character of the result its offset in the original.
    Remembered for the last few texts: accepting many proposals of one long
    article locates each quote in the same text."""
    out: list[str] = []
    offsets: list[int] = []
    previous_space = False
    for index, char in enumerate(text):
        char = _EQUIVALENT.get(char, char)
        if char.isspace():
            if previous_space:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
        out.append(char.casefold() if len(char.casefold()) == 1 else char)
        offsets.append(index)
    return "".join(out), tuple(offsets)


def locate_quote(article_text: str, quote: str) -> Span | None:
    """The span of `quote` in `article_text`, or None when it is not there.

    With "..." in the quote, the parts must appear in order; the shortest
    passage holding them all is returned.
    """
    haystack, offsets = _normalise(article_text)
    parts = [_normalise(part)[0].strip() for part in _ELLIPSIS.split(quote.strip())]
    parts = [part for part in parts if part]
    if not parts or not haystack:
        return None

    best: tuple[int, int] | None = None
    # Anchor on each occurrence of the last part and walk backwards to the
    # nearest occurrence of each earlier part: that gives the shortest window.
    last = parts[-1]
    position = haystack.find(last)
    while position != -1:
        start, end = position, position + len(last)
        for part in reversed(parts[:-1]):
            start = haystack.rfind(part, 0, start)
            if start == -1:
                break
        if start != -1 and (best is None or end - start < best[1] - best[0]):
            best = (start, end)
        position = haystack.find(last, position + 1)

    if best is None:
        return None
    start, end = best
    return Span(offsets[start], offsets[end - 1] + 1)


def context_around(text: str, span: Span, *, words: int = 40) -> tuple[str, str, str]:
    """The passage before the span, the span, and the passage after, each
    side cut to about `words` words at a sentence or word boundary."""
    before = text[: span.start]
    after = text[span.end :]
    before_words = before.split(" ")
    after_words = after.split(" ")
    if len(before_words) > words:
        before = "\u2026 " + " ".join(before_words[-words:])
    if len(after_words) > words:
        after = " ".join(after_words[:words]) + " \u2026"
    return before, text[span.start : span.end], after

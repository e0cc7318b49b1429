"""The full names an article gives its people, found in one pass.

A claim's claimant is often named in full once ("Martín Schapiro") and then
by surname ("Schapiro noted that..."). `NameIndex` reads the text once,
finding every run of capitalised words, and answers "the longest form of
this surname used before this point" for each attribution, so the claim
finder's work grows with the length of the text, not with its square.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_UPPER = "A-ZÁÉÍÓÚÑÜ"
NAME_WORD = rf"[{_UPPER}][\w'’.-]*[\w]"
# Capitalised words separated by white space: "President Donald Trump".
_RUN = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})*")
_WORD = re.compile(NAME_WORD)
# Where a word may end before punctuation: "Trump" in "Trump’s", "Trump-era".
_INNER_END = re.compile(r"\w(?=[^\w])")
# Words kept before a surname: "Donald Trump", "Juan Gabriel Tokatlian".
MAX_GIVEN_NAMES = 3


class NameIndex:
    """The names of one text, in order of where they end."""

    def __init__(self, text: str, clean: Callable[[str], str]):
        self._entries: list[tuple[int, str, str]] = []  # (end, surname, full form)
        for run in _RUN.finditer(text):
            words = [(m.start(), m.end()) for m in _WORD.finditer(text, run.start(), run.end())]
            for index in range(1, len(words)):
                first = max(0, index - MAX_GIVEN_NAMES)
                given = text[words[first][0] : words[index - 1][1]]
                start, end = words[index]
                for surname_end in self._surname_ends(text, start, end):
                    surname = text[start:surname_end]
                    self._entries.append((surname_end, surname, clean(f"{given} {surname}")))
        self._entries.sort(key=lambda entry: entry[0])
        self._reset()

    @staticmethod
    def _surname_ends(text: str, start: int, end: int) -> list[int]:
        ends = [m.end() for m in _INNER_END.finditer(text, start, end - 1)]
        return [*ends, end]

    def _reset(self) -> None:
        self._read = 0
        self._longest: dict[str, str] = {}

    def full_name(self, name: str, before: int) -> str:
        """The longest form of `name` (a surname) used before `before`:
        "Schapiro" -> "Martín Schapiro". Fast when asked in text order."""
        if not name or " " in name:
            return name
        if self._read and self._entries[self._read - 1][0] > before:
            self._reset()
        while self._read < len(self._entries) and self._entries[self._read][0] <= before:
            _end, surname, full = self._entries[self._read]
            self._read += 1
            if full.endswith(surname) and len(full) > len(self._longest.get(surname, surname)):
                self._longest[surname] = full
        return self._longest.get(name, name)

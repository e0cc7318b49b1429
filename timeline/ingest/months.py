"""A language's month names and which of them are abbreviations, from dateparser's data.

The sentence splitter needs the abbreviations (in English "Nov." does not end
a sentence, in Spanish "sept." does not either). The date extractor needs every
name with its number. Both read them from here so they agree, and neither keeps
a month table of its own.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class MonthNames:
    """The month names of one language, lower-cased."""

    numbers: dict[str, int]  # every name of three letters or more -> its month, 1 to 12
    full: frozenset[str]  # the names written out: "november", "noviembre", "june"

    @property
    def abbreviations(self) -> frozenset[str]:
        """The short names: "nov", "sept", "dic"."""
        return frozenset(name for name in self.numbers if name not in self.full)


@functools.cache
def month_names(language: str) -> MonthNames:
    """The month names dateparser knows for `language`, read once per process.

    A month's longest name, and any name of five letters or more, is written
    out in full. Names shorter than three letters are left out."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(language).info
    numbers: dict[str, int] = {}
    full: set[str] = set()
    for number in range(1, 13):
        names = [name.lower() for name in info[calendar.month_name[number].lower()]]
        longest = max(len(name) for name in names)
        for name in names:
            if len(name) >= 3:
                numbers[name] = number
            if len(name) == longest or len(name) >= 5:
                full.add(name)
    return MonthNames(numbers=numbers, full=frozenset(full))


@functools.cache
def month_abbreviations(language: str) -> frozenset[str]:
    """The month abbreviations of `language`: a period after one does not end a sentence."""
    return month_names(language).abbreviations

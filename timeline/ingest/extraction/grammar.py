"""The patterns that find date candidates in a sentence, one grammar per language.

A grammar is assembled once per process from dateparser's own language data
(month and weekday names, "ago"/"hace", its relative phrases such as "last
year" or "el año pasado", its unit words) and the phrasing in words.py; no
month table is written here. The patterns only ever take what news prose uses
for dates: a month name next to a day or a year, a month after "in"/"en", a
year of four digits, "N years ago", "last December", a weekday...

`grammar_for(language)` builds it in named steps: the words read from
dateparser, the regular-expression pieces, then the patterns for dates and
months, for years and relative phrases, and for days, in priority order.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from timeline.ingest.extraction.words import DECADE_WORDS, RELATIVE_VARIANTS, SPANISH_NUMBERS, UNITS, WORDS, Words
from timeline.ingest.months import MonthNames, month_names

# dateparser's data for one language, as its locale loader gives it.
LocaleInfo = dict[str, Any]
# (kind of candidate, regular expression source), in priority order.
PatternSources = list[tuple[str, str]]

# A year of four digits, not part of an amount, a decimal, a decade ("1990s", "1990's") or a fraction.
_YEAR = r"(?<![\d$€£¥.,/])(?:1[89]\d\d|20\d\d)(?![\d%]|[.,]\d|['’]?s\b|/\d)"
# Where a pattern may start and end: at a word's edge, or where digits are
# glued to a lower-case word ("since 2017when", "en 2019y se", "el año2022"), as pasted
# text often has them; never inside a code such as "A320neo" or "G20".
_GLUED = "a-záéíóúñü"
_START = rf"(?:(?<!\w)|(?<=[{_GLUED}]{{2}})(?=\d))"
_END = rf"(?:(?!\w)|(?<=\d)(?=[{_GLUED}]{{2}}|[yeou]\s)(?!(?:st|nd|rd|th)\b))"
# The kinds whose match may end in a year's digits: they may end glued to a
# word. Only a bare year may start glued ("in2021"): a glued start costs the
# regular-expression engine its fast scan, so the other patterns keep a plain one.
_MAY_END_IN_A_YEAR = frozenset({"date", "month", "year"})
# "2024-11-05", "11/5/2024".
_NUMERIC = ("numeric", r"(?<![\d/.-])(?P<num>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?![\d/-])")
# dateparser's relative phrases worth taking: "3 years ago", "in 2 weeks", "last monday".
_RELATIVE_MEANINGS = re.compile(r"(?:in )?\d+ (?:year|month|week|day)(?: ago)?|(?:last|this|next) \w+day")
# Phrases with one of these words are left out: abbreviations ("yr", "wk", "próx") and "till".
_SHORT_FORMS = re.compile(r"\b(?:mo|yr|wk|sem|ant|próx|till)\b")


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of `words`, longest first so the longest one wins."""
    return "|".join(sorted({re.escape(word) for word in words}, key=len, reverse=True))


@dataclass
class Grammar:
    language: str
    words: Words
    months: dict[str, int]
    full_months: frozenset[str]
    weekdays: dict[str, int]
    relative: dict[str, str]  # phrase in the text -> the phrase dateparser reads
    units: dict[str, str]
    numbers: dict[str, int]
    patterns: list[tuple[str, re.Pattern]]
    trigger: re.Pattern  # a sentence without it holds no date: the patterns are not tried
    future: re.Pattern
    past: re.Pattern
    date_order: str
    abbreviations: frozenset[str]


@functools.cache
def grammar_for(language: str) -> Grammar:
    """Patterns for `language`, built once per process from dateparser's data."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(language).info
    words = WORDS[language]
    months = month_names(language)
    weekdays = _weekday_names(info)
    units = _unit_words(info, language)
    relative = _relative_phrases(info, language)
    numbers = _number_words(info, language)
    pieces = _Pieces.build(info, language, words, months, weekdays, units, relative, numbers)
    future, past = _tense_patterns(words)
    return Grammar(
        language=language,
        trigger=_trigger([*months.numbers, *weekdays, *relative, *units, "víspera", "vispera"]),
        words=words,
        months=months.numbers,
        full_months=months.full,
        weekdays=weekdays,
        relative=relative,
        units=units,
        numbers=numbers,
        patterns=_compile(_pattern_sources(language, pieces, words)),
        future=future,
        past=past,
        date_order=info.get("date_order", "DMY"),
        abbreviations=months.abbreviations,
    )


# ---------------------------------------------------------------------------
# The words read from dateparser's data


def _weekday_names(info: LocaleInfo) -> dict[str, int]:
    """Each weekday's longest name -> its number, Monday 0."""
    weekdays: dict[str, int] = {}
    for number in range(7):
        names = [name.lower() for name in info[calendar.day_name[number].lower()]]
        weekdays[max(names, key=len)] = number
    return weekdays


def _unit_words(info: LocaleInfo, language: str) -> dict[str, str]:
    """The words for a year, a month, a week, a day and a decade -> the unit."""
    units: dict[str, str] = {}
    for unit in UNITS:
        for word in info.get(unit, []):
            if len(word) >= 3:
                units[word.lower()] = unit
    for word in info.get("decade", []) or DECADE_WORDS[language]:
        units[word.lower()] = "decade"
    return units


def _relative_phrases(info: LocaleInfo, language: str) -> dict[str, str]:
    """dateparser's relative phrases, and other wordings of them -> the phrase dateparser reads."""
    relative: dict[str, str] = {}
    for meaning, phrases in info.get("relative-type", {}).items():
        if not _RELATIVE_MEANINGS.fullmatch(meaning):
            continue
        for phrase in phrases:
            phrase = phrase.lower()
            if len(phrase) < 3 or _SHORT_FORMS.search(phrase):
                continue
            relative[phrase] = phrase
    for phrase, known in RELATIVE_VARIANTS[language].items():
        if known in relative:
            relative[phrase] = known
    return relative


def _number_words(info: LocaleInfo, language: str) -> dict[str, int]:
    """Small numbers written as words ("three", "tres") -> their value."""
    numbers: dict[str, int] = {}
    for simplification in info.get("simplifications", []):
        for word, value in simplification.items():
            if re.fullmatch(r"[a-z]+", word) and str(value).isdigit():
                numbers[word] = int(value)
    if language == "es":
        numbers.update(SPANISH_NUMBERS)
    return numbers


# ---------------------------------------------------------------------------
# Regular-expression pieces, so each pattern reads as the phrase it finds


@dataclass(frozen=True)
class _Pieces:
    month: str  # any month name, abbreviations too
    month_dotted: str  # "Nov." as well as "Nov"
    full_month: str
    weekday: str
    unit: str
    number: str
    ago: str
    year: str
    day: str
    anaphora: str  # "that year", "el año siguiente"
    year_relative: str  # "last year", "del año pasado" after a day or a month
    day_anaphora: str  # "the day before", "al día siguiente"
    relative: str
    weekday_before: str  # "Tuesday, " before a date
    year_after: str  # ", 2024" after a date
    relation: str  # "last", "next", "this"
    after: str  # "pasado" after a Spanish date
    de: str  # " de " between the parts of a Spanish date

    @classmethod
    def build(
        cls,
        info: LocaleInfo,
        language: str,
        words: Words,
        months: MonthNames,
        weekdays: dict[str, int],
        units: dict[str, str],
        relative: dict[str, str],
        numbers: dict[str, int],
    ) -> _Pieces:
        month = alternation(months.numbers)
        weekday = alternation(weekdays)
        year_relative = "|".join(words.year_relative)
        anaphora = "|".join(words.anaphora)
        return cls(
            month=month,
            month_dotted=rf"(?:{month})\.?",
            full_month=alternation(months.full),
            weekday=weekday,
            unit=alternation(units),
            number=r"\d{1,3}|" + alternation(numbers),
            ago=alternation(info.get("ago", []) if language == "es" else ["ago"]),
            year=_YEAR,
            day=_day(language, words),
            anaphora=anaphora,
            year_relative=year_relative,
            day_anaphora="|".join(words.day_anaphora),
            relative=alternation(relative),
            weekday_before=rf"(?:(?P<wd>{weekday}),?\s+)?",
            year_after=(
                rf"(?:,?\s+(?P<year>{_YEAR})|,?\s+(?:of\s+)?(?:(?P<ryear>{year_relative})|(?P<ana>{anaphora})))?"
            ),
            relation=rf"{words.last}|{words.next}|{words.this}",
            after=rf"(?:\s+(?P<after>{words.last_after}|{words.next_after}))?",
            de=r"\s+(?:de|del)\s+",
        )


def _day(language: str, words: Words) -> str:
    """A day of the month: "5", "5th", "5.º", and in Spanish "primero"."""
    number = rf"(?:[12]\d|3[01]|0?[1-9]){words.ordinal}?(?![\d%]|[.,:]\d)"
    if language == "en":
        return number
    return rf"(?:{number}|primero)"


# ---------------------------------------------------------------------------
# The patterns, in priority order: of two overlapping candidates of the same
# length, the one found by the earlier pattern is kept.


def _english_dates_and_months(p: _Pieces, words: Words) -> PatternSources:
    return [
        # "Tuesday, Nov. 5, 2024", "March 30"
        ("date", rf"{p.weekday_before}(?P<mon>{p.month_dotted})\s+(?P<day>{p.day}){p.year_after}"),
        # "5 November 2024", "the 5th of November"
        ("date", rf"{p.weekday_before}(?:the\s+)?(?P<day>{p.day})\s+(?:of\s+)?(?P<mon>{p.month_dotted}){p.year_after}"),
        # "March 2019", "late October of 2023"
        ("month", rf"(?:(?P<mod>{words.month_modifier})[\s-]+)?(?P<mon>{p.month_dotted})"
                  rf"(?:\s+of)?,?\s+(?P<year>{p.year})"),
        # "October of that year"
        ("month", rf"(?P<mon>{p.full_month})\s+(?:of\s+)?(?P<ana>{p.anaphora})"),
        # "March of this year", "in December last year"
        ("month", rf"(?:(?P<mod>{words.month_modifier})[\s-]+)?(?P<mon>{p.full_month}),?\s+(?:of\s+)?(?P<ryear>{p.year_relative})"),
        # "In November", "mid-November", "last December"
        ("month", rf"(?:(?P<mod>{words.month_modifier}|{p.relation})[\s-]+)?(?P<mon>{p.full_month})"),
    ]


def _spanish_dates_and_months(p: _Pieces, words: Words) -> PatternSources:
    return [
        # "el jueves 14 de noviembre", "10 de diciembre de 2023", "el pasado 25 de mayo"
        ("date", rf"(?:(?P<mod>{words.last}|{words.next})\s+)?(?:(?P<wd>{p.weekday})\s+)?"
                 rf"(?P<day>{p.day})\s+de\s+(?P<mon>{p.month})"
                 rf"(?:{p.de}(?:(?P<year>{p.year})|(?P<ryear>{p.year_relative})|(?P<ana>{p.anaphora})))?{p.after}"),
        # "noviembre de 2024", "a mediados de marzo de 2020"
        ("month", rf"(?:(?P<mod>{words.month_modifier})\s+)?(?P<mon>{p.full_month}){p.de}(?P<year>{p.year})"),
        # "octubre de ese año"
        ("month", rf"(?P<mon>{p.full_month}){p.de}(?P<ana>{p.anaphora})"),
        # "marzo de este año", "a fines de diciembre del año pasado"
        ("month", rf"(?:(?P<mod>{words.month_modifier})\s+)?(?P<mon>{p.full_month}){p.de}(?P<ryear>{p.year_relative})"),
        # "En febrero", "el pasado diciembre", "diciembre pasado"
        ("month", rf"(?:(?P<mod>{words.month_modifier}|{p.relation})\s+)?(?P<mon>{p.full_month}){p.after}"),
    ]


def _years_and_relative_phrases(p: _Pieces, words: Words) -> PatternSources:
    return [
        # "in 2018", "mid-2019", "a finales de 2020"
        ("year", rf"(?:(?P<mod>{words.year_modifier})[\s-]*)?(?P<year>{p.year})"),
        # "last year", "earlier this week", "el año pasado"
        ("relative", rf"(?:(?P<mod>{words.rel_modifier})\s+)?(?P<rel>{p.relative})"),
        # "that year", "the following year"
        ("anaphora", rf"(?P<ana>{p.anaphora})"),
        # "the day before", "al día siguiente"
        ("day_anaphora", rf"(?P<dana>{p.day_anaphora})"),
        # "by the end of the year", "a principios de año"
        ("this_year", words.this_year),
    ]


def _english_days(p: _Pieces, words: Words) -> PatternSources:
    return [
        # "about a year ago", "three years ago"
        ("ago", rf"(?:(?P<hedge>{words.hedge})\s+)?(?P<num>{p.number})\s+(?P<unit>{p.unit})\s+(?P<ago>{p.ago})"),
        # "on Tuesday", "last Sunday", "Tuesday morning"
        ("weekday", rf"(?:(?P<mod>{p.relation})\s+)?(?P<wd>{p.weekday})(?:\s+(?P<part>{words.day_part}))?"),
    ]


def _spanish_days(p: _Pieces, words: Words) -> PatternSources:
    return [
        # "hace tres años", "hace casi dos décadas"
        ("ago", rf"(?P<ago>{p.ago})\s+(?:(?P<hedge>{words.hedge})\s+)?(?P<num>{p.number})\s+(?P<unit>{p.unit})"),
        # "el jueves", "el pasado domingo", "el lunes próximo"
        ("weekday", rf"(?:(?P<mod>{p.relation})\s+)?(?P<wd>{p.weekday}){p.after}"),
        # "el jueves 16": the day of the month that falls on that weekday.
        ("weekday_day", rf"(?P<wd>{p.weekday})\s+(?P<day>{p.day})(?!\s+de\s)"),
    ]


_PatternStep = Callable[[_Pieces, Words], PatternSources]
# Per language: the patterns for dates and months, then for days.
_LANGUAGE_PATTERNS: dict[str, tuple[_PatternStep, _PatternStep]] = {
    "en": (_english_dates_and_months, _english_days),
    "es": (_spanish_dates_and_months, _spanish_days),
}


def _pattern_sources(language: str, pieces: _Pieces, words: Words) -> PatternSources:
    dates_and_months, days = _LANGUAGE_PATTERNS[language]
    return [
        *dates_and_months(pieces, words),
        *_years_and_relative_phrases(pieces, words),
        *days(pieces, words),
        _NUMERIC,
    ]


def _compile(sources: PatternSources) -> list[tuple[str, re.Pattern]]:
    """Each pattern as a whole-word match (see _START and _END), case-insensitive."""
    compiled = []
    for kind, source in sources:
        start = _START if kind == "year" else r"(?<!\w)"
        end = _END if kind in _MAY_END_IN_A_YEAR else r"(?!\w)"
        compiled.append((kind, re.compile(rf"{start}(?:{source}){end}", re.IGNORECASE)))
    return compiled


def _tense_patterns(words: Words) -> tuple[re.Pattern, re.Pattern]:
    """The words that put a sentence in the future, and those that put it in the past."""
    future = re.compile(
        rf"(?<![\w'])(?:{words.future_cues}|{words.future_suffix})(?![\w'])|['’]ll\b", re.IGNORECASE
    )
    past = re.compile(rf"(?<![\w'])(?:{words.past_cues}|{words.past_suffix})(?![\w'])", re.IGNORECASE)
    return future, past


def _trigger(keywords: list[str]) -> re.Pattern:
    """A digit or any date word: a sentence without one holds no date."""
    return re.compile(rf"\d|(?<!\w)(?:{alternation(keywords)})(?!\w)", re.IGNORECASE)

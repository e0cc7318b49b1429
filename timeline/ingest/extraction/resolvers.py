"""The date a candidate stands for, one resolver per kind of candidate.

`resolve()` looks the candidate's kind up in RESOLVERS: a full date ("Nov. 5,
2024", "el 10 de diciembre"), a month ("March 2019", "in November"), a year,
a numeric date ("2024-11-05"), a relative phrase ("last year"), "N years ago",
a weekday ("on Tuesday"), a Spanish weekday with its day ("el jueves 16"), a
year named by an earlier one ("that year") and the year of publication ("by
the end of the year").

A date without a year takes it, in this order, from the candidate itself
("last", "next", "pasado"), from a range it opens ("March and May 2023"),
then from the sentence's tense (tense.py); with no clue, the nearest.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline.dates import FuzzyDate, Precision
from timeline.ingest.extraction.grammar import Grammar
from timeline.ingest.extraction.matching import Candidate
from timeline.ingest.extraction.reading import Reading, as_fuzzy, read
from timeline.ingest.extraction.tense import Cue, choose, mention_direction

# (start, end, year, month or 0) of each candidate of a sentence that names its year.
SentenceYears = list[tuple[int, int, int, int]]

# What joins the two ends of a range: "March and May 2023", "de marzo a mayo de 2023",
# "from 12 June to 12 July 2020", "entre el 12 de junio y el 12 de julio de 2020".
_RANGE_JOIN = re.compile(
    r"\s*(?:and|to|through|until|till|or|y|a|al|hasta|-|–)(?:\s+(?:el|la|the|on))?\s*", re.IGNORECASE
)
# Anything that is not a digit: "5th" -> "5", "1.º" -> "1".
_NOT_DIGITS = re.compile(r"\D")
# Numbers larger than this in "N years ago" are counts, not dates.
_MAX_AGO = 200


@dataclass(frozen=True)
class Context:
    """One candidate and what its sentence and the text so far say about it."""

    grammar: Grammar
    sentence: str
    candidate: Candidate
    published: datetime.date
    anchor: int | None  # the year last mentioned, for "that year"
    anchor_day: datetime.date | None  # the day last mentioned, for "the day before"
    sentence_years: SentenceYears
    direction: str | None  # the sentence's tense at the candidate: "past", "future" or None
    groups: dict[str, str]  # the candidate's named groups that matched something

    @property
    def language(self) -> str:
        return self.grammar.language

    def read(self, text: str, prefer: str = "past") -> Reading | None:
        return read(text, self.language, self.published, prefer)


Resolver = Callable[[Context], FuzzyDate | None]


def resolve(
    grammar: Grammar,
    sentence: str,
    candidate: Candidate,
    published: datetime.date,
    anchor: int | None,
    sentence_years: SentenceYears,
    cues: list[Cue],
    *,
    anchor_day: datetime.date | None = None,
) -> FuzzyDate | None:
    """The date `candidate` stands for, or None if it stands for none."""
    context = Context(
        grammar=grammar,
        sentence=sentence,
        candidate=candidate,
        published=published,
        anchor=anchor,
        anchor_day=anchor_day,
        sentence_years=sentence_years,
        direction=mention_direction(grammar, sentence, cues, candidate.start, candidate.end, kind=candidate.kind),
        groups={key: value for key, value in candidate.groups.items() if value},
    )
    try:
        return RESOLVERS[candidate.kind](context)
    except UnknownWord:
        return None


# ---------------------------------------------------------------------------
# Resolvers


def _resolve_this_year(context: Context) -> FuzzyDate:
    """"by the end of the year": the year of publication."""
    return FuzzyDate(datetime.date(context.published.year, 1, 1), Precision.YEAR)


def _resolve_day_anaphora(context: Context) -> FuzzyDate | None:
    """"the day before", "al día siguiente": from the day last mentioned;
    with none before it, no date."""
    if context.anchor_day is None:
        return None
    phrase = context.groups["dana"]
    shifts = context.grammar.words.day_anaphora
    shift = next(shift for pattern, shift in shifts.items() if re.fullmatch(pattern, phrase, re.IGNORECASE))
    return FuzzyDate(context.anchor_day + datetime.timedelta(days=shift), Precision.DAY)


def _resolve_anaphora(context: Context) -> FuzzyDate | None:
    """"that year", "the following year": from the year last mentioned."""
    if context.anchor is None:
        return None
    return FuzzyDate(datetime.date(context.anchor + _anaphora_shift(context), 1, 1), Precision.YEAR)


def _resolve_year(context: Context) -> FuzzyDate | None:
    """"in 2018", "mid-2019"."""
    return as_fuzzy(context.read(context.groups["year"]), precision=Precision.YEAR)


def _resolve_numeric(context: Context) -> FuzzyDate | None:
    """"2024-11-05", "11/5/2024"."""
    return as_fuzzy(context.read(context.groups["num"]), precision=Precision.DAY)


def _resolve_relative(context: Context) -> FuzzyDate | None:
    """"last year", "earlier this week"; a modifier on a single day ("late
    yesterday") is not kept."""
    reading = context.read(_word_in(context.grammar.relative, context.groups["rel"]))
    fuzzy = as_fuzzy(reading)
    if fuzzy and context.groups.get("mod") and fuzzy.precision == Precision.DAY:
        return None
    return fuzzy


def _resolve_ago(context: Context) -> FuzzyDate | None:
    """"three years ago", "hace dos décadas"."""
    groups, grammar, published = context.groups, context.grammar, context.published
    number = groups["num"].lower()
    count = int(number) if number.isdigit() else grammar.numbers.get(number)
    if count is None or count > _MAX_AGO:
        return None
    if _word_in(grammar.units, groups["unit"]) == "decade":
        return FuzzyDate(datetime.date(published.year - 10 * count, 1, 1), Precision.YEAR)
    core = f"{count} {groups['unit']} ago" if context.language == "en" else f"hace {count} {groups['unit']}"
    return as_fuzzy(context.read(core))


def _resolve_weekday_with_day(context: Context) -> FuzzyDate | None:
    """"el jueves 16": the 16th of last, this or next month that is a Thursday."""
    weekday = _word_in(context.grammar.weekdays, context.groups["wd"])
    day_number = int(_NOT_DIGITS.sub("", context.groups["day"]) or 0)
    options = _days_on_weekday(context.published, day_number, weekday)
    return as_fuzzy(choose(options, context.direction, context.published), precision=Precision.DAY)


def _resolve_weekday(context: Context) -> FuzzyDate | None:
    """"on Tuesday", "last Sunday", "el lunes próximo"; "este jueves" written
    on a Thursday is that very day."""
    weekday = _word_in(context.grammar.weekdays, context.groups["wd"])
    if _relation(context) == "this" and weekday == context.published.weekday():
        return FuzzyDate(context.published, Precision.DAY)
    options = _read_both_ways(context, context.groups["wd"], current=True)
    return as_fuzzy(choose(options, _stated_direction(context), context.published), precision=Precision.DAY)


def _resolve_date(context: Context) -> FuzzyDate | None:
    """A day of a month: "Tuesday, Nov. 5, 2024", "on Nov. 5", "el pasado 25 de mayo"."""
    groups = context.groups
    month_word, _ = _month_of(context)
    day_text = _NOT_DIGITS.sub("", groups["day"]) or "1"
    year = groups.get("year") or _stated_year(context) or _year_of_range(context)
    if year:
        return as_fuzzy(context.read(_written_date(context, day_text, month_word, year)), precision=Precision.DAY)
    core = f"{month_word} {day_text}" if context.language == "en" else f"{day_text} de {month_word}"
    options = _read_both_ways(context, core)
    if groups.get("wd"):
        options = _on_weekday(context, options)
    return as_fuzzy(choose(options, _stated_direction(context), context.published), precision=Precision.DAY)


def _resolve_month(context: Context) -> FuzzyDate | None:
    """A month: "March 2019", "October of that year", "in November", "last December"."""
    groups = context.groups
    month_word, month = _month_of(context)
    year = groups.get("year") or _stated_year(context)
    if year:
        return FuzzyDate(datetime.date(int(year), month, 1), Precision.MONTH)
    if groups.get("ana"):
        if context.anchor is None:
            return None
        return FuzzyDate(datetime.date(context.anchor + _anaphora_shift(context), month, 1), Precision.MONTH)
    inherited = _year_of_range(context)
    if inherited:
        return FuzzyDate(datetime.date(inherited, month, 1), Precision.MONTH)
    # The month is dateparser's reading of the word; the year follows the direction.
    reading = context.read(month_word)
    if reading is None:
        return None
    month = reading[0].month
    return FuzzyDate(datetime.date(_year_of_month(context, month), month, 1), Precision.MONTH)


RESOLVERS: dict[str, Resolver] = {
    "date": _resolve_date,
    "month": _resolve_month,
    "year": _resolve_year,
    "numeric": _resolve_numeric,
    "relative": _resolve_relative,
    "ago": _resolve_ago,
    "weekday": _resolve_weekday,
    "weekday_day": _resolve_weekday_with_day,
    "anaphora": _resolve_anaphora,
    "day_anaphora": _resolve_day_anaphora,
    "this_year": _resolve_this_year,
}


# ---------------------------------------------------------------------------
# What the resolvers share


class UnknownWord(LookupError):
    """A word the patterns matched that the grammar's tables do not hold
    ("Auguſt" with a long s matches "August" case-insensitively)."""


def _word_in(table: dict, word: str):
    """`table`'s entry for `word`, by its lower-case or case-folded form."""
    for key in (word.lower(), word.casefold()):
        if key in table:
            return table[key]
    raise UnknownWord(word)


def _month_of(context: Context) -> tuple[str, int]:
    """The month word as written ("Nov", "noviembre") and its number."""
    month_word = context.groups["mon"].rstrip(".")
    return month_word, _word_in(context.grammar.months, month_word)


def _anaphora_shift(context: Context) -> int:
    """Years after the one last mentioned: "that year" 0, "the following year" +1."""
    phrase = context.groups["ana"]
    anaphora = context.grammar.words.anaphora
    return next(shift for pattern, shift in anaphora.items() if re.fullmatch(pattern, phrase, re.IGNORECASE))


def _relation(context: Context) -> str | None:
    """What the candidate's own words say: "last", "next", "this" or None."""
    words = context.grammar.words
    mod, after = context.groups.get("mod"), context.groups.get("after")
    for value, pattern in ((mod, words.last), (after, words.last_after)):
        if value and re.fullmatch(pattern, value.lower()):
            return "last"
    for value, pattern in ((mod, words.next), (after, words.next_after)):
        if value and re.fullmatch(pattern, value.lower()):
            return "next"
    if mod and re.fullmatch(words.this, mod.lower()):
        return "this"
    return None


def _stated_direction(context: Context) -> str | None:
    """The candidate's "last" or "next" if it says one, else the sentence's tense."""
    relation = _relation(context)
    if relation == "last":
        return "past"
    if relation == "next":
        return "future"
    return context.direction


def _stated_year(context: Context) -> int | None:
    """The year a date or a month names in words: "del año pasado", "of
    next year" (from publication), "de ese año" (from the year last named)."""
    groups = context.groups
    if groups.get("ryear"):
        phrase = groups["ryear"]
        shifts = context.grammar.words.year_relative
        return context.published.year + next(
            shift for pattern, shift in shifts.items() if re.fullmatch(pattern, phrase, re.IGNORECASE)
        )
    if groups.get("ana") and context.candidate.kind == "date" and context.anchor is not None:
        return context.anchor + _anaphora_shift(context)
    return None


def _year_of_range(context: Context) -> int | None:
    """The year of the range a partial date opens: "March and May 2023",
    "de marzo a mayo de 2023", "entre el 12 de junio y el 12 de julio de
    2020"; a range that crosses a new year starts in the year before ("from
    Dec. 28 to Jan. 9, 2021")."""
    end = context.candidate.end
    month = _word_in(context.grammar.months, context.groups["mon"].rstrip("."))
    for other_start, _other_end, year, other_month in context.sentence_years:
        if other_start >= end and _RANGE_JOIN.fullmatch(context.sentence, end, other_start):
            return year - 1 if other_month and month > other_month else year
    return None


def _year_of_month(context: Context, month: int) -> int:
    """The year of a month named without one. The month of publication is
    both the latest past month and the next future one ("may peak in
    mid-April", written on 3 April)."""
    published = context.published
    relation = _relation(context)
    if relation == "last":
        return published.year if month < published.month else published.year - 1
    if relation == "next":
        return published.year if month > published.month else published.year + 1
    if relation == "this":
        return published.year
    past_year = published.year if month <= published.month else published.year - 1
    future_year = published.year if month >= published.month else published.year + 1
    if context.direction == "past":
        return past_year
    if context.direction == "future":
        return future_year
    return min((past_year, future_year), key=lambda y: abs((datetime.date(y, month, 15) - published).days))


def _written_date(context: Context, day: str, month_word: str, year: str | int) -> str:
    """A full date as the language writes it, for dateparser to read."""
    if context.language == "en":
        return f"{day} {month_word} {year}"
    return f"{day} de {month_word} de {year}"


def _read_both_ways(context: Context, core: str, *, current: bool = False) -> dict[str, Reading | None]:
    """The past and the future reading of `core`. With `current`, the
    weekday of publication, as news uses it, is that very day."""
    options = {"past": context.read(core, "past"), "future": context.read(core, "future")}
    if current:
        reading = context.read(core, "current_period")
        if reading and reading[0] <= context.published:
            options["past"] = reading
    return options


def _on_weekday(context: Context, options: dict[str, Reading | None]) -> dict[str, Reading | None]:
    """The readings that fall on the candidate's weekday, if any do: Tuesday, Nov. 5 is 2024's."""
    weekday = _word_in(context.grammar.weekdays, context.groups["wd"])
    matching = {key: value for key, value in options.items() if value and value[0].weekday() == weekday}
    return matching or options


def _days_on_weekday(published: datetime.date, day_number: int, weekday: int) -> dict[str, Reading | None]:
    """Day `day_number` of the month before, of and after publication, where it falls on `weekday`."""
    options: dict[str, Reading | None] = {}
    for shift in (-1, 0, 1):
        year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
        try:
            day = datetime.date(year, month + 1, day_number)
        except ValueError:
            continue
        if day.weekday() == weekday:
            options["past" if day <= published else "future"] = (day, "day")
    return options

"""Date mentions in news text, resolved against the publication date.

`extract_dates(text, published=..., language="en")` returns every mention of
a day, a month or a year with its character span, the date it stands for (the
first day of the period) and its precision.

How it works, sentence by sentence:

1. Candidates are found with patterns assembled from dateparser's own
   language data (month and weekday names, "ago"/"hace", its relative
   phrases such as "last year" or "el año pasado", its unit words); no month
   table is written here. The patterns only ever take what news prose uses
   for dates: a month name next to a day or a year, a month after "in"/"en",
   a year of four digits, "N years ago", "last December", a weekday...
2. Each candidate is read by dateparser's `DateDataParser` relative to the
   publication date. The direction of a date without a year comes from the
   candidate itself ("last", "next", "pasado") or else from the sentence's
   tense: "is expected in June" is next June, "met in November" last
   November; with no clue, the nearest.
3. What raw `search_dates` reports but is not a date is never a candidate:
   money ("$57 billion"), percentages, counts ("47 million", "13 of the 14"),
   scores ("7-2"), the modal "may", the verb "march", "a second", durations
   ("in less than three years", "within two weeks"), eras.

Work is bounded: the text is limited to MAX_TEXT_CHARS, sentences are cut at
MAX_SENTENCE_CHARS, a sentence yields at most MAX_MENTIONS_PER_SENTENCE
mentions, and dateparser only ever sees a candidate of at most
MAX_CANDIDATE_CHARS characters: no input can make it run away.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from timeline.dates import FuzzyDate, Precision
from timeline.ingest.months import month_names
from timeline.ingest.sentences import Sentence, split_sentences

LANGUAGES = ("en", "es")
MAX_TEXT_CHARS = 1_000_000
MAX_MENTIONS_PER_SENTENCE = 40
MAX_CANDIDATE_CHARS = 80
# Years accepted as a bare four-digit number: from MIN_YEAR to this many
# years after publication ("by 2050").
MIN_YEAR = 1800
FUTURE_YEARS = 30


class ExtractionError(ValueError):
    """Input the extractor refuses, with a message a person can act on."""


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    when: FuzzyDate

    @property
    def date(self) -> datetime.date:
        return self.when.date

    @property
    def precision(self) -> str:
        return self.when.precision

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "date": self.when.date.isoformat(),
            "precision": str(self.when.precision),
        }


# ---------------------------------------------------------------------------
# Input checks


def check_text(text: str, *, limit: int = MAX_TEXT_CHARS) -> None:
    """Raise ExtractionError for text that is too long, binary or garbled."""
    if len(text) > limit:
        raise ExtractionError(
            _("The text is %(length)s characters long; the limit is %(limit)s.")
            % {"length": f"{len(text):,}", "limit": f"{limit:,}"}
        )
    if "\x00" in text:
        raise ExtractionError(_("This looks like binary data, not text."))
    sample = text[:20_000]
    if not sample:
        return
    control = sum(1 for char in sample if (ord(char) < 32 and char not in "\n\r\t") or char == "\ufffd")
    if control / len(sample) > 0.01:
        raise ExtractionError(_("This text is garbled: it holds control or undecodable characters."))
    if not any(char.isalpha() for char in text):
        raise ExtractionError(_("This text has no words."))


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ExtractionError(
            _("Unknown language “%(language)s”: use one of %(choices)s.")
            % {"language": language, "choices": ", ".join(LANGUAGES)}
        )
    return language


def check_published(published: datetime.date, *, today: datetime.date | None = None) -> datetime.date:
    today = today or datetime.date.today()
    if published > today:
        raise ExtractionError(
            _("The publication date %(date)s is in the future.") % {"date": published.isoformat()}
        )
    return published


# ---------------------------------------------------------------------------
# Language data: patterns assembled from dateparser's locale data


_UNITS = ("year", "month", "week", "day")
# Small cardinal numbers in words that dateparser's Spanish data lacks
# ("hace tres años"); English ones come from dateparser's simplifications.
_SPANISH_NUMBERS = {
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30,
}
_SPANISH_DECADE = {"en": [], "es": ["década", "décadas"]}
_RELATIVE_VARIANTS = {
    "en": {"last night": "yesterday", "tonight": "today", "this morning": "today", "this afternoon": "today",
           "this evening": "today"},
    "es": {"el año próximo": "el próximo año", "el año que viene": "el próximo año", "el mes próximo": "el próximo mes",
           "el mes que viene": "el próximo mes", "la semana próxima": "la próxima semana",
           "la semana que viene": "la próxima semana", "anoche": "ayer", "el pasado año": "el año pasado",
           "el pasado mes": "el mes pasado", "la pasada semana": "la semana pasada",
           # After "de": "a fines del año pasado" is "de" + "el año pasado".
           "año pasado": "el año pasado", "mes pasado": "el mes pasado", "año próximo": "el próximo año",
           "próximo año": "el próximo año", "próximo mes": "el próximo mes"},
}
# Words before a weekday that make it a day, not a name ("on Sunday", "el domingo").
_DAY_CUES = {
    "en": r"on|by|since|until|from|last|next|this|past|coming",
    "es": r"el|este|desde|hasta|para|del|al|pasado|pr[oó]ximo",
}
# Words of the language that are also month names and need a date context.
_AMBIGUOUS_MONTHS = {"en": {"may", "march"}, "es": set()}
# Words before a bare month name that make it a month ("for March", "the June vote").
_MONTH_CUES = r"for|of|de|del|the|la|los|a|al|early|mid|late|last|next|this|este|esta"


@dataclass(frozen=True)
class _Words:
    """The phrasing one language uses around dates."""

    preposition: str  # before a date, kept in the mention: "in", "on", "en", "el"
    hedge: str  # before "N years ago": "about", "nearly"
    month_modifier: str  # "early", "mid", "late", "a mediados de"
    year_modifier: str
    last: str  # "last December", "el pasado diciembre"
    next: str
    last_after: str  # "diciembre pasado"
    next_after: str
    this: str
    rel_modifier: str  # "earlier this week", "late last year"
    anaphora: dict[str, int]  # "that year" -> 0, "the following year" -> +1
    day_part: str  # "Tuesday morning"
    future_cues: str
    future_suffix: str
    past_cues: str
    past_suffix: str
    past_exceptions: frozenset[str]
    ordinal: str
    this_year: str  # "the end of the year": the year of publication
    number_words: dict[str, int] = field(default_factory=dict)


_EN = _Words(
    preposition=r"in|on|by|since|until|till|from|during|through|as\s+of|before|after",
    hedge=(
        r"about|around|roughly|nearly|almost|approximately|some|more\s+than|less\s+than|over|just\s+over|"
        r"just\s+under|barely"
    ),
    month_modifier=r"early|mid|late|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of",
    year_modifier=(
        r"early|mid|late|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half|spring|summer|autumn|"
        r"fall|winter)\s+of"
    ),
    last=r"last|this\s+past|past",
    next=r"next|this\s+coming|coming",
    last_after=r"(?!)",
    next_after=r"(?!)",
    this=r"this",
    rel_modifier=r"earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of",
    anaphora={
        r"that\s+year": 0, r"the\s+same\s+year": 0, r"that\s+same\s+year": 0,
        r"the\s+following\s+year": 1, r"the\s+next\s+year": 1, r"a\s+year\s+later": 1,
        r"the\s+previous\s+year": -1, r"the\s+year\s+before": -1, r"a\s+year\s+earlier": -1,
    },
    day_part=r"morning|afternoon|evening|night",
    future_cues=(
        r"will|won't|wo\s+n't|shall|'ll|going\s+to|expected|expects|expect|scheduled|slated|due|set\s+to|plans?\s+to|"
        r"planned|planning|intends?\s+to|aims?\s+to|hopes?\s+to|upcoming|next|later|would|could|might|may|"
        r"is\s+to|are\s+to|forthcoming"
    ),
    future_suffix=r"(?!)",
    past_cues=(
        r"was|were|had|did|said|met|made|took|came|went|won|lost|told|began|saw|gave|became|held|left|spoke|"
        r"ran|paid|sent|got|found|led|rose|fell|beat|chose|drew|wrote|sold|bought|brought|thought|kept|meant|"
        r"struck|stood|grew|knew|flew|felt|broke|swore|ago|last|former|earlier|previously|already"
    ),
    past_suffix=r"[a-z]{2,}ed",
    past_exceptions=frozenset({"need", "speed", "indeed", "hundred", "seed", "feed", "proceed", "exceed", "succeed",
                               "red", "bed", "based", "united", "limited", "expected", "scheduled", "planned",
                               "interested", "concerned", "related", "alleged", "embed", "shed", "bred", "breed"}),
    ordinal=r"(?:st|nd|rd|th)",
    this_year=r"the\s+(?:end|beginning|start|middle|rest|second\s+half|first\s+half)\s+of\s+the\s+year",
)

_ES = _Words(
    preposition=r"en|el|desde|hasta|para|durante|a\s+partir\s+del?|antes\s+del?|despu[eé]s\s+del?",
    hedge=r"casi|unos|unas|alrededor\s+de|m[aá]s\s+de|menos\s+de|poco\s+m[aá]s\s+de|aproximadamente|apenas",
    month_modifier=r"(?:a\s+)?(?:principios|comienzos|inicios|mediados|finales|fines)\s+de",
    year_modifier=r"(?:a\s+)?(?:principios|comienzos|inicios|mediados|finales|fines)\s+de(?:l)?",
    last=r"el\s+pasado|pasado",
    next=r"el\s+pr[oó]ximo|pr[oó]ximo",
    last_after=r"pasado|[uú]ltimo",
    next_after=r"pr[oó]ximo|que\s+viene",
    this=r"este|esta",
    rel_modifier=r"(?:a\s+)?(?:principios|comienzos|inicios|mediados|finales|fines)\s+del",
    anaphora={
        r"ese\s+año": 0, r"ese\s+mismo\s+año": 0, r"aquel\s+año": 0, r"el\s+mismo\s+año": 0,
        r"al\s+año\s+siguiente": 1, r"el\s+año\s+siguiente": 1, r"un\s+año\s+despu[eé]s": 1,
        r"el\s+año\s+anterior": -1, r"un\s+año\s+antes": -1,
    },
    day_part=r"por\s+la\s+(?:mañana|tarde|noche)",
    future_cues=(
        r"va|van|vamos|prev[eé]|prevista|previsto|previstas|previstos|espera|esperan|planea|planean|"
        r"pr[oó]xim[oa]s?|programad[oa]s?|podr[ií]a|podr[ií]an|deber[ií]a|deber[ií]an|tendr[aá]|habr[aá]|"
        r"mañana|luego|m[aá]s\s+adelante"
    ),
    future_suffix=r"\w{2,}(?:rá|rán|ré|réis)|\w{2,}[aei]remos",
    past_cues=(
        r"fue|fueron|fui|era|eran|hab[ií]a|hab[ií]an|hizo|hicieron|dijo|dijeron|tuvo|tuvieron|estuvo|"
        r"estuvieron|vino|vinieron|hace|pasado|pasada|anterior|ya|ha|han|hubo"
    ),
    past_suffix=r"\w{2,}(?:ó|aron|ieron|aba|aban|ado|ido)",
    past_exceptions=frozenset({"como", "todo", "modo", "lado", "estado", "partido", "sentido", "mercado", "gobierno",
                               "cambio", "precio", "pero", "tiempo", "nuevo", "mismo", "acuerdo", "apoyo", "dinero",
                               "puerto", "periodo", "período", "medio", "largo", "caso", "año", "otro", "cuatro",
                               "centro", "ministro", "trabajo", "mayo", "marzo", "julio", "junio", "enero",
                               "febrero", "domingo", "octubre", "ocho", "dado", "grado", "cargo", "mando",
                               "pueblo", "segundo", "tercero", "primero", "claro", "mundo", "también", "sólo",
                               "solo", "ello", "esto", "eso", "aquello", "proceso", "dado", "libro", "desarrollo",
                               "empleo", "contexto", "equipo", "grupo", "proyecto", "objetivo", "camino",
                               "mercado", "presupuesto", "impuesto", "déficit", "vado", "voto", "juicio"}),
    ordinal=r"(?:º|°|\.º|o)",
    this_year=(
        r"(?:a\s+)?(?:fin|fines|finales|principios|comienzos|mediados)\s+de(?:l)?\s+año"
        r"(?!\s+(?:pasado|pr[oó]ximo|anterior|siguiente|que))"
    ),
)

_WORDS = {"en": _EN, "es": _ES}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted({re.escape(word) for word in words}, key=len, reverse=True))


@dataclass
class _Grammar:
    language: str
    words: _Words
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
def _grammar(language: str) -> _Grammar:
    """Patterns for `language`, built once per process from dateparser's data."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(language).info
    words = _WORDS[language]

    month_data = month_names(language)
    months = month_data.numbers
    full_months = month_data.full
    weekdays: dict[str, int] = {}
    for number in range(7):
        names = [name.lower() for name in info[calendar.day_name[number].lower()]]
        longest = max(names, key=len)
        weekdays[longest] = number

    units: dict[str, str] = {}
    for unit in _UNITS:
        for word in info.get(unit, []):
            if len(word) >= 3:
                units[word.lower()] = unit
    for word in info.get("decade", []) or _SPANISH_DECADE[language]:
        units[word.lower()] = "decade"

    relative: dict[str, str] = {}
    for meaning, phrases in info.get("relative-type", {}).items():
        if not re.fullmatch(r"(?:in )?\d+ (?:year|month|week|day)(?: ago)?|(?:last|this|next) \w+day", meaning):
            continue
        for phrase in phrases:
            phrase = phrase.lower()
            if len(phrase) < 3 or re.search(r"\b(?:mo|yr|wk|sem|ant|próx|till)\b", phrase):
                continue
            relative[phrase] = phrase
    # Other wordings of the same phrases, read as the phrase dateparser knows.
    for phrase, known in _RELATIVE_VARIANTS[language].items():
        if known in relative:
            relative[phrase] = known

    numbers: dict[str, int] = {}
    for simplification in info.get("simplifications", []):
        for word, value in simplification.items():
            if re.fullmatch(r"[a-z]+", word) and str(value).isdigit():
                numbers[word] = int(value)
    if language == "es":
        numbers.update(_SPANISH_NUMBERS)

    abbreviations = month_data.abbreviations

    month_any = _alt(months)
    month_full = _alt(full_months)
    weekday = _alt(weekdays)
    unit = _alt(units)
    number = r"\d{1,3}|" + _alt(numbers)
    ago = _alt(info.get("ago", []) if language == "es" else ["ago"])
    year = r"(?<![\d$€£¥.,/])(?:1[89]\d\d|20\d\d)(?![\d%]|[.,]\d|s\b|/\d)"
    if language == "en":
        day = rf"(?:[12]\d|3[01]|0?[1-9]){words.ordinal}?(?![\d%]|[.,:]\d)"
    else:
        day = rf"(?:(?:[12]\d|3[01]|0?[1-9]){words.ordinal}?(?![\d%]|[.,:]\d)|primero)"
    anaphora = _alt([])  # placeholder for readability below
    anaphora = "|".join(words.anaphora)
    month_abbr_dot = rf"(?:{month_any})\.?"

    # Named pieces, so each pattern reads as the phrase it finds.
    weekday_before = rf"(?:(?P<wd>{weekday}),?\s+)?"
    year_after = rf"(?:,?\s+(?P<year>{year}))?"
    relation = rf"{words.last}|{words.next}|{words.this}"
    after = rf"(?:\s+(?P<after>{words.last_after}|{words.next_after}))?"
    de = r"\s+(?:de|del)\s+"

    P: list[tuple[str, str]] = []
    if language == "en":
        P += [
            # "Tuesday, Nov. 5, 2024", "March 30"
            ("date", rf"{weekday_before}(?P<mon>{month_abbr_dot})\s+(?P<day>{day}){year_after}"),
            # "5 November 2024", "the 5th of November"
            ("date", rf"{weekday_before}(?:the\s+)?(?P<day>{day})\s+(?:of\s+)?(?P<mon>{month_abbr_dot}){year_after}"),
            # "March 2019", "late October of 2023"
            ("month", rf"(?:(?P<mod>{words.month_modifier})[\s-]+)?(?P<mon>{month_abbr_dot})"
                      rf"(?:\s+of)?,?\s+(?P<year>{year})"),
            # "October of that year"
            ("month", rf"(?P<mon>{month_full})\s+(?:of\s+)?(?P<ana>{anaphora})"),
            # "In November", "mid-November", "last December"
            ("month", rf"(?:(?P<mod>{words.month_modifier}|{relation})[\s-]+)?(?P<mon>{month_full})"),
        ]
    else:
        P += [
            # "el jueves 14 de noviembre", "10 de diciembre de 2023", "el pasado 25 de mayo"
            ("date", rf"(?:(?P<mod>{words.last}|{words.next})\s+)?(?:(?P<wd>{weekday})\s+)?"
                     rf"(?P<day>{day})\s+de\s+(?P<mon>{month_any})(?:{de}(?P<year>{year}))?{after}"),
            # "noviembre de 2024", "a mediados de marzo de 2020"
            ("month", rf"(?:(?P<mod>{words.month_modifier})\s+)?(?P<mon>{month_full}){de}(?P<year>{year})"),
            # "octubre de ese año"
            ("month", rf"(?P<mon>{month_full}){de}(?P<ana>{anaphora})"),
            # "En febrero", "el pasado diciembre", "diciembre pasado"
            ("month", rf"(?:(?P<mod>{words.month_modifier}|{relation})\s+)?(?P<mon>{month_full}){after}"),
        ]
    P += [
        ("year", rf"(?:(?P<mod>{words.year_modifier})[\s-]*)?(?P<year>{year})"),
        ("relative", rf"(?:(?P<mod>{words.rel_modifier})\s+)?(?P<rel>{_alt(relative)})"),
        ("anaphora", rf"(?P<ana>{anaphora})"),
        ("this_year", words.this_year),
    ]
    if language == "en":
        P.append(("ago", rf"(?:(?P<hedge>{words.hedge})\s+)?(?P<num>{number})\s+(?P<unit>{unit})\s+(?P<ago>{ago})"))
        P.append(("weekday", rf"(?:(?P<mod>{relation})\s+)?(?P<wd>{weekday})(?:\s+(?P<part>{words.day_part}))?"))
    else:
        P.append(("ago", rf"(?P<ago>{ago})\s+(?:(?P<hedge>{words.hedge})\s+)?(?P<num>{number})\s+(?P<unit>{unit})"))
        P.append(("weekday", rf"(?:(?P<mod>{relation})\s+)?(?P<wd>{weekday}){after}"))
        # "el jueves 16": the day of the month that falls on that weekday.
        P.append(("weekday_day", rf"(?P<wd>{weekday})\s+(?P<day>{day})(?!\s+de\s)"))
    P.append(("numeric", r"(?<![\d/.-])(?P<num>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?![\d/-])"))

    patterns = [(kind, re.compile(rf"(?<!\w)(?:{source})(?!\w)", re.IGNORECASE)) for kind, source in P]
    future = re.compile(
        rf"(?<![\w'])(?:{words.future_cues}|{words.future_suffix})(?![\w'])|['’]ll\b", re.IGNORECASE
    )
    past = re.compile(rf"(?<![\w'])(?:{words.past_cues}|{words.past_suffix})(?![\w'])", re.IGNORECASE)
    keywords = [*months, *weekdays, *relative, *units]
    trigger = re.compile(rf"\d|(?<!\w)(?:{_alt(keywords)})(?!\w)", re.IGNORECASE)
    return _Grammar(
        language=language,
        trigger=trigger,
        words=words,
        months=months,
        full_months=full_months,
        weekdays=weekdays,
        relative=relative,
        units=units,
        numbers=numbers,
        patterns=patterns,
        future=future,
        past=past,
        date_order=info.get("date_order", "DMY"),
        abbreviations=abbreviations,
    )


@functools.lru_cache(maxsize=16)
def _parser(language: str, base: datetime.date, prefer: str):
    """A dateparser reader for one language, base date and direction; a
    handful per article, kept while they are being used."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=[language],
        settings={
            "RELATIVE_BASE": datetime.datetime.combine(base, datetime.time()),
            "PREFER_DATES_FROM": prefer,
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "DATE_ORDER": "MDY" if language == "en" else "DMY",
        },
    )


@functools.lru_cache(maxsize=4096)
def _read(text: str, language: str, base: datetime.date, prefer: str) -> tuple[datetime.date, str] | None:
    """dateparser's reading of a short candidate: (date, period) or None.
    An expression repeated in a text (or across texts of the same day) is read once."""
    if not text or len(text) > MAX_CANDIDATE_CHARS:
        return None
    data = _parser(language, base, prefer).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period


def load() -> None:
    """Build the language data and dateparser's readers now (once per process)."""
    for language in LANGUAGES:
        _grammar(language)
        _read("2020", language, datetime.date(2020, 1, 1), "past")


# ---------------------------------------------------------------------------
# Direction: is a date without a year last one or next one?


_HARD_BOUNDARY = re.compile(r"[;:\u2014\u2013()\u201c\u201d\"]")
_SOFT_BOUNDARY = re.compile(r",|\s(?:and|but|while|whereas|y|e|pero|mientras|aunque)\s", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:and|to|through|or|y|a|al|hasta|-|–)\s*", re.IGNORECASE)
_DEADLINE = re.compile(r"(?<!\w)(?:by|para|antes\s+de(?:l)?)(?:\s+el)?$")
_PAST_PERFECT = re.compile(r"\b(?:had|hab[ií]an?)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"(?:\bbe|\bbeing|\bser|\bsido)\s+\Z", re.IGNORECASE)


def _cues(grammar: _Grammar, sentence: str) -> list[tuple[int, int, str]]:
    """The tense cues of a sentence: (start, end, "future" or "past")."""
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


def _direction(sentence: str, cues: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """"future", "past" or None (no clue): the tense of the cue nearest to
    the mention. A cue in another clause counts as further away, and so does
    one after the mention (the verb usually comes first: "met ... in May")."""
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


def _choose(options: dict[str, tuple[datetime.date, str] | None], direction: str | None, base: datetime.date):
    """The reading for `direction`; with no clue, the one nearest to `base`."""
    if direction in options and options[direction] is not None:
        return options[direction]
    readings = [reading for reading in options.values() if reading is not None]
    if not readings:
        return None
    return min(readings, key=lambda reading: abs((reading[0] - base).days))


# ---------------------------------------------------------------------------
# Extraction


@dataclass
class _Candidate:
    start: int  # in the sentence
    end: int
    kind: str
    groups: dict[str, str | None]
    priority: int


_PERIOD = {"day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}


def _week_period(day: datetime.date) -> FuzzyDate:
    """A week is not a precision we keep: the month it falls in, else the year."""
    monday = day - datetime.timedelta(days=day.weekday())
    sunday = monday + datetime.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return FuzzyDate.of(monday, Precision.MONTH)
    return FuzzyDate.of(day, Precision.YEAR)


def _as_fuzzy(reading: tuple[datetime.date, str] | None, *, precision: str | None = None) -> FuzzyDate | None:
    if reading is None:
        return None
    day, period = reading
    if precision:
        return FuzzyDate.of(day, precision)
    if period == "week":
        return _week_period(day)
    if period not in _PERIOD:
        return FuzzyDate.of(day, Precision.DAY)
    return FuzzyDate.of(day, _PERIOD[period])


def _candidates(grammar: _Grammar, sentence: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    if not grammar.trigger.search(sentence):
        return found
    for priority, (kind, pattern) in enumerate(grammar.patterns):
        for match in pattern.finditer(sentence):
            found.append(_Candidate(match.start(), match.end(), kind, match.groupdict(), priority))
    # Longest first, then the more specific pattern; drop what overlaps a kept one.
    found.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
    kept: list[_Candidate] = []
    for candidate in found:
        if any(candidate.start < other.end and other.start < candidate.end for other in kept):
            continue
        kept.append(candidate)
    kept.sort(key=lambda c: c.start)
    return kept[:MAX_MENTIONS_PER_SENTENCE]


_NAME = re.compile(r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'’.-]*$")
_AMOUNT_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|por\s+ciento|millones|million|billion|trillion|mil\b|bn|km|kg|votes|votos|"
    r"degrees|grados|people|personas|points|puntos|meters|metros|feet|tons|toneladas|barrels|barriles)\b",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(r"(?:[$€£¥#]|US\$|No\.|n\.º|nº)\s*$")
_SCORE_AFTER = re.compile(r"\s*[-–]\s*\d{1,3}(?!\d)")
_CLAUSE_START = re.compile(r"(?:^|[.,;:!?\u2014\u201c\"(])\s*$")


def _word_before(sentence: str, start: int) -> str:
    match = re.search(r"([\w\u00c0-\u024f'’.-]+)\W*$", sentence[:start])
    return match.group(1) if match else ""


def _word_after(sentence: str, end: int) -> str:
    match = re.match(r"\W*?([\w\u00c0-\u024f'’-]+)", sentence[end:])
    return match.group(1) if match else ""


def _between_names(grammar: _Grammar, sentence: str, c: _Candidate) -> bool:
    """Whether the word stands in a name: "Theresa May", "Paul Sunday",
    "April Dunmore", "The Sunday Times", "Domingo Cavallo"."""
    before, after = _word_before(sentence, c.start), _word_after(sentence, c.end)
    after_is_name = bool(after and _NAME.match(after)) and after.lower() not in grammar.months
    before_is_name = (
        bool(before and _NAME.match(before)) and not _CLAUSE_START.search(sentence[: c.start])
    )
    return after_is_name or before_is_name


def _plausible(grammar: _Grammar, sentence: str, c: _Candidate, published: datetime.date) -> bool:
    """Whether a candidate is a date and not a word of the sentence that looks
    like one: money, counts, scores, names, "may", "march", "mañana"."""
    g = c.groups
    language = grammar.language
    before = sentence[: c.start]

    if g.get("year") and not MIN_YEAR <= int(g["year"]) <= published.year + FUTURE_YEARS:
        return False
    if c.kind == "year":
        # Money, counts, percentages, measures and scores around a number.
        if _AMOUNT_AFTER.match(sentence, c.end) or _AMOUNT_BEFORE.search(before) or _SCORE_AFTER.match(sentence, c.end):
            return False

    if c.kind in ("date", "month"):
        month_word = g["mon"].rstrip(".")
        lowered = month_word.lower()
        if language == "en" and not month_word[0].isupper():
            return False  # English months are capitalised: "may" and "march" are words
        if lowered in grammar.abbreviations and not (g.get("day") or g.get("year")):
            return False  # "Mar", "Jan" alone: not months in prose
        bare = not (g.get("day") or g.get("year") or g.get("ana") or g.get("mod") or g.get("after"))
        if bare:
            cue = re.search(rf"(?<![\w-])(?:{grammar.words.preposition}|{_MONTH_CUES})\s+$", before, re.IGNORECASE)
            if lowered in _AMBIGUOUS_MONTHS[language] and not cue:
                return False  # "May" the modal, "March" the verb, "Theresa May"
            if not cue and _between_names(grammar, sentence, c):
                return False
            if language == "es" and month_word[0].isupper() and not _CLAUSE_START.search(before):
                return False  # Spanish months are lower-case: a capital mid-sentence is a name

    if c.kind in ("weekday", "weekday_day"):
        word = g["wd"]
        if language == "en" and not word[0].isupper():
            return False
        if language == "es" and word[0].isupper() and not _CLAUSE_START.search(before) and not g.get("mod"):
            return False  # "Domingo" mid-sentence: a name
        day_cue = re.search(rf"(?<!\w)(?:{_DAY_CUES[language]})\s+$", before, re.IGNORECASE)
        if not g.get("mod") and not day_cue and _between_names(grammar, sentence, c):
            return False

    if c.kind == "relative" and language == "es" and g["rel"].lower() == "mañana":
        # "por la mañana", "esta mañana", "la mañana del martes": the morning.
        if re.search(r"(?:la|esta|por|de|cada|una|toda)\s+$", before, re.IGNORECASE):
            return False
        if re.match(r"\s+(?:del?|siguiente)\b", sentence[c.end :], re.IGNORECASE):
            return False
    return True


def _extend_left(grammar: _Grammar, sentence: str, start: int, kind: str, groups: dict) -> int:
    """Take in the preposition before a mention ("in February", "el jueves")."""
    if groups.get("hedge") and kind == "ago" and grammar.language == "en":
        return start
    match = re.search(rf"(?<![\w-])(?:{grammar.words.preposition})\s+$", sentence[:start], re.IGNORECASE)
    if match is None:
        return start
    return match.start()


def _resolve(
    grammar: _Grammar,
    sentence: str,
    c: _Candidate,
    published: datetime.date,
    anchor: int | None,
    sentence_years: list[tuple[int, int, int]],
    cues: list[tuple[int, int, str]],
) -> FuzzyDate | None:
    language = grammar.language
    g = {key: value for key, value in c.groups.items() if value}
    words = grammar.words
    direction = _direction(sentence, cues, c.start, c.end)
    before_text = sentence[: c.start].rstrip().lower()
    if _DEADLINE.search(before_text) and not _PAST_PERFECT.search(sentence):
        direction = "future"  # "by March", unless "had ... by March"

    def read_both(core: str, *, current: bool = False) -> dict[str, tuple[datetime.date, str] | None]:
        options = {
            "past": _read(core, language, published, "past"),
            "future": _read(core, language, published, "future"),
        }
        if current:
            reading = _read(core, language, published, "current_period")
            # The weekday of publication, as news uses it, is that very day.
            if reading and reading[0] <= published:
                options["past"] = reading
        return options

    def mod_direction(mod: str | None, after: str | None) -> str | None:
        for value, pattern in ((mod, words.last), (after, words.last_after)):
            if value and re.fullmatch(pattern, value.lower()):
                return "last"
        for value, pattern in ((mod, words.next), (after, words.next_after)):
            if value and re.fullmatch(pattern, value.lower()):
                return "next"
        if mod and re.fullmatch(words.this, mod.lower()):
            return "this"
        return None

    def inherited_year(start: int) -> int | None:
        """The year of the range a partial date opens: "March and May 2023",
        "de marzo a mayo de 2023"."""
        for other_start, _other_end, year in sentence_years:
            if other_start >= c.end and _RANGE_JOIN.fullmatch(sentence, c.end, other_start):
                return year
        return None

    if c.kind == "this_year":
        return FuzzyDate(datetime.date(published.year, 1, 1), Precision.YEAR)

    if c.kind == "anaphora":
        if anchor is None:
            return None
        shift = next(v for p, v in words.anaphora.items() if re.fullmatch(p, g["ana"], re.IGNORECASE))
        return FuzzyDate(datetime.date(anchor + shift, 1, 1), Precision.YEAR)

    if c.kind == "year":
        reading = _read(g["year"], language, published, "past")
        return _as_fuzzy(reading, precision=Precision.YEAR)

    if c.kind == "numeric":
        reading = _read(g["num"], language, published, "past")
        return _as_fuzzy(reading, precision=Precision.DAY)

    if c.kind == "relative":
        reading = _read(grammar.relative[g["rel"].lower()], language, published, "past")
        fuzzy = _as_fuzzy(reading)
        if fuzzy and g.get("mod") and fuzzy.precision == Precision.DAY:
            return None
        return fuzzy

    if c.kind == "ago":
        number = g["num"].lower()
        count = int(number) if number.isdigit() else grammar.numbers.get(number)
        if count is None or count > 200:
            return None
        unit = grammar.units[g["unit"].lower()]
        if unit == "decade":
            return FuzzyDate(datetime.date(published.year - 10 * count, 1, 1), Precision.YEAR)
        core = f"{count} {g['unit']} ago" if language == "en" else f"hace {count} {g['unit']}"
        return _as_fuzzy(_read(core, language, published, "past"))

    if c.kind == "weekday_day":
        weekday = grammar.weekdays[g["wd"].lower()]
        day_number = int(re.sub(r"\D", "", g["day"]) or 0)
        options = {}
        for shift in (-1, 0, 1):
            year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
            try:
                day = datetime.date(year, month + 1, day_number)
            except ValueError:
                continue
            if day.weekday() == weekday:
                options["past" if day <= published else "future"] = (day, "day")
        return _as_fuzzy(_choose(options, direction, published), precision=Precision.DAY)

    if c.kind == "weekday":
        core = g["wd"]
        relation = mod_direction(g.get("mod"), g.get("after"))
        if relation == "last":
            direction = "past"
        elif relation == "next":
            direction = "future"
        options = read_both(core, current=True)
        return _as_fuzzy(_choose(options, direction, published), precision=Precision.DAY)

    month_word = g["mon"].rstrip(".")
    month = grammar.months[month_word.lower()]
    if c.kind == "date":
        day_text = re.sub(r"\D", "", g["day"]) or "1"

        def with_year(year) -> str:
            return f"{day_text} {month_word} {year}" if language == "en" else f"{day_text} de {month_word} de {year}"

        if g.get("year"):
            return _as_fuzzy(_read(with_year(g["year"]), language, published, "past"), precision=Precision.DAY)
        core = f"{month_word} {day_text}" if language == "en" else f"{day_text} de {month_word}"
        relation = mod_direction(g.get("mod"), g.get("after"))
        if relation == "last":
            direction = "past"
        elif relation == "next":
            direction = "future"
        inherited = inherited_year(c.start)
        if inherited:
            return _as_fuzzy(_read(with_year(inherited), language, published, "past"), precision=Precision.DAY)
        options = read_both(core)
        if g.get("wd"):
            # A weekday settles the year: Tuesday, Nov. 5 is 2024's.
            weekday = grammar.weekdays[g["wd"].lower()]
            matching = {k: v for k, v in options.items() if v and v[0].weekday() == weekday}
            if matching:
                options = matching
        return _as_fuzzy(_choose(options, direction, published), precision=Precision.DAY)

    # Month precision.
    if g.get("year"):
        return FuzzyDate(datetime.date(int(g["year"]), month, 1), Precision.MONTH)
    if g.get("ana"):
        if anchor is None:
            return None
        shift = next(v for p, v in words.anaphora.items() if re.fullmatch(p, g["ana"], re.IGNORECASE))
        return FuzzyDate(datetime.date(anchor + shift, month, 1), Precision.MONTH)
    inherited = inherited_year(c.start)
    if inherited:
        return FuzzyDate(datetime.date(inherited, month, 1), Precision.MONTH)
    # The month is dateparser's reading of the word; the year follows the
    # direction. The month of publication is both the latest past month and
    # the next future one ("may peak in mid-April", written on 3 April).
    reading = _read(month_word, language, published, "past")
    if reading is None:
        return None
    month = reading[0].month
    relation = mod_direction(g.get("mod"), g.get("after"))
    past_year = published.year if month <= published.month else published.year - 1
    future_year = published.year if month >= published.month else published.year + 1
    if relation == "last":
        year = published.year if month < published.month else published.year - 1
    elif relation == "next":
        year = published.year if month > published.month else published.year + 1
    elif relation == "this":
        year = published.year
    elif direction == "past":
        year = past_year
    elif direction == "future":
        year = future_year
    else:
        year = min((past_year, future_year), key=lambda y: abs((datetime.date(y, month, 15) - published).days))
    return FuzzyDate(datetime.date(year, month, 1), Precision.MONTH)


def extract_dates(
    text: str, *, published: datetime.date, language: str = "en", sentences: Sequence[Sentence] | None = None
) -> list[DateMention]:
    """Every date mention in `text`, in order, resolved against `published`.
    `sentences`: the text already split (`split_sentences(text, language=...)`).

    Raises ExtractionError for an unknown language or text that is too long,
    binary or garbled.
    """
    check_language(language)
    check_text(text)
    grammar = _grammar(language)
    mentions: list[DateMention] = []
    anchor: int | None = None
    if sentences is None:
        sentences = split_sentences(text, language=language)
    for sentence in sentences:
        found = _sentence_mentions(grammar, sentence, published, anchor)
        for mention in found:
            anchor = mention.date.year
        mentions.extend(found)
    return mentions


def _sentence_mentions(
    grammar: _Grammar, sentence: Sentence, published: datetime.date, anchor: int | None
) -> list[DateMention]:
    text = sentence.text
    candidates = [c for c in _candidates(grammar, text) if _plausible(grammar, text, c, published)]
    if not candidates:
        return []
    years = [(c.start, c.end, int(c.groups["year"])) for c in candidates if c.groups.get("year")]
    cues = _cues(grammar, text)
    out: list[DateMention] = []
    for candidate in candidates:
        when = _resolve(grammar, text, candidate, published, anchor, years, cues)
        if when is None:
            continue
        anchor = when.date.year
        start = _extend_left(grammar, text, candidate.start, candidate.kind, candidate.groups)
        out.append(
            DateMention(
                start=sentence.start + start,
                end=sentence.start + candidate.end,
                text=text[start : candidate.end],
                when=when,
            )
        )
    return out

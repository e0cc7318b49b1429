"""The words English and Spanish news prose puts around its dates.

Month and weekday names, unit words and relative phrases come from
dateparser's data (see grammar.py); what is here is what that data lacks: the
prepositions that open a date ("in", "el"), the modifiers ("mid-", "a
mediados de"), the words that say last or next, the tense cues of a sentence,
and the words that make a month or a weekday a date rather than a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The units of "N ... ago" taken from dateparser's data.
UNITS = ("year", "month", "week", "day")
# Small cardinal numbers in words that dateparser's Spanish data lacks
# ("hace tres años"); English ones come from dateparser's simplifications.
SPANISH_NUMBERS = {
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30,
}
# Words for a decade, where dateparser's data has none ("hace dos décadas").
DECADE_WORDS = {"en": [], "es": ["década", "décadas"]}
# Other wordings of dateparser's relative phrases -> the phrase dateparser reads.
RELATIVE_VARIANTS = {
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
DAY_CUES = {
    "en": r"on|by|since|until|from|last|next|this|past|coming",
    "es": r"el|este|desde|hasta|para|del|al|pasado|pr[oó]ximo",
}
# Words of the language that are also month names and need a date context.
AMBIGUOUS_MONTHS = {"en": {"may", "march"}, "es": set()}
# Words before a bare month name that make it a month ("for March", "the June vote").
MONTH_CUES = r"for|of|de|del|the|la|los|a|al|early|mid|late|last|next|this|este|esta"


@dataclass(frozen=True)
class Words:
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
    year_relative: dict[str, int]  # after a day or a month: "last year" -> -1, "del próximo año" -> +1
    day_anaphora: dict[str, int]  # "the day before" -> -1, from the day last named
    day_anaphora_object: str  # "the day before the vote": before something else, not the day last named
    attributive_before: str  # "the March report": a determiner before a month that names a thing
    since: str  # "since March": the past
    number_words: dict[str, int] = field(default_factory=dict)


ENGLISH = Words(
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
    year_relative={r"last\s+year": -1, r"next\s+year": 1, r"this\s+year": 0},
    day_anaphora={
        r"the\s+day\s+before": -1, r"the\s+previous\s+day": -1, r"a\s+day\s+earlier": -1,
        r"the\s+day\s+after": 1, r"the\s+next\s+day": 1, r"the\s+following\s+day": 1, r"a\s+day\s+later": 1,
        r"that\s+same\s+day": 0, r"that\s+day": 0, r"the\s+same\s+day": 0,
    },
    day_anaphora_object=r"\s+(?:the|a|an|his|her|its|their|our|my|this|that|[A-Z][\w'’-]*)\b",
    attributive_before=r"(?:the|a|an|its|their|his|her|our|this|that|[A-Z][\w-]*['’]s?)\s+$",
    since=r"since",
)

SPANISH = Words(
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
    year_relative={
        r"(?:el\s+)?año\s+pasado": -1, r"(?:el\s+)?pasado\s+año": -1,
        r"(?:el\s+)?año\s+pr[oó]ximo": 1, r"(?:el\s+)?pr[oó]ximo\s+año": 1, r"(?:el\s+)?año\s+que\s+viene": 1,
        r"este\s+año": 0, r"(?:el\s+)?año\s+en\s+curso": 0,
    },
    day_anaphora={
        r"el\s+d[ií]a\s+anterior": -1, r"la\s+v[ií]spera": -1,
        r"al\s+d[ií]a\s+siguiente": 1, r"el\s+d[ií]a\s+siguiente": 1, r"un\s+d[ií]a\s+despu[eé]s": 1,
        r"ese\s+mismo\s+d[ií]a": 0, r"ese\s+d[ií]a": 0, r"el\s+mismo\s+d[ií]a": 0, r"aquel\s+d[ií]a": 0,
    },
    day_anaphora_object=r"\s+(?:a|al|de|del|en\s+que|que)\b",
    attributive_before=(
        r"(?<!\w)(?!(?:antes|despu[eé]s|partir|fines|finales|principios|comienzos|inicios|mediados|mes|cerca|"
        r"alrededor|dentro|m[aá]s|menos|hace)\s)[a-záéíóúñ]{3,}\s+(?:de|del)\s+$"
    ),
    since=r"desde(?:\s+(?:el|la|los))?",
)

WORDS = {"en": ENGLISH, "es": SPANISH}

"""Claim candidates: the sentences of an article worth checking.

`find_claims(text, sentences=..., language="en")` reads an article sentence
by sentence (the split it is given, shared with the date extractor) and
proposes the passages a fact-checker would look at first: numbers and
quantities, superlatives and "only/first/record", comparisons, causes,
frequency ("rarely", "often") and attributed statements. Each candidate has
its span in the article, a check-worthiness score between 0 and 1, the
claimant when the text says who ("Schapiro said", "according to the
ministry"), and is marked as opinion or prediction when it reads as one:
an editor still decides, and an opinion is usually not checkable.

Attributed speech is proposed as what was said: the quotation itself
(“...,” he said) or the clause after "that" (Schapiro noted that ...), so the
claim's text is the claim, not the reporting around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline.ingest.names import NAME_WORD, NameIndex
from timeline.ingest.sentences import Sentence
from timeline.ingest.titles import trim_passage

THRESHOLD = 0.25
MIN_WORDS = 5

_NAME_WORD = NAME_WORD
# "Martín Schapiro", "Juan Gabriel Tokatlian", "Diego de la Vega", "U.S.".
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|del|de\s+la|van|von|da|dos|di|le|la)\s+)?{_NAME_WORD}){{0,3}}"
_NOT_NAMES = {
    "the", "a", "an", "but", "and", "or", "however", "in", "on", "at", "for", "this", "that", "these", "those", "it",
    "its", "he", "she", "they", "we", "i", "his", "her", "their", "our", "my", "while", "although", "since", "as",
    "given", "ultimately", "nevertheless", "meanwhile", "still", "yet", "if", "when", "after", "before",
    "el", "la", "los", "las", "un", "una", "pero", "y", "o", "sin", "embargo", "en", "por", "para", "con", "este",
    "esta", "ese", "esa", "su", "sus", "él", "ella", "ellos", "mientras", "aunque", "según", "cuando", "además",
    "another", "one", "such", "there", "thank", "thanks", "other", "both", "many", "some", "most", "several",
}


@dataclass(frozen=True)
class _Lexicon:
    speech: str  # reporting verbs
    pronouns: str  # "he", "she", "they"
    according: str  # "according to"
    that: str
    quantity: str
    superlative: str
    comparison: str
    causal: str
    frequency: str
    opinion: str
    prediction: str
    ruling: str  # a court's decision is a fact to check, not an opinion
    conditional: str  # "would", "podría": the future of a past statement
    past_report: str  # "warned", "advirtió": a statement made in the past
    prediction_suffix: str = r"(?!)"
    superlative_suffix: str = r"(?!)"
    superlative_exceptions: frozenset[str] = field(default_factory=frozenset)


_EN = _Lexicon(
    speech=(
        r"said|says|told|added|noted|argued|claimed|claims|believes|believed|warned|explained|pointed\s+out|"
        r"insisted|stated|wrote|tweeted|posted|declared|asserted|contended|maintained|acknowledged|estimated|"
        r"predicted|praised|described|has\s+described|has\s+said|announced|remarked|stressed|suggested|"
        r"admitted|denied|reported|testified|confirmed"
    ),
    pronouns=r"he|she|they|it",
    according=r"according\s+to",
    that=r"that",
    quantity=(
        r"percent|per\s+cent|million|billion|trillion|thousand|hundred|dozen|half|double|doubled|triple|"
        r"tripled|quarter|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty"
    ),
    superlative=(
        r"only|first|last|record|record-breaking|unprecedented|never|ever|every|none|few|most|least|best|worst|"
        r"largest|biggest|highest|lowest|greatest|smallest|all-time|historic"
    ),
    superlative_suffix=r"[a-z]{3,}est",
    superlative_exceptions=frozenset({"interest", "protest", "request", "suggest", "forest", "honest", "modest",
                                      "west", "rest", "test", "arrest", "manifest", "invest", "contest", "digest",
                                      "guest", "harvest", "latest", "earnest", "conquest", "inquest", "priest",
                                      "unrest", "behest", "midwest", "southwest", "northwest"}),
    comparison=(
        r"more\s+than|less\s+than|fewer|greater\s+than|higher|lower|increase[sd]?|decrease[sd]?|rose|fell|grew|"
        r"shrank|compared|than|similar|same\s+as|unlike|mirrors?|closest|up\s+from|down\s+from"
    ),
    causal=(
        r"because|due\s+to|caused|causes|led\s+to|leads\s+to|as\s+a\s+result|therefore|thanks\s+to|"
        r"compounded\s+by|driven\s+by|resulted|results\s+in|so\s+that|which\s+is\s+why"
    ),
    frequency=r"rare|rarely|frequently|often|seldom|always|usually|typically|not\s+typically|commonly|several\s+times",
    opinion=(
        r"think|believe|believes|feel|seems?|appears?|should|must|ought|crucial|important|"
        r"skeptical|sceptical|cautious|hope|hopes|optimism|optimistic|pessimistic|positive|negative|good|bad|"
        r"great|terrible|wonderful|admiration|generous|example|miracle|legitimacy|in\s+my\s+view|arguably"
    ),
    prediction=(
        r"will|would|could|might|may|expected|expects|likely|unlikely|anticipate|anticipates|forecast|"
        r"predicts?|plans?\s+to|set\s+to|going\s+to|prospects?|potentially"
    ),
    ruling=(
        r"ruled|rules|ordered|struck\s+down|upheld|overturned|sentenced|convicted|acquitted|dismissed|"
        r"found\s+(?:\w+\s+)?(?:guilty|liable|innocent|not\s+guilty)|declared\s+(?:\w+\s+)?unconstitutional"
    ),
    conditional=r"would|could|might|should|was\s+going\s+to|were\s+going\s+to|was\s+expected|were\s+expected",
    past_report=(
        r"warned|said|predicted|forecast|told|claimed|argued|wrote|estimated|cautioned|feared|expected|"
        r"had\s+\w+ed|was|were"
    ),
)

_ES = _Lexicon(
    speech=(
        r"dijo|afirmó|aseguró|señaló|sostuvo|explicó|declaró|indicó|advirtió|consideró|opinó|agregó|añadió|"
        r"manifestó|remarcó|destacó|cree|considera|estima|anunció|reconoció|negó|denunció|admitió|escribió|"
        r"publicó|informó|precisó|subrayó|apuntó|describió|calificó|elogió|expresó"
    ),
    pronouns=r"él|ella|ellos|ellas",
    according=r"según",
    that=r"que",
    quantity=(
        r"por\s+ciento|millón|millones|mil|billón|billones|centenar|cientos|mitad|doble|duplicó|triple|"
        r"triplicó|cuarto|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|treinta"
    ),
    superlative=(
        r"único|única|únicos|únicas|primer|primero|primera|último|última|récord|histórico|histórica|"
        r"sin\s+precedentes|nunca|jamás|todos|todas|ningún|ninguna|pocos|pocas|mayor|menor|mejor|peor|"
        r"más\s+\w+|máximo|mínimo"
    ),
    superlative_suffix=r"\w{3,}ísim[oa]s?",
    comparison=(
        r"más\s+que|menos\s+que|más\s+de|menos\s+de|mayor\s+que|menor\s+que|aumentó|aumento|cayó|caída|"
        r"creció|crecimiento|subió|bajó|duplicó|comparado|frente\s+a|similar|igual\s+que|a\s+diferencia"
    ),
    causal=(
        r"porque|debido\s+a|por\s+culpa\s+de|gracias\s+a|provocó|causó|llevó\s+a|como\s+resultado|por\s+eso|"
        r"por\s+lo\s+tanto"
    ),
    frequency=r"rara\s+vez|raramente|frecuentemente|a\s+menudo|siempre|habitualmente|suele|suelen|varias\s+veces",
    opinion=(
        r"creo|creemos|cree|opino|considero|parece|debería|deberían|debe|deben|crucial|importante|"
        r"escéptico|escéptica|cauto|cauta|optimismo|optimista|pesimista|positivo|positiva|negativo|negativa|"
        r"bueno|buena|malo|mala|excelente|terrible|admiración|generoso|ejemplo|milagro|legitimidad"
    ),
    prediction=(
        r"podría|podrían|puede|pueden|probablemente|probable|improbable|se\s+espera|espera|esperan|prevé|"
        r"anticipa|pronostica|planea|va\s+a|van\s+a|perspectivas?"
    ),
    ruling=(
        r"dictaminó|falló|resolvió|ordenó|condenó|sentenció|absolvió|anuló|revocó|confirmó\s+la\s+condena|"
        r"declaró\s+(?:\w+\s+)?(?:inconstitucional|culpable|inocente)"
    ),
    conditional=(
        r"podría|podrían|debería|deberían|sería|serían|habría|habrían|iba\s+a|iban\s+a|\w{2,}(?:ría|rían)"
    ),
    past_report=(
        r"advirtió|dijo|afirmó|aseguró|pronosticó|predijo|estimó|anticipó|alertó|sostuvo|temía|esperaba|"
        r"había\s+\w+(?:ado|ido)|era|fue"
    ),
    prediction_suffix=r"\w{2,}(?:rá|rán|ré|remos)",
)

_LEXICONS = {"en": _EN, "es": _ES}


@dataclass(frozen=True)
class ClaimCandidate:
    start: int
    end: int
    text: str
    score: float
    claimant: str = ""
    reasons: tuple[str, ...] = ()
    opinion: bool = False
    prediction: bool = False
    sentence_start: int = 0
    sentence_end: int = 0

    @property
    def kind(self) -> str:
        if self.opinion:
            return "opinion"
        if self.prediction:
            return "prediction"
        return "claim"


def _words(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


class _Compiled:
    def __init__(self, lexicon: _Lexicon):
        self.lexicon = lexicon
        name = rf"(?P<who>{_NAME}|{lexicon.pronouns})"
        speech = rf"(?:{lexicon.speech})"
        # "Schapiro said", "Trump, who spoke at the event, praised", "said Schapiro",
        # "according to the ministry".
        self.speaker_before = re.compile(
            rf"(?<![\w]){name}(?:,(?P<appositive>[^,]{{1,80}}),)?\s+"
            rf"(?:(?:has|had|also|then|later|once|repeatedly)\s+)*{speech}(?![\w])"
        )
        self.speaker_after = re.compile(rf"(?<![\w]){speech}\s+(?P<who>{_NAME})")
        self.according = re.compile(rf"(?<![\w])(?i:{lexicon.according})\s+(?P<who>(?:the\s+|el\s+|la\s+)?{_NAME})")
        # "noted that ...", "told Courthouse News that ...".
        self.that_clause = re.compile(
            rf"(?<![\w]){speech}(?:\s+[\w’'.-]+){{0,4}}?\s+(?:{lexicon.that})\s+(?P<clause>.+)$", re.DOTALL
        )
        self.features = {
            "figure": re.compile(r"\d"),
            "number": _words(lexicon.quantity),
            "superlative": _words(rf"(?:{lexicon.superlative}|{lexicon.superlative_suffix})"),
            "comparison": _words(lexicon.comparison),
            "cause": _words(lexicon.causal),
            "frequency": _words(lexicon.frequency),
        }
        self.opinion = _words(lexicon.opinion)
        self.prediction = _words(rf"(?:{lexicon.prediction}|{lexicon.prediction_suffix})")
        self.ruling = _words(rf"(?:court|judge|justices|jury|tribunal|panel|corte|juez|jueza|jurado|cámara|tribunal)"
                             rf"\b[^.;]{{0,80}}?\b(?:{lexicon.ruling})")
        self.conditional = _words(lexicon.conditional)
        self.past_report = _words(lexicon.past_report)
        self.first_person = re.compile(
            r"(?<![\w])(?:I|[Ww]e|[Mm]y|[Oo]ur|[Cc]reo|[Cc]reemos|[Yy]o|[Nn]osotros)(?![\w])"
        )


_WEIGHTS = {"figure": 0.35, "number": 0.25, "superlative": 0.25, "comparison": 0.2, "cause": 0.2, "frequency": 0.2}
_QUOTE = re.compile(r"[“\"«]([^”\"»]{3,}?)[”\"»]")
_NAME_RE = re.compile(_NAME)


_TITLES = {
    "president", "presidente", "presidenta", "sociologist", "sociólogo", "socióloga", "minister", "ministro",
    "ministra", "senator", "senador", "senadora", "governor", "gobernador", "gobernadora", "mayor", "intendente",
    "secretary", "judge", "justice", "juez", "jueza", "coach", "general", "economist", "economista", "expert",
    "analyst", "analista", "professor", "profesor", "profesora", "dr.", "mr.", "mrs.", "ms.", "sr.", "sra.",
    "diputado", "diputada", "representative", "rep.", "sen.", "gov.", "tech", "titan",
}


def _clean_name(name: str) -> str:
    words = name.split()
    while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in _TITLES):
        words.pop(0)
    return " ".join(words).rstrip("’'s").strip() if words else ""


def _attribution(compiled: _Compiled, names: NameIndex, sentence: Sentence, recent: str) -> str:
    """Who the sentence says is speaking, or ""."""
    s = sentence.text
    for pattern in (compiled.speaker_before, compiled.speaker_after, compiled.according):
        for match in pattern.finditer(s):
            who = match.group("who")
            appositive = (match.groupdict().get("appositive") or "").strip()
            if appositive and _NAME_RE.fullmatch(appositive):
                who = appositive  # "The minister, Luis Caputo, said"
            if re.fullmatch(compiled.lexicon.pronouns, who, re.IGNORECASE):
                if recent:
                    return recent
                continue
            name = _clean_name(who)
            if not name or name.lower() in _NOT_NAMES:
                continue
            if re.match(r"(?:the|el|la)\s", who, re.IGNORECASE) and pattern is compiled.according:
                return who
            # The longest form of the name used earlier ("Schapiro" -> "Martín Schapiro").
            return names.full_name(name, sentence.start + match.start())
    return ""


def _score(compiled: _Compiled, passage: str, *, attributed: bool, dated: bool) -> tuple[float, tuple[str, ...]]:
    reasons = []
    score = 0.0
    for reason, pattern in compiled.features.items():
        matches = [m.group() for m in pattern.finditer(passage)]
        if reason == "superlative":
            matches = [m for m in matches if m.lower() not in compiled.lexicon.superlative_exceptions]
        if matches:
            reasons.append(reason)
            score += _WEIGHTS[reason]
    if attributed:
        reasons.append("attributed")
        score += 0.15
    if dated:
        reasons.append("dated")
        score += 0.15
    names = [m for m in _NAME_RE.finditer(passage) if m.start() > 0 and _clean_name(m.group())]
    if names:
        reasons.append("names")
        score += 0.1
    return min(score, 1.0), tuple(reasons)


def find_claims(
    text: str,
    *,
    sentences: Sequence[Sentence],
    language: str = "en",
    dated_spans: Sequence[tuple[int, int]] = (),
    threshold: float = THRESHOLD,
) -> list[ClaimCandidate]:
    """Check-worthy passages of `text` in order, each with its span, score,
    claimant and opinion/prediction marks. `sentences` is the text already
    split (`split_sentences(text, language=language)`), the split the date
    extractor reads too. `dated_spans` (the date mentions' spans, when known)
    make a dated statement score higher."""
    compiled = _compiled(language)
    out: list[ClaimCandidate] = []
    recent = ""
    names = NameIndex(text, _clean_name)
    for sentence in sentences:
        claimant = _attribution(compiled, names, sentence, recent)
        if claimant:
            recent = claimant
        if len(sentence.text.split()) < MIN_WORDS:
            continue
        dated = any(sentence.start <= s < sentence.end for s, _ in dated_spans)
        candidate = _candidate(compiled, text, sentence, claimant, dated=dated, threshold=threshold)
        if candidate is not None:
            out.append(candidate)
    return out


def _candidate(
    compiled: _Compiled, text: str, sentence: Sentence, claimant: str, *, dated: bool, threshold: float
) -> ClaimCandidate | None:
    """The sentence's passage as a candidate, or None when it scores under `threshold`."""
    start, end = trim_passage(text, *_passage(compiled, sentence, claimant))
    passage = text[start:end]
    score, reasons = _score(compiled, passage, attributed=bool(claimant), dated=dated)
    opinion, prediction = _opinion_or_prediction(compiled, sentence.text, passage, claimant)
    if opinion:
        score *= 0.8
    if score < threshold:
        return None
    return ClaimCandidate(
        start=start,
        end=end,
        text=passage,
        score=round(score, 2),
        claimant=claimant,
        reasons=reasons,
        opinion=opinion,
        prediction=prediction and not opinion,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
    )


def _opinion_or_prediction(compiled: _Compiled, sentence: str, passage: str, claimant: str) -> tuple[bool, bool]:
    """Whether the claim reads as an opinion, and as a prediction. Opinion is
    read in the whole sentence ("I remain skeptical," he said), except that
    a court's ruling is a fact ("the court ruled the decree must go").
    A prediction speaks of the future: a warning made in the past ("warned
    in 2019 that prices would rise") is a past statement, not a prediction."""
    first_person = bool(claimant and compiled.first_person.search(passage))
    opinion = first_person or (bool(compiled.opinion.search(sentence)) and not compiled.ruling.search(sentence))
    cues = [m.group() for m in compiled.prediction.finditer(passage)]
    if cues and compiled.past_report.search(sentence):
        # Only "would", "could", "podría"... after a past statement: the future as it was then.
        cues = [cue for cue in cues if not compiled.conditional.fullmatch(cue)]
    return opinion, bool(cues) and not opinion


def _passage(compiled: _Compiled, sentence: Sentence, claimant: str) -> tuple[int, int]:
    """The words of the claim in the sentence: a quotation of some length when
    someone is quoted, the clause after "said that", else the sentence."""
    s = sentence.text
    if claimant:
        quotes = [m for m in _QUOTE.finditer(s) if len(m.group(1).split()) >= 4]
        if quotes:
            best = max(quotes, key=lambda m: len(m.group(1)))
            inner_start, inner_end = best.start(1), best.end(1)
            inner = s[inner_start:inner_end].rstrip(" ,.")
            return sentence.start + inner_start, sentence.start + inner_start + len(inner)
        clause = compiled.that_clause.search(s)
        if clause and len(clause.group("clause").split()) >= 4:
            clause_start = clause.start("clause")
            clause_text = s[clause_start:].rstrip(" .")
            return sentence.start + clause_start, sentence.start + clause_start + len(clause_text)
    body = s.rstrip(" .")
    return sentence.start, sentence.start + len(body)


_CACHE: dict[str, _Compiled] = {}


def _compiled(language: str) -> _Compiled:
    if language not in _LEXICONS:
        raise ValueError(f"Unknown language {language!r}")
    if language not in _CACHE:
        _CACHE[language] = _Compiled(_LEXICONS[language])
    return _CACHE[language]

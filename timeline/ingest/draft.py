"""From an article to proposals: the dated events and checkable claims an
editor reviews at /editor/ingest/.

Reading only: nothing here writes to the database (see ingest_services for
what accepting a proposal saves). A draft is plain data (JSON-safe dicts) so
it can wait in the editor's session until each proposal is accepted or
rejected.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from dataclasses import dataclass

from timeline.dates import FuzzyDate, Precision
from timeline.ingest.candidates import find_claims
from timeline.ingest.extraction import DateMention, extract_dates
from timeline.ingest.sentences import split_sentences

MAX_ARTICLE_CHARS = 100_000
MAX_DRAFTS = 5
TITLE_LENGTH = 120
SESSION_KEY = "ingest_drafts"

_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
_CLAUSE_BREAK = re.compile(r"[,;:\u2014\u2013]\s*|\s+-\s+")
_LEADING = re.compile(
    r"^(?:and|but|when|while|which|who|after|as|that|where|since|then|so|also|"
    r"y|pero|cuando|mientras|que|quien|donde|tras|luego|además)\s+",
    re.IGNORECASE,
)


def new_draft(*, article: dict, text: str) -> dict:
    """A draft for `article` (its form fields as strings) with the proposals
    found in `text`."""
    published = datetime.date.fromisoformat(article["published_on"])
    language = article["language"]
    mentions = extract_dates(text, published=published, language=language)
    events = propose_events(text, mentions)
    claims = [
        {
            "id": index,
            "quote": candidate.text,
            "start": candidate.start,
            "end": candidate.end,
            "claimant": candidate.claimant,
            "score": candidate.score,
            "kind": candidate.kind,
            "reasons": list(candidate.reasons),
            "state": "pending",
            "saved_id": None,
        }
        for index, candidate in enumerate(
            find_claims(text, language=language, dated_spans=[(m.start, m.end) for m in mentions])
        )
    ]
    return {
        "id": secrets.token_urlsafe(8),
        "article": article,
        "text": text,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "mentions": [m.as_dict() for m in mentions],
        "events": events,
        "claims": claims,
        "created": datetime.datetime.now(datetime.UTC).isoformat(),
    }


def propose_events(text: str, mentions: list[DateMention]) -> list[dict]:
    """One proposed event per dated clause. A coarser date in the same clause
    as a finer one within it ("about a year ago, when ... in February") is the
    same event, dated by the finer one."""
    sentences = split_sentences(text)
    kept: list[tuple[DateMention, int, int]] = []
    for sentence in sentences:
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        for mention in sorted(inside, key=lambda m: _PRECISION_RANK[m.precision]):
            if any(_same_event(text, mention, other) for other, _, _ in kept):
                continue
            kept.append((mention, sentence.start, sentence.end))
    kept.sort(key=lambda item: item[0].start)
    events = []
    for index, (mention, start, end) in enumerate(kept):
        sentence = text[start:end]
        events.append(
            {
                "id": index,
                "title": event_title(sentence, mention.start - start, mention.end - start),
                "date": mention.when.date.isoformat(),
                "precision": str(mention.precision),
                "quote": sentence,
                "mention": mention.text,
                "mention_start": mention.start,
                "mention_end": mention.end,
                "start": start,
                "end": end,
                "state": "pending",
                "saved_id": None,
            }
        )
    return events


def _same_event(text: str, coarse: DateMention, fine: DateMention) -> bool:
    """Whether `coarse` only repeats `fine`'s date: its period holds the finer
    one and no ";" or sentence end stands between them."""
    if _PRECISION_RANK[coarse.precision] <= _PRECISION_RANK[fine.precision]:
        return False
    if not (coarse.when.date <= fine.when.date <= coarse.when.last_day):
        return False
    low, high = sorted((coarse.end, fine.end))
    between = text[min(coarse.start, fine.start) : max(coarse.start, fine.start)]
    return ";" not in between and "\n" not in between and high - low < 400


def event_title(sentence: str, start: int, end: int) -> str:
    """A short title from the clause that holds the date, without the date:
    "Milei attended the Conservative Political Action Conference (CPAC)"."""
    clauses = []
    position = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        clauses.append((position, match.start()))
        position = match.end()
    clauses.append((position, len(sentence)))
    index = next((i for i, (a, b) in enumerate(clauses) if a <= start < b or a <= start <= b), 0)

    def clean(i: int) -> str:
        a, b = clauses[i]
        words = sentence[a:b]
        if a <= start <= b:
            words = sentence[a:start] + sentence[end:b]
        words = re.sub(r"\s+", " ", words).strip(" .,;:")
        while True:
            stripped = _LEADING.sub("", words)
            if stripped == words:
                break
            words = stripped
        return words

    title = clean(index)
    for other in (index + 1, index - 1):
        if len(title.split()) >= 3:
            break
        if 0 <= other < len(clauses):
            title = clean(other)
    if len(title.split()) < 3:
        title = re.sub(r"\s+", " ", sentence).strip()
    title = title[:1].upper() + title[1:]
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;: ") + "…"
    return title


def proposal_when(proposal: dict) -> FuzzyDate:
    return FuzzyDate(datetime.date.fromisoformat(proposal["date"]), proposal["precision"])


# ---------------------------------------------------------------------------
# The article's text with what was found marked, for the review page


@dataclass(frozen=True)
class Segment:
    text: str
    date: int | None = None  # the event proposal a date mention belongs to
    claim: int | None = None  # the claim proposal the passage belongs to


def highlighted(draft: dict) -> list[list[Segment]]:
    """The text in paragraphs of segments, each segment marked with the date
    mention and the claim passage it is part of."""
    text = draft["text"]
    # Every date mention, linked to the event proposed for its sentence.
    dates = []
    for mention in draft["mentions"]:
        event = next((e for e in draft["events"] if e["start"] <= mention["start"] < e["end"]), None)
        if event is not None:
            dates.append((mention["start"], mention["end"], event["id"]))
    claims = [(c["start"], c["end"], c["id"]) for c in draft["claims"]]
    cuts = {0, len(text)}
    for start, end, _ in dates + claims:
        cuts.update((start, end))
    for match in re.finditer(r"\n+", text):
        cuts.update((match.start(), match.end()))
    points = sorted(cuts)
    paragraphs: list[list[Segment]] = [[]]
    for a, b in zip(points, points[1:]):
        piece = text[a:b]
        if not piece:
            continue
        if piece.strip("\n") == "":
            paragraphs.append([])
            continue
        date = next((i for s, e, i in dates if s <= a and b <= e), None)
        claim = next((i for s, e, i in claims if s <= a and b <= e), None)
        paragraphs[-1].append(Segment(piece, date, claim))
    return [p for p in paragraphs if p]


# ---------------------------------------------------------------------------
# Drafts in the session


def drafts(session) -> dict:
    return session.get(SESSION_KEY, {})


def draft_get(session, draft_id: str) -> dict | None:
    return drafts(session).get(draft_id)


def draft_put(session, draft: dict) -> None:
    """Keep the draft in the session; the oldest go when there are too many."""
    stored = dict(drafts(session))
    stored[draft["id"]] = draft
    while len(stored) > MAX_DRAFTS:
        oldest = min(stored.values(), key=lambda d: d["created"])
        del stored[oldest["id"]]
    session[SESSION_KEY] = stored
    session.modified = True

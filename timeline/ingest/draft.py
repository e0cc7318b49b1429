"""The ingest draft: an article and the events and claims proposed from it,
kept in the editor's session until each proposal is accepted or rejected.

`draft_new` reads an article once (one sentence split shared by the date
extractor, the event proposer and the claim finder) and returns a `Draft`.
A draft is typed data with a JSON round trip (`Draft.to_json()` /
`Draft.from_json()`): dates are read into `FuzzyDate`s once, when the draft
is read, and written back as ISO text. `timeline.ingest.storage` keeps drafts
for the session under SESSION_KEY, the newest MAX_DRAFTS of them.

Reading only: nothing here writes to the database (see
timeline.ingest.services for what accepting a proposal saves, and for the
proposal state machine).
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from timeline.dates import FuzzyDate, Precision
from timeline.ingest.candidates import ClaimCandidate, find_claims
from timeline.ingest.extraction import DateMention, extract_dates
from timeline.ingest.sentences import Sentence, split_sentences
from timeline.ingest.titles import event_title

MAX_ARTICLE_CHARS = 100_000
MAX_DRAFTS = 5
SESSION_KEY = "ingest_drafts"

JSON = dict[str, Any]


class ProposalKind(StrEnum):
    """What a proposal would become: an event on a timeline, or a claim."""

    EVENT = "event"
    CLAIM = "claim"


class ProposalState(StrEnum):
    """Where a proposal stands: the editor has not decided, saved it, or set it aside."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


def _when(date: str, precision: str) -> FuzzyDate:
    return FuzzyDate.of(datetime.date.fromisoformat(date), precision)


def _fields_json(proposal: Any) -> JSON:
    """A proposal's fields by name (not deep-copied, unlike `asdict`), its state as text."""
    data = {f.name: getattr(proposal, f.name) for f in fields(proposal)}
    return {**data, "state": str(proposal.state)}


# ---------------------------------------------------------------------------
# The types


@dataclass(frozen=True)
class DraftArticle:
    """The article as the editor described it on the paste form."""

    headline: str
    outlet: str
    byline: str
    url: str
    published: FuzzyDate
    published_estimated: bool
    language: str

    def to_json(self) -> JSON:
        return {
            "headline": self.headline,
            "outlet": self.outlet,
            "byline": self.byline,
            "url": self.url,
            "published_on": self.published.date.isoformat(),
            "published_precision": str(self.published.precision),
            "published_estimated": self.published_estimated,
            "language": self.language,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DraftArticle:
        return cls(
            headline=data["headline"],
            outlet=data["outlet"],
            byline=data.get("byline", ""),
            url=data["url"],
            published=_when(data["published_on"], data["published_precision"]),
            published_estimated=bool(data["published_estimated"]),
            language=data["language"],
        )


@dataclass(frozen=True)
class EventProposal:
    """A dated event proposed from one clause: its title, its date at the
    precision the article gives, and the sentence that says so."""

    id: int
    title: str
    when: FuzzyDate
    quote: str  # the sentence
    mention: str  # the words that date it: "in February"
    mention_start: int
    mention_end: int
    start: int  # the sentence's span in the article
    end: int
    state: ProposalState = ProposalState.PENDING
    saved_id: int | None = None

    @property
    def precision(self) -> str:
        return self.when.precision

    def to_json(self) -> JSON:
        data = _fields_json(self)
        when = data.pop("when")
        return {**data, "date": when.date.isoformat(), "precision": str(when.precision)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EventProposal:
        data = dict(data)
        when = _when(data.pop("date"), data.pop("precision"))
        return cls(**{**data, "when": when, "state": ProposalState(data["state"])})


@dataclass(frozen=True)
class ClaimProposal:
    """A check-worthy passage proposed as a claim, with who makes it."""

    id: int
    quote: str
    start: int  # the passage's span in the article
    end: int
    claimant: str
    score: float
    kind: str  # "claim", "opinion" or "prediction" (see ClaimCandidate.kind)
    reasons: tuple[str, ...] = ()
    state: ProposalState = ProposalState.PENDING
    saved_id: int | None = None
    event: int | None = None  # the event proposal it is about: its sentence's or paragraph's

    @classmethod
    def of(cls, index: int, candidate: ClaimCandidate, event: int | None = None) -> ClaimProposal:
        return cls(
            event=event,
            id=index,
            quote=candidate.text,
            start=candidate.start,
            end=candidate.end,
            claimant=candidate.claimant,
            score=candidate.score,
            kind=candidate.kind,
            reasons=tuple(candidate.reasons),
        )

    def to_json(self) -> JSON:
        return {**_fields_json(self), "reasons": list(self.reasons)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ClaimProposal:
        return cls(**{**data, "reasons": tuple(data["reasons"]), "state": ProposalState(data["state"])})

    @property
    def score_label(self) -> str:
        return f"{self.score:.2f}"



Proposal = EventProposal | ClaimProposal


@dataclass(frozen=True)
class ExistingArticle:
    """The stored article a re-ingested one turned out to be."""

    id: int
    headline: str


def _mention_from_json(data: Mapping[str, Any]) -> DateMention:
    return DateMention(data["start"], data["end"], data["text"], _when(data["date"], data["precision"]))


@dataclass
class Draft:
    """An article being reviewed: its text, the date mentions found in it,
    and the event and claim proposals with where each one stands."""

    id: str
    article: DraftArticle
    text: str
    sha256: str
    mentions: tuple[DateMention, ...]
    events: list[EventProposal]
    claims: list[ClaimProposal]
    created: datetime.datetime
    existing_article: ExistingArticle | None = None
    # Where accepted events go: a new timeline for the article (created,
    # unpublished, with the first accepted event) or a stored one.
    new_timeline: bool = False
    timeline_id: int | None = None

    def proposals(self, kind: str) -> Sequence[Proposal]:
        """The event or the claim proposals (`kind` as in the URL)."""
        return self.events if kind == ProposalKind.EVENT else self.claims

    def proposal_put(self, proposal: Proposal) -> None:
        """Keep `proposal` in place of the one with its id and kind."""
        if isinstance(proposal, EventProposal):
            self.events[proposal.id] = proposal
        else:
            self.claims[proposal.id] = proposal

    def to_json(self) -> JSON:
        existing = self.existing_article
        return {
            "id": self.id,
            "article": self.article.to_json(),
            "text": self.text,
            "sha256": self.sha256,
            "mentions": [m.as_dict() for m in self.mentions],
            "events": [e.to_json() for e in self.events],
            "claims": [c.to_json() for c in self.claims],
            "created": self.created.isoformat(),
            "existing_article": None if existing is None else {"id": existing.id, "headline": existing.headline},
            "new_timeline": self.new_timeline,
            "timeline_id": self.timeline_id,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Draft:
        """The draft `to_json` wrote. Raises KeyError, TypeError or ValueError
        for data of another shape."""
        existing = data.get("existing_article")
        return cls(
            id=data["id"],
            article=DraftArticle.from_json(data["article"]),
            text=data["text"],
            sha256=data["sha256"],
            mentions=tuple(_mention_from_json(m) for m in data["mentions"]),
            events=[EventProposal.from_json(e) for e in data["events"]],
            claims=[ClaimProposal.from_json(c) for c in data["claims"]],
            created=datetime.datetime.fromisoformat(data["created"]),
            existing_article=None if existing is None else ExistingArticle(existing["id"], existing["headline"]),
            new_timeline=bool(data.get("new_timeline", False)),
            timeline_id=data.get("timeline_id"),
        )


# ---------------------------------------------------------------------------
# Reading an article into a draft

_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2, Precision.DECADE: 3}


def draft_new(*, article: DraftArticle, text: str) -> Draft:
    """A draft for `article` with the proposals found in `text`. The text is
    split into sentences once, with the article language's abbreviations,
    and every reader of it works on that split."""
    sentences = split_sentences(text, language=article.language)
    mentions = extract_dates(text, published=article.published.date, language=article.language, sentences=sentences)
    candidates = find_claims(
        text, sentences=sentences, language=article.language, dated_spans=[(m.start, m.end) for m in mentions]
    )
    events = propose_events(text, mentions, sentences)
    return Draft(
        id=secrets.token_urlsafe(8),
        article=article,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        mentions=tuple(mentions),
        events=events,
        claims=[
            ClaimProposal.of(index, candidate, claim_event(text, events, candidate.start))
            for index, candidate in enumerate(candidates)
        ],
        created=datetime.datetime.now(datetime.UTC),
    )


def claim_event(text: str, events: Sequence[EventProposal], position: int) -> int | None:
    """The event proposal a claim starting at `position` is about: the one
    of its sentence, else the nearest of its paragraph (the one before it
    first). `events` are in the article's order."""
    starts = [e.start for e in events]
    before = bisect.bisect_right(starts, position) - 1
    if before >= 0 and events[before].start <= position < events[before].end:
        # Several dates in one sentence: the first proposal of the sentence.
        first = bisect.bisect_left(starts, events[before].start)
        return events[first].id
    paragraph_start = text.rfind("\n", 0, position) + 1
    paragraph_end = text.find("\n", position)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    if before >= 0 and events[before].start >= paragraph_start:
        return events[before].id
    after = before + 1
    if after < len(events) and events[after].start < paragraph_end:
        return events[after].id
    return None


def propose_events(text: str, mentions: Sequence[DateMention], sentences: Sequence[Sentence]) -> list[EventProposal]:
    """One proposed event per dated clause. A coarser date in the same clause
    as a finer one within it ("about a year ago, when ... in February") is the
    same event, dated by the finer one."""
    kept: list[tuple[DateMention, Sentence]] = []
    for sentence in sentences:
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        for mention in sorted(inside, key=lambda m: _PRECISION_RANK[m.precision]):
            if any(_same_event(text, mention, other) for other, _ in kept):
                continue
            kept.append((mention, sentence))
    kept.sort(key=lambda item: item[0].start)
    return [
        EventProposal(
            id=index,
            title=event_title(sentence.text, mention.start - sentence.start, mention.end - sentence.start),
            when=mention.when,
            quote=text[sentence.start : sentence.end],
            mention=mention.text,
            mention_start=mention.start,
            mention_end=mention.end,
            start=sentence.start,
            end=sentence.end,
        )
        for index, (mention, sentence) in enumerate(kept)
    ]


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



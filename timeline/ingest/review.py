"""The review page of /editor/ingest/, bounded whatever the paste: the
article with what was found marked, and the proposals strongest first, a
page at a time (PAGE_SIZE), the first OPEN of a page with their form and the
rest folded to compact rows until opened.

Everything a page needs from the database is read once per request (the
timelines for the choice, the saved rows of the proposals shown); one
decision builds one item, never every form.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from factcheck.models import Claim
from timeline.dates import Precision
from timeline.ingest.draft import ClaimProposal, Draft, DraftArticle, EventProposal, Proposal, ProposalKind, ProposalState
from timeline.ingest.forms import ClaimProposalForm, EventProposalForm, timeline_choices
from timeline.ingest.services import NEW_TIMELINE
from timeline.models import Event

PAGE_SIZE = 25
OPEN = 15  # proposals of a page shown with their form; the rest are compact rows
PICKER_EVENTS = 12  # event proposals a claim's picker offers: the nearest in the article

ProposalForm = EventProposalForm | ClaimProposalForm
_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


def ordered(draft: Draft, kind: str) -> list[Proposal]:
    """Strongest first: claims by score, events by how precise their date
    is; then in the article's order."""
    if kind == ProposalKind.CLAIM:
        return sorted(draft.claims, key=lambda c: (-c.score, c.start, c.id))
    return sorted(draft.events, key=lambda e: (_PRECISION_RANK.get(e.precision, 3), e.start, e.id))


@dataclass
class Choices:
    """The choices every form of one review shares, read once."""

    timelines: list[tuple[str, str]]
    default_timeline: str
    events: Sequence[EventProposal]  # in the article's order, the rejected left out
    allowed: frozenset[int]
    article: DraftArticle | None = None  # dates count from its day, in its language

    @classmethod
    def of(cls, draft: Draft) -> Choices:
        stored = timeline_choices()
        if draft.timeline_id is not None and any(v == str(draft.timeline_id) for v, _label in stored):
            default = str(draft.timeline_id)
        else:
            default = NEW_TIMELINE if draft.new_timeline or not stored else stored[0][0]
        timelines = stored
        if default == NEW_TIMELINE:
            new = _("A new timeline: “%(headline)s” (not published)") % {"headline": draft.article.headline[:80]}
            timelines = [(NEW_TIMELINE, new), *stored]
        events = sorted((e for e in draft.events if e.state != ProposalState.REJECTED), key=lambda e: e.start)
        return cls(timelines, default, events, frozenset(e.id for e in events), draft.article)

    @staticmethod
    def label(event: EventProposal) -> str:
        saved = " (" + _("saved") + ")" if event.saved_id else ""
        return f"{event.when.display()} · {event.title[:70]}{saved}"

    def picker(self, claim: ClaimProposal) -> list[tuple[str, str]]:
        """The event proposals nearest the claim in the article, its own among them."""
        starts = [e.start for e in self.events]
        at = bisect.bisect_right(starts, claim.start)
        low = max(0, at - PICKER_EVENTS // 2)
        near = list(self.events[low : low + PICKER_EVENTS])
        ids = {e.id for e in near}
        if claim.event in self.allowed and claim.event not in ids:
            near.append(next(e for e in self.events if e.id == claim.event))
        return [(str(e.id), self.label(e)) for e in near]


def proposal_form(proposal: Proposal, choices: Choices, data: Any = None) -> ProposalForm:
    """The proposal as a form the editor may change before accepting:
    unpublished unless the editor ticks it."""
    if isinstance(proposal, EventProposal):
        initial = {
            "title": proposal.title,
            "when": proposal.when,
            "quote": proposal.quote,
            "timeline": choices.default_timeline,
        }
        return EventProposalForm(
            data, initial=initial, prefix=f"event-{proposal.id}", timelines=choices.timelines, article=choices.article
        )
    initial = {
        "quote": proposal.quote,
        "claimant": proposal.claimant,
        "event": "" if proposal.event is None else str(proposal.event),
    }
    return ClaimProposalForm(
        data, initial=initial, prefix=f"claim-{proposal.id}", events=choices.picker(proposal), allowed=choices.allowed
    )


@dataclass
class ReviewItem:
    kind: str
    proposal: Proposal
    page: int
    form: ProposalForm | None = None  # None: a compact row (or decided)
    saved: Event | Claim | None = None


@dataclass
class ProposalPage:
    """One page of one kind of proposal, and what a bulk decision said."""

    kind: str
    items: list[ReviewItem]
    number: int
    pages: int
    total: int
    pending: int
    other_pages: dict[str, int] = field(default_factory=dict)  # the other kind's page, kept in links
    messages: list[str] = field(default_factory=list)
    error: str = ""

    def url(self, number: int) -> str:
        return "?" + urlencode({**self.other_pages, f"{self.kind}s": number})

    @property
    def previous_url(self) -> str:
        return self.url(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self) -> str:
        return self.url(self.number + 1) if self.number < self.pages else ""

    @property
    def next_count(self) -> int:
        return min(PAGE_SIZE, self.total - self.number * PAGE_SIZE)


def _saved(kind: str, proposals: Sequence[Proposal]) -> dict[int, Event | Claim]:
    """What accepting saved, for the proposals shown, in one query (two for events' timelines)."""
    ids = [p.saved_id for p in proposals if p.saved_id is not None]
    if not ids:
        return {}
    if kind == ProposalKind.CLAIM:
        rows = Claim.objects.filter(pk__in=ids).select_related("claimant", "verdict")
    else:
        rows = Event.objects.filter(pk__in=ids).prefetch_related("timelines")
    return {row.pk: row for row in rows}


def page_number(value: Any, total: int) -> int:
    """A page number from the query string, within 1..the last page."""
    pages = max(1, -(-total // PAGE_SIZE))
    try:
        number = int(str(value)[:6])
    except ValueError:
        number = 1
    return min(max(number, 1), pages)


def proposal_page(
    draft: Draft,
    kind: str,
    number: int,
    choices: Choices,
    *,
    open_ids: frozenset[int] = frozenset(),
    bound: dict[int, ProposalForm] | None = None,
) -> ProposalPage:
    """Page `number` of the `kind` proposals: the first OPEN pending ones open, the others folded."""
    bound = bound or {}
    proposals = ordered(draft, kind)
    number = page_number(number, len(proposals))
    shown = proposals[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    saved = _saved(kind, shown)
    items = []
    for position, proposal in enumerate(shown):
        item = ReviewItem(kind, proposal, number, saved=saved.get(proposal.saved_id))
        if proposal.state == ProposalState.PENDING and (position < OPEN or proposal.id in open_ids):
            item.form = bound.get(proposal.id) or proposal_form(proposal, choices)
        items.append(item)
    pending = sum(1 for p in proposals if p.state == ProposalState.PENDING)
    pages = max(1, -(-len(proposals) // PAGE_SIZE))
    return ProposalPage(kind, items, number, pages, len(proposals), pending)


def review_item(draft: Draft, kind: str, proposal: Proposal, choices: Choices, form: ProposalForm | None = None):
    """One proposal as the review shows it, open (with its form when pending)."""
    proposals = ordered(draft, kind)
    page = next(i for i, p in enumerate(proposals) if p.id == proposal.id) // PAGE_SIZE + 1
    item = ReviewItem(kind, proposal, page, saved=_saved(kind, [proposal]).get(proposal.saved_id))
    if proposal.state == ProposalState.PENDING:
        item.form = form or proposal_form(proposal, choices)
    return item


# ---------------------------------------------------------------------------
# The article's text with what was found marked


@dataclass(frozen=True)
class Segment:
    text: str
    date: int | None = None  # the event proposal a date mention belongs to
    claim: int | None = None  # the claim proposal the passage belongs to
    href: str = ""  # where the date's proposal is: on this page, or on its own page


def highlighted(draft: Draft, links: dict[int, str] | None = None) -> list[list[Segment]]:
    """The text in paragraphs of segments, each segment marked with the date
    mention and the claim passage it is part of (`links`: the address of
    each event proposal). Linear in the text and the marks (sorted spans,
    looked up by bisection)."""
    links = links or {}
    text = draft.text
    events = sorted(draft.events, key=lambda e: e.start)
    starts = [e.start for e in events]
    # Every date mention, linked to the event proposed for its sentence.
    dates = []
    for mention in sorted(draft.mentions, key=lambda m: m.start):
        at = bisect.bisect_right(starts, mention.start) - 1
        if at >= 0 and events[at].start <= mention.start < events[at].end:
            first = bisect.bisect_left(starts, events[at].start)
            dates.append((mention.start, mention.end, events[first].id))
    claims = sorted(((c.start, c.end, c.id) for c in draft.claims), key=lambda span: span[0])
    cuts = {0, len(text)}
    for start, end, _id in dates + claims:
        cuts.update((start, end))
    for match in re.finditer(r"\n+", text):
        cuts.update((match.start(), match.end()))
    date_starts, claim_starts = [d[0] for d in dates], [c[0] for c in claims]
    paragraphs: list[list[Segment]] = [[]]
    for a, b in itertools.pairwise(sorted(cuts)):
        piece = text[a:b]
        if not piece:
            continue
        if piece.strip("\n") == "":
            paragraphs.append([])
            continue
        date = _covering(dates, date_starts, a, b)
        href = "" if date is None else links.get(date, f"#event-{date}")
        paragraphs[-1].append(Segment(piece, date, _covering(claims, claim_starts, a, b), href))
    return [p for p in paragraphs if p]


def marked_text(paragraphs: list[list[Segment]]) -> SafeString:
    """The paragraphs as HTML: dates linked to their proposal, claim passages
    underlined. Built here rather than in a template loop: a long article
    has thousands of segments, and the text is escaped piece by piece."""
    out = []
    for paragraph in paragraphs:
        out.append("<p>")
        for s in paragraph:
            piece = escape(s.text)
            if s.date is not None:
                piece = f'<a class="hl-date" href="{escape(s.href)}">{piece}</a>'
            if s.claim is not None:
                piece = f'<span class="hl-claim">{piece}</span>'
            out.append(piece)
        out.append("</p>")
    return mark_safe("".join(out))  # every piece of text is escaped above


def _covering(spans: Sequence[tuple[int, int, int]], starts: Sequence[int], a: int, b: int) -> int | None:
    """The id of the last span starting at or before `a` that covers a..b."""
    at = bisect.bisect_right(starts, a) - 1
    if at >= 0 and spans[at][0] <= a and b <= spans[at][1]:
        return spans[at][2]
    return None


def event_links(draft: Draft, page: ProposalPage, other_pages: dict[str, int]) -> dict[int, str]:
    """Each event proposal's address from the article text: its anchor when
    it is on the page shown, else its page."""
    on_page = {item.proposal.id for item in page.items}
    links = {}
    for position, proposal in enumerate(ordered(draft, ProposalKind.EVENT)):
        if proposal.id in on_page:
            links[proposal.id] = f"#event-{proposal.id}"
        else:
            query = urlencode({**other_pages, "events": position // PAGE_SIZE + 1})
            links[proposal.id] = f"?{query}#event-{proposal.id}"
    return links

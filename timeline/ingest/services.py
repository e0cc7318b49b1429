"""What the editor's decisions at /editor/ingest/ do: the proposal state
machine, and what accepting a proposal saves.

A proposal is pending until the editor decides: accepting saves it (from
pending, or from rejected by a plain form), rejecting sets it aside, and
restoring puts a rejected one back to pending. Any other move raises
ProposalMoveRefused; the draft is changed in place and the caller keeps it
(`timeline.ingest.draft.draft_put`).

Each saving function runs in one transaction and is safe to repeat: the
article is found again by its web address or its text, and a proposal
accepted twice (a double click, a re-ingested article) returns what was
saved the first time instead of saving a copy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from factcheck.models import Claim
from factcheck.services import claim_publish
from timeline.dates import FuzzyDate
from timeline.ingest.draft import (
    ClaimProposal,
    Draft,
    EventProposal,
    ExistingArticle,
    Proposal,
    ProposalKind,
    ProposalState,
)
from timeline.models import Actor, Article, Event, Timeline, TimelineEntry
from timeline.stamps import timelines_touch

INGEST_PERMISSIONS = ("timeline.add_article", "timeline.add_event", "factcheck.add_claim")


def _check(editor: AbstractBaseUser | None) -> None:
    if editor is None or not editor.is_authenticated or not editor.has_perms(INGEST_PERMISSIONS):
        raise PermissionDenied


def article_find(*, url: str, sha256: str) -> Article | None:
    """The stored article with this web address, else with this exact text."""
    if url:
        article = Article.objects.filter(url=url).first()
        if article is not None:
            return article
    return Article.objects.filter(body_sha256=sha256).first()


@transaction.atomic
def article_get_or_create(*, draft: Draft, editor: AbstractBaseUser | None) -> Article:
    """The draft's article, saved the first time something of it is accepted."""
    _check(editor)
    fields = draft.article
    existing = article_find(url=fields.url, sha256=draft.sha256)
    if existing is not None:
        return existing
    article = Article(
        headline=fields.headline,
        outlet=fields.outlet,
        byline=fields.byline,
        url=fields.url,
        published_on=fields.published.date,
        published_precision=fields.published.precision,
        published_estimated=fields.published_estimated,
        language=fields.language,
        body=draft.text,
    )
    article.full_clean()
    article.save()
    return article


NEW_TIMELINE = "new"  # a timeline choice: the draft's own new timeline


def _unique_slug(title: str) -> str:
    base = slugify(title)[:90].strip("-") or "timeline"
    taken = set(Timeline.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def draft_timeline(*, draft: Draft, editor: AbstractBaseUser | None) -> Timeline:
    """The draft's new timeline: created unpublished the first time an event
    goes to it, titled from the headline (its slug from it, unique), and the
    draft's default from then on."""
    _check(editor)
    if draft.timeline_id is not None:
        timeline = Timeline.objects.filter(pk=draft.timeline_id).first()
        if timeline is not None:
            return timeline
    title = draft.article.headline[:300]
    timeline = Timeline.objects.create(
        title=title, slug=_unique_slug(title), language=draft.article.language, published=False
    )
    draft.timeline_id = timeline.pk
    return timeline


def _timeline(draft: Draft, editor: AbstractBaseUser | None, choice: Timeline | str) -> Timeline:
    """The chosen timeline; NEW_TIMELINE is the draft's own (made the first time)."""
    return draft_timeline(draft=draft, editor=editor) if choice == NEW_TIMELINE else choice


@transaction.atomic
def event_accept(
    *,
    draft: Draft,
    proposal: EventProposal,
    editor: AbstractBaseUser | None,
    title: str,
    when: FuzzyDate,
    quote: str,
    timeline: Timeline,
    publish: bool,
) -> Event:
    """Save a proposed event on `timeline`, linked to the article with its
    quoted span; the date the article gives keeps its precision."""
    _check(editor)
    article = article_get_or_create(draft=draft, editor=editor)
    event = Event(
        title=title.strip(),
        date=when.date,
        date_precision=when.precision,
        article=article,
        quote=quote.strip(),
        article_date_precision=proposal.precision,
        published=publish,
    )
    event.full_clean()  # locates the quote: its span is stored
    existing = Event.objects.filter(
        article=article, quote_start=event.quote_start, quote_end=event.quote_end, date=event.date
    ).first()
    if existing is not None:
        event = existing
    else:
        event.save()
    TimelineEntry.objects.get_or_create(timeline=timeline, event=event)
    # Claims accepted before the event and tied to its proposal are about it.
    tied = [c.saved_id for c in draft.claims if c.event == proposal.id and c.saved_id is not None]
    if tied:
        Claim.objects.filter(pk__in=tied, article=article, event__isnull=True).update(event=event)
    if event.published:
        timelines_touch(timelines=Timeline.objects.filter(pk=timeline.pk))
    return event


def _actor(name: str) -> Actor | None:
    """The actor called `name` ("Schapiro" is "Martín Schapiro" when only one
    stored actor has that surname), created when there is none."""
    name = " ".join(name.split())
    if not name:
        return None
    actor = Actor.objects.filter(name__iexact=name).first()
    if actor is not None:
        return actor
    by_surname = list(Actor.objects.filter(name__iendswith=f" {name}")[:2])
    if len(by_surname) == 1:
        return by_surname[0]
    return Actor.objects.create(name=name[:200])


@transaction.atomic
def claim_accept(
    *,
    draft: Draft,
    proposal: ClaimProposal,
    editor: AbstractBaseUser | None,
    quote: str,
    claimant: str,
    publish: bool,
    event: int | None = None,
) -> Claim:
    """Save a proposed claim, Unverified, linked to the article with its span
    and to the saved event of the event proposal `event`, when that one is
    accepted (else accepting that event later links it)."""
    _check(editor)
    article = article_get_or_create(draft=draft, editor=editor)
    claim = Claim(quote=quote.strip(), article=article)
    claim.full_clean(exclude=["claimant", "event"])  # locates the quote: its span is stored
    existing = Claim.objects.filter(
        article=article, quote_start=claim.quote_start, quote_end=claim.quote_end
    ).first()
    if existing is not None:
        return existing
    claim.claimant = _actor(claimant)
    tied = draft.events[event] if event is not None and 0 <= event < len(draft.events) else None
    if tied is not None and tied.saved_id is not None:
        claim.event = Event.objects.filter(pk=tied.saved_id, article=article).first()
    claim.changed_by = editor
    claim.save()
    if publish:
        claim = claim_publish(claim=claim, editor=editor, note="Accepted from the article, not yet checked.")
    return claim


def article_duplicate_error(*, url: str, sha256: str) -> ValidationError | None:
    """A stored article at this address with another text cannot take this one's spans."""
    if not url:
        return None
    article = Article.objects.filter(url=url).first()
    if article is not None and article.body_sha256 != sha256:
        return ValidationError(
            "An article with this web address is already stored (“%(headline)s”) with a different text. "
            "Paste the stored text, or give this one its own address.",
            params={"headline": article.headline},
            code="url_taken",
        )
    return None


# ---------------------------------------------------------------------------
# The proposal state machine


class Decision(StrEnum):
    """What the editor asks of a proposal (the last part of its decide URL)."""

    ACCEPT = "accept"
    REJECT = "reject"
    RESTORE = "restore"


# (where a proposal stands, what is asked) -> where it then stands.
MOVES: Mapping[tuple[ProposalState, Decision], ProposalState] = {
    (ProposalState.PENDING, Decision.ACCEPT): ProposalState.ACCEPTED,
    (ProposalState.REJECTED, Decision.ACCEPT): ProposalState.ACCEPTED,
    (ProposalState.PENDING, Decision.REJECT): ProposalState.REJECTED,
    (ProposalState.REJECTED, Decision.RESTORE): ProposalState.PENDING,
}


class ProposalNotFound(LookupError):
    """The draft has no proposal of this kind at this index."""


class ProposalMoveRefused(Exception):
    """A decision the proposal's state does not allow: accepting what is
    already accepted, rejecting what is not pending, restoring what is not
    rejected (a second click, or a page left open in two tabs)."""

    def __init__(self, proposal: Proposal, action: str):
        self.proposal = proposal
        self.action = action
        super().__init__(f"Cannot {action} a proposal that is {proposal.state}.")


def proposal_get(*, draft: Draft, kind: str, index: int) -> Proposal:
    """The draft's `kind` proposal at `index`; ProposalNotFound when there is none."""
    proposals = draft.proposals(kind)
    if not 0 <= index < len(proposals):
        raise ProposalNotFound(f"No {kind} proposal {index} in draft {draft.id}.")
    return proposals[index]


def proposal_next_state(*, proposal: Proposal, action: str) -> ProposalState:
    """Where `action` takes `proposal`; ProposalMoveRefused when it may not."""
    try:
        return MOVES[(proposal.state, Decision(action))]
    except (KeyError, ValueError):
        raise ProposalMoveRefused(proposal, action) from None


def proposal_reject(*, draft: Draft, kind: str, index: int) -> Proposal:
    """Set a pending proposal aside; nothing is saved."""
    return _proposal_move(draft=draft, kind=kind, index=index, action=Decision.REJECT)


def proposal_restore(*, draft: Draft, kind: str, index: int) -> Proposal:
    """Put a rejected proposal back to pending."""
    return _proposal_move(draft=draft, kind=kind, index=index, action=Decision.RESTORE)


def proposal_accept(
    *, draft: Draft, kind: str, index: int, editor: AbstractBaseUser | None, fields: Mapping[str, Any]
) -> Proposal:
    """Save the proposal as the editor changed it (`fields`: the proposal
    form's cleaned data) and mark it accepted. Raises ValidationError when
    what the editor typed cannot be saved, PermissionDenied without the
    rights, ProposalMoveRefused when it is already accepted."""
    proposal = proposal_get(draft=draft, kind=kind, index=index)
    state = proposal_next_state(proposal=proposal, action=Decision.ACCEPT)
    saved = _proposal_save(draft=draft, proposal=proposal, editor=editor, fields=fields)
    decided = dataclasses.replace(proposal, state=state, saved_id=saved.pk)
    if isinstance(decided, ClaimProposal):
        decided = dataclasses.replace(decided, event=fields.get("event"))
    draft.proposal_put(decided)
    return decided


def proposal_decide(
    *,
    draft: Draft,
    kind: str,
    index: int,
    action: str,
    editor: AbstractBaseUser | None = None,
    fields: Mapping[str, Any] | None = None,
) -> Proposal:
    """Accept (with `fields` and `editor`), reject or restore one proposal."""
    if action == Decision.ACCEPT:
        if fields is None:
            raise ValueError("Accepting a proposal needs its fields.")
        return proposal_accept(draft=draft, kind=kind, index=index, editor=editor, fields=fields)
    return _proposal_move(draft=draft, kind=kind, index=index, action=action)


def _proposal_move(*, draft: Draft, kind: str, index: int, action: str) -> Proposal:
    proposal = proposal_get(draft=draft, kind=kind, index=index)
    state = proposal_next_state(proposal=proposal, action=action)
    decided = dataclasses.replace(proposal, state=state)
    draft.proposal_put(decided)
    return decided


def _proposal_save(
    *, draft: Draft, proposal: Proposal, editor: AbstractBaseUser | None, fields: Mapping[str, Any]
) -> Event | Claim:
    if isinstance(proposal, EventProposal):
        return event_accept(
            draft=draft,
            proposal=proposal,
            editor=editor,
            title=fields["title"],
            when=fields["when"],
            quote=fields["quote"],
            timeline=_timeline(draft, editor, fields["timeline"]),
            publish=fields["publish"],
        )
    return claim_accept(
        draft=draft,
        proposal=proposal,
        editor=editor,
        quote=fields["quote"],
        claimant=fields["claimant"],
        publish=fields["publish"],
        event=fields.get("event"),
    )


# ---------------------------------------------------------------------------
# Several proposals at once


@dataclasses.dataclass(frozen=True)
class BulkOutcome:
    """What a bulk decision did: the proposals moved, those left as they
    were (already decided), and those whose saving failed, with why."""

    moved: tuple[int, ...]
    unchanged: tuple[int, ...]
    failed: tuple[tuple[int, str], ...]


def proposal_defaults(*, draft: Draft, proposal: Proposal) -> dict[str, Any]:
    """The fields accepting `proposal` as proposed saves: unpublished, on the
    draft's timeline, a claim tied to the event of its sentence."""
    if isinstance(proposal, EventProposal):
        timeline: Timeline | str | None = NEW_TIMELINE
        if draft.timeline_id is not None:
            timeline = Timeline.objects.filter(pk=draft.timeline_id).first() or NEW_TIMELINE
        return {"title": proposal.title, "when": proposal.when, "quote": proposal.quote, "timeline": timeline,
                "publish": False}
    return {"quote": proposal.quote, "claimant": proposal.claimant, "event": proposal.event, "publish": False}


def proposals_decide(
    *, draft: Draft, kind: str, indexes: list[int], action: str, editor: AbstractBaseUser | None
) -> BulkOutcome:
    """Accept (as proposed) or reject the `kind` proposals at `indexes`.
    Raises ProposalNotFound, before changing anything, when one is not in
    the draft; proposals already decided are left as they are."""
    proposals = [proposal_get(draft=draft, kind=kind, index=i) for i in indexes]
    if kind not in (ProposalKind.EVENT, ProposalKind.CLAIM) or action not in (Decision.ACCEPT, Decision.REJECT):
        raise ValueError(f"No bulk {action} of {kind} proposals.")
    moved, unchanged, failed = [], [], []
    for proposal in proposals:
        if proposal.state != ProposalState.PENDING:
            unchanged.append(proposal.id)
            continue
        if action == Decision.REJECT:
            _proposal_move(draft=draft, kind=kind, index=proposal.id, action=action)
            moved.append(proposal.id)
            continue
        try:
            with transaction.atomic():
                fields = proposal_defaults(draft=draft, proposal=proposal)
                proposal_accept(draft=draft, kind=kind, index=proposal.id, editor=editor, fields=fields)
            moved.append(proposal.id)
        except ValidationError as error:
            failed.append((proposal.id, " ".join(error.messages)))
    return BulkOutcome(tuple(moved), tuple(unchanged), tuple(failed))


# ---------------------------------------------------------------------------
# A re-ingested article


def draft_mark_saved(*, draft: Draft) -> None:
    """On a re-ingested article, mark what was already accepted from it: an
    event saved from the article whose quoted span holds a proposal's date
    mention and whose date falls in the proposal's period, a claim whose
    quoted span overlaps a proposal's passage."""
    article = article_find(url=draft.article.url, sha256=draft.sha256)
    draft.existing_article = None
    if article is None:
        return
    draft.existing_article = ExistingArticle(article.pk, article.headline)
    for event in Event.objects.filter(article=article).exclude(quote_start=None):
        for proposal in draft.events:
            if (
                proposal.state == ProposalState.PENDING
                and event.quote_start <= proposal.mention_start < event.quote_end
                and proposal.when.date <= event.date <= proposal.when.last_day
            ):
                draft.proposal_put(dataclasses.replace(proposal, state=ProposalState.ACCEPTED, saved_id=event.pk))
    for claim in article.claims.exclude(quote_start=None):
        for proposal in draft.claims:
            overlaps = claim.quote_start < proposal.end and proposal.start < claim.quote_end
            if proposal.state == ProposalState.PENDING and overlaps:
                draft.proposal_put(dataclasses.replace(proposal, state=ProposalState.ACCEPTED, saved_id=claim.pk))

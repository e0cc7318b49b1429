"""The proposal state machine of the ingest services: which decisions a
proposal allows, what accepting saves, and what a re-ingested article shows."""

import dataclasses

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck.models import Claim
from tests.timeline.ingest.articles import ARTICLE, SEED
from timeline.ingest.draft import Draft, ProposalState, draft_new
from timeline.ingest.services import (
    INGEST_PERMISSIONS,
    MOVES,
    Decision,
    ProposalMoveRefused,
    ProposalNotFound,
    draft_mark_saved,
    proposal_accept,
    proposal_decide,
    proposal_get,
    proposal_next_state,
    proposal_reject,
    proposal_restore,
)
from timeline.models import Article, Event, Timeline

PENDING, ACCEPTED, REJECTED = ProposalState.PENDING, ProposalState.ACCEPTED, ProposalState.REJECTED


@pytest.fixture(scope="module")
def seed_json():
    return draft_new(article=ARTICLE, text=SEED).to_json()


@pytest.fixture
def draft(seed_json):
    return Draft.from_json(seed_json)


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor")
    for perm in INGEST_PERMISSIONS:
        app, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    return User.objects.get(pk=user.pk)  # permissions are cached per instance


@pytest.fixture
def timeline(db):
    return Timeline.objects.create(slug="ingest-services", title="Ingested", published=True)


def event_index(draft, mention):
    return next(e.id for e in draft.events if e.mention == mention)


def claim_index(draft, words):
    return next(c.id for c in draft.claims if words in c.quote)


def event_fields(draft, index, timeline, **changes):
    proposal = draft.events[index]
    fields = {"title": proposal.title, "when": proposal.when, "quote": proposal.quote, "timeline": timeline,
              "publish": True}
    return {**fields, **changes}


# --- the moves ---------------------------------------------------------------


@pytest.mark.parametrize(
    "state, action, after",
    [
        (PENDING, "accept", ACCEPTED),
        (REJECTED, "accept", ACCEPTED),  # a plain form posted from an old page
        (PENDING, "reject", REJECTED),
        (REJECTED, "restore", PENDING),
    ],
)
def test_the_moves_the_state_machine_allows(draft, state, action, after):
    proposal = dataclasses.replace(draft.events[0], state=state)
    assert proposal_next_state(proposal=proposal, action=action) == after


@pytest.mark.parametrize(
    "state, action",
    [
        (ACCEPTED, "accept"),
        (ACCEPTED, "reject"),
        (ACCEPTED, "restore"),
        (REJECTED, "reject"),
        (PENDING, "restore"),
        (PENDING, "delete"),
    ],
)
def test_a_move_the_state_machine_does_not_allow_is_refused(draft, state, action):
    proposal = dataclasses.replace(draft.claims[0], state=state)
    with pytest.raises(ProposalMoveRefused) as refused:
        proposal_next_state(proposal=proposal, action=action)
    assert refused.value.proposal == proposal and action in str(refused.value)


def test_every_decision_has_a_move():
    assert {action for _, action in MOVES} == set(Decision)


def test_rejecting_and_restoring_change_the_draft_and_save_nothing(draft, db):
    index = event_index(draft, "in 2018")
    rejected = proposal_reject(draft=draft, kind="event", index=index)
    assert rejected.state == REJECTED and draft.events[index] == rejected
    with pytest.raises(ProposalMoveRefused):
        proposal_reject(draft=draft, kind="event", index=index)
    assert proposal_restore(draft=draft, kind="event", index=index).state == PENDING
    assert draft.events[index].state == PENDING
    with pytest.raises(ProposalMoveRefused):
        proposal_restore(draft=draft, kind="event", index=index)
    assert not Article.objects.exists() and not Event.objects.exists()


def test_a_proposal_that_is_not_in_the_draft(draft):
    with pytest.raises(ProposalNotFound):
        proposal_get(draft=draft, kind="claim", index=len(draft.claims))
    with pytest.raises(ProposalNotFound):
        proposal_decide(draft=draft, kind="event", index=-1, action="reject")
    assert proposal_get(draft=draft, kind="claim", index=0) == draft.claims[0]


# --- accepting -----------------------------------------------------------------


def test_accepting_an_event_saves_it_and_marks_the_proposal(draft, editor, timeline):
    index = event_index(draft, "in February")
    fields = event_fields(draft, index, timeline, title="Milei speaks at CPAC")
    accepted = proposal_accept(draft=draft, kind="event", index=index, editor=editor, fields=fields)
    event = Event.objects.get()
    assert accepted.state == ACCEPTED and accepted.saved_id == event.pk and draft.events[index] == accepted
    assert (event.title, event.when.iso, event.article_date_precision) == ("Milei speaks at CPAC", "2024-02", "month")
    with pytest.raises(ProposalMoveRefused):
        proposal_accept(draft=draft, kind="event", index=index, editor=editor, fields=fields)
    assert Event.objects.count() == 1


def test_accepting_a_claim_by_decision(draft, editor):
    index = claim_index(draft, "47 million")
    quote = draft.claims[index].quote
    fields = {"quote": quote, "claimant": "", "publish": False}
    accepted = proposal_decide(draft=draft, kind="claim", index=index, action="accept", editor=editor, fields=fields)
    claim = Claim.objects.get()
    assert accepted.saved_id == claim.pk and claim.quote == quote and not claim.published


def test_accepting_needs_the_fields(draft):
    with pytest.raises(ValueError):
        proposal_decide(draft=draft, kind="claim", index=0, action="accept")


def test_what_cannot_be_saved_leaves_the_proposal_pending(draft, editor, timeline):
    index = event_index(draft, "in 2018")
    fields = event_fields(draft, index, timeline, quote="Words the article never used")
    with pytest.raises(ValidationError):
        proposal_accept(draft=draft, kind="event", index=index, editor=editor, fields=fields)
    assert draft.events[index].state == PENDING and not Event.objects.exists()


def test_accepting_without_the_rights_is_refused(draft, timeline, db):
    reader = User.objects.create_user("reader")
    index = event_index(draft, "in 2018")
    with pytest.raises(PermissionDenied):
        proposal_accept(
            draft=draft, kind="event", index=index, editor=reader, fields=event_fields(draft, index, timeline)
        )
    assert draft.events[index].state == PENDING and not Article.objects.exists()


# --- a re-ingested article ---------------------------------------------------


def test_a_re_ingested_article_shows_what_was_accepted_from_it(draft, seed_json, editor, timeline):
    event = event_index(draft, "In November")
    claim = claim_index(draft, "47 million")
    proposal_accept(draft=draft, kind="event", index=event, editor=editor, fields=event_fields(draft, event, timeline))
    fields = {"quote": draft.claims[claim].quote, "claimant": "", "publish": True}
    proposal_accept(draft=draft, kind="claim", index=claim, editor=editor, fields=fields)

    again = Draft.from_json(seed_json)
    draft_mark_saved(draft=again)
    article = Article.objects.get()
    assert (again.existing_article.id, again.existing_article.headline) == (article.pk, article.headline)
    assert again.events[event].state == ACCEPTED and again.events[event].saved_id == Event.objects.get().pk
    assert again.claims[claim].state == ACCEPTED and again.claims[claim].saved_id == Claim.objects.get().pk
    others = [p for p in [*again.events, *again.claims] if p not in (again.events[event], again.claims[claim])]
    assert {p.state for p in others} == {PENDING}


def test_a_new_article_has_nothing_saved(draft, db):
    draft_mark_saved(draft=draft)
    assert draft.existing_article is None
    assert {p.state for p in [*draft.events, *draft.claims]} == {PENDING}

"""/editor/ingest/: paste an article, review the events and claims it
proposes, accept or reject them one by one (HTMX, or plain forms).

Only signed-in editors who may add articles, events and claims get here:
a reader who is not signed in is sent to the sign-in page; a form sent
without the rights (or signed out) gets 403 and changes nothing.

The views read the request, call timeline.ingest.services (the proposal
state machine and what accepting saves) and render; the draft itself is
timeline.ingest.draft.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from factcheck.models import Claim
from factcheck.web.guards import desk_required
from factcheck.web.htmx import HtmxHttpRequest, page_or_partial, wants_partial
from timeline import selectors
from timeline.ingest.draft import (
    ClaimProposal,
    Draft,
    DraftArticle,
    EventProposal,
    Proposal,
    ProposalKind,
    draft_get,
    draft_new,
    draft_put,
    highlighted,
)
from timeline.ingest.forms import ArticleForm, ClaimProposalForm, EventProposalForm
from timeline.ingest.services import (
    INGEST_PERMISSIONS,
    Decision,
    ProposalMoveRefused,
    ProposalNotFound,
    draft_mark_saved,
    proposal_decide,
    proposal_get,
    proposal_next_state,
)
from timeline.models import Event, Timeline

PAGE = "timeline/ingest/ingest.html"
REVIEW = "timeline/ingest/review.html"
PROPOSAL = "proposal"  # the review page's partial for one proposal, event or claim
MISSING = "proposal-missing"

DRAFT_GONE = gettext_lazy("This draft has expired or belongs to another session: paste the article again.")
NOT_IN_DRAFT = gettext_lazy("This proposal is not in the draft: reload the page.")

# Ingest adds articles, events and claims: the Editors group holds these.
ingest_required = desk_required(*INGEST_PERMISSIONS)

ProposalForm = EventProposalForm | ClaimProposalForm


@ingest_required
@require_http_methods(["GET", "POST"])
def ingest(request: HtmxHttpRequest) -> HttpResponse:
    """The paste form; a valid article becomes a draft to review."""
    if request.method != "POST":
        return render(request, PAGE, {"form": ArticleForm()})
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return render(request, PAGE, {"form": form}, status=400)
    draft = draft_new(article=form.article_fields(), text=form.cleaned_data["text"])
    draft_mark_saved(draft=draft)
    draft_put(request.session, draft)
    return redirect("ingest:review", draft_id=draft.id)


@ingest_required
@require_http_methods(["GET"])
def review(request: HtmxHttpRequest, draft_id: str) -> HttpResponse:
    """The article with what was found marked, and every proposal to decide."""
    draft = draft_get(request.session, draft_id)
    if draft is None:
        raise Http404(DRAFT_GONE)
    return render(request, REVIEW, _review_context(draft))


@ingest_required
@require_POST
def decide(request: HtmxHttpRequest, draft_id: str, kind: str, index: str, action: str) -> HttpResponse:
    """Accept (saving it), reject or restore one proposal."""
    draft = draft_get(request.session, draft_id)
    if draft is None:
        return _missing(request, kind, index, DRAFT_GONE)
    try:
        proposal = proposal_get(draft=draft, kind=kind, index=int(index))
    except ProposalNotFound:
        return _missing(request, kind, int(index), NOT_IN_DRAFT)
    failed = _decide(request, draft, kind, proposal, action)
    draft_put(request.session, draft)
    if failed is None and not wants_partial(request):
        return redirect(reverse("ingest:review", kwargs={"draft_id": draft.id}) + f"#{kind}-{proposal.id}")
    bound = {} if failed is None else {(kind, proposal.id): failed}
    context = _review_context(draft, bound)
    item = next(i for i in context[f"{kind}s"] if i["proposal"].id == proposal.id)
    # HTMX gets the proposal as it now stands (a form's errors included);
    # a plain form post gets the review again with the errors.
    status = 200 if wants_partial(request) else 400
    return page_or_partial(request, REVIEW, PROPOSAL, {**context, "item": item}, status=status)


def _decide(request: HtmxHttpRequest, draft: Draft, kind: str, proposal: Proposal, action: str) -> ProposalForm | None:
    """Make the editor's move on the draft; the bound form when accepting
    failed (its errors say why), else None. A move the proposal's state does
    not allow (a second click) changes nothing."""
    try:
        proposal_next_state(proposal=proposal, action=action)
    except ProposalMoveRefused:
        return None
    if action != Decision.ACCEPT:
        proposal_decide(draft=draft, kind=kind, index=proposal.id, action=action)
        return None
    form = _proposal_form(proposal, request.POST, article=draft.article)
    if form.is_valid():
        try:
            proposal_decide(
                draft=draft, kind=kind, index=proposal.id, action=action, editor=request.user, fields=form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
    return form if form.errors else None


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """The model's objections on the form: on their field when the form has it."""
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


def _missing(request: HtmxHttpRequest, kind: str, index: str | int, message: Any) -> HttpResponse:
    """404 for a decision on a draft or proposal that is not there: for
    HTMX, a fragment in place of the proposal (the review page swaps 404s)."""
    if not wants_partial(request):
        raise Http404(message)
    context = {"kind": kind, "index": index, "message": message}
    return render(request, f"{REVIEW}#{MISSING}", context, status=404)


def _proposal_form(proposal: Proposal, data: Any = None, *, article: DraftArticle) -> ProposalForm:
    """The proposal as a form the editor may change before accepting; its
    date counts from the article's date, in the article's language."""
    if isinstance(proposal, EventProposal):
        initial = {
            "title": proposal.title,
            "when": proposal.when,
            "quote": proposal.quote,
            "timeline": selectors.timeline_featured() or Timeline.objects.first(),
            "publish": True,
        }
        return EventProposalForm(data, initial=initial, prefix=f"event-{proposal.id}", article=article)
    initial = {"quote": proposal.quote, "claimant": proposal.claimant, "publish": True}
    return ClaimProposalForm(data, initial=initial, prefix=f"claim-{proposal.id}")


def _review_context(draft: Draft, bound: dict[tuple[str, int], ProposalForm] | None = None) -> dict[str, Any]:
    """The review page's context; `bound` holds the forms of a failed accept, by (kind, id)."""
    bound = bound or {}

    def item(kind: ProposalKind, proposal: Proposal) -> dict[str, Any]:
        return {
            "kind": str(kind),
            "proposal": proposal,
            "form": bound.get((kind, proposal.id)) or _proposal_form(proposal, article=draft.article),
            "saved": _saved(proposal),
        }

    return {
        "draft": draft,
        "article": draft.article,
        "published": draft.article.published,
        "paragraphs": highlighted(draft),
        "events": [item(ProposalKind.EVENT, p) for p in draft.events],
        "claims": [item(ProposalKind.CLAIM, p) for p in draft.claims],
        "has_timeline": Timeline.objects.exists(),
    }


def _saved(proposal: Proposal) -> Event | Claim | None:
    """What accepting the proposal saved, when it is still there."""
    if proposal.saved_id is None:
        return None
    if isinstance(proposal, ClaimProposal):
        return Claim.objects.filter(pk=proposal.saved_id).select_related("claimant", "verdict").first()
    return Event.objects.filter(pk=proposal.saved_id).prefetch_related("timelines").first()

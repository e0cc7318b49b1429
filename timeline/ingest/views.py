"""/editor/ingest/: paste an article, review the events and claims it
proposes, accept or reject them one by one (HTMX, or plain forms).

Only signed-in editors who may add articles, events and claims get here:
a reader who is not signed in is sent to the sign-in page; a form sent
without the rights (or signed out) gets 403 and changes nothing.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from factcheck.models import Claim
from factcheck.permissions import desk_required
from timeline import selectors
from timeline.dates import FuzzyDate
from timeline.ingest.draft import draft_get, draft_put, highlighted, new_draft, proposal_when
from timeline.ingest.forms import ArticleForm, ClaimProposalForm, EventProposalForm
from timeline.ingest.services import INGEST_PERMISSIONS, article_find, claim_accept, event_accept
from timeline.models import Event, Timeline

PAGE = "timeline/ingest/ingest.html"
REVIEW = "timeline/ingest/review.html"


# Ingest adds articles, events and claims: the Editors group holds these.
ingest_required = desk_required(*INGEST_PERMISSIONS)


@ingest_required
@require_http_methods(["GET", "POST"])
def ingest(request):
    """The paste form; a valid article becomes a draft to review."""
    if request.method == "POST":
        form = ArticleForm(request.POST)
        if form.is_valid():
            draft = new_draft(article=form.article_fields(), text=form.cleaned_data["text"])
            _mark_saved(draft)
            draft_put(request.session, draft)
            return redirect("ingest:review", draft_id=draft["id"])
        status = 400
    else:
        form = ArticleForm()
        status = 200
    return render(request, PAGE, {"form": form}, status=status)


def _mark_saved(draft: dict) -> None:
    """On a re-ingested article, show what was already accepted from it."""
    article = article_find(url=draft["article"]["url"], sha256=draft["sha256"])
    draft["existing_article"] = None
    if article is None:
        return
    draft["existing_article"] = {"id": article.pk, "headline": article.headline}
    for event in Event.objects.filter(article=article).exclude(quote_start=None):
        for proposal in draft["events"]:
            if (
                proposal["state"] == "pending"
                and event.quote_start <= proposal["mention_start"] < event.quote_end
                and proposal_when(proposal).date <= event.date <= proposal_when(proposal).last_day
            ):
                proposal.update(state="accepted", saved_id=event.pk)
    for claim in article.claims.exclude(quote_start=None):
        for proposal in draft["claims"]:
            overlaps = claim.quote_start < proposal["end"] and proposal["start"] < claim.quote_end
            if proposal["state"] == "pending" and overlaps:
                proposal.update(state="accepted", saved_id=claim.pk)


DRAFT_GONE = gettext_lazy("This draft has expired or belongs to another session: paste the article again.")


def _draft_or_404(request, draft_id: str) -> dict:
    draft = draft_get(request.session, draft_id)
    if draft is None:
        raise Http404(DRAFT_GONE)
    return draft


def _missing(request, kind: str, index: str, message):
    """404 for a decision on a draft or proposal that is not there: for
    HTMX, a fragment in place of the proposal (the review page swaps 404s)."""
    if not request.htmx:
        raise Http404(message)
    context = {"kind": kind, "index": index, "message": message}
    return render(request, f"{REVIEW}#proposal-missing", context, status=404)


def _event_form(draft: dict, proposal: dict, data=None) -> EventProposalForm:
    timeline = selectors.timeline_featured() or Timeline.objects.first()
    initial = {
        "title": proposal["title"],
        "when": proposal_when(proposal),
        "quote": proposal["quote"],
        "timeline": timeline,
        "publish": True,
    }
    return EventProposalForm(data, initial=initial, prefix=f"event-{proposal['id']}")


def _claim_form(draft: dict, proposal: dict, data=None) -> ClaimProposalForm:
    initial = {"quote": proposal["quote"], "claimant": proposal["claimant"], "publish": True}
    return ClaimProposalForm(data, initial=initial, prefix=f"claim-{proposal['id']}")


def _review_context(draft: dict, bound: dict | None = None) -> dict:
    bound = bound or {}
    events = []
    for proposal in draft["events"]:
        form = bound.get(("event", proposal["id"])) or _event_form(draft, proposal)
        events.append(
            {"proposal": proposal, "form": form, "saved": _saved_event(proposal), "when": proposal_when(proposal)}
        )
    claims = []
    for proposal in draft["claims"]:
        form = bound.get(("claim", proposal["id"])) or _claim_form(draft, proposal)
        claims.append({"proposal": proposal, "form": form, "saved": _saved_claim(proposal)})
    return {
        "draft": draft,
        "article": draft["article"],
        "published": FuzzyDate.of(
            datetime.date.fromisoformat(draft["article"]["published_on"]), draft["article"]["published_precision"]
        ),
        "paragraphs": highlighted(draft),
        "events": events,
        "claims": claims,
        "has_timeline": Timeline.objects.exists(),
    }


def _saved_event(proposal: dict):
    if proposal["saved_id"] is None:
        return None
    return Event.objects.filter(pk=proposal["saved_id"]).prefetch_related("timelines").first()


def _saved_claim(proposal: dict):
    if proposal["saved_id"] is None:
        return None
    return Claim.objects.filter(pk=proposal["saved_id"]).select_related("claimant", "verdict").first()


@ingest_required
@require_http_methods(["GET"])
def review(request, draft_id: str):
    draft = _draft_or_404(request, draft_id)
    return render(request, REVIEW, _review_context(draft))


@ingest_required
def decide(request, draft_id: str, kind: str, index: str, action: str):
    """Accept (saving it), reject or restore one proposal."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    draft = draft_get(request.session, draft_id)
    if draft is None:
        return _missing(request, kind, index, DRAFT_GONE)
    index = int(index)
    proposals = draft["events" if kind == "event" else "claims"]
    if not 0 <= index < len(proposals):
        return _missing(request, kind, index, gettext_lazy("This proposal is not in the draft: reload the page."))
    proposal = proposals[index]
    bound = {}
    if action == "accept" and proposal["state"] != "accepted":
        form = (_event_form if kind == "event" else _claim_form)(draft, proposal, request.POST)
        if form.is_valid():
            try:
                saved = _accept(request, draft, kind, proposal, form.cleaned_data)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    target = field if field in form.fields else None
                    for message in messages:
                        form.add_error(target, message)
            else:
                proposal.update(state="accepted", saved_id=saved.pk)
        if form.errors:
            bound[(kind, index)] = form
    elif action == "reject" and proposal["state"] == "pending":
        proposal["state"] = "rejected"
    elif action == "restore" and proposal["state"] == "rejected":
        proposal["state"] = "pending"
    draft_put(request.session, draft)

    context = _review_context(draft, bound)
    if request.htmx:
        items = context["events"] if kind == "event" else context["claims"]
        item = next(i for i in items if i["proposal"]["id"] == index)
        template = f"{REVIEW}#{kind}-proposal"
        return render(request, template, {**context, "item": item}, status=200)
    if bound:
        return render(request, REVIEW, context, status=400)
    return redirect(reverse("ingest:review", kwargs={"draft_id": draft_id}) + f"#{kind}-{index}")


def _accept(request, draft: dict, kind: str, proposal: dict, data: dict):
    if kind == "event":
        return event_accept(
            draft=draft,
            proposal=proposal,
            editor=request.user,
            title=data["title"],
            when=data["when"],
            quote=data["quote"],
            timeline=data["timeline"],
            publish=data["publish"],
        )
    return claim_accept(
        draft=draft,
        proposal=proposal,
        editor=request.user,
        quote=data["quote"],
        claimant=data["claimant"],
        publish=data["publish"],
    )

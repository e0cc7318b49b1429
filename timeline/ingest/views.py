"""/editor/ingest/: paste an article, review the events and claims it
proposes, accept or reject them one by one or several at once (HTMX, or
plain forms).

Only signed-in editors who may add articles, events and claims get here:
a reader who is not signed in is sent to the sign-in page; a form sent
without the rights (or signed out) gets 403 and changes nothing.

The views read the request, call timeline.ingest.services (the proposal
state machine and what accepting saves) and render what
timeline.ingest.review builds: a bounded page, or the one fragment a
decision changed. The draft itself is timeline.ingest.draft.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from factcheck.web.guards import desk_required
from factcheck.web.htmx import HtmxHttpRequest, wants_partial
from timeline.ingest.draft import Draft, Proposal, ProposalKind, draft_new
from timeline.ingest.forms import ArticleForm
from timeline.ingest.review import (
    Choices,
    ProposalPage,
    event_links,
    highlighted,
    marked_text,
    proposal_form,
    proposal_page,
    review_item,
)
from timeline.ingest.services import (
    INGEST_PERMISSIONS,
    NEW_TIMELINE,
    Decision,
    ProposalMoveRefused,
    ProposalNotFound,
    draft_mark_saved,
    proposal_decide,
    proposal_get,
    proposal_next_state,
    proposals_decide,
)
from timeline.ingest.storage import draft_get, draft_put, draft_summary

PAGE = "timeline/ingest/ingest.html"
REVIEW = "timeline/ingest/review.html"
PROPOSAL = "proposal"  # the review page's partial for one proposal, event or claim
LIST = "proposal-list"  # one page of one kind of proposal, with its bulk form
MISSING = "proposal-missing"

DRAFT_GONE = gettext_lazy("This draft has expired or belongs to another session: paste the article again.")
NOT_IN_DRAFT = gettext_lazy("This proposal is not in the draft: reload the page.")

SAME_DRAFT_SECONDS = 120  # a second post of the same paste within this is the same draft

# Ingest adds articles, events and claims: the Editors group holds these.
ingest_required = desk_required(*INGEST_PERMISSIONS)


@ingest_required
@require_http_methods(["GET", "POST"])
def ingest(request: HtmxHttpRequest) -> HttpResponse:
    """The paste form; a valid article becomes a draft to review. The same
    article sent twice (a double click) is the draft made the first time."""
    if request.method != "POST":
        return render(request, PAGE, {"form": ArticleForm()})
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return render(request, PAGE, {"form": form}, status=400)
    article, text, choice = form.article_fields(), form.cleaned_data["text"], form.cleaned_data["timeline"]
    same = _same_draft(request, article.to_json(), text, choice)
    if same is not None:
        return redirect("ingest:review", draft_id=same)
    draft = draft_new(article=article, text=text)
    draft.new_timeline = choice == NEW_TIMELINE
    draft.timeline_id = None if draft.new_timeline else int(choice)
    draft_mark_saved(draft=draft)
    draft_put(request.session, draft)
    return redirect("ingest:review", draft_id=draft.id)


def _same_draft(request: HtmxHttpRequest, article: dict, text: str, choice: str) -> str | None:
    """The id of this session's draft of the same article, text and timeline
    choice, made in the last SAME_DRAFT_SECONDS with nothing decided yet: the
    same paste sent twice."""
    since = (timezone.now() - datetime.timedelta(seconds=SAME_DRAFT_SECONDS)).isoformat()
    sha256 = hashlib.sha256(text.encode()).hexdigest()
    for draft_id, entry in draft_summary(request.session).items():
        if (
            entry.get("sha256") == sha256
            and entry.get("article") == article
            and entry.get("timeline") == choice
            and str(entry.get("created", "")) >= since
            and not entry.get("decided")
        ):
            return draft_id
    return None


def _draft_or_404(request: HtmxHttpRequest, draft_id: str) -> Draft:
    draft = draft_get(request.session, draft_id)
    if draft is None:
        raise Http404(DRAFT_GONE)
    return draft


@ingest_required
@require_GET
def review(request: HtmxHttpRequest, draft_id: str) -> HttpResponse:
    """The article with what was found marked, and a page of each kind of
    proposal (`?events=2&claims=1`; `?open=event-12` opens a folded one)."""
    draft = _draft_or_404(request, draft_id)
    choices = Choices.of(draft)
    numbers = {kind: request.GET.get(f"{kind}s", 1) for kind in ProposalKind}
    opened = request.GET.get("open", "")
    pages = {}
    for kind in ProposalKind:
        open_ids = frozenset({int(opened.split("-")[1])}) if _opens(opened, kind) else frozenset()
        pages[kind] = proposal_page(draft, kind, numbers[kind], choices, open_ids=open_ids)
    _keep_pages(pages)
    links = event_links(draft, pages[ProposalKind.EVENT], pages[ProposalKind.EVENT].other_pages)
    return render(request, REVIEW, _context(draft, pages, links))


def _opens(opened: str, kind: str) -> bool:
    head, _sep, tail = opened.partition("-")
    return head == kind and tail.isdigit() and len(tail) < 9


def _keep_pages(pages: dict[str, ProposalPage]) -> None:
    """Each kind's links keep the page the other kind is on."""
    for kind, page in pages.items():
        page.other_pages = {f"{k}s": p.number for k, p in pages.items() if k != kind}


def _context(draft: Draft, pages: dict[str, ProposalPage], links: dict[int, str]) -> dict[str, Any]:
    return {
        "draft": draft,
        "article": draft.article,
        "published": draft.article.published,
        "article_html": marked_text(highlighted(draft, links)),
        "events": pages[ProposalKind.EVENT],
        "claims": pages[ProposalKind.CLAIM],
    }


@ingest_required
@require_GET
def proposal(request: HtmxHttpRequest, draft_id: str, kind: str, index: str) -> HttpResponse:
    """One proposal, opened with its form (a folded row's "Open")."""
    draft = draft_get(request.session, draft_id)
    if draft is None:
        return _missing(request, kind, index, DRAFT_GONE)
    try:
        found = proposal_get(draft=draft, kind=kind, index=int(index))
    except ProposalNotFound:
        return _missing(request, kind, index, NOT_IN_DRAFT)
    item = review_item(draft, kind, found, Choices.of(draft))
    if not wants_partial(request):
        query = f"?{kind}s={item.page}&open={kind}-{found.id}#{kind}-{found.id}"
        return redirect(reverse("ingest:review", kwargs={"draft_id": draft.id}) + query)
    return render(request, f"{REVIEW}#{PROPOSAL}", {"draft": draft, "item": item})


@ingest_required
@require_GET
def proposal_list(request: HtmxHttpRequest, draft_id: str, kind: str) -> HttpResponse:
    """A page of one kind of proposal (the "next" and "previous" links)."""
    draft = draft_get(request.session, draft_id)
    if draft is None:
        return _missing(request, kind, "list", DRAFT_GONE)
    if not wants_partial(request):
        query = f"?{kind}s={request.GET.get('page', 1)}"
        return redirect(reverse("ingest:review", kwargs={"draft_id": draft.id}) + query)
    page = proposal_page(draft, kind, request.GET.get("page", 1), Choices.of(draft))
    return render(request, f"{REVIEW}#{LIST}", {"draft": draft, "page": page})


@ingest_required
@require_POST
def decide(request: HtmxHttpRequest, draft_id: str, kind: str, index: str, action: str) -> HttpResponse:
    """Accept (saving it), reject or restore one proposal; HTMX gets that
    proposal back as it now stands, built alone."""
    draft = draft_get(request.session, draft_id)
    if draft is None:
        return _missing(request, kind, index, DRAFT_GONE)
    try:
        found = proposal_get(draft=draft, kind=kind, index=int(index))
    except ProposalNotFound:
        return _missing(request, kind, int(index), NOT_IN_DRAFT)
    choices = Choices.of(draft)
    failed = _decide(request, draft, kind, found, action, choices)
    draft_put(request.session, draft)
    if failed is None and not wants_partial(request):
        return redirect(reverse("ingest:review", kwargs={"draft_id": draft.id}) + f"#{kind}-{found.id}")
    decided = proposal_get(draft=draft, kind=kind, index=found.id)
    item = review_item(draft, kind, decided, Choices.of(draft) if failed is None else choices, failed)
    if wants_partial(request):
        return render(request, f"{REVIEW}#{PROPOSAL}", {"draft": draft, "item": item})
    # A plain form post whose accept failed: the review again, the errors on that proposal.
    pages = {
        k: proposal_page(
            draft,
            k,
            item.page if k == kind else 1,
            choices,
            bound={found.id: failed} if k == kind else None,
            open_ids=frozenset({found.id}) if k == kind else frozenset(),
        )
        for k in ProposalKind
    }
    _keep_pages(pages)
    links = event_links(draft, pages[ProposalKind.EVENT], pages[ProposalKind.EVENT].other_pages)
    return render(request, REVIEW, _context(draft, pages, links), status=400)


def _decide(
    request: HtmxHttpRequest, draft: Draft, kind: str, found: Proposal, action: str, choices: Choices
) -> forms.Form | None:
    """Make the editor's move on the draft; the bound form when accepting
    failed (its errors say why), else None. A move the proposal's state does
    not allow (a second click) changes nothing."""
    try:
        proposal_next_state(proposal=found, action=action)
    except ProposalMoveRefused:
        return None
    if action != Decision.ACCEPT:
        proposal_decide(draft=draft, kind=kind, index=found.id, action=action)
        return None
    form = proposal_form(found, choices, request.POST)
    if form.is_valid():
        try:
            proposal_decide(
                draft=draft, kind=kind, index=found.id, action=action, editor=request.user, fields=form.cleaned_data
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


BULK = {
    "accept-all": (Decision.ACCEPT, True),
    "reject-all": (Decision.REJECT, True),
    "accept-selected": (Decision.ACCEPT, False),
    "reject-selected": (Decision.REJECT, False),
}


@ingest_required
@require_POST
def bulk(request: HtmxHttpRequest, draft_id: str, kind: str) -> HttpResponse:
    """Accept (as proposed) or reject all the pending proposals of a kind,
    or the selected ones, in one POST; HTMX gets the list as it now stands,
    a plain form the review again. Indexes not in the draft change nothing
    (400, saying so); proposals already decided are left as they are."""
    draft = draft_get(request.session, draft_id)
    if draft is None:
        return _missing(request, kind, "list", DRAFT_GONE)
    number = request.POST.get("page", 1)
    move = BULK.get(request.POST.get("bulk", ""))
    selected = request.POST.getlist("selected")
    error, messages = "", []
    if move is None:
        error = _("Choose what to do: accept or reject, all or the selected.")
    elif not move[1] and not selected:
        error = _("Select the proposals first (the boxes beside them).")
    elif not all(s.isdigit() and len(s) < 9 for s in selected):
        error = str(NOT_IN_DRAFT)
    else:
        action, everything = move
        indexes = [p.id for p in draft.proposals(kind)] if everything else sorted({int(s) for s in selected})
        try:
            outcome = proposals_decide(draft=draft, kind=kind, indexes=indexes, action=action, editor=request.user)
        except ProposalNotFound:
            error = str(NOT_IN_DRAFT)
        else:
            draft_put(request.session, draft)
            messages = _bulk_messages(action, outcome, everything)
    if not error and not wants_partial(request):
        query = f"?{kind}s={number}#{kind}s-heading"
        return redirect(reverse("ingest:review", kwargs={"draft_id": draft.id}) + query)
    page = proposal_page(draft, kind, number, Choices.of(draft))
    page.messages, page.error = messages, error
    status = 400 if error else 200
    if wants_partial(request):
        return render(request, f"{REVIEW}#{LIST}", {"draft": draft, "page": page}, status=status)
    pages = {k: page if k == kind else proposal_page(draft, k, 1, Choices.of(draft)) for k in ProposalKind}
    _keep_pages(pages)
    links = event_links(draft, pages[ProposalKind.EVENT], pages[ProposalKind.EVENT].other_pages)
    return render(request, REVIEW, _context(draft, pages, links), status=status)


def _bulk_messages(action: str, outcome: Any, everything: bool) -> list[str]:
    done = len(outcome.moved)
    if action == Decision.ACCEPT:
        messages = [_("%(count)s accepted, not published.") % {"count": done}]
    else:
        messages = [_("%(count)s rejected.") % {"count": done}]
    if outcome.unchanged and not everything:
        messages.append(_("%(count)s already decided, left as they were.") % {"count": len(outcome.unchanged)})
    for index, why in outcome.failed:
        messages.append(_("Proposal %(index)s could not be saved: %(why)s") % {"index": index, "why": why})
    return messages


def _missing(request: HtmxHttpRequest, kind: str, index: str | int, message: Any) -> HttpResponse:
    """404 for a decision on a draft or proposal that is not there: for
    HTMX, a fragment in place of the proposal (the review page swaps 404s)."""
    if not wants_partial(request):
        raise Http404(message)
    context = {"kind": kind, "index": index, "message": message}
    return render(request, f"{REVIEW}#{MISSING}", context, status=404)

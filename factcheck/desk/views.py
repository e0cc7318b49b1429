"""The editors' panel: the work queue, a claim's editor view, and the writes
on a claim (verdict, publish, unpublish, assign).

A write asked for with HTMX answers with the claim's card (the fragment its
forms live in) plus a line for the page's live region: 200 when saved, 422
with field errors, 409 with the current state when someone else changed the
claim first, 404 when the claim is gone. A plain form post redirects back
(303) when saved, or shows the claim's editor page with the errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from factcheck import services
from factcheck.desk import selectors
from factcheck.desk.forms import (AssignForm, ClaimStatusForm, ClaimSummaryForm, PublicationForm, QueueFilterForm,
                                  claim_prefix)
from factcheck.models import Claim, Verdict
from factcheck.permissions import display_name
from factcheck.web.bidi import isolate
from factcheck.web.guards import editor_required
from factcheck.web.htmx import HtmxHttpRequest, page_or_partial, wants_partial
from factcheck.web.queries import drops_empty_parameters
from timeline.forms import EventDatesForm
from timeline.services import CHANGE_EVENT

PAGE_SIZE = 50
QUEUE = "factcheck/editor/queue.html"
CLAIM_PAGE = "factcheck/editor/claim.html"


class ClaimMissing(Exception):
    """The claim a desk view asked for is gone (deleted, or never was).

    Raised by `desk_claim`; `answers_missing_claim` turns it into the 404."""

    def __init__(self, pk: int, *, message: str = "") -> None:
        super().__init__(pk)
        self.pk = pk
        self.message = message


def desk_claim(pk: int, *, message: str = "") -> Claim:
    """The claim as the desk shows it; `ClaimMissing` (with `message` for the
    editor, if given) when there is none."""
    try:
        return selectors.claim_for_desk(pk)
    except Claim.DoesNotExist:
        raise ClaimMissing(pk, message=message) from None


def answers_missing_claim(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The 404 for a `ClaimMissing` the view raises: for HTMX, a fragment in
    place of the claim's card that says so; otherwise the 404 page."""

    @wraps(view)
    def wrapped(request: HtmxHttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ClaimMissing as missing:
            if not wants_partial(request):
                raise Http404("No such claim.") from None
            message = missing.message or _("This claim no longer exists: nothing was saved.")
            context = {"pk": missing.pk, "announcement": message}
            return render(request, f"{QUEUE}#claim-missing", context, status=404)

    return wrapped


@dataclass
class Desk:
    """What every card on a page shares, read once per request."""

    scale: list[Verdict]
    editors: list


@dataclass
class ClaimCard:
    """A claim as the desk sees it, with its forms and what just happened."""

    claim: Claim
    status_form: ClaimStatusForm | None  # built when the card shows it (open, or the claim's page)
    publish_form: PublicationForm
    unpublish_form: PublicationForm
    assign_form: AssignForm
    detail: bool = False
    next_url: str = ""
    message: str = ""
    conflict: Claim | None = None
    conflict_action: str = ""
    open_editor: bool = False
    # In a fragment, which part takes focus: "edit", "errors", "conflict", "assign", "publish".
    focus: str = ""
    history: list = field(default_factory=list)


def _desk() -> Desk:
    return Desk(scale=selectors.verdict_scale(), editors=selectors.desk_editors())


def _card(claim: Claim, desk: Desk, *, detail: bool = False, next_url: str = "", **state) -> ClaimCard:
    shows_form = detail or state.get("open_editor")
    forms = {
        "status_form": ClaimStatusForm(claim=claim, scale=desk.scale) if shows_form else None,
        "publish_form": PublicationForm(claim=claim, action="publish"),
        "unpublish_form": PublicationForm(claim=claim, action="unpublish"),
        "assign_form": AssignForm(claim=claim, editors=desk.editors),
    }
    forms.update({name: form for name, form in state.items() if name.endswith("_form") and form is not None})
    rest = {name: value for name, value in state.items() if not name.endswith("_form")}
    card = ClaimCard(claim=claim, detail=detail, next_url=next_url, **forms, **rest)
    if detail:
        card.history = list(selectors.claim_history(claim))
    return card


def _render_card(request: HtmxHttpRequest, card: ClaimCard, *, status: int, announcement: str) -> HttpResponse:
    """The card as a fragment (HTMX) or on the claim's editor page."""
    if not wants_partial(request):
        card.detail = True
        card.history = list(selectors.claim_history(card.claim))
        if card.status_form is None:
            card.status_form = ClaimStatusForm(claim=card.claim, scale=selectors.verdict_scale())
    context = claim_context(request, card, announcement=announcement)
    return page_or_partial(request, CLAIM_PAGE, "card-response", context, status=status)


def _short(claim: Claim) -> str:
    return "“" + isolate(Truncator(claim.quote).chars(60)) + "”"


@editor_required
@require_safe
@never_cache
@drops_empty_parameters
def queue(request: HtmxHttpRequest) -> HttpResponse:
    desk = _desk()
    filter_form = QueueFilterForm(
        request.GET,
        scale=desk.scale,
        timelines=selectors.queue_timelines(),
        articles=selectors.queue_articles(),
        editors=desk.editors,
    )
    filters = filter_form.values()
    claims, for_counts = selectors.claim_queue(user=request.user, filters=filters)
    page = Paginator(claims.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    here = request.get_full_path()
    cards = [_card(claim, desk, next_url=here) for claim in selectors.claims_for_cards(list(page.object_list))]
    context = {
        "filter_form": filter_form,
        "filters": filters,
        "page": page,
        "cards": cards,
        "counts": selectors.verdict_counts(for_counts, desk.scale),
    }
    # The filters' form asks for the results only; anything else gets the page.
    results = "results" if request.htmx.target == "queue-results" else None
    return page_or_partial(request, QUEUE, results, context)


@editor_required
@require_safe
@never_cache
@answers_missing_claim
def claim_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One claim for the desk: draft and published side by side, the whole history."""
    claim = desk_claim(pk, message=_("This claim no longer exists."))
    fragment = wants_partial(request)
    detail = not fragment or request.GET.get("detail") == "1"
    edit = request.GET.get("edit") == "1"
    card = _card(claim, _desk(), detail=detail, next_url=request.GET.get("next", ""), open_editor=edit)
    if fragment:
        # The card swapped in when an editor opens its form in the queue (or discards a conflict).
        if edit:
            card.status_form.fields["verdict"].widget.attrs["autofocus"] = True
        else:
            card.focus = "edit"
    return page_or_partial(request, CLAIM_PAGE, "claim-card", claim_context(request, card))


def detail_card(claim: Claim) -> ClaimCard:
    """The claim's card as its own page shows it, with its history."""
    return _card(claim, _desk(), detail=True)


def claim_context(request: HtmxHttpRequest, card: ClaimCard, **context) -> dict:
    """What the claim's editor page shows: its card and, on the whole page,
    the forms for its short summary and its event's dates (`summary_form`,
    `event_form` when given, else fresh ones; the dates' when the editor may change events)."""
    if not wants_partial(request):
        context.setdefault("summary_form", ClaimSummaryForm(claim=card.claim))
        if "event_form" not in context and card.claim.event and request.user.has_perm(CHANGE_EVENT):
            context["event_form"] = EventDatesForm(event=card.claim.event)
    return {"card": card, **context}


def _next_url(request: HtmxHttpRequest, claim: Claim) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target.split("#", 1)[0] + f"#claim-{claim.pk}"
    return reverse("editor:claim", kwargs={"pk": claim.pk})


def _saved(request: HtmxHttpRequest, pk: int, desk: Desk, message: str, *, focus: str) -> HttpResponse:
    if not wants_partial(request):
        messages.success(request, message)
        # 303: the browser follows with a GET, so reloading does not post again.
        return HttpResponseRedirect(_next_url(request, Claim(pk=pk)), status=303)
    claim = selectors.claim_for_desk(pk)
    card = _card(claim, desk, detail=_detail(request), next_url=request.POST.get("next", ""), message=message, focus=focus)
    return _render_card(request, card, status=200, announcement=message)


def _detail(request: HtmxHttpRequest) -> bool:
    return request.POST.get("detail") == "1"


def _invalid(request: HtmxHttpRequest, claim: Claim, desk: Desk, *, focus: str, **forms) -> HttpResponse:
    message = _("Not saved: %(what)s needs correcting.") % {"what": _short(claim)}
    card = _card(
        claim,
        desk,
        detail=_detail(request),
        next_url=request.POST.get("next", ""),
        open_editor="status_form" in forms,
        focus=focus,
        **forms,
    )
    return _render_card(request, card, status=422, announcement=message)


def _conflict(
    request: HtmxHttpRequest, claim: Claim, desk: Desk, *, action: str, status_form: ClaimStatusForm | None = None
) -> HttpResponse:
    """409: someone saved this claim first. Show what it says now, who changed
    it and when; keep what this editor typed, set to re-apply on the current version."""
    current = selectors.claim_for_desk(claim.pk)
    forms = {}
    if status_form is not None:
        data = request.POST.copy()
        data[status_form.add_prefix("version")] = str(current.version)
        forms["status_form"] = ClaimStatusForm(data, claim=current, scale=desk.scale)
        if action == "save-publish":
            # The note for readers typed beside "Publish changes" is kept too.
            data[f"{claim_prefix(current)}-publish-version"] = str(current.version)
            forms["publish_form"] = PublicationForm(data, claim=current, action="publish")
    who = _editor_name(current)
    message = _("Not saved: %(who)s changed %(claim)s first. Review the current verdict, then save again.") % {
        "who": who,
        "claim": _short(current),
    }
    card = _card(
        current,
        desk,
        detail=_detail(request),
        next_url=request.POST.get("next", ""),
        conflict=current,
        conflict_action=action,
        open_editor=status_form is not None,
        focus="conflict",
        **forms,
    )
    return _render_card(request, card, status=409, announcement=message)


def _editor_name(claim: Claim) -> str:
    if claim.changed_by is None:
        return _("the seed data")
    return display_name(claim.changed_by)


@editor_required
@require_POST
@answers_missing_claim
def claim_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Save the draft verdict, rationale and sources (and a note for the history)."""
    claim = desk_claim(pk)
    desk = _desk()
    form = ClaimStatusForm(request.POST, claim=claim, scale=desk.scale)
    if form.is_valid():
        data = form.cleaned_data
        try:
            updated = services.claim_set_status(
                claim=claim,
                editor=request.user,
                expected_version=data["version"],
                verdict=data["verdict"],
                rationale=data["rationale"],
                sources=form.sources.sources(),
                note=data["note"],
            )
        except services.ClaimConflict:
            return _conflict(request, claim, desk, action="save", status_form=form)
        except ValidationError as error:
            form.add_rule_errors(error.message_dict)
        else:
            if updated.version == data["version"]:
                message = _("Nothing to save: %(claim)s already says this.") % {"claim": _short(updated)}
            elif updated.published and not _differs(updated):
                message = _("Saved %(claim)s.") % {"claim": _short(updated)}
            else:
                message = _("Saved %(claim)s: the draft verdict is %(verdict)s, not yet published.") % {
                    "claim": _short(updated),
                    "verdict": updated.verdict.localized_label,
                }
            return _saved(request, pk, desk, message, focus="edit")
    return _invalid(request, claim, desk, focus="errors", status_form=form)


def _differs(claim: Claim) -> bool:
    return claim.verdict_id != claim.published_verdict_id or claim.rationale != claim.published_rationale


@editor_required
@require_POST
@answers_missing_claim
def claim_publish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Show readers the draft: verdict, rationale and sources as they are now.

    "Publish changes" beside an open claim form submits that form (its fields
    and its version come along): what the editor typed is saved and published
    in one step, never dropped."""
    if f"claim-{pk}-version" in request.POST:
        return _save_and_publish(request, pk)
    return _publication(request, pk, action="publish")


def _save_and_publish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Save the claim's form as typed and publish it, through the save's
    version check: a conflict (409) keeps what was typed; bad input (422)
    shows the field errors; in either case nothing is saved or published."""
    claim = desk_claim(pk)
    desk = _desk()
    form = ClaimStatusForm(request.POST, claim=claim, scale=desk.scale)
    # The note for readers is checked by the publication form; the version that counts is the claim form's.
    data = request.POST.copy()
    data[f"{claim_prefix(claim)}-publish-version"] = str(claim.version)
    publish_form = PublicationForm(data, claim=claim, action="publish")
    typed_ok = form.is_valid()
    if typed_ok and publish_form.is_valid():
        typed = form.cleaned_data
        try:
            done = services.claim_save_and_publish(
                claim=claim,
                editor=request.user,
                expected_version=typed["version"],
                verdict=typed["verdict"],
                rationale=typed["rationale"],
                sources=form.sources.sources(),
                note=typed["note"],
                publish_note=publish_form.cleaned_data["note"],
            )
        except services.ClaimConflict:
            return _conflict(request, claim, desk, action="save-publish", status_form=form)
        except ValidationError as error:
            form.add_rule_errors(error.message_dict)
            typed_ok = False
        else:
            return _saved(request, pk, desk, _save_and_publish_message(done), focus="publish")
    focus = "publish" if typed_ok else "errors"
    return _invalid(request, claim, desk, focus=focus, status_form=form, publish_form=publish_form)


def _save_and_publish_message(done: services.SaveAndPublish) -> str:
    values = {"claim": _short(done.claim), "verdict": done.claim.published_verdict.localized_label}
    if done.published and done.saved:
        return _("Saved and published %(claim)s: readers now see %(verdict)s.") % values
    if done.published:
        return _("Published %(claim)s: readers now see %(verdict)s.") % values
    if done.saved:
        return _("Saved %(claim)s: readers already see this draft.") % values
    return _("Nothing to publish: readers already see %(claim)s as it is.") % values


@editor_required
@require_POST
@answers_missing_claim
def claim_unpublish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Take the claim off every public page; its history stays."""
    return _publication(request, pk, action="unpublish")


def _publication(request: HtmxHttpRequest, pk: int, *, action: str) -> HttpResponse:
    claim = desk_claim(pk)
    desk = _desk()
    form = PublicationForm(request.POST, claim=claim, action=action)
    service = services.claim_publish if action == "publish" else services.claim_unpublish
    if form.is_valid():
        try:
            updated = service(
                claim=claim,
                editor=request.user,
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        except services.ClaimConflict:
            return _conflict(request, claim, desk, action=action)
        except ValidationError as error:
            for problems in error.message_dict.values():
                form.add_error(None, problems)
        else:
            if action == "publish":
                message = _("Published %(claim)s: readers now see %(verdict)s.") % {
                    "claim": _short(updated),
                    "verdict": updated.published_verdict.localized_label,
                }
            else:
                message = _("Unpublished %(claim)s: readers no longer see it.") % {"claim": _short(updated)}
            return _saved(request, pk, desk, message, focus=action)
    return _invalid(request, claim, desk, focus=action, **{f"{action}_form": form})


@editor_required
@require_POST
@answers_missing_claim
def claim_assign(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Put the claim on an editor's list ("mine"), or nobody's."""
    claim = desk_claim(pk)
    desk = _desk()
    form = AssignForm(request.POST, claim=claim, editors=desk.editors)
    if form.is_valid():
        assignee = form.cleaned_data["assignee"]
        try:
            services.claim_assign(claim=claim, editor=request.user, assignee=assignee)
        except ValidationError as error:
            form.add_error("assignee", error.message_dict.get("assignee", error.messages))
        else:
            if assignee is None:
                message = _("Nobody is assigned to %(claim)s now.") % {"claim": _short(claim)}
            else:
                message = _("Assigned %(claim)s to %(name)s.") % {"claim": _short(claim), "name": display_name(assignee)}
            return _saved(request, pk, desk, message, focus="assign")
    return _invalid(request, claim, desk, focus="assign", assign_form=form)

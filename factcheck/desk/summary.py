"""The desk's edit of a claim's short summary: what search engines'
fact-check results show as the claim (ClaimReview's claimReviewed, at most
SUMMARY_MAX_LENGTH characters; empty, they get the quote), saved in place on
the claim's page.

HTMX gets the summary's panel back: 200 when saved, 422 with the field
error, 409 with the summary as it now stands when someone changed it after
this editor opened it (what they typed is kept, set to replace the current
one). A plain form post redirects to the claim's page (303) when saved, or
shows it with the errors. What was typed is never lost."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from factcheck import services
from factcheck.desk.forms import ClaimSummaryForm
from factcheck.desk.views import CLAIM_PAGE, answers_missing_claim, claim_context, desk_claim, detail_card
from factcheck.models import Claim
from factcheck.web.bidi import isolate
from factcheck.web.guards import editor_required
from factcheck.web.htmx import HtmxHttpRequest, page_or_partial, wants_partial

PANEL = "claim-summary"


def _answer(request: HtmxHttpRequest, claim: Claim, form: ClaimSummaryForm, *, status: int, **state) -> HttpResponse:
    """The summary's panel (HTMX), or the claim's page holding it."""
    context = claim_context(request, detail_card(claim), summary_form=form, **state)
    return page_or_partial(request, CLAIM_PAGE, PANEL, context, status=status)


def _invalid(request: HtmxHttpRequest, claim: Claim, form: ClaimSummaryForm) -> HttpResponse:
    message = _("Not saved: the short summary needs correcting.")
    return _answer(request, claim, form, status=422, summary_message=message)


@editor_required
@require_POST
@answers_missing_claim
def claim_summary(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Save the claim's short summary (empty: search engines get the quote)."""
    claim = desk_claim(pk)
    form = ClaimSummaryForm(request.POST, claim=claim)
    if not form.is_valid():
        return _invalid(request, claim, form)
    data = form.cleaned_data
    try:
        updated = services.claim_set_summary(
            claim=claim, editor=request.user, summary=data["summary"], expected_summary=data["seen"]
        )
    except services.ClaimConflict as conflict:
        return _conflict(request, conflict.current)
    except ValidationError as error:
        form.add_error("summary", error.message_dict.get("summary") or error.messages)
        return _invalid(request, claim, form)
    if updated.summary == data["seen"]:
        message = _("Nothing to save: the short summary already says this.")
    elif updated.summary:
        message = _("Saved the short summary: “%(summary)s”.") % {"summary": isolate(updated.summary)}
    else:
        message = _("Saved: no short summary; search engines get the quote.")
    if not wants_partial(request):
        messages.success(request, message)
        return HttpResponseRedirect(reverse("editor:claim", kwargs={"pk": pk}) + f"#{PANEL}", status=303)
    return _answer(request, updated, ClaimSummaryForm(claim=updated), status=200, summary_message=message)


def _conflict(request: HtmxHttpRequest, current: Claim) -> HttpResponse:
    """409: the summary changed after this editor opened it. Show it as it
    is now; keep what they typed, set to replace the current one."""
    retyped = ClaimSummaryForm(request.POST.copy(), claim=current)
    retyped.data[retyped.add_prefix("seen")] = current.summary
    if current.summary:
        message = _(
            "Not saved: someone changed this short summary after you opened it; it now reads “%(summary)s”. "
            "Save again to put yours in its place."
        ) % {"summary": isolate(current.summary)}
    else:
        message = _("Not saved: someone removed this short summary after you opened it. Save again to put yours back.")
    return _answer(request, current, retyped, status=409, summary_message=message, summary_conflict=True)

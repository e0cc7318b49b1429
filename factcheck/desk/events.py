"""The desk's edit of a claim's event: its dates, typed in words with the
same live reading as the back office and the ingest review, saved in place.

HTMX gets the event's panel back: 200 when saved, 422 with field errors,
409 with the dates as they now stand when someone saved the event first
(what this editor typed is kept, set to apply over the current version). A
plain form post redirects to the claim's page (303) when saved, or shows it
with the errors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from factcheck.desk.views import CLAIM_PAGE, answers_missing_claim, claim_context, desk_claim, detail_card
from factcheck.models import Claim
from factcheck.web.guards import desk_required, forbidden
from factcheck.web.htmx import HtmxHttpRequest, page_or_partial, wants_partial
from timeline.forms import EventDatesForm
from timeline.services import CHANGE_EVENT, EventChanged, event_set_dates

PANEL = "event-dates"


def _answer(request: HtmxHttpRequest, claim: Claim, form: EventDatesForm, *, status: int, **state) -> HttpResponse:
    """The event's panel (HTMX), or the claim's page holding it."""
    context = claim_context(request, detail_card(claim), event_form=form, **state)
    return page_or_partial(request, CLAIM_PAGE, PANEL, context, status=status)


@desk_required(CHANGE_EVENT)
@require_POST
@answers_missing_claim
def claim_event_dates(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Save the dates of the event the claim is about."""
    claim = desk_claim(pk)
    if claim.event is None:
        message = _("Not saved: this claim is not about an event, so it has no dates to change.")
        context = claim_context(request, detail_card(claim), event_message=message)
        return page_or_partial(request, CLAIM_PAGE, PANEL, context, status=404)
    form = EventDatesForm(request.POST, event=claim.event)
    if not form.is_valid():
        return _answer(request, claim, form, status=422, event_message=_("Not saved: the dates need correcting."))
    data = form.cleaned_data
    try:
        event = event_set_dates(
            event=claim.event, editor=request.user, when=data["when"], until=data["until"], seen=data["seen"]
        )
    except PermissionDenied:
        return forbidden(request)
    except EventChanged as changed:
        return _conflict(request, claim, changed.current)
    except ValidationError as error:
        form.add_error(None, error)
        return _answer(request, claim, form, status=422, event_message=_("Not saved: the dates need correcting."))
    message = _("Saved: “%(event)s” is dated %(when)s.") % {"event": event.title, "when": event.when.display()}
    if not wants_partial(request):
        messages.success(request, message)
        return HttpResponseRedirect(reverse("editor:claim", kwargs={"pk": claim.pk}) + "#event-dates", status=303)
    claim = desk_claim(pk)
    return _answer(request, claim, EventDatesForm(event=claim.event), status=200, event_message=message)


def _conflict(request: HtmxHttpRequest, claim: Claim, current) -> HttpResponse:
    """409: the event was saved after this editor opened it. Show its dates
    now; keep what they typed, set to apply over the current version."""
    retyped = EventDatesForm(request.POST.copy(), event=current)
    retyped.data[retyped.add_prefix("seen")] = current.updated_at.isoformat()
    message = _(
        "Not saved: someone changed this event’s dates first; they are now %(when)s. Save again to replace them."
    ) % {"when": current.when.display()}
    return _answer(request, desk_claim(claim.pk), retyped, status=409, event_message=message, event_conflict=True)

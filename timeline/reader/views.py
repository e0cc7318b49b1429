from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from timeline import selectors as timeline_selectors
from timeline.dates import Precision
from timeline.forms import AUTO, read_fuzzy_date
from timeline.models import Timeline
from timeline.reader import selectors
from timeline.reader.filters import TimelineFilterForm


def _render_timeline(request, timeline: Timeline):
    """The reader's timeline page; with HTMX, only the part that changes.

    One URL serves every view of the timeline: the filters, search, page and
    opened event are query parameters, so any view can be shared and Back
    returns to it. HTMX asks for the fragment it swaps (named by HX-Target):
    one event opened or closed, the next page, or the results of new filters.
    """
    asked = TimelineFilterForm(request.GET).reader_request()
    criteria = asked.criteria
    htmx = request.htmx and not request.htmx.history_restore_request
    target = (request.htmx.target or "") if htmx else ""

    event_id = _event_target(target)
    if event_id is not None:
        # Open or close one event's details in place.
        event = selectors.timeline_event_for_reader(
            timeline, event_id, criteria, details=asked.open_event == event_id
        )
        context = {"timeline": timeline, "event": event, "event_id": event_id, "content_lang": _content_lang(timeline)}
        return _reader_response(request, "timeline/timeline_detail.html#event-response", context)

    page = selectors.timeline_event_page(timeline, criteria, page=asked.page, open_event=asked.open_event)
    notices = [*asked.notices, page.notice] if page.notice else list(asked.notices)
    context = {
        "timeline": timeline,
        "content_lang": _content_lang(timeline),
        "criteria": criteria,
        "page_obj": page,
        "events": page.events,
        "open_event": asked.open_event,
        "notices": notices,
        "claim_count": selectors.timeline_claim_count(timeline, criteria),
        "unplaced_claims": (
            selectors.timeline_unplaced_claims_matching(timeline, criteria) if not page.has_next else []
        ),
    }
    template = "timeline/timeline_detail.html"
    if target == "more-events":
        template += "#page-response"  # the next page, appended: no menus, no year list
    else:
        context["years"] = selectors.timeline_year_index(timeline, criteria)
        if htmx:
            template += "#results-response"
        else:
            context["options"] = selectors.timeline_filter_options(timeline, criteria)
            context["articles"] = timeline_selectors.timeline_articles(timeline)
    response = _reader_response(request, template, context)
    if htmx and request.htmx.current_url_abs_path == request.get_full_path():
        # The same view again (Enter after the search already ran): no new history entry.
        response["HX-Push-Url"] = "false"
    return response


def _content_lang(timeline: Timeline) -> str:
    """The timeline's language when the interface is in another one, for `lang`."""
    interface = (get_language() or "").split("-")[0]
    return timeline.language if timeline.language != interface else ""


def _event_target(target: str) -> int | None:
    prefix = "event-"
    if target.startswith(prefix) and target[len(prefix):].isdigit() and len(target) < 30:
        return int(target[len(prefix):])
    return None


def _reader_response(request, template, context):
    response = render(request, template, context)
    # One URL answers with the page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_safe
def home(request):
    timeline = timeline_selectors.timeline_featured()
    if timeline is None:
        raise Http404("No timeline has been published yet.")
    return _render_timeline(request, timeline)


@require_safe
def timeline_detail(request, slug):
    timeline = get_object_or_404(Timeline.objects.published(), slug=slug)
    return _render_timeline(request, timeline)


@require_safe
def date_preview(request):
    """How a typed date will be saved, for the date widget's live reading.

    Reads the widget's two inputs (`<name>_0` text, `<name>_1` precision)."""
    user = request.user
    if not (user.has_perm("timeline.change_event") or user.has_perm("timeline.add_event")):
        raise PermissionDenied
    text = next((v for k, v in request.GET.items() if k.endswith("_0") or k == "text"), "")
    precision = next((v for k, v in request.GET.items() if k.endswith("_1") or k == "precision"), "")
    if precision not in Precision.values:
        precision = AUTO  # not one the menu offers: read the date as typed
    context = {"text": text}
    if text.strip():
        try:
            context["when"] = read_fuzzy_date(text, precision)
        except ValidationError as error:
            context["error"] = error.messages[0]
    return render(request, "timeline/date_preview.html", context)

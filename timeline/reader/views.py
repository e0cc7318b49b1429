"""The reader's timeline pages (the featured one at /, any published one by
slug, the list of them at /timelines/) and the date widget's live reading
of a typed date.

One URL serves every view of a timeline: the filters, search, page and
opened event are query parameters, so any view can be shared and Back
returns to it. HTMX asks for the part it swaps, named by HX-Target: one
event opened or closed, the next page, or the results of new filters.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from factcheck.web.htmx import HTMX_HEADERS, HtmxHttpRequest, page_or_partial, wants_partial
from factcheck.web.http_cache import etag_for, shared_for_readers
from factcheck.web.queries import drops_empty_parameters
from timeline import selectors as timeline_selectors
from timeline import stamps
from timeline.dates import Precision
from timeline.forms import AUTO, article_reference, preview_context, submitted_article
from timeline.models import Language, Timeline
from timeline.reader import cards, selectors
from timeline.reader.filters import ReaderRequest, TimelineFilterForm
from timeline.stamps import TimelineStamp

TEMPLATE = "timeline/timeline_detail.html"


def _render_timeline(request: HtmxHttpRequest, timeline: Timeline) -> HttpResponse:
    """The reader's timeline page; with HTMX, only the part that changes."""
    asked = TimelineFilterForm(request.GET, timeline=timeline).reader_request()
    fragment = wants_partial(request)
    target = (request.htmx.target or "") if fragment else ""

    event_id = _event_target(target)
    if event_id is not None:
        # Open or close one event's details in place.
        return _reader_response(request, "event-response", _event_context(timeline, asked, event_id))

    partial, context = _events_view(timeline, asked, more=target == "more-events", fragment=fragment)
    if partial is None:
        context["share"] = cards.timeline_share(request, timeline)
    response = _reader_response(request, partial, context)
    if fragment and request.htmx.current_url_abs_path == request.get_full_path():
        # The same view again (Enter after the search already ran): no new history entry.
        response["HX-Push-Url"] = "false"
    return response


def _event_context(timeline: Timeline, asked: ReaderRequest, event_id: int) -> dict:
    event = selectors.timeline_event_for_reader(
        timeline, event_id, asked.criteria, details=asked.open_event == event_id
    )
    return {"timeline": timeline, "event": event, "event_id": event_id, "content_lang": _content_lang(timeline)}


def _events_view(timeline: Timeline, asked: ReaderRequest, *, more: bool, fragment: bool) -> tuple[str | None, dict]:
    """The part to answer (None: the whole page) and its context: the next
    page (`more`), the results of new filters (`fragment`), or the page."""
    criteria = asked.criteria
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
    if more:
        return "page-response", context  # the next page, appended: no menus, no year list
    context["years"] = selectors.timeline_year_index(timeline, criteria)
    if fragment:
        return "results-response", context
    context["options"] = selectors.timeline_filter_options(timeline, criteria)
    context["articles"] = timeline_selectors.timeline_articles(timeline)
    return None, context


def _content_lang(timeline: Timeline) -> str:
    """The timeline's language when the interface is in another one, for `lang`."""
    interface = (get_language() or "").split("-")[0]
    return timeline.language if timeline.language != interface else ""


def _event_target(target: str) -> int | None:
    prefix = "event-"
    if target.startswith(prefix) and target[len(prefix):].isdigit() and len(target) < 30:
        return int(target[len(prefix):])
    return None


def _reader_response(request: HtmxHttpRequest, partial: str | None, context: dict) -> HttpResponse:
    response = page_or_partial(request, TEMPLATE, partial, context)
    # One URL answers with the page or a fragment: caches must keep them apart.
    patch_vary_headers(response, HTMX_HEADERS)
    return response


def _featured_stamp() -> TimelineStamp | None:
    timeline = timeline_selectors.timeline_featured()
    return stamps.timeline_stamp(timeline.slug) if timeline else None


@require_safe
@drops_empty_parameters
@shared_for_readers(_featured_stamp)
def home(request: HtmxHttpRequest) -> HttpResponse:
    timeline = timeline_selectors.timeline_featured()
    if timeline is None:
        raise Http404("No timeline has been published yet.")
    return _render_timeline(request, timeline)


@require_safe
@drops_empty_parameters
@shared_for_readers(lambda slug: stamps.timeline_stamp(slug))
def timeline_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    timeline = get_object_or_404(Timeline.objects.published(), slug=slug)
    return _render_timeline(request, timeline)


@require_safe
@shared_for_readers(lambda slug: stamps.timeline_stamp(slug), query=False)
def timeline_card(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The timeline's share card, a PNG, on the timeline page's version stamp."""
    timeline = get_object_or_404(Timeline.objects.published(), slug=slug)
    return HttpResponse(cards.draw_timeline_card(cards.timeline_card(timeline)), content_type="image/png")


@require_safe
def timeline_list(request: HtmxHttpRequest) -> HttpResponse:
    """The published timelines, newest first, with what readers find on each.

    Revalidated by ETag: the list's stamp (one query) and the interface
    language name the version; a matching conditional GET is a 304."""
    language = get_language() or settings.LANGUAGE_CODE
    stamp = selectors.timelines_list_stamp()
    page_number = request.GET.get("page", "")
    etag = etag_for(stamp, f"timeline-list|{language}|{page_number[:12]}")
    last_modified = int(stamp.changed_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        page = Paginator(selectors.timelines_for_readers(), selectors.TIMELINES_PER_PAGE).get_page(page_number)
        featured = timeline_selectors.timeline_featured()
        context = {"page_obj": page, "timelines": selectors.timeline_summaries(list(page), featured)}
        response = render(request, "timeline/timeline_list.html", context)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    if not request.user.is_authenticated:
        response["Cache-Control"] = f"public, max-age={settings.HTTP_CACHE_MAX_AGE}"
    return response


@require_safe
def date_preview(request: HtmxHttpRequest) -> HttpResponse:
    """How a typed date will be saved, for the date widget's live reading.

    Reads the widget's two inputs (`<name>_0` text, `<name>_1` precision)
    and what the field counts from: `ref`, the article's date (YYYY-MM-DD),
    and `lang`, its language ("en" or "es"); values that are not one are
    ignored, so the reading is the one a field without them makes. The event
    form sends its `article` field instead, and the reading counts from it."""
    user = request.user
    if not (user.has_perm("timeline.change_event") or user.has_perm("timeline.add_event")):
        raise PermissionDenied
    text = next((v for k, v in request.GET.items() if k.endswith("_0") or k == "text"), "")
    precision = next((v for k, v in request.GET.items() if k.endswith("_1") or k == "precision"), "")
    if precision not in Precision.values:
        precision = AUTO  # not one the menu offers: read the date as typed
    article = next((v for k, v in request.GET.items() if k == "article" or k.endswith("-article")), None)
    if article is not None:
        # The event form's article field, sent along: count from it, as the form's save does.
        reference, language = article_reference(submitted_article(article))
    else:
        reference = _reference(request.GET.get("ref", ""))
        language = request.GET.get("lang") if request.GET.get("lang") in Language.values else None
    context = preview_context(text, precision, reference=reference, language=language)
    return render(request, "timeline/date_preview.html", context)


def _reference(raw: str) -> datetime.date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        return None

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from . import selectors
from .forms import read_fuzzy_date
from .models import Timeline


def _render_timeline(request, timeline: Timeline):
    context = {
        "timeline": timeline,
        "events": selectors.timeline_events(timeline),
        "articles": selectors.timeline_articles(timeline),
        "unplaced_claims": selectors.timeline_unplaced_claims(timeline),
    }
    template = "timeline/timeline_detail.html"
    if request.htmx:
        template += "#events"
    return render(request, template, context)


def home(request):
    timeline = selectors.timeline_featured()
    if timeline is None:
        raise Http404("No timeline has been published yet.")
    return _render_timeline(request, timeline)


def timeline_detail(request, slug):
    timeline = get_object_or_404(Timeline.objects.published(), slug=slug)
    return _render_timeline(request, timeline)


def date_preview(request):
    """How a typed date will be saved, for the date widget's live reading.

    Reads the widget's two inputs (`<name>_0` text, `<name>_1` precision)."""
    user = request.user
    if not (user.has_perm("timeline.change_event") or user.has_perm("timeline.add_event")):
        raise PermissionDenied
    text = next((v for k, v in request.GET.items() if k.endswith("_0") or k == "text"), "")
    precision = next((v for k, v in request.GET.items() if k.endswith("_1") or k == "precision"), "")
    context = {"text": text}
    if text.strip():
        try:
            context["when"] = read_fuzzy_date(text, precision)
        except ValidationError as error:
            context["error"] = error.messages[0]
    return render(request, "timeline/date_preview.html", context)

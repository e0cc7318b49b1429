"""Reads of published timelines: which one `/` shows, and the articles a
timeline's events come from. Reads that bring the claims along are in
`factcheck.selectors` (claims build on events, never the reverse)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from timeline.models import Article, Timeline


def timeline_featured() -> Timeline | None:
    """The timeline `/` shows: the featured one, else the configured default."""
    timelines = Timeline.objects.published()
    return (
        timelines.filter(featured=True).order_by("-updated_at").first()
        or timelines.filter(slug=settings.DEFAULT_TIMELINE_SLUG).first()
    )


def timeline_articles(timeline: Timeline) -> QuerySet[Article]:
    return Article.objects.filter(events__timelines=timeline, events__published=True).distinct()

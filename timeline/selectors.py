"""Reads of published timelines: which one `/` shows, and the articles a
timeline's events come from. Reads that bring the claims along are in
`factcheck.selectors` (claims build on events, never the reverse)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from timeline.models import Article, Event, Timeline


def timeline_featured() -> Timeline | None:
    """The timeline `/` shows: the featured one, else the configured default."""
    timelines = Timeline.objects.published()
    return (
        timelines.filter(featured=True).order_by("-updated_at").first()
        or timelines.filter(slug=settings.DEFAULT_TIMELINE_SLUG).first()
    )


def timeline_articles(timeline: Timeline) -> QuerySet[Article]:
    """The articles the timeline's public events come from."""
    return Article.objects.filter(pk__in=Event.objects.public(on=timeline).values("article_id"))

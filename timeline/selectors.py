"""Reads of published timelines shared by every page that shows one (the
reader's page, the embed, the TimelineJS export)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from factcheck.models import Claim
from timeline.models import Article, Event, Timeline


def timeline_featured() -> Timeline | None:
    """The timeline `/` shows: the featured one, else the configured default."""
    timelines = Timeline.objects.published()
    return (
        timelines.filter(featured=True).order_by("-updated_at").first()
        or timelines.filter(slug=settings.DEFAULT_TIMELINE_SLUG).first()
    )


def timeline_events(timeline: Timeline) -> QuerySet[Event]:
    """Published events of the timeline in date order, with everything the page
    shows of them fetched in a fixed number of queries."""
    return (
        timeline.events.published()
        .in_order()
        .select_related("article")
        .prefetch_related(
            "actors",
            "sources",
            Prefetch("claims", queryset=Claim.objects.for_readers().order_by("quote_start", "id"), to_attr="public_claims"),
        )
    )


def timeline_articles(timeline: Timeline) -> QuerySet[Article]:
    return Article.objects.filter(events__timelines=timeline, events__published=True).distinct()


def timeline_unplaced_claims(timeline: Timeline) -> QuerySet[Claim]:
    """Published claims of the timeline's articles that are not about one event."""
    return (
        Claim.objects.for_readers()
        .filter(event__isnull=True, article__in=timeline_articles(timeline))
        .order_by("quote_start", "id")
    )

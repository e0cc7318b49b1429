"""What readers may see of claims: a claim's page, its corrections, and a
published timeline's events with their published claims (the reader's
page, the embed, the TimelineJS export)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from factcheck.models import Claim, VerdictChange
from timeline.models import Event, Timeline
from timeline.selectors import timeline_articles


def claim_for_readers(pk: int) -> Claim:
    """A published claim with what its page shows; Claim.DoesNotExist otherwise."""
    return Claim.objects.for_readers().select_related("article", "event").get(pk=pk)


def claim_corrections(claim: Claim) -> QuerySet[VerdictChange]:
    """The claim's published changes, newest first: its public corrections log."""
    return claim.history.corrections().select_related("from_verdict", "to_verdict")


def claim_timeline(claim: Claim) -> Timeline | None:
    """A published timeline that shows the claim, for the way back."""
    return Timeline.objects.published().showing_claim(claim).order_by("-featured", "title").first()


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


def timeline_unplaced_claims(timeline: Timeline) -> QuerySet[Claim]:
    """Published claims of the timeline's articles that are not about one event."""
    return (
        Claim.objects.for_readers()
        .filter(event__isnull=True, article__in=timeline_articles(timeline))
        .order_by("quote_start", "id")
    )

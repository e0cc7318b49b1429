"""What readers may see of claims: a claim's page, its corrections, and a
published timeline's events with their published claims (the reader's
page, the embed, the TimelineJS export)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from factcheck.models import Claim, VerdictChange
from timeline.models import Event, Timeline, TimelineEntry


def claim_for_readers(pk: int) -> Claim:
    """A claim with a public page (public, or withdrawn: see
    `ClaimQuerySet.on_record`) with what its page shows; Claim.DoesNotExist
    for any other."""
    return (
        Claim.objects.on_record()
        .select_related("published_verdict", "claimant", "article", "event")
        .get(pk=pk)
    )


def claim_withdrawal(claim: Claim) -> VerdictChange | None:
    """The change that took a withdrawn claim off the public pages: when, and
    the editor's note saying why."""
    return claim.history.filter(action=VerdictChange.Action.UNPUBLISH).order_by("-created_at", "-id").first()


def claim_corrections(claim: Claim) -> QuerySet[VerdictChange]:
    """The claim's publications and withdrawals, newest first: its public corrections log."""
    return claim.history.public_log().select_related("from_verdict", "to_verdict")


def claim_page_timelines(pk: int) -> list[str]:
    """Slugs of the published timelines that reach the claim with a public
    page (see `claim_for_readers`), in one query: what its page's version
    stamp rests on. Empty for a claim with no public page."""
    on_record = Claim.objects.on_record().filter(pk=pk)
    by_event = TimelineEntry.objects.filter(timeline=OuterRef("pk"), event__published=True, event__claims__in=on_record)
    by_article = TimelineEntry.objects.filter(
        timeline=OuterRef("pk"), event__published=True, event__article__claims__in=on_record.filter(event__isnull=True)
    )
    return list(
        Timeline.objects.published().filter(Exists(by_event) | Exists(by_article)).order_by("slug").values_list("slug", flat=True)
    )


def claim_timeline(claim: Claim) -> Timeline | None:
    """A published timeline that shows the claim, for the way back."""
    return Timeline.objects.reaching(claim).order_by("-featured", "title").first()


def timeline_events(timeline: Timeline) -> QuerySet[Event]:
    """Public events of the timeline in date order, with everything the page
    shows of them fetched in a fixed number of queries."""
    return (
        Event.objects.public(on=timeline)
        .in_order()
        .select_related("article")
        .prefetch_related(
            "actors",
            "sources",
            Prefetch(
                "claims", queryset=Claim.objects.for_readers(on=timeline).order_by("quote_start", "id"), to_attr="public_claims"
            ),
        )
    )


def timeline_unplaced_claims(timeline: Timeline) -> QuerySet[Claim]:
    """Public claims of the timeline's articles that are not about one event."""
    return Claim.objects.for_readers(on=timeline).filter(event__isnull=True).order_by("quote_start", "id")

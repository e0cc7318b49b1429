"""Reads for the public claim pages."""

from __future__ import annotations

from django.db.models import QuerySet

from factcheck.models import Claim, VerdictChange
from timeline.models import Timeline


def claim_for_readers(pk: int) -> Claim:
    """A published claim with what its page shows; Claim.DoesNotExist otherwise."""
    return Claim.objects.for_readers().select_related("article", "event").get(pk=pk)


def claim_corrections(claim: Claim) -> QuerySet[VerdictChange]:
    """The claim's published changes, newest first: its public corrections log."""
    return claim.history.corrections().select_related("from_verdict", "to_verdict")


def claim_timeline(claim: Claim) -> Timeline | None:
    """A published timeline that shows the claim, for the way back."""
    return Timeline.objects.published().showing_claim(claim).order_by("-featured", "title").first()

"""Saves of claims and of the verdict scale bump the version stamp of the
timelines that show them (`timeline.stamps`), however they are made: the
admin, a restore, a script. `factcheck.services` bumps it for publishing and
unpublishing itself."""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from factcheck.models import Claim, Verdict
from timeline.models import Timeline
from timeline.signals import touch
from timeline.stamps import timelines_touch, touches_are_deferred

# Claim fields readers never see (the draft status and the desk's workflow):
# saving only these changes nothing public. (The quote and the short summary
# are not among them: the claim page's ClaimReview carries them at once.)
CLAIM_DRAFT_FIELDS = frozenset({"verdict", "rationale", "version", "changed_at", "changed_by", "assigned_to"})


def _claim_touch(claim: Claim) -> None:
    if not touches_are_deferred():
        timelines_touch(timelines=Timeline.objects.showing_claim(claim))


@receiver(post_save, sender=Claim)
def claim_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    if update_fields is not None and set(update_fields) <= CLAIM_DRAFT_FIELDS:
        return
    if update_fields is not None and "published" in update_fields:
        return  # claim_publish / claim_unpublish touch the timelines themselves
    _claim_touch(instance)


@receiver(pre_delete, sender=Claim)
def claim_deleting(sender, instance, **kwargs):
    _claim_touch(instance)


@receiver([post_save, post_delete], sender=Verdict)
def verdict_changed(sender, instance, raw=False, **kwargs):
    # A label or colour on the scale shows on every timeline.
    if not raw:
        touch(Q())

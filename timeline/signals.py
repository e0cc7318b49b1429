"""Keep the timelines' version stamp honest.

Every saved change readers can see bumps the version stamp of the timelines
that show it (`factcheck.services.timelines_touch`), wherever the change is
made: the admin, the editors' panel, an import, the seed loader. The stamp is
what ETags, the CDN and open embeds check, so a change that did not bump it
would stay invisible to them until the cache aged out.

Publishing and unpublishing claims bump it in `factcheck.services` already;
these receivers cover direct model saves (events, their sources and actors,
timeline entries, timelines, articles, actors, claims edited in the admin,
the verdict scale). A bulk `QuerySet.update()` sends no signal: code that
uses one on public content calls `timelines_touch` itself.
"""

from __future__ import annotations

import contextlib
import threading

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from factcheck.models import Claim, Verdict
from factcheck.services import timelines_touch

from .models import Actor, Article, Event, EventSource, Timeline, TimelineEntry

_state = threading.local()

# Claim fields readers never see (the draft status and the desk's workflow):
# saving only these changes nothing public.
CLAIM_DRAFT_FIELDS = frozenset({"verdict", "rationale", "version", "changed_at", "changed_by", "assigned_to"})


@contextlib.contextmanager
def touches_deferred():
    """Within the block, saves do not bump stamps one by one; the caller
    touches the timelines it changed once at the end (bulk imports)."""
    previous = getattr(_state, "deferred", False)
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = previous


def _forget_stamps() -> None:
    """Stamps this process remembers (embed_selectors) are out of date now,
    and again once the change commits (a request may have read in between)."""
    from .embed_selectors import forget_stamps

    forget_stamps()
    transaction.on_commit(forget_stamps)


def _touch(condition: Q) -> None:
    if getattr(_state, "deferred", False):
        return
    timelines_touch(timelines=Timeline.objects.filter(condition))
    _forget_stamps()


def _raw(kwargs) -> bool:
    return kwargs.get("raw", False)  # fixtures being loaded


@receiver(post_save, sender=Timeline)
def timeline_saved(sender, instance, **kwargs):
    if not _raw(kwargs):
        _touch(Q(pk=instance.pk))


@receiver([post_save, post_delete], sender=TimelineEntry)
def entry_changed(sender, instance, **kwargs):
    if not _raw(kwargs):
        _touch(Q(pk=instance.timeline_id))


@receiver(post_save, sender=Event)
def event_saved(sender, instance, **kwargs):
    if not _raw(kwargs):
        _touch(Q(events=instance))


@receiver([post_save, post_delete], sender=EventSource)
def event_source_changed(sender, instance, **kwargs):
    if not _raw(kwargs):
        _touch(Q(events__pk=instance.event_id))


@receiver(m2m_changed, sender=Event.actors.through)
def event_actors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _touch(Q(events=instance))
    elif pk_set:
        _touch(Q(events__pk__in=pk_set))
    else:
        _touch(Q(events__actors=instance))


@receiver(post_save, sender=Actor)
def actor_saved(sender, instance, **kwargs):
    if not _raw(kwargs):
        _touch(Q(events__actors=instance) | Q(events__claims__claimant=instance) | Q(events__article__claims__claimant=instance))


@receiver(post_save, sender=Article)
def article_saved(sender, instance, **kwargs):
    if not _raw(kwargs):
        _touch(Q(events__article=instance))


@receiver(post_save, sender=Claim)
def claim_saved(sender, instance, update_fields=None, **kwargs):
    if _raw(kwargs):
        return
    if update_fields is not None and set(update_fields) <= CLAIM_DRAFT_FIELDS:
        return
    if getattr(_state, "deferred", False):
        return
    if update_fields is not None and "published" in update_fields:
        # claim_publish / claim_unpublish: they touch the timelines themselves.
        _forget_stamps()
        return
    timelines_touch(timelines=Timeline.objects.showing_claim(instance))
    _forget_stamps()


@receiver(pre_delete, sender=Claim)
def claim_deleting(sender, instance, **kwargs):
    if not getattr(_state, "deferred", False):
        timelines_touch(timelines=Timeline.objects.showing_claim(instance))
        _forget_stamps()


@receiver([post_save, post_delete], sender=Verdict)
def verdict_changed(sender, instance, **kwargs):
    # A label or colour on the scale shows on every timeline.
    if not _raw(kwargs):
        _touch(Q())

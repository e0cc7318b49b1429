"""Saves of events, timelines and articles bump the version stamp of the
timelines that show them (`timeline.stamps`), wherever they are made: the
admin, an import, the seed loader. Claims and the verdict scale have theirs
in `factcheck.signals`. A bulk `QuerySet.update()` sends no signal: code
that uses one on public content calls `timelines_touch` itself."""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from timeline.models import Actor, Article, Event, EventSource, Timeline, TimelineEntry
from timeline.stamps import timelines_touch, touches_are_deferred


def touch(condition: Q) -> None:
    """Bump the timelines matching `condition`, unless a bulk import defers it."""
    if not touches_are_deferred():
        timelines_touch(timelines=Timeline.objects.filter(condition))


def _raw(kwargs) -> bool:
    return kwargs.get("raw", False)  # fixtures being loaded


@receiver(post_save, sender=Timeline)
def timeline_saved(sender, instance, **kwargs):
    if not _raw(kwargs):
        touch(Q(pk=instance.pk))


@receiver([post_save, post_delete], sender=TimelineEntry)
def entry_changed(sender, instance, **kwargs):
    if not _raw(kwargs):
        touch(Q(pk=instance.timeline_id))


@receiver(post_save, sender=Event)
def event_saved(sender, instance, **kwargs):
    if not _raw(kwargs):
        touch(Q(events=instance))


@receiver([post_save, post_delete], sender=EventSource)
def event_source_changed(sender, instance, **kwargs):
    if not _raw(kwargs):
        touch(Q(events__pk=instance.event_id))


@receiver(m2m_changed, sender=Event.actors.through)
def event_actors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        touch(Q(events=instance))
    elif pk_set:
        touch(Q(events__pk__in=pk_set))
    else:
        touch(Q(events__actors=instance))


@receiver(post_save, sender=Actor)
def actor_saved(sender, instance, **kwargs):
    if not _raw(kwargs):
        touch(Q(events__actors=instance) | Q(events__claims__claimant=instance) | Q(events__article__claims__claimant=instance))


@receiver(post_save, sender=Article)
def article_saved(sender, instance, **kwargs):
    if not _raw(kwargs):
        touch(Q(events__article=instance))

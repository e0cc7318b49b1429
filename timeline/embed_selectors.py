"""Reads for the embed, the TimelineJS API and oEmbed: published content only."""

from __future__ import annotations

import datetime
import functools
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, router
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from factcheck.models import Claim, Verdict

from . import selectors
from .embed import EmbedOptions
from .http_cache import Stamp
from .models import Event, Timeline


@dataclass(frozen=True)
class TimelineStamp(Stamp):
    pk: int = 0
    language: str = ""


@functools.cache
def _stamp_sql(alias: str) -> tuple[str, tuple]:
    """The stamp query as the ORM writes it for this database, built once:
    it runs on every conditional GET, where building the query would cost
    more than running it."""
    query = (
        Timeline.objects.using(alias)
        .published()
        .filter(slug="placeholder")
        .values_list("pk", "content_version", "content_changed_at", "language")
        .order_by()[:1]
        .query
    )
    sql, params = query.sql_with_params()
    assert list(params).count("placeholder") == 1 and len(params) <= 2, params
    return sql, tuple(params)


def _aware(value) -> datetime.datetime:
    if isinstance(value, str):  # SQLite without converters
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.timezone.utc)
    return value


# Stamps read in the last HTTP_STAMP_MEMO_SECONDS, per process: a popular
# embed's conditional GETs then cost no query at all. A change saved in this
# process clears it at once (timeline.signals); one saved by another process
# is seen within that many seconds.
_memo: dict[str, tuple[float, TimelineStamp | None]] = {}
MEMO_MAX_ENTRIES = 10_000


def forget_stamps() -> None:
    _memo.clear()


def timeline_stamp(slug: str) -> TimelineStamp | None:
    """The version stamp of a published timeline, in one small query (or
    none, when read within the last HTTP_STAMP_MEMO_SECONDS); None when
    there is no such published timeline."""
    ttl = settings.HTTP_STAMP_MEMO_SECONDS
    if ttl > 0:
        memo = _memo.get(slug)
        if memo is not None and time.monotonic() < memo[0]:
            return memo[1]
    stamp = _read_stamp(slug)
    if ttl > 0:
        if len(_memo) >= MEMO_MAX_ENTRIES:
            _memo.clear()
        _memo[slug] = (time.monotonic() + ttl, stamp)
    return stamp


def _read_stamp(slug: str) -> TimelineStamp | None:
    alias = router.db_for_read(Timeline)
    sql, params = _stamp_sql(alias)
    params = tuple(slug if p == "placeholder" else p for p in params)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    pk, version, changed_at, language = row
    return TimelineStamp(tag=f"t{pk}v{version}", changed_at=_aware(changed_at), pk=pk, language=language)


def unknown_verdicts(slugs: tuple[str, ...]) -> list[str]:
    """The slugs in a verdict filter that are not on the scale."""
    if not slugs:
        return []
    known = set(Verdict.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    return [slug for slug in slugs if slug not in known]


@dataclass
class EmbedContent:
    timeline: Timeline
    events: list[Event]
    unplaced_claims: list[Claim]


def embed_content(timeline: Timeline, options: EmbedOptions) -> EmbedContent:
    """The published events and claims an embed shows with `options`.

    With a verdict filter only claims rated so are kept, and only the events
    that carry one of them."""
    events = list(selectors.timeline_events(timeline))
    unplaced = list(selectors.timeline_unplaced_claims(timeline))
    if options.verdicts:
        wanted = set(options.verdicts)
        for event in events:
            event.public_claims = [c for c in event.public_claims if c.published_verdict.slug in wanted]
        events = [event for event in events if event.public_claims]
        unplaced = [c for c in unplaced if c.published_verdict.slug in wanted]
    if options.newest_first:
        events.reverse()
    return EmbedContent(timeline=timeline, events=events, unplaced_claims=unplaced)


def filter_verdicts(options: EmbedOptions) -> list[Verdict]:
    """The verdicts of the filter, in scale order, for the "showing" note."""
    if not options.verdicts:
        return []
    return list(Verdict.objects.filter(slug__in=options.verdicts))

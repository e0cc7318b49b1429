"""The timelines' version stamp: the one place it is bumped, read, remembered
and forgotten.

`Timeline.content_version` (with `content_changed_at`) moves on every change
readers can see: publishing a claim, editing an event, a new verdict label.
ETags, the shared cache's keys, the CDN and open embeds polling for news all
check it, so a change that did not bump it would stay invisible to them.

- `timelines_touch` bumps it, once per transaction: the first change in a
  transaction bumps the timelines it shows on, inside that transaction (the
  new stamp commits with the content, or neither does); later changes to the
  same timelines in the same transaction add nothing. Who calls it: the
  services (`factcheck.services`, ingest, interop) and the model signals
  (`timeline.signals`, `factcheck.signals`) for saves made elsewhere.
- `timeline_stamp` reads it in one small query, remembered per process for
  `HTTP_STAMP_MEMO_SECONDS`.
- `forget_stamps` drops what this process remembers: at once when a bump is
  made here, and again when its transaction commits (a request may have read
  the old stamp in between). Other processes see it within the memo time.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from timeline.models import Timeline

T = TypeVar("T")


@dataclass(frozen=True)
class Stamp:
    """What a shared response's content depends on: `tag` changes whenever
    the content may have, `changed_at` is when it last did."""

    tag: str
    changed_at: datetime.datetime


@dataclass(frozen=True)
class TimelineStamp(Stamp):
    pk: int = 0
    language: str = ""


# --- bump -------------------------------------------------------------------

_state = threading.local()


@contextlib.contextmanager
def touches_deferred() -> Iterator[None]:
    """Within the block, model signals do not bump stamps one save at a time;
    the caller touches the timelines it changed once at the end (bulk imports)."""
    previous = getattr(_state, "deferred", False)
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = previous


def touches_are_deferred() -> bool:
    return getattr(_state, "deferred", False)


def _open_transaction(alias: str):
    """The outermost atomic block of the transaction now open on `alias`, or
    None in autocommit. A test case's own wrapping blocks stand for
    autocommit, as they do for Django's `durable` check."""
    for block in connections[alias].atomic_blocks:
        if not block._from_testcase:
            return block
    return None


def timelines_touch(*, timelines: QuerySet[Timeline]) -> None:
    """Bump the version stamp of `timelines`, once per transaction.

    The timelines are read now (a deleted row's timelines are gone after the
    delete). Within a transaction, a timeline bumped earlier in it is not
    bumped again, unless the savepoint it was bumped in has since rolled
    back: an extra bump is harmless, a missing one is not."""
    alias = router.db_for_write(Timeline)
    block = _open_transaction(alias)
    if block is None:  # autocommit: one UPDATE, nothing to remember
        _bump(timelines.using(alias).values("pk"), alias=alias)
        return
    pks = set(timelines.using(alias).values_list("pk", flat=True))
    savepoints = tuple(connections[alias].savepoint_ids)
    bumped: dict[int, tuple] = block.__dict__.setdefault("_timelines_bumped", {})
    pks = {pk for pk in pks if not _still_bumped(bumped.get(pk), savepoints)}
    if not pks:
        return
    bumped.update(dict.fromkeys(pks, savepoints))
    transaction.on_commit(forget_stamps, using=alias)
    _bump(pks, alias=alias)


def _bump(pks, *, alias: str) -> None:
    Timeline.objects.using(alias).filter(pk__in=pks).update(
        content_version=F("content_version") + 1, content_changed_at=timezone.now()
    )
    forget_stamps()


def _still_bumped(bumped_in: tuple | None, savepoints: tuple) -> bool:
    return bumped_in is not None and savepoints[: len(bumped_in)] == bumped_in


# --- read and remember --------------------------------------------------------

# Stamps read in the last HTTP_STAMP_MEMO_SECONDS, per process: a popular
# embed's conditional GETs then cost no query at all.
_memo: dict[str, tuple[float, object]] = {}
MEMO_MAX_ENTRIES = 10_000


def forget_stamps() -> None:
    _memo.clear()


def remembered(key: str, read: Callable[[], T]) -> T:
    """`read()`, or what it gave within the last HTTP_STAMP_MEMO_SECONDS in
    this process (forgotten at once when this process bumps a stamp)."""
    ttl = settings.HTTP_STAMP_MEMO_SECONDS
    if ttl > 0:
        memo = _memo.get(key)
        if memo is not None and time.monotonic() < memo[0]:
            return memo[1]  # type: ignore[return-value]
    value = read()
    if ttl > 0:
        if len(_memo) >= MEMO_MAX_ENTRIES:
            _memo.clear()
        _memo[key] = (time.monotonic() + ttl, value)
    return value


def timeline_stamp(slug: str) -> TimelineStamp | None:
    """The version stamp of a published timeline, in one small query (or
    none, when read within the last HTTP_STAMP_MEMO_SECONDS); None when
    there is no such published timeline."""
    return remembered(f"timeline:{slug}", lambda: _read_stamp(slug))


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

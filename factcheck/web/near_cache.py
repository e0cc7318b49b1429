"""Shared responses kept in this process's memory too, in front of the
shared cache (Redis).

A popular reader page or embed is asked for again and again between two
changes. Each worker keeps the rendered copies it served last, up to
`RESPONSE_MEMORY_CACHE_MB`, so most requests cost no cache round trip at
all, and a hung or lost Redis costs readers almost nothing: the copies a
worker holds go on being served. Keys hold the version stamp (see
`http_cache`), so an entry is never stale: a change makes a new key and the
old entry ages out, least recently used first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.conf import settings

# One copy may take at most this share of the budget (a 10,000-event
# timeline's JSON goes to the shared cache only).
LARGEST_SHARE = 8


class NearCache:
    """A least-recently-used map, bounded by the bytes of what it holds."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[int, Any]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def budget() -> int:
        return int(float(settings.RESPONSE_MEMORY_CACHE_MB) * 1024 * 1024)

    def get(self, key: str) -> Any | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def set(self, key: str, value: Any, *, size: int) -> None:
        budget = self.budget()
        if size > budget // LARGEST_SHARE:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[0]
            self._entries[key] = (size, value)
            self._bytes += size
            while self._bytes > budget:
                _, (dropped, _) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    @property
    def size(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)


responses = NearCache()

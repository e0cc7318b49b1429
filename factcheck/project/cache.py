"""The Redis cache, made safe to lose.

The cache only speeds pages up, so a Redis that is down or hung must cost
readers as little as possible:

- one Redis client (and its connection pool) per process and server, built
  on first use and shared by every thread, instead of a client per call;
- short connect and socket timeouts (the settings' `OPTIONS`);
- a circuit breaker: after a timeout or a refused connection the cache is
  skipped, by every thread of the process, for `CACHE_RETRY_SECONDS`, then
  tried again. Skipping reads as a miss and writes as done. The break is
  logged once, and so is the return.

`CACHES["default"]["BACKEND"] = "factcheck.project.cache.ResilientRedisCache"`.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)


class Breaker:
    """Process-wide: open (skip the cache) until `retry_at`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.retry_at = 0.0
        self.broken = False

    def is_open(self) -> bool:
        return time.monotonic() < self.retry_at

    def trip(self, error: Exception) -> None:
        seconds = float(getattr(settings, "CACHE_RETRY_SECONDS", 5))
        with self._lock:
            self.retry_at = time.monotonic() + seconds
            first = not self.broken
            self.broken = True
        if first:
            logger.warning("cache unavailable (%s): skipped for %.0f s at a time until it answers", error, seconds)

    def mend(self) -> None:
        if self.broken:
            with self._lock:
                was, self.broken = self.broken, False
            if was:
                logger.warning("cache available again")

    def reset(self) -> None:
        with self._lock:
            self.retry_at, self.broken = 0.0, False


breaker = Breaker()

_clients: dict[tuple, object] = {}
_clients_lock = threading.Lock()


class SharedClient(RedisCacheClient):
    """Django's client, with one `redis.Redis` per process and server."""

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        identity = (self._servers[index], tuple(sorted((k, repr(v)) for k, v in self._pool_options.items())))
        client = _clients.get(identity)
        if client is None:
            with _clients_lock:
                client = _clients.get(identity)
                if client is None:
                    pool = self._pool_class.from_url(self._servers[index], **self._pool_options)
                    client = _clients[identity] = self._client(connection_pool=pool)
        return client


def _guarded(name: str, fallback):
    original = getattr(RedisCache, name)

    @functools.wraps(original)
    def method(self, *args, **kwargs):
        if breaker.is_open():
            return fallback(*args, **kwargs)
        try:
            result = original(self, *args, **kwargs)
        except (self._lib.exceptions.ConnectionError, self._lib.exceptions.TimeoutError, OSError) as error:
            breaker.trip(error)
            return fallback(*args, **kwargs)
        breaker.mend()
        return result

    return method


def _default(key, default=None, *args, **kwargs):
    return kwargs.get("default", default)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient

    @property
    def _lib(self):
        import redis

        return redis

    get = _guarded("get", _default)
    get_many = _guarded("get_many", lambda *a, **k: {})
    has_key = _guarded("has_key", lambda *a, **k: False)
    set = _guarded("set", lambda *a, **k: None)
    set_many = _guarded("set_many", lambda *a, **k: [])
    add = _guarded("add", lambda *a, **k: False)
    touch = _guarded("touch", lambda *a, **k: False)
    delete = _guarded("delete", lambda *a, **k: False)
    delete_many = _guarded("delete_many", lambda *a, **k: None)

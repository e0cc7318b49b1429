"""A hung or dead Redis costs a page one short timeout, then nothing until it
is tried again; one Redis client serves every thread of a process. Against a
real redis-server of the test's own on a loopback port, stopped with SIGSTOP
(hung: connections open, no answer) or shut down (refused)."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

import pytest
from django.core.cache import caches

from factcheck.project.cache import breaker
from tests.deploy.services import Redis, free_port


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = Redis(tmp_path_factory.mktemp("redis"), free_port(0))
    server.start()
    yield server
    server.ensure_running()
    server.stop()


@pytest.fixture
def cache(redis_server, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "factcheck.project.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.CACHE_RETRY_SECONDS = 0.5
    breaker.reset()
    yield caches["default"]
    breaker.reset()


def redis_pid(server: Redis) -> int:
    return int((server.root / "redis.pid").read_text())


def timed(call) -> tuple[object, float]:
    start = time.monotonic()
    value = call()
    return value, time.monotonic() - start


def test_a_hung_redis_costs_one_short_wait_then_is_skipped_until_tried_again(cache, redis_server, caplog):
    cache.set("page", "body")
    os.kill(redis_pid(redis_server), signal.SIGSTOP)
    try:
        with caplog.at_level(logging.WARNING, logger="factcheck.project.cache"):
            value, first = timed(lambda: cache.get("page", "miss"))
            assert value == "miss" and first < 0.5
            _, skipped = timed(lambda: [cache.get("page") or cache.set("page", "new") for _ in range(50)])
            assert skipped < 0.05  # no request waits while the breaker is open
    finally:
        os.kill(redis_pid(redis_server), signal.SIGCONT)
    messages = [record.getMessage() for record in caplog.records]
    assert len([m for m in messages if "cache unavailable" in m]) == 1  # logged once, not per request
    time.sleep(0.6)  # CACHE_RETRY_SECONDS
    with caplog.at_level(logging.WARNING, logger="factcheck.project.cache"):
        assert cache.get("page") == "body"  # tried again, and used again
    assert any("cache available again" in record.getMessage() for record in caplog.records)


def test_a_refused_connection_is_skipped_the_same_way(cache, redis_server):
    redis_server.stop()
    try:
        assert timed(lambda: cache.get("page", "miss"))[0] == "miss"
        assert timed(lambda: [cache.set("page", "x") for _ in range(50)])[1] < 0.05
    finally:
        redis_server.start()


def test_every_thread_of_a_process_shares_one_redis_client(cache):
    clients = []

    def fetch():
        backend = caches["default"]  # a backend per thread, as Django makes them
        clients.append(backend._cache.get_client())

    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fetch()
    assert len({id(client) for client in clients}) == 1

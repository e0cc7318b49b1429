"""Outages in the middle of a load run, on the site's own PostgreSQL and
Redis (never the machine's shared ones): see `scenarios`. Each test puts
the service back even when it fails. Shortened here; `make bench` runs
them for 60 s each with the figures."""

import pytest

from .scenarios import postgres_restarted, redis_hung, redis_stopped

pytestmark = pytest.mark.serving


def test_with_redis_stopped_every_page_keeps_answering_uncached_and_redis_is_used_again_once_back(stack, figures):
    run = redis_stopped(stack, seconds=12, stop_at=3, down_for=5, tag="test-redis")
    figures(run.lines)
    assert not run.problems, "\n".join(run.problems)


def test_with_redis_hung_pages_wait_one_short_timeout_then_skip_the_cache_and_throughput_holds(stack, figures):
    run = redis_hung(stack, seconds=14, stop_at=3, hung_for=10, tag="test-redis-hung")
    figures(run.lines)
    assert not run.problems, "\n".join(run.problems)


def test_postgres_restarted_readers_and_editors_get_the_styled_503_then_the_site_recovers_by_itself_and_no_save_is_lost(
    stack, figures
):
    run = postgres_restarted(stack, seconds=16, stop_at=4, down_for=3, tag="test-postgres")
    figures(run.lines)
    assert not run.problems, "\n".join(run.problems)

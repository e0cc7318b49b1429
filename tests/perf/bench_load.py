"""Load and outage figures (`make bench`): the runs of `tests/deploy/scenarios`
at full length (LOAD_SECONDS, 60 s each), on a stack of their own (`make
serve`: gunicorn 2 workers, PostgreSQL, Redis, all on 127.0.0.1; the
machine's shared PostgreSQL and Redis are never touched).

Also: Redis hung (SIGSTOP) for a third of a run, and slow connections held
open through the documented nginx (50).

Per endpoint: requests per second, p50, p99, worst; errors (goal: none);
409 conflicts counted apart; rows lost (goal: zero). The baseline is
/healthz in the same mix (a view with one `SELECT 1`): its p50 is the time a
request waits for a worker on this 2-core machine, and each page's p50 is
printed as a ratio to it. Outages: how long clients saw 503s, the slowest
503, and how soon after PostgreSQL's return the site answered normally.
"""

from __future__ import annotations

import os

import pytest

from tests.deploy.load import percentile
from tests.deploy.nginx import Nginx
from tests.deploy.scenarios import postgres_restarted, redis_hung, redis_stopped, steady_load
from tests.deploy.slow_clients import SlowClients, probe, summary
from tests.deploy.services import serving_stack

SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))


@pytest.fixture(scope="module")
def stack():
    with serving_stack(needs="Not measured: the load benchmark needs") as running:
        yield running


def test_load_readers_and_editors(stack, report):
    run = steady_load(stack, seconds=SECONDS, tag="bench")
    for line in run.lines:
        report(line)
    base = percentile([r.ms for r in run.result.by_name["healthz"]], 0.5)
    report(f"  p50 as a ratio to the baseline (/healthz p50 {base:.0f} ms, the wait for a worker):")
    for name, rows in run.result.by_name.items():
        if name != "healthz":
            report(f"    {name:<22} {percentile([r.ms for r in rows], 0.5) / base:5.2f}")
    assert not run.problems, "\n".join(run.problems)


def test_redis_stopped_for_a_third_of_the_run(stack, report):
    run = redis_stopped(stack, seconds=SECONDS, stop_at=SECONDS / 3, down_for=SECONDS / 3, tag="bench-redis")
    for line in run.lines:
        report(line)
    assert not run.problems, "\n".join(run.problems)


def test_postgres_restarted(stack, report):
    run = postgres_restarted(stack, seconds=SECONDS, stop_at=SECONDS / 3, down_for=5, tag="bench-postgres")
    for line in run.lines:
        report(line)
    assert not run.problems, "\n".join(run.problems)


def test_redis_hung_for_a_third_of_the_run(stack, report):
    run = redis_hung(stack, seconds=SECONDS, stop_at=SECONDS / 3, hung_for=SECONDS / 3, tag="bench-redis-hung")
    for line in run.lines:
        report(line)
    assert not run.problems, "\n".join(run.problems)


def test_slow_connections_behind_nginx(stack, report, tmp_path):
    """`/healthz` and the timeline page asked in turn for 20 s with none and
    (through docs/nginx.conf) 50 slow connections held open: their slowest
    answers, beside the same without slow clients."""
    paths = ["/healthz", "/timelines/milei-trump/"]
    for line in summary(probe(stack.site.base, paths, seconds=20), "No slow connections (baseline), gunicorn alone:"):
        report(line)
    nginx = Nginx(tmp_path, upstream_port=stack.site.port)
    nginx.start()
    try:
        for line in summary(probe(nginx.base, paths, seconds=20), "No slow connections, through nginx:"):
            report(line)
        with SlowClients(nginx.base, count=50):
            lines = summary(probe(nginx.base, paths, seconds=20), "50 slow connections, through nginx:")
        for line in lines:
            report(line)
    finally:
        nginx.stop()

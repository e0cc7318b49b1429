"""Slow clients cannot stop the site: `make serve` runs threaded workers, so
connections that trickle their headers or sit idle hold a thread each, not a
worker, and `/healthz` and the timeline page keep answering."""

import pytest

from .slow_clients import SlowClients, probe, summary

pytestmark = pytest.mark.serving

SLOWEST_SECONDS = 2.0


def test_eight_slow_connections_to_gunicorn_alone_do_not_stop_healthz(stack, figures):
    with SlowClients(stack.site.base, count=8):
        probes = probe(stack.site.base, ["/healthz", "/timelines/milei-trump/"], seconds=10)
    figures(summary(probes, "8 slow connections held 10 s against gunicorn alone (2 gthread workers × 8 threads):"))
    for item in probes:
        assert not item.failures, item.failures[:3]
        assert len(item.times) >= 10
        assert max(item.times) < SLOWEST_SECONDS

"""The cold render (nothing cached, after a publish) of a 10,000-event
timeline's embed and TimelineJS API JSON, as ratios to the seed's (13
events) in the same run, with the peak memory Python allocated for it.
The embed is paged (`EMBED_PAGE_SIZE` events a page); the API streams a
long timeline in parts."""

from __future__ import annotations

import datetime
import time
import tracemalloc

import pytest

from tests.caches import forget_shared_responses
from tests.perf.bench_timeline import event_timeline
from timeline.models import Timeline

pytestmark = pytest.mark.django_db

EVENTS = 10_000


def long_timeline() -> Timeline:
    return event_timeline(EVENTS, slug="ten-thousand", title="Ten thousand events", start=datetime.date(1900, 1, 1), days_apart=3)


def drain(response) -> int:
    """Bytes of the answer, read the way a server writes it (part by part)."""
    if response.streaming:
        return sum(len(part) for part in response.streaming_content)
    return len(response.content)


def cold(client, url: str) -> tuple[float, float, int]:
    """Seconds and peak MiB of one uncached answer, and its size."""
    forget_shared_responses()
    start = time.perf_counter()
    size = drain(client.get(url))
    seconds = time.perf_counter() - start
    forget_shared_responses()
    tracemalloc.start()
    drain(client.get(url))
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, size


def test_cold_render_of_a_ten_thousand_event_timeline(client, seeded, report):
    long_timeline()
    for url in ("/embed/timelines/milei-trump/", "/api/timelines/milei-trump.json"):
        client.get(url)  # templates compiled, code warm
    report(f"Cold render (nothing cached), {EVENTS:,} events against the seed's 13, same run:")
    for name, seed_url, long_url in (
        ("embed (first page)", "/embed/timelines/milei-trump/", "/embed/timelines/ten-thousand/"),
        ("TimelineJS API JSON (streamed)", "/api/timelines/milei-trump.json", "/api/timelines/ten-thousand.json"),
    ):
        base = min(cold(client, seed_url)[0] for _ in range(3))
        seconds, peak, size = cold(client, long_url)
        report(
            f"  {name:<32} {seconds / base:6.1f} × the seed's time ({seconds * 1000:.0f} ms vs {base * 1000:.0f} ms), "
            f"peak {peak:.1f} MiB allocated, {size / 1e6:.2f} MB"
        )

"""Reader pages at cache speed (`make bench`): the timeline page and a
claim page under gunicorn, full 200 responses and 304s to conditional
GETs, each as a ratio to the bare Django view on the same stack in the same
run (rounds interleaved, median of the per-round ratios). Goals: pages at
least 0.5 of the bare view's requests per second, their 304s at least 0.8.

Same environment as bench_embed.py (BENCH_DATABASE_URL, REDIS_URL,
BENCH_SECONDS, BENCH_ROUNDS); needs wrk."""

from __future__ import annotations

import os
import shutil
import statistics

import pytest

from tests.perf.bench_embed import BARE, BASE, ROUNDS, SECONDS, server, status_of, wrk  # noqa: F401  (the server fixture)

PAGES = {
    "timeline page": f"{BASE}/timelines/milei-trump/",
    "timeline page, a search": f"{BASE}/timelines/milei-trump/?q=IMF",
    "claim page": f"{BASE}/claims/1/",
}


def test_reader_pages_throughput_against_a_bare_view(server):
    if shutil.which("wrk") is None:
        pytest.fail("wrk is not installed, so the throughput was NOT measured: `apt-get install -y wrk`.")
    etags = {}
    for name, url in PAGES.items():
        status, headers = status_of(url)
        assert status == 200, (name, status)
        etags[name] = headers["ETag"]
        assert status_of(url, ("If-None-Match", headers["ETag"]))[0] == 304
        wrk(url)  # warm the workers and the response cache
    wrk(BARE)
    results: dict[str, list[float]] = {"bare": []}
    for _ in range(ROUNDS):
        results["bare"].append(wrk(BARE))
        for name, url in PAGES.items():
            results.setdefault(name, []).append(wrk(url))
            results.setdefault(f"{name}, 304", []).append(wrk(url, f"If-None-Match: {etags[name]}"))
    print()
    print(f"Reader pages, gunicorn 2 workers, wrk -t2 -c8, {ROUNDS} rounds × {SECONDS}s, req/s (ratio to the bare view):")
    print(f"  bare Django view (baseline): {statistics.median(results['bare']):6.0f}")
    for kind, values in results.items():
        if kind == "bare":
            continue
        ratio = statistics.median(value / base for value, base in zip(values, results["bare"]))
        goal = 0.8 if kind.endswith("304") else 0.5
        print(f"  {kind:<32} {statistics.median(values):6.0f}  ratio {ratio:.2f} (goal >= {goal})")
    print(f"  database: {'PostgreSQL' if 'postgres' in os.environ.get('BENCH_DATABASE_URL', '') else 'SQLite'}, "
          f"cache: {'Redis' if os.environ.get('REDIS_URL') else 'local memory (per worker)'}")

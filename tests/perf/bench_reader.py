"""The reader's timeline, measured (`make bench`; not part of `make test`).

1. First view of the seed timeline: every response Chromium gets from us
   (HTML, CSS, JavaScript, the icon), gzipped, beside TimelineJS 3.9's own
   script and stylesheet (installed from npm by `make bench`, gzipped the
   same way, before any timeline data).
2. Server time, p50 of repeated requests in this process, as a ratio to the
   seed page measured in the same run; and each view's query count.
"""

import gzip
import statistics
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import make_long_timeline

TIMELINEJS = Path(__file__).parent / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
BUDGET = 25_000  # bytes, gzipped, everything of the first view
SEED = "/timelines/milei-trump/"


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def test_first_view_weight(seeded_live_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r) if r.url.startswith(seeded_live_server.url) else None)
    page.goto(seeded_live_server.url + SEED, wait_until="networkidle")
    rows = []
    for response in responses:
        body = response.body()
        kind = response.headers.get("content-type", "").split(";")[0]
        rows.append((response.url.removeprefix(seeded_live_server.url), kind, len(body), gzipped(body)))
    context.close()

    print("\n\nFirst view of the seed timeline (375 px), gzip -9 of each response")
    print(f"{'resource':58} {'type':24} {'bytes':>8} {'gzip':>7}")
    for url, kind, raw, packed in rows:
        print(f"{url[:58]:58} {kind:24} {raw:8d} {packed:7d}")
    text_total = sum(packed for _, kind, _, packed in rows if kind in {"text/html", "text/css", "text/javascript"})
    total = sum(packed for *_, packed in rows)
    print(f"HTML + CSS + JS: {text_total} bytes gzipped ({text_total / 1024:.1f} KiB); with the icon: {total} bytes")
    if TIMELINEJS.is_dir():
        tljs = gzipped((TIMELINEJS / "js" / "timeline.js").read_bytes()) + gzipped(
            (TIMELINEJS / "css" / "timeline.css").read_bytes()
        )
        print(
            f"TimelineJS 3.9.11 script + stylesheet alone: {tljs} bytes gzipped ({tljs / 1024:.1f} KiB);"
            f" ours is {text_total / tljs:.2f} of it"
        )
    else:
        print("TimelineJS not installed (make bench installs it): its script and stylesheet are about 76 KB gzipped")
    assert text_total <= BUDGET, f"the first view weighs {text_total} bytes gzipped, over {BUDGET}"


def p50(client: Client, url: str, runs: int, **headers) -> tuple[float, int, int]:
    """Median seconds per request, the query count and the response size."""
    for _ in range(3):
        client.get(url, **headers)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, **headers)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return statistics.median(timings), len(queries), len(response.content)


@pytest.mark.django_db
def test_server_time(seeded, settings):
    settings.DEBUG = False
    make_long_timeline(10_000, slug="ten-thousand", first_year=1990, years=35)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live database
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "timeline-results"}
    cases = [
        ("seed timeline page (baseline)", SEED, {}),
        ("seed, filtered HTMX fragment (q=inauguration, verdict=accurate)", SEED + "?q=inauguration&verdict=accurate", htmx),
        ("seed, one event's details (HTMX)", SEED + "?open=5", {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "event-5"}),
        ("10,000 events: first page", "/timelines/ten-thousand/", {}),
        ("10,000 events: page 250 (HTMX, next page)", "/timelines/ten-thousand/?page=250", {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "more-events"}),
        ("10,000 events: search 'event 0999' (HTMX)", "/timelines/ten-thousand/?q=event+0999", htmx),
        ("10,000 events: verdict=false, 2000-2010 (HTMX)", "/timelines/ten-thousand/?verdict=false&from=2000&to=2010", htmx),
    ]
    results = [(name, *p50(client, url, 25, **headers)) for name, url, headers in cases]
    baseline = results[0][1]
    print(f"\n\nServer time, p50 of 25 requests ({connection.vendor}); ratio to the seed page")
    print(f"{'view':66} {'p50 ms':>8} {'ratio':>6} {'queries':>8} {'bytes':>8}")
    for name, seconds, queries, size in results:
        print(f"{name:66} {seconds * 1000:8.1f} {seconds / baseline:6.2f} {queries:8d} {size:8d}")

"""Embed benchmarks (`make bench`), each figure beside its baseline measured
in the same run.

1. Throughput under gunicorn (2 threaded workers, as `make serve`) with wrk as the load generator
   in a second process, all on 127.0.0.1: full embed responses and 304
   answers to conditional GETs, each as a ratio to a bare Django view that
   returns a fixed string on the same stack. Goals: >= 0.6 and >= 0.8.
2. Time until the first event is visible in headless Chromium, on a page of
   another origin: our embed (the pasted snippet) versus TimelineJS rendering
   the same events from our JSON, both served locally, cold caches.
   Goal: ours in at most a third of TimelineJS's time.

Environment: BENCH_DATABASE_URL (default: a fresh SQLite file), REDIS_URL
(optional shared cache for the two workers), BENCH_SECONDS (per wrk run).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORT = 8050
HOST_PORT = 8051
BASE = f"http://127.0.0.1:{PORT}"
EMBED = f"{BASE}/embed/timelines/milei-trump/"
BARE = f"{BASE}/bench/bare/"
SIZED = f"{BASE}/bench/bare-sized/"
SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
JS_DEPS = ROOT / "tests" / "perf" / "node_modules"  # TimelineJS, installed by `make bench`
EMBED_BYTES = 19648  # the seed embed's size, its stylesheet inline; checked below
SERVER_ENV: dict[str, str] = {}


def bench_env(db_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.perf.bench_settings",
        DJANGO_SECRET_KEY="bench-only-secret-key",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",  # plain HTTP on 127.0.0.1: no redirect to https
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db_path}"),
        DJANGO_LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
        BENCH_SIZED_BYTES=str(EMBED_BYTES),
    )
    return env


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@pytest.fixture(scope="module")
def server():
    """gunicorn, 2 workers, serving the seed on 127.0.0.1:8050."""
    python = sys.executable
    tmp = Path(tempfile.mkdtemp(prefix="bench-embed-"))
    env = bench_env(tmp / "bench.sqlite3")
    SERVER_ENV.update(env)
    for command in (["migrate", "--noinput"], ["load_seeds"], ["collectstatic", "--noinput"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    # As `make serve` runs it (factcheck/project/gunicorn.conf.py), 2 workers.
    env.update(WEB_CONCURRENCY="2", BIND=f"127.0.0.1:{PORT}", GUNICORN_ACCESS_LOG="")
    gunicorn = [python, "-m", "gunicorn", "-c", "factcheck/project/gunicorn.conf.py", "--log-level", "warning"]
    process = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(f"{BASE}/healthz")
        yield BASE
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def wrk(url: str, *headers: str) -> float:
    command = ["wrk", "-t2", "-c8", f"-d{SECONDS}s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    assert not errors, output
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def status_of(url: str, *headers: tuple[str, str]) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers=dict(headers))
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_embed_throughput_against_a_bare_view(server):
    if shutil.which("wrk") is None:
        pytest.fail("wrk is not installed, so the throughput was NOT measured: `apt-get install -y wrk` and run `make bench` again.")
    status, headers = status_of(EMBED)
    assert status == 200
    etag = headers["ETag"]
    size = int(headers["Content-Length"])
    assert abs(size - EMBED_BYTES) < 500, f"update EMBED_BYTES to {size}"
    assert status_of(EMBED, ("If-None-Match", etag))[0] == 304
    assert status_of(BARE)[0] == 200

    for url in (BARE, EMBED, SIZED):  # warm the workers and the response cache
        wrk(url)
    results: dict[str, list[float]] = {"bare": [], "sized": [], "full": [], "304": []}
    for _ in range(ROUNDS):  # interleaved, so background load hits all alike
        results["bare"].append(wrk(BARE))
        results["full"].append(wrk(EMBED))
        results["304"].append(wrk(EMBED, f"If-None-Match: {etag}"))
        results["sized"].append(wrk(SIZED))
    # Each round's ratio against the baseline run just before it, then the
    # median: this machine's other load moves all runs of a round together.
    ratio = {
        kind: statistics.median(value / base for value, base in zip(results[kind], results["bare"]))
        for kind in ("full", "304", "sized")
    }
    median = {kind: statistics.median(values) for kind, values in results.items()}
    runs = {kind: [round(v) for v in values] for kind, values in results.items()}
    print()
    print(f"Embed throughput, gunicorn 2 gthread workers, wrk -t2 -c8 on the same 2 cores, {ROUNDS} rounds × {SECONDS}s, req/s:")
    print(f"  bare Django view, fixed 2-byte string (baseline): {median['bare']:6.0f}  runs {runs['bare']}")
    print(f"  embed, full 200 response ({size} bytes):          {median['full']:6.0f}  runs {runs['full']}  ratio {ratio['full']:.2f} (goal >= 0.6)")
    print(f"  embed, 304 Not Modified:                         {median['304']:6.0f}  runs {runs['304']}  ratio {ratio['304']:.2f} (goal >= 0.8)")
    print(f"  for scale: bare view, fixed {size}-byte string:   {median['sized']:6.0f}  runs {runs['sized']}  ratio {ratio['sized']:.2f}")
    print(f"  database: {'PostgreSQL' if 'postgres' in os.environ.get('BENCH_DATABASE_URL', '') else 'SQLite'}, "
          f"cache: {'Redis' if os.environ.get('REDIS_URL') else 'local memory (per worker)'}")


def test_the_same_requests_in_process_without_server_or_network(server):
    """A steadier view of the Django side alone: the WSGI application called
    in-process, minimum of 40 batches of 100 requests each."""
    env = bench_env(Path(tempfile.gettempdir()) / "unused.sqlite3")
    env["DATABASE_URL"] = SERVER_ENV["DATABASE_URL"]
    output = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("wsgi_timing.py"))], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    bare, full, not_modified = (float(x) for x in output)
    print()
    print("The same, WSGI application called in-process (no gunicorn, no network, no wrk), best of 40×100, µs per request:")
    print(f"  bare view {bare:.0f} µs; full embed {full:.0f} µs, ratio {bare / full:.2f} (goal >= 0.6); "
          f"304 {not_modified:.0f} µs, ratio {bare / not_modified:.2f} (goal >= 0.8)")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


FIRST_VISIBLE = """
(() => {
  const selector = %r;
  function visible(el) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight &&
      style.visibility !== "hidden" && Number(style.opacity) > 0;
  }
  function check() {
    const el = document.querySelector(selector);
    if (el && visible(el)) { window.__firstEventAt = performance.timeOrigin + performance.now(); return; }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
})();
"""

OURS_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>ours</title></head><body>
<h1>An article</h1>
<div data-claim-timeline="{embed}" data-title="Milei and Trump: a timeline"></div>
<script async src="{base}/embed.js"></script>
</body></html>"""

TIMELINEJS_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>timelinejs</title>
<link rel="stylesheet" href="js/@knight-lab/timelinejs/dist/css/timeline.css">
<style>#timeline-embed {{ width: 100%; height: 640px; }}</style></head><body>
<h1>An article</h1>
<div id="timeline-embed" data-src="{api}"></div>
<script src="js/@knight-lab/timelinejs/dist/js/timeline.js"></script>
<script src="host.js"></script>
</body></html>"""

TIMELINEJS_HOST = """
var slot = document.getElementById("timeline-embed");
new TL.Timeline("timeline-embed", slot.dataset.src, {
  script_path: new URL("js/@knight-lab/timelinejs/dist/js/", location.href).href, hash_bookmark: false
});
"""


def test_time_until_the_first_event_is_visible_ours_against_timelinejs(server, browser):
    if not (JS_DEPS / "@knight-lab" / "timelinejs" / "dist" / "js" / "timeline.js").is_file():
        pytest.fail("TimelineJS is not installed (`make bench` installs it), so the comparison was NOT measured.")

    root = Path(tempfile.mkdtemp(prefix="bench-host-"))
    (root / "js").symlink_to(JS_DEPS, target_is_directory=True)
    (root / "ours.html").write_text(OURS_PAGE.format(embed=EMBED, base=BASE))
    (root / "timelinejs.html").write_text(TIMELINEJS_PAGE.format(api=f"{BASE}/api/timelines/milei-trump.json"))
    (root / "host.js").write_text(TIMELINEJS_HOST)
    host = ThreadingHTTPServer(("127.0.0.1", HOST_PORT), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=host.serve_forever, daemon=True).start()
    pages = {
        "ours": (f"http://127.0.0.1:{HOST_PORT}/ours.html", "li.event"),
        # TimelineJS opens on its title slide; the earliest an event shows is
        # its marker on the time axis.
        "timelinejs": (f"http://127.0.0.1:{HOST_PORT}/timelinejs.html", ".tl-timemarker .tl-timemarker-content-container"),
    }
    times: dict[str, list[float]] = {"ours": [], "timelinejs": []}
    try:
        for run in range(8):
            for kind, (url, selector) in pages.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900})  # cold cache
                context.add_init_script(FIRST_VISIBLE % selector)
                page = context.new_page()
                page.goto(url)
                deadline = time.monotonic() + 20
                at = None
                while at is None and time.monotonic() < deadline:
                    for frame in page.frames:
                        try:
                            at = frame.evaluate("window.__firstEventAt || null")
                        except Exception:
                            at = None
                        if at:
                            break
                    else:
                        page.wait_for_timeout(20)
                assert at, f"{kind}: no event became visible"
                start = page.evaluate("performance.timeOrigin")
                if run > 0:  # the first round warms the servers
                    times[kind].append(at - start)
                context.close()
    finally:
        host.shutdown()
        host.server_close()
        shutil.rmtree(root, ignore_errors=True)
    ours, theirs = statistics.median(times["ours"]), statistics.median(times["timelinejs"])
    print()
    print("Time until the first event is visible, headless Chromium, page on another origin, cold cache, median of 7:")
    print(f"  TimelineJS 3.9.11 with our JSON (baseline): {theirs:7.0f} ms   runs {[round(t) for t in times['timelinejs']]}")
    print(f"  our embed (pasted snippet):                 {ours:7.0f} ms   runs {[round(t) for t in times['ours']]}")
    print(f"  ratio ours/TimelineJS: {ours / theirs:.2f} (goal <= 0.33)")

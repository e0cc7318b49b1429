"""Slow clients cannot stop the site. Behind nginx, run from the documented
block (docs/nginx.conf), nginx holds the connections that trickle their
headers or sit idle, and gunicorn sees only whole requests. Without nginx,
gunicorn's threaded workers give a slow client one thread, not a worker, so
a few of them leave the site answering too. Meanwhile `/healthz` and the
timeline page keep answering."""

import gzip
import re
import statistics
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from .nginx import Nginx
from .slow_clients import SlowClients, probe, summary

pytestmark = pytest.mark.serving

SLOWEST_SECONDS = 2.0


@pytest.fixture(scope="module")
def nginx(stack, tmp_path_factory):
    server = Nginx(tmp_path_factory.mktemp("nginx"), upstream_port=stack.site.port)
    server.start()
    yield server
    server.stop()


PATHS = ["/healthz", "/timelines/milei-trump/"]
HOLD_SECONDS = 20


def test_slow_connections_stop_neither_the_documented_nginx_nor_gunicorn_alone(nginx, stack, figures):
    """Both at once, for 20 s: 50 slow connections to nginx in front of
    gunicorn, and 8 more straight to gunicorn (no nginx). One test, not
    two after each other: the same checks, 12 s less of CI."""
    with SlowClients(nginx.base, count=50), SlowClients(stack.site.base, count=8), ThreadPoolExecutor(2) as pool:
        through_nginx = pool.submit(probe, nginx.base, PATHS, seconds=HOLD_SECONDS)
        gunicorn_alone = pool.submit(probe, stack.site.base, PATHS, seconds=HOLD_SECONDS)
        behind, alone = through_nginx.result(), gunicorn_alone.result()
    figures(summary(behind, f"50 slow connections held {HOLD_SECONDS} s against nginx (docs/nginx.conf) in front "
                            "of gunicorn, with 8 more straight to gunicorn:"))
    figures(summary(alone, f"8 slow connections held {HOLD_SECONDS} s against gunicorn alone (no nginx; "
                           "2 gthread workers), with 50 more to nginx:"))
    for item in behind:
        assert not item.failures, item.failures[:3]
        assert len(item.times) >= 20
        assert max(item.times) < SLOWEST_SECONDS
    for item in alone:
        # Never stopped: every probe answered within its 5 s timeout, and
        # most at once. (With 2 sync workers none is answered. With 8 threads
        # a worker, a worker handed all 8 sockets, each holding a thread from
        # its first byte, stopped: one CI run saw /healthz take 4.5 s, one
        # time out; 16 threads leave it free ones. nginx in front, as
        # documented, is held to SLOWEST_SECONDS throughout.)
        assert not item.failures, item.failures[:3]
        assert len(item.times) >= 20
        assert statistics.median(item.times) < 0.1


def test_the_documented_nginx_compresses_pages_and_serves_static_files(nginx):
    request = urllib.request.Request(nginx.base + "/timelines/milei-trump/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        assert response.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response.headers["Vary"]
    assert b"milei" in gzip.decompress(body).lower()
    page = gzip.decompress(body).decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', page).group(1)
    with urllib.request.urlopen(nginx.base + stylesheet, timeout=10) as response:
        assert response.status == 200
        assert "immutable" in response.headers["Cache-Control"]

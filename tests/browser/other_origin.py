"""A newsroom's page on another origin, for the embed and TimelineJS tests.

`other_origin` serves a temporary folder over HTTP from 127.0.0.1 on a free
port (the live server is http://localhost:PORT: another origin), with the
test JavaScript (TimelineJS, Pym.js; tests/browser/package.json, installed
by `make test`) under /js/.

Import the fixtures into a test module: `from .other_origin import js_deps, other_origin  # noqa: F401`.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

JS_DEPS = Path(__file__).parent / "node_modules"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class OtherOrigin:
    def __init__(self, root: Path, url: str):
        self.root = root
        self.url = url

    def write(self, name: str, content: str) -> str:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        return f"{self.url}/{name}"


@pytest.fixture
def other_origin():
    root = Path(tempfile.mkdtemp(prefix="other-origin-"))
    if JS_DEPS.is_dir():
        (root / "js").symlink_to(JS_DEPS, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield OtherOrigin(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def js_deps() -> Path:
    """The test JavaScript of tests/browser/package.json (npm ci by `make test`)."""
    wanted = [
        JS_DEPS / "@knight-lab" / "timelinejs" / "dist" / "js" / "timeline.js",
        JS_DEPS / "pym.js" / "dist" / "pym.v1.min.js",
    ]
    missing = [str(path.relative_to(JS_DEPS.parent)) for path in wanted if not path.is_file()]
    if missing:
        message = (
            f"Test JavaScript missing ({', '.join(missing)}): run `make test` "
            "(npm ci --prefix tests/browser)."
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return JS_DEPS

"""Per-request time of the bare view, the full embed and a 304, with the
WSGI application called in-process (no server, no network, no load
generator): the minimum over many batches, so other load on the machine
matters less. Run by bench_embed in a subprocess with the bench settings;
prints one line: bare_us full_us not_modified_us."""

import io
import sys
import time

import django

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402

app = WSGIHandler()


def call(path: str, **headers) -> tuple[str, dict]:
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8050", "HTTP_HOST": "127.0.0.1:8050", "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr, **headers,
    }
    seen = {}

    def start_response(status, response_headers):
        seen["status"], seen["headers"] = status, dict(response_headers)

    b"".join(app(environ, start_response))
    return seen["status"], seen["headers"]


EMBED = "/embed/timelines/milei-trump/"
status, headers = call(EMBED)
assert status.startswith("200"), status
etag = headers["ETag"]
assert call(EMBED, HTTP_IF_NONE_MATCH=etag)[0].startswith("304")
kinds = {"bare": ("/bench/bare/", {}), "full": (EMBED, {}), "304": (EMBED, {"HTTP_IF_NONE_MATCH": etag})}
best = {kind: float("inf") for kind in kinds}
for _ in range(40):
    for kind, (path, extra) in kinds.items():
        start = time.perf_counter()
        for _ in range(100):
            call(path, **extra)
        best[kind] = min(best[kind], (time.perf_counter() - start) / 100 * 1e6)
print(f"{best['bare']:.1f} {best['full']:.1f} {best['304']:.1f}")

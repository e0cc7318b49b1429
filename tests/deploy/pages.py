"""Every kind of page, as a reader and as an editor meet them, with the
answer each must give: walked while the cache (Redis) is down, in-process
with Django's test client (`test_cache_outage.py`) and over HTTP against
gunicorn while the real Redis is stopped (`test_outages.py`).

A client here is anything with `get(path, headers) -> Answer` and
`post(path, data, headers) -> Answer` that keeps its cookies and does not
follow redirects.
"""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from tests.html import form_fields

SLUG = "milei-trump"
STYLESHEET = re.compile(r'<link rel="stylesheet" href="(/static/css/site\.[0-9a-f]+\.css)"')
CSRF_HEADER = re.compile(r"data-hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'")


@dataclass
class Answer:
    status: int
    text: str


class HttpClient:
    """A browser over plain HTTP: cookies kept, redirects not followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect)

    def _open(self, request) -> Answer:
        try:
            with self.opener.open(request, timeout=30) as response:
                return Answer(response.status, response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode("utf-8", "replace"))

    def get(self, path: str, headers: dict | None = None) -> Answer:
        return self._open(urllib.request.Request(self.base + path, headers=headers or {}))

    def post(self, path: str, data: dict, headers: dict | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode()
        headers = {"Referer": self.base + path, **(headers or {})}
        return self._open(urllib.request.Request(self.base + path, data=body, headers=headers))


class DjangoClient:
    """The same over Django's test client, in this process."""

    def __init__(self, client, base: str = "http://testserver"):
        self.client = client
        self.base = base

    def get(self, path: str, headers: dict | None = None) -> Answer:
        response = self.client.get(path, headers=headers or {})
        return Answer(response.status_code, _text(response))

    def post(self, path: str, data: dict, headers: dict | None = None) -> Answer:
        response = self.client.post(path, data, headers=headers or {})
        return Answer(response.status_code, _text(response))


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def walk(client, *, username: str, password: str, claim: int, token: str) -> list[tuple[str, int, int]]:
    """Visit every kind of page; (what, expected status, status got) for each.

    Signs in through the sign-in form, opens the desk, saves a rationale on
    `claim` (the history note is `token`), and signs out. The account must be
    an editor with access to the admin."""
    seen: list[tuple[str, int, int]] = []

    def check(what: str, expected: int, answer: Answer) -> Answer:
        seen.append((what, expected, answer.status))
        return answer

    def get(path: str, expected: int = 200, headers=None) -> Answer:
        return check(f"GET {path}", expected, client.get(path, headers))

    timeline = get(f"/timelines/{SLUG}/")
    get("/")
    get(f"/timelines/{SLUG}/?q=Trump&verdict=accurate")
    get(f"/timelines/{SLUG}/?from=2024&to=2025", headers={"HX-Request": "true", "HX-Target": "timeline-results"})
    get(f"/timelines/{SLUG}/?verdict=no-such-verdict")
    get(f"/claims/{claim}/")
    get("/claims/999999/", 404)
    get("/timelines/no-such-timeline/", 404)
    get(f"/embed/timelines/{SLUG}/")
    get(f"/embed/timelines/{SLUG}/?theme=dark&order=newest&lang=es")
    get(f"/embed/timelines/{SLUG}/?theme=plaid", 400)
    get(f"/embed/timelines/{SLUG}/code/")
    get("/embed.js")
    get(f"/api/timelines/{SLUG}.json")
    get(f"/api/timelines/{SLUG}.json?lang=es")
    get("/oembed/?" + urllib.parse.urlencode({"url": f"{client.base}/timelines/{SLUG}/", "format": "json"}))
    get("/feeds/verdicts/")
    get("/healthz")
    stylesheet = STYLESHEET.search(timeline.text)
    check("the timeline page links its stylesheet", 1, Answer(1 if stylesheet else 0, ""))
    if stylesheet:
        get(stylesheet.group(1))
    check("POST /i18n/setlang/", 302, client.post("/i18n/setlang/", {"language": "es", "next": "/"}))
    check("POST /i18n/setlang/ back", 302, client.post("/i18n/setlang/", {"language": "en", "next": "/"}))

    login = get("/accounts/login/")
    fields = form_fields(login.text, action="/accounts/login/")
    fields.update(username=username, password=password, next="/editor/")
    check("POST /accounts/login/", 302, client.post("/accounts/login/", fields))
    get("/editor/")
    get("/editor/?verdict=accurate&published=yes&q=Trump")
    page = get(f"/editor/claims/{claim}/")
    form = form_fields(page.text, form_id=f"claim-{claim}-form")
    form[f"claim-{claim}-rationale"] = f"Checked again while the cache was down ({token})."
    form[f"claim-{claim}-note"] = token
    csrf = CSRF_HEADER.search(page.text).group(1)
    saved = client.post(f"/editor/claims/{claim}/status/", form, {"HX-Request": "true", "X-CSRFToken": csrf})
    check(f"POST /editor/claims/{claim}/status/", 200, saved)
    get("/editor/ingest/")
    get("/admin/")
    get("/admin/factcheck/claim/")
    get(f"/admin/factcheck/claim/{claim}/change/")
    logout = form_fields(get("/editor/").text, action="/accounts/logout/")
    check("POST /accounts/logout/", 302, client.post("/accounts/logout/", logout))
    get("/editor/", 302)
    return seen


def failures(seen: list[tuple[str, int, int]]) -> list[str]:
    return [f"{what}: expected {expected}, got {got}" for what, expected, got in seen if got != expected]

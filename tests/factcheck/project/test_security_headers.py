"""The Content-Security-Policy: every kind of response carries the one
policy (everything from this site only; no inline script or style, no eval),
the embed pages replace only its frame-ancestors, and no page holds
anything the policy would refuse (inline script or style, event-handler
attributes, a `javascript:` URL, htmx left free to inject a <style> or run
scripts). What a browser makes of it is tests/browser/test_csp.py."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from django.test import Client

from factcheck.models import Claim, VerdictChange
from factcheck.web.storage import inline_stylesheet
from tests.csp import directives, sha256_source
from tests.editors import make_editor, make_reader
from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.embeds.options import EMBED_STYLESHEET
from timeline.models import Article, Event, Timeline

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def embed_policy(frame_ancestors: list[str]) -> dict[str, list[str]]:
    """The embed's: framable, and its stylesheet inline (one round trip
    fewer inside the newsroom's page), allowed by its hash. Read once the
    test session has collected the static files."""
    style = inline_stylesheet(EMBED_STYLESHEET)[1]
    return {**POLICY, "style-src": ["'self'", style], "frame-ancestors": frame_ancestors}
HTMX = {"HX-Request": "true"}
TIMELINE = "/timelines/milei-trump/"
EMBED = "/embed/timelines/milei-trump/"
ARTICLE = (
    "Buenos Aires, 12 March 2025. The president met the governors on 3 February 2025, "
    "his spokesman said. \"Inflation fell to 2.2% in January,\" the minister said on Monday."
)


class Site:
    """The clients a walk through the site needs."""

    def __init__(self):
        self.anonymous = Client(raise_request_exception=False)
        self.editor = Client()
        self.editor.force_login(make_editor("csp-staff-editor", staff=True))
        self.reader = Client()
        self.reader.force_login(make_reader("csp-reader"))

    def claim(self) -> Claim:
        return Claim.objects.filter(published=True).order_by("pk").first()

    def review_page(self):
        response = self.editor.post(
            "/editor/ingest/",
            {
                "headline": "The governors' meeting",
                "outlet": "Test Wire",
                "published_0": "2025-03-12",
                "published_1": "",
                "language": "en",
                "text": ARTICLE,
            },
        )
        assert response.status_code == 302, response.content.decode()[:1000]
        return self.editor.get(response["Location"])


@pytest.fixture
def site(seeded):
    return Site()


# Every kind of response: (what it is, how a client gets it, its status).
PAGES = {
    "home": lambda s: s.anonymous.get("/"),
    "timeline": lambda s: s.anonymous.get(TIMELINE),
    "timeline, filtered (htmx)": lambda s: s.anonymous.get(TIMELINE, {"q": "Trump"}, headers=HTMX),
    "timeline, next page (htmx)": lambda s: s.anonymous.get(TIMELINE, {"page": "2"}, headers=HTMX),
    "embed-code panel (htmx)": lambda s: s.anonymous.get(f"{EMBED}code/panel/", headers=HTMX),
    "embed code": lambda s: s.anonymous.get(f"{EMBED}code/", {"embed_theme": "dark"}),
    "claim": lambda s: s.anonymous.get(f"/claims/{s.claim().pk}/"),
    "oEmbed": lambda s: s.anonymous.get("/oembed/", {"url": f"http://testserver{TIMELINE}", "format": "json"}),
    "oEmbed error": lambda s: s.anonymous.get("/oembed/", {"url": "http://elsewhere.example/"}),
    "API": lambda s: s.anonymous.get("/api/timelines/milei-trump.json"),
    "API error": lambda s: s.anonymous.get("/api/timelines/milei-trump.json", {"lang": "xx"}),
    "embed loader": lambda s: s.anonymous.get("/embed.js"),
    "feed": lambda s: s.anonymous.get("/feeds/verdicts/"),
    "healthz": lambda s: s.anonymous.get("/healthz"),
    "sign-in": lambda s: s.anonymous.get("/accounts/login/"),
    "editor queue": lambda s: s.editor.get("/editor/"),
    "editor queue, filtered (htmx)": lambda s: s.editor.get("/editor/", {"verdict": "unverified"}, headers=HTMX),
    "editor claim": lambda s: s.editor.get(f"/editor/claims/{s.claim().pk}/"),
    "editor claim form (htmx)": lambda s: s.editor.get(f"/editor/claims/{s.claim().pk}/", {"edit": "1"}, headers=HTMX),
    "ingest": lambda s: s.editor.get("/editor/ingest/"),
    "ingest review": lambda s: s.review_page(),
    "admin sign-in": lambda s: s.anonymous.get("/admin/login/"),
    "admin index": lambda s: s.editor.get("/admin/"),
    "admin claims": lambda s: s.editor.get("/admin/factcheck/claim/"),
    "admin verdict history": lambda s: s.editor.get("/admin/factcheck/verdictchange/"),
    "admin claim": lambda s: s.editor.get(f"/admin/factcheck/claim/{s.claim().pk}/change/"),
    "admin new claim": lambda s: s.editor.get("/admin/factcheck/claim/add/"),
    "admin article": lambda s: s.editor.get(f"/admin/timeline/article/{Article.objects.first().pk}/change/"),
    "admin event": lambda s: s.editor.get(f"/admin/timeline/event/{Event.objects.first().pk}/change/"),
    "admin timeline": lambda s: s.editor.get(f"/admin/timeline/timeline/{Timeline.objects.first().pk}/change/"),
    "admin verdict change": lambda s: s.editor.get(
        f"/admin/factcheck/verdictchange/{VerdictChange.objects.first().pk}/change/"
    ),
    "admin autocomplete": lambda s: s.editor.get(
        "/admin/autocomplete/",
        {"app_label": "factcheck", "model_name": "claim", "field_name": "claimant", "term": "Milei"},
    ),
    "400": lambda s: s.anonymous.get("/", headers={"Host": "evil.example"}),
    "403, not an editor": lambda s: s.reader.get("/editor/"),
    "403, not an editor (htmx)": lambda s: s.reader.post(f"/editor/claims/{s.claim().pk}/status/", headers=HTMX),
    "403, form without its CSRF token": lambda s: Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "a", "password": "b"}
    ),
    "404": lambda s: s.anonymous.get("/no-such-page/"),
    "404, claim": lambda s: s.anonymous.get("/claims/999999/"),
    "500": lambda s: s.anonymous.get("/test-only/bug/"),
    "503": lambda s: s.anonymous.get("/test-only/database-down/"),
}
STATUS = {
    "oEmbed error": 404,
    "API error": 400,
    "400": 400,
    "403, not an editor": 403,
    "403, not an editor (htmx)": 403,
    "403, form without its CSRF token": 403,
    "404": 404,
    "404, claim": 404,
    "500": 500,
    "503": 503,
}
# The only framable responses: the embed, its error pages, and nothing else.
EMBEDS = {
    "embed": lambda s: s.anonymous.get(EMBED),
    "embed with options": lambda s: s.anonymous.get(EMBED, {"theme": "dark", "order": "newest", "lang": "es"}),
    "embed, from the shared cache": lambda s: (s.anonymous.get(EMBED), s.anonymous.get(EMBED))[1],
    "embed error 400": lambda s: s.anonymous.get(EMBED, {"theme": "neon"}),
    "embed error 404": lambda s: s.anonymous.get("/embed/timelines/no-such-timeline/"),
}
EMBED_STATUS = {"embed error 400": 400, "embed error 404": 404}


class PageScan(HTMLParser):
    """What in a page a strict policy would refuse, and its htmx set-up."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refused: list[str] = []
        self.styles: list[str] = []
        self.in_style = False
        self.loads_htmx = False
        self.htmx_config = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.refused.append(f"<{tag} {name}=…>: an event-handler attribute")
            if name == "style":
                self.refused.append(f"<{tag} style=…>: an inline style")
            if name.startswith("hx-on") or name.startswith("data-hx-on"):
                self.refused.append(f"<{tag} {name}=…>: htmx would eval it")
            url = (value or "").strip().lower()
            if name in ("href", "src", "action", "formaction") and url.startswith("javascript:"):
                self.refused.append(f"<{tag} {name}=javascript:…>")
        if tag == "style":
            self.styles.append("")  # allowed only by its hash: see assert_nothing_refused
        if tag == "script":
            if "src" in attrs:
                self.loads_htmx |= "/django_htmx/htmx" in attrs["src"]
            elif attrs.get("type") != "application/ld+json":  # data, not run
                self.refused.append("<script> without src: an inline script")
        if tag == "meta" and attrs.get("name") == "htmx-config":
            self.htmx_config = json.loads(attrs["content"])
        self.in_style = tag == "style"

    def handle_data(self, data):
        if self.in_style:
            self.styles[-1] += data

    def handle_endtag(self, tag):
        self.in_style = False


def scan(response) -> PageScan:
    page = PageScan()
    page.feed(response.content.decode())
    page.close()
    return page


def assert_nothing_refused(response):
    if not response["Content-Type"].startswith("text/html"):
        return
    page = scan(response)
    assert page.refused == []
    # An inline stylesheet (only the embed's) applies only if the policy
    # names its hash; 'unsafe-inline' is never there.
    style_sources = directives(response["Content-Security-Policy"])["style-src"]
    for css in page.styles:
        assert sha256_source(css) in style_sources, "<style> whose hash the policy does not name"
    if page.loads_htmx:
        # htmx would otherwise add a <style> (indicator styles) and run
        # scripts and hx-on/js: code it finds in what it swaps in.
        assert page.htmx_config is not None, "a page loads htmx without its htmx-config"
        assert page.htmx_config["includeIndicatorStyles"] is False
        assert page.htmx_config["allowEval"] is False
        assert page.htmx_config["allowScriptTags"] is False


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize("name", list(PAGES))
def test_every_response_carries_the_strict_policy(site, name):
    response = PAGES[name](site)
    assert response.status_code == STATUS.get(name, 200), response.content.decode()[:500]
    policy = directives(response["Content-Security-Policy"])
    assert policy == POLICY
    assert not any(source.startswith(("'unsafe-", "'nonce-", "'strict-dynamic")) for source in sum(policy.values(), []))
    assert "X-Frame-Options" in response
    assert_nothing_refused(response)


@pytest.mark.parametrize("name", list(EMBEDS))
def test_embeds_keep_the_policy_and_allow_framing_by_embed_frame_ancestors(site, name):
    response = EMBEDS[name](site)
    assert response.status_code == EMBED_STATUS.get(name, 200)
    assert directives(response["Content-Security-Policy"]) == embed_policy(["*"])
    assert "X-Frame-Options" not in response
    assert_nothing_refused(response)


def test_embed_frame_ancestors_names_who_may_frame_the_embed_and_changes_nothing_else(site, settings):
    settings.EMBED_FRAME_ANCESTORS = ["https://news.example", "https://*.paper.example"]
    response = site.anonymous.get(EMBED)
    expected = embed_policy(["https://news.example", "https://*.paper.example", "'self'"])
    assert directives(response["Content-Security-Policy"]) == expected


def test_shared_responses_carry_no_nonce_so_any_cache_may_keep_them(site):
    """A nonce would differ per response; a cached page would then carry a
    header that no longer matches. The policy needs none, and is the same
    text on every response."""
    headers = {
        site.anonymous.get(url)["Content-Security-Policy"]
        for url in (TIMELINE, f"/claims/{site.claim().pk}/", "/api/timelines/milei-trump.json", "/feeds/verdicts/")
    }
    assert len(headers) == 1 and "nonce" not in headers.pop()

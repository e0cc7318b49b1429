"""Every page and fragment is valid HTML, as the W3C Nu validator reads it.

The walk: every URL pattern with a value for each parameter (as the
permission matrix builds them), as a signed-out reader and as an editor
with every right, whole and as htmx asks for it; then the states those
addresses do not reach: filters, a search, an open event, a claim being
edited, forms answering with field errors, the ingest review of the seed
article. Every answer that is HTML goes to the validator at once (one Java
start), and every error it reports fails the test, with where it was."""

from __future__ import annotations

import html
import re
from urllib.parse import quote_plus

import pytest
from django.conf import settings
from django.test import Client

from factcheck.models import Claim
from tests.editors import make_editor
from tests.factcheck.test_permission_matrix import sample_url, url_patterns
from tests.html_validator import java, validate
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from tests.timeline.ingest.articles import SEED
from timeline.models import Timeline

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _collect(pages: dict[str, str], client: Client, who: str, url: str, headers: dict | None = None, **post) -> None:
    response = client.post(url, post, headers=headers or {}) if post else client.get(url, headers=headers or {})
    if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
        return
    body = response.content.decode()
    method = "POST" if post else "GET"
    name = f"{who} {method} {url}{' (htmx)' if headers else ''} → {response.status_code}"
    if body not in pages.values():
        pages[name] = body


def _states(timeline: Timeline) -> list[tuple[str, dict]]:
    """Reader views the URL patterns alone do not reach."""
    url = timeline.get_absolute_url()
    event = timeline.events.order_by("date").first()
    return [
        (f"{url}?verdict=false", {}),
        (f"{url}?q={quote_plus('IMF loan')}", {}),
        (f"{url}?q={quote_plus('zzzz nothing')}", {}),
        (f"{url}?from=2024&to=2024&order=newest", {}),
        (f"{url}?open={event.pk}", {}),
        (f"{url}?open={event.pk}", {**HTMX, "HX-Target": f"event-{event.pk}"}),
        (f"{url}?q=Trump", {**HTMX, "HX-Target": "timeline-results"}),
        (f"/embed{url}?mode=list&order=newest", {}),
        (f"/embed{url}?theme=dark", {}),
        (f"/embed{url}code/panel/", HTMX),
    ]


def _reader_pages(pages: dict[str, str], timeline: Timeline) -> None:
    reader = Client()
    for url in sorted({sample_url(route) for _key, route in url_patterns()}):
        for headers in (None, HTMX):
            _collect(pages, reader, "reader", url, headers)
    for claim in Claim.objects.public():
        _collect(pages, reader, "reader", claim.get_absolute_url())
    for url, headers in _states(timeline):
        _collect(pages, reader, "reader", url, headers)
    _collect(pages, reader, "reader", "/accounts/login/", username="nobody", password="wrong")
    _snippets(pages, reader, timeline)
    _collect(pages, Client(HTTP_ACCEPT_LANGUAGE="es"), "reader (es)", timeline.get_absolute_url())


def _snippets(pages: dict[str, str], reader: Client, timeline: Timeline) -> None:
    """What other sites paste: oEmbed's html (any width asked for) and the
    embed panel's two codes, as they stand in a newsroom's page."""
    page = f"{settings.SITE_URL or 'http://testserver'}{timeline.get_absolute_url()}"
    for size in ("", "&maxwidth=400&maxheight=500"):
        response = reader.get(f"/oembed/?format=json&url={quote_plus(page)}{size}")
        assert response.status_code == 200, response.content
        pages[f"oEmbed html{size}"] = response.json()["html"]
    panel = reader.get(f"/embed{timeline.get_absolute_url()}code/panel/", headers=HTMX).content.decode()
    for number, code in enumerate(re.findall(r"<textarea[^>]*>(.*?)</textarea>", panel, re.DOTALL)):
        pages[f"embed code {number + 1} of the panel"] = html.unescape(code)


def _editor_pages(pages: dict[str, str]) -> None:
    editor = Client()
    editor.force_login(make_editor(is_superuser=True, staff=True))
    for url in sorted({sample_url(route) for _key, route in url_patterns()}):
        for headers in (None, HTMX):
            _collect(pages, editor, "editor", url, headers)
    claim = Claim.objects.order_by("pk").first()
    for url, headers in [
        ("/editor/?verdict=unverified&order=oldest", None),
        (f"/editor/claims/{claim.pk}/?edit=1", None),
        (f"/editor/claims/{claim.pk}/?edit=1", HTMX),
        ("/admin/factcheck/claim/?q=Trump", None),
        (f"/admin/factcheck/claim/{claim.pk}/change/", None),
        ("/admin/timeline/event/add/", None),
    ]:
        _collect(pages, editor, "editor", url, headers)
    # Forms answering with field errors, whole and as fragments.
    _collect(pages, editor, "editor", "/editor/ingest/", headline="", text="")
    _collect(pages, editor, "editor", f"/editor/claims/{claim.pk}/status/", HTMX, verdict="no-such", version="x")
    _collect(pages, editor, "editor", "/admin/timeline/event/add/", title="")
    response = editor.post(
        "/editor/ingest/",
        {"headline": "Milei and Trump", "outlet": "Courthouse News", "url": "https://example.org/a",
         "published_0": "2025-01-22", "published_1": "", "language": "en", "text": SEED},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    _collect(pages, editor, "editor", response["Location"])
    _collect(pages, editor, "editor", response["Location"] + "event/", HTMX)


def test_every_page_and_fragment_is_valid_html(seeded):
    java()  # before the walk: without Java it would walk for nothing
    timeline = Timeline.objects.get(slug="milei-trump")
    pages: dict[str, str] = {}
    _reader_pages(pages, timeline)
    _editor_pages(pages)
    assert len(pages) > 60, "the walk reached fewer pages than the site has"
    problems = validate(pages)
    assert not problems, f"{len(problems)} errors in {len({p.name for p in problems})} of {len(pages)} documents:\n" + "\n".join(
        map(str, problems[:60])
    )


def test_the_validator_finds_what_it_should():
    """The check itself: invalid markup is reported, valid markup is not."""
    java()
    problems = validate({
        "bad": '<!doctype html><html lang="en"><head><title>t</title></head><body><time datetime="2026-12-02T06:21:11.952026+00:00">x</time><iframe width="100%"></iframe><p hx-get="/">x</p></body></html>',
        "good": '<p data-hx-get="/">A fragment</p>',
    })
    messages = " ".join(p.message for p in problems)
    assert {p.name for p in problems} == {"bad"}
    assert "datetime" in messages and "width" in messages and "hx-get" in messages

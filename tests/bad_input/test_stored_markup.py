"""Script and markup stored in every text field is shown inert on every page,
fragment, JSON answer and feed that shows it.

The browser proof (the payloads do not run in Chromium, with the
Content-Security-Policy switched off) is tests/browser/test_stored_markup.py;
these are the same pages read by a parser, one assertion per page.
"""

from __future__ import annotations

import html as html_lib
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.test import Client

from .inert import assert_inert
from .payloads import MARK, TEMPLATE_TEXT, ingest_form, store_markup

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stored(db):
    return store_markup()


@pytest.fixture
def staff_client(stored):
    client = Client()
    client.force_login(stored.editor)
    return client


def page(client, url, *, headers=None, status=200) -> str:
    response = client.get(url, headers=headers or {})
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_the_payloads_are_on_the_pages_as_text(client, stored):
    """The pages below do show the stored text (escaped): the checks are not
    passing because nothing was shown."""
    body = page(client, stored.public_pages()[1])
    assert MARK in body and "&lt;script&gt;" in body
    assert TEMPLATE_TEXT in html_lib.unescape(body)


@pytest.mark.parametrize("index", range(7))
def test_public_pages_show_stored_markup_inert(client, stored, index):
    url = stored.public_pages()[index]
    assert_inert(page(client, url), url)


@pytest.mark.parametrize(
    "headers, query",
    [
        ({"HX-Target": "timeline-results"}, {"q": "Before"}),
        ({"HX-Target": "more-events"}, {"page": "1"}),
        ({"HX-Target": "event-{event}"}, {"open": "{event}"}),
        ({"HX-Target": "event-{event}"}, {}),
    ],
)
def test_timeline_fragments_show_stored_markup_inert(client, stored, headers, query):
    fill = {"event": stored.event.pk}
    headers = {**HTMX, **{k: v.format(**fill) for k, v in headers.items()}}
    query = {k: v.format(**fill) for k, v in query.items()}
    url = f"/timelines/{stored.timeline.slug}/?{urlencode(query)}"
    body = page(client, url, headers=headers)
    assert "<html" not in body
    assert_inert(body, url)


def test_the_claim_review_json_ld_cannot_be_closed_by_stored_text(client, stored):
    body = page(client, f"/claims/{stored.claim.pk}/")
    block = body.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert data["claimReviewed"] == stored.claim.quote  # all there, escaped as \u003C
    assert data["reviewRating"]["alternateName"] == stored.verdict.label
    assert data["itemReviewed"]["author"]["name"] == stored.actor.name
    assert "<" not in block


def test_the_api_json_carries_the_text_escaped_for_timelinejs(client, stored):
    response = client.get(f"/api/timelines/{stored.timeline.slug}.json")
    assert response.status_code == 200
    data = response.json()
    # TimelineJS shows `headline` and `text` as HTML.
    parts = [data["title"]["text"]["headline"], data["title"]["text"]["text"]]
    for slide in data["events"]:
        parts += [slide["text"]["headline"], slide["text"]["text"]]
    for part in parts:
        assert_inert(part, "api")
    assert html_lib.unescape(data["events"][0]["text"]["headline"]) == stored.event.title


def test_the_oembed_html_is_inert(client, stored):
    url = f"http://testserver/timelines/{stored.timeline.slug}/"
    response = client.get("/oembed/", {"url": url})
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == stored.timeline.title  # JSON text: the consumer escapes it
    assert_inert(data["html"], "oembed html")
    assert MARK in data["html"]  # the title, escaped in the iframe's title attribute


def test_the_feed_entries_are_inert_in_a_feed_reader(client, stored):
    response = client.get("/feeds/verdicts/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for element in entry.iter():
            text = element.text or ""
            if element.get("type") == "html":
                # A feed reader shows this as HTML.
                assert_inert(text, f"feed {element.tag}")
            elif element.get("type") in (None, "text"):
                pass  # shown as text
            else:
                pytest.fail(f"unexpected content type {element.get('type')}")
    summaries = [e.find(f"{ATOM}summary") for e in entries]
    assert any(s is not None and MARK in html_lib.unescape(s.text or "") for s in summaries)


@pytest.mark.parametrize("index", range(3))
def test_editor_pages_show_stored_markup_inert(staff_client, stored, index):
    url = stored.editor_pages()[index]
    assert_inert(page(staff_client, url), url)


def test_editor_fragments_show_stored_markup_inert(staff_client, stored):
    for query in ("?edit=1", "?detail=1", ""):
        url = f"/editor/claims/{stored.claim.pk}/{query}"
        body = page(staff_client, url, headers=HTMX)
        assert "<html" not in body
        assert_inert(body, url)
    body = page(staff_client, "/editor/?q=Claimed", headers={**HTMX, "HX-Target": "queue-results"})
    assert_inert(body, "queue results")


def test_admin_pages_show_stored_markup_inert(staff_client, stored):
    for url in stored.admin_pages():
        assert_inert(page(staff_client, url), url)


def test_the_ingest_review_shows_a_pasted_article_inert(staff_client, stored):
    response = staff_client.post("/editor/ingest/", ingest_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    body = page(staff_client, response["Location"])
    assert MARK in body
    assert_inert(body, "ingest review")

"""A long timeline costs an embed no more than a short one: the embed shows
`EMBED_PAGE_SIZE` events a page, each page its own cached response with
links to the next and previous; the TimelineJS API streams a long timeline
in parts, the same JSON it builds whole for a short one."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.caches import forget_shared_responses
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db

EMBED = "/embed/timelines/milei-trump/"
API = "/api/timelines/milei-trump.json"


def titles(response) -> list[str]:
    return re.findall(r'<h3 class="event__title">(?:<bdi>)?([^<]+)(?:</bdi>)?</h3>', response.content.decode())


@pytest.fixture
def pages_of_five(settings):
    settings.EMBED_PAGE_SIZE = 5


def test_the_embed_shows_a_page_of_events_and_links_the_next(seeded, client, pages_of_five):
    first = client.get(EMBED)
    assert len(titles(first)) == 5
    html = first.content.decode()
    assert 'rel="next" href="?page=2"' in html and 'rel="prev" href' not in html
    assert "Other claims in the article" not in html  # those come with the last page


def test_the_last_page_has_the_rest_and_the_claims_about_no_one_event(seeded, client, pages_of_five):
    pages = [titles(client.get(f"{EMBED}?page={n}")) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [5, 5, 3]
    assert len({t for page in pages for t in page}) == 13  # every event once
    last = client.get(f"{EMBED}?page=3").content.decode()
    assert 'rel="prev" href="?page=2"' in last and 'rel="next" href' not in last
    assert client.get(f"{EMBED}?page=4").status_code == 404


def test_pages_keep_the_options_and_the_order(seeded, client, pages_of_five):
    oldest = titles(client.get(f"{EMBED}?page=1"))
    newest = client.get(f"{EMBED}?order=newest&theme=dark&page=1")
    assert titles(newest)[0] != oldest[0]
    assert 'rel="next" href="?theme=dark&amp;order=newest&amp;page=2"' in newest.content.decode()
    assert "Older events" in newest.content.decode()
    assert client.get(f"{EMBED}?page=2")["ETag"] != client.get(f"{EMBED}?page=1")["ETag"]


@pytest.mark.parametrize("page", ["0", "-1", "two", "1e3", "9999999", "１"])
def test_a_bad_page_is_a_clear_400(seeded, client, page):
    response = client.get(f"{EMBED}?page={page}")
    assert response.status_code == 400
    assert "The page must be a whole number" in response.content.decode()


def cold_queries(client, url: str) -> int:
    forget_shared_responses()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_page_costs_the_same_queries_however_long_the_timeline(seeded, client, settings):
    settings.EMBED_PAGE_SIZE = 3
    short = cold_queries(client, EMBED)
    settings.EMBED_PAGE_SIZE = 10
    assert cold_queries(client, EMBED) == short


def test_a_long_timeline_streams_the_same_json_it_builds_whole(seeded, client, settings):
    whole = client.get(API)
    assert not whole.streaming
    settings.API_STREAM_FROM_EVENTS = 5
    forget_shared_responses()
    streamed = client.get(API)
    assert streamed.streaming and streamed["Content-Type"] == "application/json"
    assert json.loads(b"".join(streamed.streaming_content)) == whole.json()


def test_a_streamed_answer_keeps_the_language_asked(seeded, client, settings):
    settings.API_STREAM_FROM_EVENTS = 5
    forget_shared_responses()
    spanish = json.loads(b"".join(client.get(API + "?lang=es").streaming_content))
    assert any("de 2024" in event["display_date"] for event in spanish["events"])

"""Each worker keeps the shared responses it served last in its own memory,
bounded in bytes, in front of the shared cache: a popular page costs no
cache round trip, and a lost or hung Redis costs readers almost nothing."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.web.near_cache import LARGEST_SHARE, NearCache
from tests.seed_once import seeded, seeded_module  # noqa: F401

MIB = 1024 * 1024


@pytest.fixture
def near(settings) -> NearCache:
    settings.RESPONSE_MEMORY_CACHE_MB = 1
    return NearCache()


def test_it_keeps_what_fits_and_drops_the_least_recently_used_first(near):
    piece = MIB // 10
    for name in "abcdefghij":
        near.set(name, name.upper(), size=piece)
    assert near.get("a") == "A"  # used again: now the most recent
    near.set("k", "K", size=piece)
    assert near.get("b") is None  # the least recently used went
    assert near.get("a") == "A" and near.get("k") == "K"
    assert near.size <= MIB


def test_a_copy_larger_than_its_share_of_the_budget_is_left_to_the_shared_cache(near):
    near.set("huge", "H", size=MIB // LARGEST_SHARE + 1)
    assert near.get("huge") is None
    assert len(near) == 0


def test_setting_a_key_again_replaces_it_without_counting_it_twice(near):
    near.set("a", "old", size=1000)
    near.set("a", "new", size=3000)
    assert near.get("a") == "new"
    assert near.size == 3000


def test_a_budget_of_nothing_keeps_nothing(settings):
    settings.RESPONSE_MEMORY_CACHE_MB = 0
    near = NearCache()
    near.set("a", "A", size=10)
    assert near.get("a") is None


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/timelines/milei-trump/", "/embed/timelines/milei-trump/"])
def test_with_the_shared_cache_emptied_the_worker_still_answers_from_its_memory(
    seeded, client, path, django_assert_max_num_queries  # noqa: F811
):
    first = client.get(path)
    assert first.status_code == 200
    cache.clear()  # Redis restarted empty, or hung and skipped
    with django_assert_max_num_queries(1):  # the version stamp; nothing rendered
        again = client.get(path)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_without_its_memory_a_worker_renders_the_page_again(seeded, client, settings):  # noqa: F811
    settings.RESPONSE_MEMORY_CACHE_MB = 0
    first = client.get("/timelines/milei-trump/")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/timelines/milei-trump/")
    assert again.content == first.content
    assert len(queries) > 1  # rendered: the page's own queries ran

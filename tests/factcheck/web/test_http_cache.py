"""HTTP caching of the embed, the TimelineJS API, oEmbed and the feed: a CDN
may keep them, a conditional GET costs one query, and a published change is
a new version."""

from __future__ import annotations

import pytest
from django.utils.http import http_date

from factcheck.models import Claim, Verdict
from factcheck.services import SourceInput, claim_publish, claim_set_status
from tests.seed_once import seeded, seeded_module  # noqa: F401

OEMBED = "/oembed/?url=http%3A%2F%2Ftestserver%2Ftimelines%2Fmilei-trump%2F&format=json"
SHARED = ["/embed/timelines/milei-trump/", "/api/timelines/milei-trump.json", OEMBED, "/feeds/verdicts/"]


def publish_correction(quote: str, verdict: str) -> Claim:
    claim = Claim.objects.get(quote__contains=quote)
    claim = claim_set_status(
        claim=claim,
        editor=None,
        expected_version=claim.version,
        verdict=Verdict.objects.get(slug=verdict),
        rationale="A correction, for the test.",
        sources=[SourceInput(**source) for source in claim.published_sources],
    )
    return claim_publish(claim=claim, editor=None, expected_version=claim.version)


@pytest.mark.django_db
@pytest.mark.parametrize("path", SHARED)
class TestSharedResponses:
    def test_validators_and_cache_control(self, seeded, client, path):
        response = client.get(path)
        assert response.status_code == 200
        assert response["ETag"].startswith('W/"')
        assert response["Last-Modified"]
        assert response["Cache-Control"] == "public, max-age=60"

    def test_max_age_is_configurable(self, seeded, client, settings, path):
        settings.HTTP_CACHE_MAX_AGE = 300
        assert client.get(path)["Cache-Control"] == "public, max-age=300"

    def test_a_conditional_get_is_a_304_for_one_query(self, seeded, client, path, django_assert_max_num_queries):
        etag = client.get(path)["ETag"]
        with django_assert_max_num_queries(1):
            response = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Cache-Control"] == "public, max-age=60"

    def test_if_modified_since_works_too(self, seeded, client, path):
        last_modified = client.get(path)["Last-Modified"]
        assert client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    def test_a_repeated_full_response_comes_from_the_cache(self, seeded, client, path, django_assert_max_num_queries):
        first = client.get(path)
        with django_assert_max_num_queries(1):
            second = client.get(path)
        assert second.status_code == 200
        assert second.content == first.content

    def test_a_published_verdict_change_is_a_new_version(self, seeded, client, path):
        before = client.get(path)
        publish_correction("Panama Canal", "misleading")
        after = client.get(path, HTTP_IF_NONE_MATCH=before["ETag"])
        assert after.status_code == 200
        assert after["ETag"] != before["ETag"]
        if path != OEMBED:  # oEmbed's frame code does not depend on the claims
            assert after.content != before.content
        assert client.get(path, HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("path", SHARED[:3])
def test_a_draft_change_is_not_a_new_version(seeded, client, path):
    etag = client.get(path)["ETag"]
    claim = Claim.objects.get(quote__contains="Panama Canal")
    claim_set_status(
        claim=claim,
        editor=None,
        expected_version=claim.version,
        verdict=Verdict.objects.get(slug="accurate"),
        rationale="Draft only.",
        sources=[],
    )
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.django_db
def test_each_option_set_is_its_own_version(seeded, client):
    tags = {client.get(f"/embed/timelines/milei-trump/{query}")["ETag"] for query in ("", "?theme=dark", "?lang=es", "?order=newest")}
    assert len(tags) == 4


@pytest.mark.django_db
def test_an_old_if_modified_since_gets_the_page(seeded, client):
    assert client.get(SHARED[0], HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


@pytest.mark.django_db
def test_pages_still_answer_when_the_cache_is_down(seeded, client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for path in SHARED:
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
class TestRememberedStamps:
    """Each process remembers a stamp for HTTP_STAMP_MEMO_SECONDS (1 s)."""

    EMBED = SHARED[0]

    def test_repeated_conditional_gets_cost_no_query(self, seeded, client, django_assert_num_queries):
        etag = client.get(self.EMBED)["ETag"]
        with django_assert_num_queries(0):
            assert client.get(self.EMBED, HTTP_IF_NONE_MATCH=etag).status_code == 304

    def test_a_change_saved_by_another_process_shows_within_the_memo_time(self, seeded, client, monkeypatch):
        import time

        from django.db.models import F
        from django.utils import timezone

        from timeline.models import Timeline

        etag = client.get(self.EMBED)["ETag"]
        # Another process bumps the stamp: no signal reaches this one.
        Timeline.objects.filter(slug="milei-trump").update(
            content_version=F("content_version") + 1, content_changed_at=timezone.now()
        )
        assert client.get(self.EMBED, HTTP_IF_NONE_MATCH=etag).status_code == 304
        real = time.monotonic
        monkeypatch.setattr(time, "monotonic", lambda: real() + 1.5)
        assert client.get(self.EMBED, HTTP_IF_NONE_MATCH=etag).status_code == 200

    def test_without_the_memo_every_request_reads_the_stamp(self, seeded, client, settings, django_assert_num_queries):
        settings.HTTP_STAMP_MEMO_SECONDS = 0
        etag = client.get(self.EMBED)["ETag"]
        for _ in range(2):
            with django_assert_num_queries(1):
                assert client.get(self.EMBED, HTTP_IF_NONE_MATCH=etag).status_code == 304

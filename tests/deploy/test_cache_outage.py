"""With the cache (Redis) unreachable, no page may fail: the cache is an
optimisation. Django's RedisCache raises on a dead server, so every use of
the cache must survive that. Today the one use is the shared responses'
body cache (timeline/http_cache.py); sessions and messages live in the
database and cookies, nothing else caches. This walks every kind of page
(signing in, the desk, a save, the ingest page, the admin) in-process, on
both databases; test_outages.py does the same over HTTP while a real Redis
is stopped."""

import logging

import pytest
from django.test import Client

from factcheck.models import Claim
from tests.editors import PASSWORD, make_editor

from .pages import DjangoClient, failures, walk

DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1: every cache call fails at once.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.mark.django_db
def test_every_page_answers_as_usual_while_the_cache_is_unreachable(seeded, settings, caplog):
    settings.CACHES = DEAD_REDIS
    editor = make_editor("cachedown", staff=True)
    claim = Claim.objects.filter(published=True, sources__isnull=False).order_by("pk").first()
    with caplog.at_level(logging.WARNING, logger="factcheck.web.http_cache"):
        client = DjangoClient(Client())
        seen = walk(client, username=editor.username, password=PASSWORD, claim=claim.pk, token="cache-down")
    assert not failures(seen), "\n".join(failures(seen))
    assert len(seen) > 30
    # The dead cache was really asked (and its failure swallowed), not bypassed.
    assert any("shared response cache unavailable" in record.message for record in caplog.records)
    assert claim.history.filter(note="cache-down").count() == 1

"""The readers' timeline page is a shared response for signed-out readers:
rendered once per version stamp and variant (path, query, HTMX headers,
language), answered from the cache after that, with an ETag for 304s and no
cookie, so a CDN may keep it too. Signed-in users get it fresh."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.editors import make_editor
from tests.factcheck.web.test_http_cache import publish_correction
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from timeline.stamps import forget_stamps

pytestmark = pytest.mark.django_db

PAGE = "/timelines/milei-trump/"


def vary(response) -> set[str]:
    return {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}


@pytest.mark.parametrize("path", ["/", PAGE, PAGE + "?q=IMF"])
def test_signed_out_readers_get_a_shared_response(seeded, client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public, max-age=")
    assert response["ETag"]
    assert not response.cookies
    assert {"accept-language", "cookie", "hx-request", "hx-target"} <= vary(response)
    assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_repeated_page_comes_from_the_cache(seeded, client, django_assert_max_num_queries):
    first = client.get(PAGE)
    with django_assert_max_num_queries(1):  # the version stamp, at most
        again = client.get(PAGE)
    assert again.content == first.content
    assert again["Content-Language"] == "en"


def test_each_language_query_and_fragment_is_its_own_copy(seeded, client):
    english = client.get(PAGE)
    spanish = Client(HTTP_ACCEPT_LANGUAGE="es").get(PAGE)
    assert spanish["Content-Language"] == "es" and spanish["ETag"] != english["ETag"]
    assert "Buscar" in spanish.content.decode()
    searched = client.get(PAGE + "?q=IMF")
    assert searched["ETag"] != english["ETag"] and searched.content != english.content
    fragment = client.get(PAGE + "?q=IMF", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert b"<html" not in fragment.content and fragment["ETag"] != searched["ETag"]


def test_a_history_restore_and_a_fragment_of_one_url_are_kept_apart(seeded, client):
    """htmx restoring history after a cache miss asks for the whole page;
    the fragment asked next with the same URL is not that page (the bad-input
    suite found the page served from the cache to the fragment's request)."""
    restored = client.get(PAGE + "?q=IMF", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"<html" in restored.content
    fragment = client.get(PAGE + "?q=IMF", HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and fragment["ETag"] != restored["ETag"]
    assert {"hx-request", "hx-target", "hx-current-url", "hx-history-restore-request"} <= vary(fragment)


def test_a_cached_fragment_keeps_the_headers_htmx_reads(seeded, client):
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results", "HTTP_HX_CURRENT_URL": f"http://testserver{PAGE}?q=IMF"}
    first = client.get(PAGE + "?q=IMF", **headers)
    cached = client.get(PAGE + "?q=IMF", **headers)
    assert first["HX-Push-Url"] == cached["HX-Push-Url"] == "false"
    assert vary(first) == vary(cached)


def test_a_published_change_is_a_new_version(seeded, client):
    before = client.get(PAGE)
    publish_correction("Panama Canal", "misleading")
    forget_stamps()  # as after the stamp's memo time
    after = client.get(PAGE, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert after.content != before.content


def test_signed_in_users_get_the_page_fresh_not_shared(seeded):
    editor = Client()
    editor.force_login(make_editor("shared-pages"))
    response = editor.get(PAGE)
    assert response.status_code == 200
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")

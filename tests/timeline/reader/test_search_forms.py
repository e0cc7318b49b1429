"""The reader's search on the seed timeline: accents, case and simple
plurals do not count (the Done-when of issue 12), on SQLite and PostgreSQL."""

import pytest

from tests.seed_once import seeded, seeded_module  # noqa: F401
from tests.timeline.reader.test_reader_views import URL, event_titles
from timeline.models import Event

CANAL = "paris-withdrawal-panama-2025"
INAUGURATIONS = {"trump-inauguration-2025", CANAL}  # the second inauguration, and the inauguration speech


@pytest.fixture
def client_en(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def found(client, query: str) -> set[str]:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    titles = event_titles(response)
    return set(Event.objects.filter(title__in=titles).values_list("uid", flat=True))


@pytest.mark.parametrize("query", ["Panama", "Panamá", "panama", "PANAMÁ", "panamá canal"])
def test_the_canal_event_is_found_with_or_without_the_accent(seeded, client_en, query):
    assert found(client_en, query) == {CANAL}


@pytest.mark.parametrize("query", ["inauguration", "inaugurations", "INAUGURATIONS", "Inauguratión"])
def test_singular_and_plural_find_both_inauguration_events(seeded, client_en, query):
    assert INAUGURATIONS <= found(client_en, query)


def test_the_plural_finds_what_the_singular_finds(seeded, client_en):
    assert found(client_en, "inaugurations") == found(client_en, "inauguration")
    assert found(client_en, "Trump inaugurations") == INAUGURATIONS


def test_the_count_follows_the_search(seeded, client_en):
    html = client_en.get(URL, {"q": "Panamá"}).content.decode()
    assert "Found 1 event and" in html


@pytest.mark.parametrize(
    "query", ["", " ", "%", "_", "\\", "'", '"', "ñ" * 199, "a:* & !b", "é" * 40 + " " * 50, "\u0301" * 150, "ﬁ ß Ø"]
)
def test_odd_searches_answer_cleanly(seeded, client_en, query):
    response = client_en.get(URL, {"q": query}, follow=True)
    assert response.status_code == 200
    if not query.strip():  # an empty search is dropped from the address
        assert response.redirect_chain == [(URL, 302)]


def test_a_filter_form_sent_without_javascript_comes_back_as_a_short_address(seeded, client_en):
    response = client_en.get(URL + "?q=&verdict=false&actor=&from=&to=2024&page=")
    assert response.status_code == 302 and response["Location"] == URL + "?verdict=false&to=2024"
    assert client_en.get(URL + "?q=", headers={"HX-Request": "true"}).status_code == 200  # htmx: never redirected


def test_an_address_too_long_to_share_is_answered_as_it_came(seeded, client_en):
    response = client_en.get(URL, {"q": "x" * 2100, "verdict": ""})
    assert response.status_code == 200

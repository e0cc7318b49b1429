"""The desk's search box follows the readers' rule (timeline/search.py):
case, accents and simple plurals do not count, in the claim, its rationale,
who said it and the article's headline."""

import pytest

from tests.factcheck.desk.desk_client import cards, seed_claim
from tests.seed_once import seeded, seeded_module  # noqa: F401

pytestmark = pytest.mark.django_db


def found(client, query: str) -> set[int]:
    response = client.get("/editor/", {"q": query})
    assert response.status_code == 200
    return {int(pk) for pk in cards(response.content.decode())}


@pytest.mark.parametrize("query", ["Panamá", "PANAMÁ", "panama canal"])
def test_accents_and_case_do_not_count(editor_client, seeded, query):
    assert seed_claim(12).pk in found(editor_client, query)
    assert found(editor_client, query) == found(editor_client, "Panama")


def test_singular_and_plural_find_the_same_claims(editor_client, seeded):
    inaugurations = found(editor_client, "inaugurations")
    assert {seed_claim(2).pk, seed_claim(3).pk} <= inaugurations
    assert inaugurations == found(editor_client, "inauguration")


def test_a_claimants_name_is_found_without_its_accent(editor_client, seeded):
    assert found(editor_client, "martin schapiro") == {seed_claim(13).pk, seed_claim(14).pk}


def test_every_word_must_match(editor_client, seeded):
    assert found(editor_client, "Panama zebra") == set()


@pytest.mark.parametrize("query", ["", "%", "_", "\\", "'", "a:* | !", "é" * 200])
def test_odd_searches_answer_cleanly(editor_client, seeded, query):
    response = editor_client.get("/editor/", {"q": query}, follow=True)
    assert response.status_code == 200
    if not query.strip():  # an empty search is dropped from the address
        assert response.redirect_chain == [("/editor/", 302)]

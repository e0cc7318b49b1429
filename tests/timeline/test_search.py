"""One search rule for every search box (timeline/search.py): case and
accents do not count, and a word finds its simple plural and singular
forms in English and Spanish. The rule is checked on the database in use
(SQLite by default, PostgreSQL with DATABASE_URL)."""

import pytest

from tests.factories import make_event, make_timeline
from timeline.models import Event
from timeline.search import filter_by_text, fold, search_terms, word_forms


def test_case_and_accents_do_not_count():
    assert fold("PANAMÁ") == fold("Panamá") == fold("panama") == "panama"
    assert search_terms("¿Elección en PANAMÁ?") == ["eleccion", "en", "panama"]


@pytest.mark.parametrize(
    "plural, singular",
    [
        ("inaugurations", "inauguration"),
        ("taxes", "tax"),
        ("policies", "policy"),
        ("elecciones", "eleccion"),
        ("acuerdos", "acuerdo"),
        ("leyes", "ley"),
        ("luces", "luz"),
    ],
)
def test_a_plural_is_searched_with_its_singular(plural, singular):
    assert singular in word_forms(plural)


def test_a_singular_finds_the_plurals_that_do_not_contain_it():
    assert "policies" in word_forms("policy")
    assert "luces" in word_forms("luz")


def test_short_words_and_double_s_are_left_alone():
    assert word_forms("us") == ["us"]
    assert word_forms("press") == ["press"]
    assert word_forms("bus") == ["bus"]


@pytest.fixture
def spanish(db):
    timeline = make_timeline(language="es")
    titles = [
        "Las elecciones legislativas de 2021",
        "La elección presidencial en Panamá",
        "Firman un acuerdo comercial",
        "Los acuerdos del G20",
        "Nuevas políticas de empleo",
        "Corte de luz en Buenos Aires",
    ]
    return {title: make_event(timeline, title=title).pk for title in titles}


def found(query: str, language: str = "es") -> set[str]:
    events = filter_by_text(Event.objects.all(), ["title", "summary"], search_terms(query), language=language)
    return set(events.values_list("title", flat=True))


@pytest.mark.parametrize("query", ["elecciones", "elección", "ELECCION", "eleccion"])
def test_spanish_singular_and_plural_find_each_other(spanish, query):
    assert {"Las elecciones legislativas de 2021", "La elección presidencial en Panamá"} <= found(query)


@pytest.mark.parametrize("query", ["acuerdos", "acuerdo", "Acuerdo"])
def test_spanish_plural_in_s(spanish, query):
    assert found(query) == {"Firman un acuerdo comercial", "Los acuerdos del G20"}


@pytest.mark.parametrize("query", ["Panamá", "panama", "PANAMÁ", "panamá elección"])
def test_spanish_accents_do_not_count(spanish, query):
    assert found(query) == {"La elección presidencial en Panamá"}


def test_every_word_must_match_and_any_language_will_do(spanish):
    assert found("acuerdos G20", language=None) == {"Los acuerdos del G20"}
    assert found("luces", language=None) == {"Corte de luz en Buenos Aires"}
    assert found("acuerdo zebra") == set()


def test_related_fields_are_searched_too(spanish):
    titles = filter_by_text(Event.objects.all(), ["timelines__title"], search_terms("timeline"))
    assert titles.count() == len(spanish)

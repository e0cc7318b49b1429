"""Text search, one rule for every search box: the readers' timeline and the
editors' desk both call `search_terms` and `filter_by_text`.

The rule: case and accents do not count ("PANAMÁ", "Panamá" and "panama"
are one word), and a word finds its simple plural and singular forms in
English and Spanish ("inaugurations" finds "inauguration", "elección"
finds "elecciones", "acuerdos" finds "acuerdo", "policy" finds
"policies", "luz" finds "luces"). Every word typed must match; a word
still being typed matches as a prefix.

- `fold` is the case and accent rule; `word_forms` the plural rule.
- On PostgreSQL the stored text goes through the `unaccent` extension
  (migration timeline 0003) and, for a timeline, its language's
  text-search configuration too, so a word also finds its other forms there
  ("elections" finds "elected").
- On SQLite the stored text goes through `search_fold`, `fold` registered
  as an SQL function on every connection (`register_sqlite_functions`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import F, Func, Q, QuerySet, TextField

# Letters and digits only: what is left can be handed to to_tsquery safely.
_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
MIN_TERM_LENGTH = 2
# A form shorter than this is not searched for (it would match almost anything).
MIN_FORM_LENGTH = 3

CONFIGS = {"en": "english", "es": "spanish"}
_VOWELS = "aeiou"


def fold(text: str | None) -> str:
    """`text` lower-cased without accents: "PANAMÁ" and "Panamá" become "panama"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_terms(text: str) -> list[str]:
    """The words of a search, folded, without repeats or one-letter words."""
    terms: list[str] = []
    for word in _WORD.findall(fold(text)):
        word = word[:MAX_TERM_LENGTH]
        if len(word) >= MIN_TERM_LENGTH and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def _singulars(word: str) -> set[str]:
    """The singular forms a folded plural may have, in English and Spanish."""
    found = set()
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return found
    if word.endswith("ies"):
        found.add(word[:-3] + "y")  # policies → policy
    if word.endswith("ces"):
        found.add(word[:-3] + "z")  # luces → luz, veces → vez
    if word.endswith("es") and word[-3] not in _VOWELS:
        found.add(word[:-2])  # taxes → tax, elecciones → eleccion, leyes → ley
    found.add(word[:-1])  # inaugurations → inauguration, acuerdos → acuerdo
    return found


def _plurals(word: str) -> set[str]:
    """Plural forms that do not contain the singular as written."""
    if len(word) < 3:
        return set()
    if word.endswith("y") and word[-2] not in _VOWELS:
        return {word[:-1] + "ies"}  # policy → policies
    if word.endswith("z"):
        return {word[:-1] + "ces"}  # luz → luces
    return set()


def word_forms(term: str) -> list[str]:
    """`term` and its simple singular and plural forms: a text holding any
    of them as a word (or the start of one) matches the term."""
    forms = {term} | {form for form in _singulars(term) | _plurals(term) if len(form) >= MIN_FORM_LENGTH}
    return sorted(forms, key=lambda form: (len(form), form))


def _uses_postgres(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def filter_by_text(queryset: QuerySet, fields: list[str], terms: list[str], *, language: str | None = None) -> QuerySet:
    """Rows of `queryset` whose `fields` (related ones too, "claimant__name")
    together contain every term in one of its forms. `language` ("en",
    "es") adds that language's stemming on PostgreSQL; None is any language."""
    if not terms:
        return queryset
    if _uses_postgres(queryset):
        return _filter_postgres(queryset, fields, terms, CONFIGS.get(language or ""))
    folded = Func(*(F(name) for name in fields), function="search_fold", output_field=TextField())
    queryset = queryset.annotate(_search_folded=folded)
    per_term = (reduce(or_, (Q(_search_folded__contains=form) for form in word_forms(term))) for term in terms)
    return queryset.filter(reduce(and_, per_term))


def _filter_postgres(queryset: QuerySet, fields: list[str], terms: list[str], config: str | None) -> QuerySet:
    unaccented = [Func(F(name), function="unaccent", output_field=TextField()) for name in fields]
    vector = SearchVector(*unaccented, config="simple")
    if config:
        vector = SearchVector(*unaccented, config=config) + vector
    query = None
    for term in terms:
        matches = None
        for form in word_forms(term):
            match = SearchQuery(f"{form}:*", search_type="raw", config="simple")
            if config:
                match = SearchQuery(form, search_type="raw", config=config) | match
            matches = match if matches is None else matches | match
        query = matches if query is None else query & matches
    return queryset.annotate(_search_vector=vector).filter(_search_vector=query)


def _search_fold(*values) -> str:
    return fold(" ".join(value for value in values if isinstance(value, str)))


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: SQLite learns `search_fold(text, ...)`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("search_fold", -1, _search_fold, deterministic=True)

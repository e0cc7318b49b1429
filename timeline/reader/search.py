"""Text search over a timeline's events and claims.

On PostgreSQL it is the database's full-text search: a word matches its
other forms in the timeline's language ("elections" finds "elected") and a
word still being typed matches as a prefix ("inaugur" finds "inauguration").
On SQLite every word must appear somewhere in the text, in any case. Either
way every word the reader typed must match, and results stay in date order.
"""

from __future__ import annotations

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet

# Letters and digits only: what is left can be handed to to_tsquery safely.
_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
MIN_TERM_LENGTH = 2

_CONFIG = {"en": "english", "es": "spanish"}


def search_terms(text: str) -> list[str]:
    """The words of a search, lower-cased, without repeats or one-letter words."""
    terms: list[str] = []
    for word in _WORD.findall(text.lower()):
        word = word[:MAX_TERM_LENGTH]
        if len(word) >= MIN_TERM_LENGTH and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def _uses_postgres(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def filter_by_text(queryset: QuerySet, fields: list[str], terms: list[str], *, language: str = "en") -> QuerySet:
    """Rows of `queryset` whose `fields` together contain every term."""
    if not terms:
        return queryset
    if _uses_postgres(queryset):
        config = _CONFIG.get(language, "simple")
        stemmed = SearchQuery(" & ".join(terms), search_type="raw", config=config)
        prefixes = SearchQuery(" & ".join(f"{term}:*" for term in terms), search_type="raw", config="simple")
        return queryset.annotate(
            _text_stemmed=SearchVector(*fields, config=config),
            _text_simple=SearchVector(*fields, config="simple"),
        ).filter(Q(_text_stemmed=stemmed) | Q(_text_simple=prefixes))
    per_term = (reduce(or_, (Q(**{f"{name}__icontains": term}) for name in fields)) for term in terms)
    return queryset.filter(reduce(and_, per_term))

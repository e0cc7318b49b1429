"""Bad input on readers' pages: the timeline (and the home page) with its
filters, search, page and HTMX targets, a claim page, the verdict feed.

A reader's page never fails on its query: a value it cannot use is dropped
with a notice (200); only an address that names nothing is a 404.
"""

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.seed_once import seeded, seeded_module  # noqa: F401

from . import strategies as s
from .checks import HTMX, answered, get, rolled_back, short_address_followed

pytestmark = pytest.mark.django_db

VERDICTS = ["accurate", "mostly-accurate", "false", "unverified", "in-review", "not-checkable"]
TIMELINE = {
    "q": s.Field(
        st.sampled_from(["Milei", "inflation", "trump 2024", "inaugur", "elecciones", "IMF loan", ""]), "a", "%", "_"
    ),
    "verdict": s.Field(st.sampled_from(VERDICTS), "no-such-verdict", "FALSE"),
    "actor": s.Field(st.integers(min_value=1, max_value=30).map(str), "0", "-1", "99999"),
    "from": s.Field(st.integers(min_value=2015, max_value=2026).map(str), "0", "10000", "-2024"),
    "to": s.Field(st.integers(min_value=2015, max_value=2026).map(str), "0", "10000", "2024.5"),
    "page": s.Field(st.integers(min_value=1, max_value=3).map(str), "0", "-1", "last", "99999999999999999999"),
    "open": s.Field(st.integers(min_value=1, max_value=40).map(str), "0", "-5", "9" * 30),
}
# What HTMX names as the element it swaps: the page's own targets, stale or forged ones.
HX_TARGETS = st.one_of(
    st.sampled_from(
        ["timeline-results", "more-events", "event-1", "event-0", "event-" + "9" * 40, "event--1", "event-"]
    ),
    st.integers(min_value=0, max_value=2**70).map(lambda n: f"event-{n}"),
    st.text(alphabet=st.characters(codec="latin-1"), max_size=40),
)
ACCEPT_LANGUAGE = st.one_of(
    st.sampled_from(["en", "es", "es-AR,es;q=0.9", "fr", "*", "", "en;q=x", "zz-ZZ-x-private", "es;q=1e9,en;q=-1"]),
    st.text(alphabet=st.characters(codec="latin-1"), max_size=600),
)


def reader_headers(htmx, target, history_restore, current_url, language) -> dict:
    headers = {"Accept-Language": language}
    if htmx:
        headers.update(HTMX)
        if target is not None:
            headers["HX-Target"] = target
        if history_restore:
            headers["HX-History-Restore-Request"] = "true"
        if current_url is not None:
            headers["HX-Current-URL"] = current_url
    return headers


@given(
    path=st.sampled_from(["/", "/timelines/milei-trump/"]),
    query=s.form(TIMELINE),
    htmx=s.htmx,
    target=st.none() | HX_TARGETS,
    history_restore=st.booleans(),
    current_url=st.none() | st.sampled_from(["http://testserver/timelines/milei-trump/?q=a", "::", ""]),
    language=ACCEPT_LANGUAGE,
)
def test_timeline_filters_search_pages_and_htmx_targets(
    seeded, client, path, query, htmx, target, history_restore, current_url, language
):
    with rolled_back():
        headers = reader_headers(htmx, target, history_restore, current_url, language)
        response = short_address_followed(client, get(client, path, query, headers=headers), path, headers=headers)
        response = answered(response, classes=(2,), htmx=htmx)
        if htmx and not history_restore:
            assert "<html" not in response.content.decode(), "HTMX asked for a fragment"


@given(
    pk=st.one_of(st.integers(min_value=1, max_value=16), st.integers(min_value=0, max_value=2**80)).map(str)
    | st.text(max_size=30).map(lambda t: quote(t, safe="")),
    query=s.pairs({"lang": s.Field(st.sampled_from(["en", "es"]), "fr")}),
    htmx=s.htmx,
)
def test_claim_pages(seeded, client, pk, query, htmx):
    with rolled_back():
        answered(get(client, f"/claims/{pk}/", query, headers=HTMX if htmx else {}), classes=(2, 4))


@given(
    query=s.pairs({"lang": s.Field(st.sampled_from(["en", "es"]), "fr", " es ", "EN")}), headers=s.conditional_headers
)
def test_the_verdict_feed(seeded, client, query, headers):
    with rolled_back():
        answered(get(client, "/feeds/verdicts/", query, headers=headers), classes=(2, 3, 4))

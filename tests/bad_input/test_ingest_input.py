"""Bad input on /editor/ingest/: the pasted article and its details, then
each proposal as the editor changes it before accepting (or rejects it).

A paste answers 302 to its review or 400 with field errors; a decision
answers the proposal's fragment (HTMX) or a redirect, 400 with field errors,
404 for a proposal or draft that is not there.
"""

from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.editors import make_editor
from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.ingest.storage import draft_get

from . import strategies as s
from .checks import HTMX, answered, get, post, rolled_back
from .payloads import ingest_form

pytestmark = pytest.mark.django_db

SEED = (Path(__file__).resolve().parents[2] / "seeds" / "article.txt").read_text(encoding="utf-8")
SENTENCES = [
    "In February 2024 the minister said inflation had halved, according to the Indec.",
    "On 5 March 2024 critics said the figure was “invented”.",
    "Unemployment rose by 7% in 2023, said the president.",
    "El jueves 14 de noviembre el presidente viajó a Florida.",
    "Según el Indec, la pobreza alcanzó al 52% de la población.",
    "About a year ago, when he spoke in February, he promised 100 million dollars.",
    "He said on Monday that exports grew 12% last year.",
]
article_text = st.one_of(
    st.lists(st.one_of(st.sampled_from(SENTENCES), s.ANY), min_size=1, max_size=12).map(
        lambda parts: " ".join(p.decode("latin-1") if isinstance(p, bytes) else p for p in parts)
    ),
    st.just(SEED),
    st.builds(lambda cut: SEED[:cut], st.integers(min_value=0, max_value=len(SEED))),
)
ARTICLE = {
    "headline": s.Field(st.just("Milei's ties to Trump"), "", " ", "x" * 301),
    "outlet": s.Field(st.just("Courthouse News"), "", "x" * 201),
    "byline": s.Field(st.sampled_from(["", "Ana Ruiz"]), "x" * 201),
    "url": s.Field(
        st.sampled_from(["", "https://example.org/a", "https://example.org/milei-trump"]),
        "example.org",
        "javascript:alert(1)",
        "https://",
        "https://example.org/" + "a" * 500,
    ),
    "published_0": s.Field(
        st.sampled_from(["2025-01-22", "22 January 2025", "January 2025", "2025", "enero de 2025"]),
        "2999-01-01",
        "tomorrow",
        "the 45th of Smarch",
        "2025-13-45",
        "",
    ),
    "published_1": s.Field(st.sampled_from(["", "day", "month", "year"]), "decade", "DAY"),
    "published_estimated": s.Field(st.sampled_from(["on", ""])),
    "language": s.Field(st.sampled_from(["en", "es"]), "fr", "EN", ""),
    "text": s.Field(article_text, "", " \n ", "word " * 20_001, "\x00" * 50, "PK\x03\x04" * 200),
}


@pytest.fixture
def editor_client(seeded):
    client = Client()
    client.force_login(make_editor("fuzz-ingest"))
    return client


@given(form=s.form(ARTICLE))
def test_the_pasted_article(editor_client, form):
    with rolled_back():
        response = answered(post(editor_client, "/editor/ingest/", form), classes=(3, 4))
        if response.status_code == 302:
            assert response["Location"].startswith("/editor/ingest/")
            answered(editor_client.get(response["Location"]), classes=(2,))


@pytest.fixture
def draft(editor_client):
    """The seed article pasted: its draft id and how many proposals of each kind."""
    response = editor_client.post("/editor/ingest/", ingest_form(url="https://example.org/fuzz", text=SEED))
    assert response.status_code == 302
    draft_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    stored = draft_get(editor_client.session, draft_id).to_json()
    return {"id": draft_id, "event": len(stored["events"]), "claim": len(stored["claims"])}


DECISION = {
    "event-{i}-title": s.Field(st.just("Milei at CPAC"), "", "x" * 301),
    "event-{i}-when_0": s.Field(
        st.sampled_from(["February 2024", "2018", "14 November 2024"]), *["yesterday", "2024-02-30", ""]
    ),
    "event-{i}-when_1": s.Field(st.sampled_from(["", "month", "year"]), "week", "DAY"),
    "event-{i}-quote": s.Field(
        st.sampled_from(["in February", "Milei", "Milei ... Trump"]), "not in the article", "...", ""
    ),
    "event-{i}-timeline": s.Field(st.integers(min_value=1, max_value=3).map(str), "-1", "0", "9" * 25, "milei-trump"),
    "event-{i}-publish": s.Field(st.sampled_from(["on", ""])),
    "claim-{i}-quote": s.Field(
        st.sampled_from(["Milei", "Trump", "Milei ... Trump"]), "not in the article", "... ...", ""
    ),
    "claim-{i}-claimant": s.Field(st.sampled_from(["", "Javier Milei", "el Indec"]), "x" * 201),
    "claim-{i}-publish": s.Field(st.sampled_from(["on", ""])),
}


@given(
    kind=st.sampled_from(["event", "claim"]),
    index=st.integers(min_value=0, max_value=4)
    | st.integers(min_value=0, max_value=30)
    | st.integers(min_value=0, max_value=2**70),
    action=st.sampled_from(["accept", "reject", "restore"]),
    repeat=st.integers(min_value=1, max_value=2),
    form=s.form(DECISION),
    htmx=s.htmx,
    stale=st.integers(min_value=0, max_value=5).map(lambda n: n == 0),
)
def test_accepting_rejecting_and_restoring_proposals(
    editor_client, draft, kind, index, action, repeat, form, htmx, stale
):
    draft_id = "expired-draft" if stale else draft["id"]
    pairs = [(n.replace("{i}", str(index)) if isinstance(n, str) else n, v) for n, v in form]
    path = f"/editor/ingest/{draft_id}/{kind}/{index}/{action}/"
    with rolled_back():
        for _ in range(repeat):  # a second click on the same button
            response = post(editor_client, path, pairs, headers=HTMX if htmx else {})
            answered(response, classes=(2, 3, 4), htmx=htmx)


@given(draft_id=st.text(max_size=40).map(lambda t: quote(t, safe="")), query=s.pairs({}))
def test_the_review_of_a_draft_that_is_not_there(editor_client, draft_id, query):
    with rolled_back():
        answered(get(editor_client, f"/editor/ingest/{draft_id}/", query), classes=(3, 4))

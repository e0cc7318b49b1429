"""The ingest draft: typed proposals read from an article, their JSON round
trip through the session, and the one sentence split every reader shares."""

import datetime
import json

import pytest

from tests.timeline.ingest.articles import ARTICLE, SEED
from timeline.dates import FuzzyDate
from timeline.ingest import draft as draft_module
from timeline.ingest.draft import (
    MAX_DRAFTS,
    SESSION_KEY,
    ClaimProposal,
    Draft,
    EventProposal,
    ProposalState,
    draft_new,
)
from timeline.ingest.review import highlighted
from timeline.ingest.storage import draft_get, draft_put


@pytest.fixture(scope="module")
def seed_draft() -> Draft:
    return draft_new(article=ARTICLE, text=SEED)


def test_a_new_draft_is_typed_with_dates_at_their_precision(seed_draft):
    assert all(isinstance(e, EventProposal) for e in seed_draft.events)
    assert all(isinstance(c, ClaimProposal) for c in seed_draft.claims)
    cpac = next(e for e in seed_draft.events if e.mention == "in February")
    assert cpac.when == FuzzyDate(datetime.date(2024, 2, 1), "month") and cpac.precision == "month"
    assert seed_draft.text[cpac.start : cpac.end] == cpac.quote
    assert {p.state for p in [*seed_draft.events, *seed_draft.claims]} == {ProposalState.PENDING}
    assert [p.id for p in seed_draft.events] == list(range(len(seed_draft.events)))
    assert seed_draft.existing_article is None


def test_the_json_round_trip_gives_the_same_draft(seed_draft):
    data = seed_draft.to_json()
    assert json.loads(json.dumps(data)) == data  # the session stores it as JSON
    again = Draft.from_json(json.loads(json.dumps(data)))
    assert again == seed_draft
    assert again.to_json() == data


def test_dates_are_read_once_when_the_draft_is_read(seed_draft, monkeypatch):
    data = seed_draft.to_json()
    reads = []
    original = draft_module._when

    def counting(date, precision):
        reads.append(date)
        return original(date, precision)

    monkeypatch.setattr(draft_module, "_when", counting)
    draft = Draft.from_json(data)
    assert len(reads) == 1 + len(draft.events) + len(draft.mentions)  # the article, each event, each mention
    assert isinstance(draft.article.published, FuzzyDate)
    assert all(isinstance(e.when, FuzzyDate) for e in draft.events)
    assert all(isinstance(m.when, FuzzyDate) for m in draft.mentions)
    highlighted(draft)
    draft.to_json()
    [(e.when.last_day, e.precision) for e in draft.events]
    assert len(reads) == 1 + len(draft.events) + len(draft.mentions)


def test_a_draft_in_the_json_shape_of_the_untyped_draft_still_loads():
    # The keys the dict draft had; "existing_article" was only set on some.
    data = {
        "id": "abc123",
        "article": {
            "headline": "H", "outlet": "O", "byline": "", "url": "", "published_on": "2025-01-22",
            "published_precision": "day", "published_estimated": False, "language": "en",
        },
        "text": "In 2018 the loan was signed.",
        "sha256": "0" * 64,
        "mentions": [{"start": 0, "end": 7, "text": "In 2018", "date": "2018-01-01", "precision": "year"}],
        "events": [
            {
                "id": 0, "title": "The loan was signed", "date": "2018-01-01", "precision": "year",
                "quote": "In 2018 the loan was signed.", "mention": "In 2018", "mention_start": 0, "mention_end": 7,
                "start": 0, "end": 28, "state": "rejected", "saved_id": None,
            }
        ],
        "claims": [],
        "created": "2025-01-22T10:00:00+00:00",
    }
    draft = Draft.from_json(data)
    assert draft.events[0].when == FuzzyDate(datetime.date(2018, 1, 1), "year")
    assert draft.events[0].state == ProposalState.REJECTED
    assert draft.created.tzinfo is not None


def test_a_draft_that_cannot_be_read_counts_as_gone():
    session = {SESSION_KEY: {"old": {"id": "old", "events": "not a list"}}}
    assert draft_get(session, "old") is None
    assert draft_get(session, "missing") is None
    assert draft_get({}, "missing") is None


class Session(dict):
    modified = False


def test_the_session_keeps_the_newest_drafts(seed_draft, db):
    session = Session()
    ids = []
    for minute in range(MAX_DRAFTS + 2):
        draft = Draft.from_json(seed_draft.to_json())
        draft.id = f"draft-{minute}"
        draft.created = datetime.datetime(2025, 1, 22, 10, minute, tzinfo=datetime.UTC)
        draft_put(session, draft)
        ids.append(draft.id)
    assert session.modified
    assert sorted(session[SESSION_KEY]) == sorted(ids[-MAX_DRAFTS:])
    assert draft_get(session, ids[-1]) == draft
    assert draft_get(session, ids[0]) is None


def test_the_session_holds_the_draft_as_json_that_reads_back_the_same(db):
    session = Session()
    draft = draft_new(article=ARTICLE, text=SEED)
    draft_put(session, draft)
    assert draft_get(session, draft.id) == draft
    stored = draft_get(session, draft.id).to_json()
    assert stored["events"][0]["date"] and stored["events"][0]["precision"]


def test_the_session_itself_holds_only_a_reference_to_each_draft_not_its_text(db):
    # Each draft has a store of its own: a request reads the one it works on.
    session = Session()
    draft = draft_new(article=ARTICLE, text=SEED)
    draft_put(session, draft)
    assert SEED[:200] not in repr(dict(session))
    assert set(session[SESSION_KEY][draft.id]) >= {"store", "created", "sha256"}


def test_the_text_is_split_once_and_every_reader_gets_that_split(monkeypatch):
    splits, given = [], {}
    real_split, real_extract = draft_module.split_sentences, draft_module.extract_dates
    real_find = draft_module.find_claims

    def split(text, **options):
        splits.append(options)
        return real_split(text, **options)

    def extract(text, **options):
        given["dates"] = options["sentences"]
        return real_extract(text, **options)

    def find(text, **options):
        given["claims"] = options["sentences"]
        return real_find(text, **options)

    monkeypatch.setattr(draft_module, "split_sentences", split)
    monkeypatch.setattr(draft_module, "extract_dates", extract)
    monkeypatch.setattr(draft_module, "find_claims", find)
    draft_new(article=ARTICLE, text=SEED)
    assert splits == [{"language": "en"}]
    assert given["dates"] is given["claims"]


def test_an_abbreviated_month_does_not_end_the_sentence_of_an_event_or_a_claim():
    text = "The ministry said on Nov. 5, 2024 that exports grew 12% last year, the highest in a decade."
    draft = draft_new(article=ARTICLE, text=text)
    (event,) = draft.events
    assert event.quote == text and event.when == FuzzyDate(datetime.date(2024, 11, 5))
    (claim,) = draft.claims
    assert claim.start < text.index("exports") and claim.end > text.index("decade")


def test_the_highlighted_text_links_dates_to_their_event_and_passages_to_their_claim(seed_draft):
    segments = [s for paragraph in highlighted(seed_draft) for s in paragraph]
    assert "".join(s.text for s in segments) == seed_draft.text.replace("\n", "")
    cpac = next(e for e in seed_draft.events if e.mention == "in February")
    assert any(s.text == "in February" and s.date == cpac.id for s in segments)
    quote = next(c for c in seed_draft.claims if "47 million" in c.quote)
    assert any("47 million" in s.text and s.claim == quote.id for s in segments)

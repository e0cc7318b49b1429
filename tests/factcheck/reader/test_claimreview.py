"""schema.org ClaimReview JSON-LD on published claim pages."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from factcheck.models import Claim, Verdict
from factcheck.services import SourceInput, claim_publish, claim_set_status, claim_set_summary
from tests.factories import make_article, make_claim
from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.models import Actor, Timeline

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld_blocks(html: str) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(html)]


def claim_review_of(client, claim: Claim) -> dict | None:
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200
    blocks = json_ld_blocks(response.content.decode())
    assert len(blocks) <= 1
    return blocks[0] if blocks else None


def assert_valid_claim_review(review: dict) -> None:
    """The properties schema.org and fact-check readers (Google's Fact Check
    Explorer) need, with their types."""
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    assert review["url"].startswith("http")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])
    author = review["author"]
    assert author["@type"] == "Organization" and author["name"] and author["url"].startswith("http")
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert isinstance(rating["alternateName"], str) and rating["alternateName"]
    assert rating["name"] == rating["alternateName"]
    for key in ("ratingValue", "bestRating", "worstRating"):
        assert isinstance(rating[key], int), key
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    if "author" in item:
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    if "appearance" in item:
        assert item["appearance"]["@type"] in ("NewsArticle", "CreativeWork")


@pytest.mark.django_db
class TestSeedClaims:
    def test_every_published_claim_with_a_final_verdict_carries_a_valid_claim_review(self, seeded, client):
        rated = 0
        for claim in Claim.objects.published().select_related("published_verdict"):
            review = claim_review_of(client, claim)
            if claim.published_verdict.is_final:
                assert review is not None, claim.quote
                assert_valid_claim_review(review)
                rated += 1
            else:
                assert review is None, claim.quote
        assert rated == 9

    def test_the_panama_canal_claim(self, seeded, client, settings):
        settings.NEWSROOM_NAME = "The Desk"
        settings.NEWSROOM_URL = "https://desk.example/"
        claim = Claim.objects.get(quote__contains="Panama Canal")
        review = claim_review_of(client, claim)
        assert review["claimReviewed"] == claim.quote
        assert review["url"] == f"http://testserver/claims/{claim.pk}/"
        assert review["author"] == {"@type": "Organization", "name": "The Desk", "url": "https://desk.example/"}
        assert review["reviewRating"] == {
            "@type": "Rating", "name": "False", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
            "alternateName": "False",
        }
        assert review["datePublished"] == claim.published_at.date().isoformat()
        item = review["itemReviewed"]
        assert item["author"] == {"@type": "Person", "name": "Donald Trump"}
        # The seed article's date is estimated: not stated as the claim's date.
        assert "datePublished" not in item and "datePublished" not in item["appearance"]
        assert item["appearance"]["headline"] == "Milei's ties to Trump bring Argentina into the spotlight"
        assert item["appearance"]["publisher"] == {"@type": "Organization", "name": "Courthouse News"}

    def test_an_organisation_as_claimant(self, seeded, client):
        review = claim_review_of(client, Claim.objects.get(quote__contains="47 million"))
        assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Courthouse News"}
        assert review["reviewRating"]["ratingValue"] == 4
        assert review["reviewRating"]["alternateName"] == "Mostly accurate"

    @pytest.mark.parametrize("quote", ["make Argentina great again", "overwhelmingly positive"])
    def test_workflow_states_unverified_and_not_checkable_carry_none(self, seeded, client, quote):
        claim = Claim.objects.get(quote__contains=quote)
        assert not claim.published_verdict.is_final
        assert claim_review_of(client, claim) is None

    def test_the_published_verdict_not_the_draft(self, seeded, client):
        claim = Claim.objects.get(quote__contains="Panama Canal")
        claim_set_status(
            claim=claim, editor=None, expected_version=None, verdict=Verdict.objects.get(slug="accurate"),
            rationale="Draft.", sources=[SourceInput(title="Draft source")],
        )
        assert claim_review_of(client, claim)["reviewRating"]["alternateName"] == "False"

    def test_a_correction_keeps_the_first_publication_date_and_rates_anew(self, seeded, client):
        claim = Claim.objects.get(quote__contains="Panama Canal")
        first = claim_review_of(client, claim)
        claim = claim_set_status(
            claim=claim, editor=None, expected_version=None, verdict=Verdict.objects.get(slug="misleading"),
            rationale="Corrected.", sources=[SourceInput(title="A source")],
        )
        claim_publish(claim=claim, editor=None)
        review = claim_review_of(client, claim)
        assert review["datePublished"] == first["datePublished"]
        assert review["dateModified"] >= first["dateModified"]
        assert review["reviewRating"]["ratingValue"] == 2


@pytest.mark.django_db
def test_quoted_text_cannot_break_out_of_the_data_block(client):
    article = make_article(body="He said </script><script>alert(1)</script> and <!-- more & more.")
    claim = make_claim(article=article, quote="</script><script>alert(1)</script> and <!-- more & more", verdict="false",
                       claimant=Actor.objects.create(name="A </script> name"))
    html = client.get(claim.get_absolute_url()).content.decode()
    block = JSON_LD.search(html).group(1)
    assert "</script" not in block.lower() and "<!--" not in block
    review = json.loads(block)
    assert review["claimReviewed"] == claim.quote
    assert review["itemReviewed"]["author"]["name"] == "A </script> name"
    assert "<script>alert(1)" not in html.split("</head>")[0].replace(block, "")


@pytest.mark.django_db
def test_a_claim_without_article_or_claimant(client):
    claim = make_claim(verdict="accurate", quote="A claim heard on the radio")
    review = claim_review_of(client, claim)
    assert_valid_claim_review(review)
    assert review["itemReviewed"] == {"@type": "Claim"}


@pytest.mark.django_db
def test_the_rating_range_follows_the_scale(seeded, client):
    Verdict.objects.create(slug="pants-on-fire", label="Pants on fire", label_es="Ridículo", rating_value=0, is_final=True, position=9)
    review = claim_review_of(client, Claim.objects.get(quote__contains="Panama Canal"))
    assert (review["reviewRating"]["worstRating"], review["reviewRating"]["bestRating"]) == (0, 5)


@pytest.mark.django_db
def test_without_a_newsroom_address_the_author_is_the_site_and_an_exact_date_is_stated(client, settings):
    settings.NEWSROOM_URL = ""
    settings.SITE_URL = "https://facts.example"
    article = make_article(published_on=datetime.date(2024, 3, 6), published_estimated=False)
    review = claim_review_of(client, make_claim(article=article, verdict="false"))
    assert review["author"]["url"] == "https://facts.example/"
    assert review["itemReviewed"]["datePublished"] == review["itemReviewed"]["appearance"]["datePublished"] == "2024-03-06"


@pytest.mark.django_db
class TestShortSummary:
    """claimReviewed is the claim's short summary when an editor wrote one
    (search engines show at most about 75 characters), else the quote."""

    def test_the_summary_when_given_else_the_quote(self, seeded, client):
        claim = Claim.objects.get(uid="seed-claim-01")
        assert len(claim.quote) > 75 and claim_review_of(client, claim)["claimReviewed"] == claim.quote
        claim = claim_set_summary(claim=claim, editor=None, summary="Milei rose fast", expected_summary=None)
        assert claim_review_of(client, claim)["claimReviewed"] == "Milei rose fast"
        claim_set_summary(claim=claim, editor=None, summary="", expected_summary=None)
        assert claim_review_of(client, claim)["claimReviewed"] == claim.quote

    def test_a_summary_saved_on_the_desk_is_on_the_shared_claim_page_at_once(self, seeded, client, editor_client):
        claim = Claim.objects.get(uid="seed-claim-01")
        page = claim.get_absolute_url()
        before = client.get(page)
        assert before["Cache-Control"].startswith("public") and before["ETag"]
        versions = dict(Timeline.objects.values_list("slug", "content_version"))
        fields = {f"claim-{claim.pk}-summary-summary": "Milei rose fast", f"claim-{claim.pk}-summary-seen": ""}
        saved = editor_client.post(f"/editor/claims/{claim.pk}/summary/", fields, headers={"HX-Request": "true"})
        assert saved.status_code == 200
        # The timelines showing the claim have a new stamp: what every process reads once its memo expires.
        assert Timeline.objects.get(slug="milei-trump").content_version == versions["milei-trump"] + 1
        after = client.get(page, HTTP_IF_NONE_MATCH=before["ETag"])
        assert after.status_code == 200 and after["ETag"] != before["ETag"]
        assert json_ld_blocks(after.content.decode())[0]["claimReviewed"] == "Milei rose fast"

    def test_without_a_new_stamp_the_shared_page_would_not_change(self, seeded, client):
        # What the test above guards against: the claim page is served from
        # the shared cache on its stamp, so a change that does not bump it
        # (here, an UPDATE behind the services' and the signals' back) stays unseen.
        claim = Claim.objects.get(uid="seed-claim-01")
        before = claim_review_of(client, claim)
        Claim.objects.filter(pk=claim.pk).update(summary="Milei rose fast")
        assert claim_review_of(client, claim)["claimReviewed"] == before["claimReviewed"] == claim.quote

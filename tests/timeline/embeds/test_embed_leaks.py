"""Nothing unpublished leaks through the embed, its code panel, the API,
oEmbed or the feed: only published claims, with the verdict, rationale and
sources as last published (the public snapshot), never the draft."""

from __future__ import annotations

import datetime

import pytest

from factcheck.models import Verdict
from factcheck.services import SourceInput, claim_publish, claim_set_status
from tests.factories import make_article, make_claim, make_event, make_timeline
from timeline.models import Actor

BODY = (
    "The minister said inflation had halved. Critics called the figure invented. "
    "A SECRET-QUOTE was never published. An aide said the claim about a hidden event was true."
)
SECRETS = ("SECRET-QUOTE", "DRAFT-RATIONALE", "DRAFT-SOURCE", "SECRET-EVENT", "SECRET-TIMELINE", "Misleading")


@pytest.fixture
def mixed_timeline():
    timeline = make_timeline(slug="mixed", title="Mixed")
    make_timeline(slug="secret-timeline", title="SECRET-TIMELINE", published=False)
    article = make_article(body=BODY)
    event = make_event(timeline, uid="public-event", title="Public event", article=article)
    hidden_event = make_event(timeline, uid="hidden-event", title="SECRET-EVENT", published=False,
                              date=datetime.date(2024, 4, 1), article=article)
    # Published as Accurate, then edited as a draft: Misleading with new words.
    claim = make_claim(article=article, event=event, quote="inflation had halved", verdict="accurate",
                       claimant=Actor.objects.create(name="The minister"))
    claim_set_status(
        claim=claim, editor=None, expected_version=None, verdict=Verdict.objects.get(slug="misleading"),
        rationale="DRAFT-RATIONALE", sources=[SourceInput(title="DRAFT-SOURCE")],
    )
    # Never published.
    make_claim(article=article, event=event, quote="A SECRET-QUOTE", verdict="false", publish=False)
    # Published (its own page shows it), about an event that is not: the
    # timeline views leave it out with its event.
    make_claim(article=article, event=hidden_event, quote="the claim about a hidden event was true", verdict="false")
    return timeline


PUBLIC_URLS = [
    "/embed/timelines/mixed/",
    "/embed/timelines/mixed/?lang=es&order=newest",
    "/embed/timelines/mixed/?verdict=accurate,false",
    "/embed/timelines/mixed/code/",
    "/api/timelines/mixed.json",
    "/api/timelines/mixed.json?lang=es",
    "/oembed/?url=http%3A%2F%2Ftestserver%2Ftimelines%2Fmixed%2F",
    "/feeds/verdicts/",
    "/feeds/verdicts/?lang=es",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_URLS)
def test_no_unpublished_claim_or_draft_anywhere(mixed_timeline, client, path):
    response = client.get(path)
    assert response.status_code == 200
    text = response.content.decode()
    for secret in SECRETS:
        assert secret not in text, (path, secret)
    assert "Engañoso" not in text


@pytest.mark.django_db
def test_the_published_snapshot_is_what_shows(mixed_timeline, client):
    embed = client.get("/embed/timelines/mixed/").content.decode()
    assert "inflation had halved" in embed and ">Accurate<" in embed
    api = client.get("/api/timelines/mixed.json").json()
    assert [s["unique_id"] for s in api["events"]] == ["public-event"]
    assert "Verdict: Accurate" in api["events"][0]["text"]["text"]
    # A claim about an unpublished event goes with its event.
    assert "hidden event" not in embed and "hidden event" not in str(api)
    feed = client.get("/feeds/verdicts/").content.decode()
    assert "Published as Accurate" in feed


@pytest.mark.django_db
def test_publishing_the_draft_makes_it_public(mixed_timeline, client):
    from factcheck.models import Claim

    claim = Claim.objects.get(quote="inflation had halved")
    claim_publish(claim=claim, editor=None)
    embed = client.get("/embed/timelines/mixed/").content.decode()
    assert ">Misleading<" in embed
    assert "DRAFT-RATIONALE" in client.get("/feeds/verdicts/").content.decode()  # now the published rationale


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/embed/timelines/secret-timeline/",
        "/embed/timelines/secret-timeline/code/",
        "/api/timelines/secret-timeline.json",
        "/oembed/?url=http%3A%2F%2Ftestserver%2Ftimelines%2Fsecret-timeline%2F",
    ],
)
def test_an_unpublished_timeline_is_not_found(mixed_timeline, client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "SECRET-TIMELINE" not in response.content.decode()

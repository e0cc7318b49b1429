"""/timelines/<slug>/feed/: the Atom feed of one published timeline's
verdict changes, by the verdict feed's rule, on the timeline's stamp."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from factcheck.models import Claim, VerdictChange
from factcheck.services import claim_unpublish
from tests.factcheck.reader.test_feeds import correct, entries
from tests.factories import make_claim, make_timeline
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from timeline.models import Timeline
from timeline.stamps import forget_stamps

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "/timelines/milei-trump/feed/"


def other_timelines_claim() -> Claim:
    """A published claim on a published timeline of its own."""
    claim = make_claim(quote="Wheat exports tripled in one season")
    assert Timeline.objects.reaching(claim).exclude(slug="milei-trump").exists()
    return claim


def test_it_lists_the_timelines_published_changes_only(client, seeded):
    other = other_timelines_claim()
    seed = Timeline.objects.get(slug="milei-trump")
    items = entries(client, FEED)
    seed_claims = Claim.objects.public(on=seed)
    assert len(items) == VerdictChange.objects.filter(action="publish", claim__in=seed_claims).count() == 15
    assert all(item["link"].startswith("http://testserver/claims/") for item in items)
    assert f"/claims/{other.pk}/" not in " ".join(item["link"] for item in items)
    assert f"/claims/{other.pk}/" in " ".join(item["link"] for item in entries(client, "/feeds/verdicts/"))

    [other_timeline] = Timeline.objects.reaching(other)
    [only] = entries(client, f"/timelines/{other_timeline.slug}/feed/")
    assert only["link"] == f"http://testserver/claims/{other.pk}/"


def test_a_draft_is_not_in_it_a_publication_and_a_withdrawal_are(client, seeded):
    first = client.get(FEED)
    correct("Panama Canal", "accurate", "DRAFT-ONLY rationale", publish=False)
    forget_stamps()
    assert "DRAFT-ONLY" not in client.get(FEED).content.decode()
    claim = correct("Panama Canal", "misleading", "A corrected rationale.")
    forget_stamps()
    after = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and after["ETag"] != first["ETag"]
    [top, *_] = entries(client, FEED)
    assert top["title"].startswith("Rating changed from False to Misleading")
    claim_unpublish(claim=claim, editor=None, expected_version=claim.version, note="Taken back.")
    forget_stamps()
    [top, *_] = entries(client, FEED)
    assert top["title"].startswith("Fact-check withdrawn") and top["link"].endswith(f"/claims/{claim.pk}/")


def test_only_a_published_timeline_has_a_feed(client, seeded):
    make_timeline(slug="draft-story", title="Draft story", published=False)
    assert client.get("/timelines/draft-story/feed/").status_code == 404
    assert client.get("/timelines/no-such-one/feed/").status_code == 404


def test_it_names_itself_and_its_timeline_from_site_url(client, seeded, settings):
    settings.SITE_URL = "https://facts.example.org"
    feed = ET.fromstring(client.get(FEED, HTTP_HOST="127.0.0.1").content)
    assert feed.findtext(f"{ATOM}title") == "Milei and Trump: a timeline: verdicts and corrections"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"alternate": "https://facts.example.org/timelines/milei-trump/",
                     "self": "https://facts.example.org/timelines/milei-trump/feed/"}


def test_its_language_is_the_lang_parameter(client, seeded):
    panama = f"http://testserver/claims/{Claim.objects.get(quote__contains='Panama Canal').pk}/"

    def panama_category(query: str) -> list[str]:
        return next(item["category"] for item in entries(client, FEED + query) if item["link"] == panama)

    assert panama_category("?lang=es") == ["Falso"]
    assert panama_category("") == panama_category("?lang=en") == ["False"]
    assert client.get(FEED + "?lang=es", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "es"
    assert client.get(FEED + "?lang=xx").status_code == 400


def test_it_is_a_shared_response(client, seeded):
    response = client.get(FEED)
    assert response["Cache-Control"].startswith("public, max-age=") and response["ETag"]
    assert response["Access-Control-Allow-Origin"] == "*" and not response.cookies
    assert "accept-language" not in response.get("Vary", "").lower()
    assert client.get(FEED, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304

"""Absolute URLs in public responses come from SITE_URL, never from the
request's Host header: a client naming another allowed host (or port) cannot
put it into a response that caches share."""

import pytest

from factcheck.models import Claim
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db

SITE = "https://facts.example.org"
FOREIGN_HOST = "127.0.0.1:6666"


def public_urls() -> list[str]:
    claim = Claim.objects.published().order_by("pk").first()
    timeline = "/timelines/milei-trump/"
    return [
        "/",
        timeline,
        claim.get_absolute_url(),
        "/embed/timelines/milei-trump/",
        "/embed/timelines/milei-trump/code/",
        "/api/timelines/milei-trump.json",
        f"/oembed/?format=json&url={SITE}{timeline}",
        "/feeds/verdicts/",
        "/embed.js",
        f"{claim.get_absolute_url()}card.png",
        f"{timeline}card.png",
        f"{timeline}feed/",
    ]


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]


def test_no_public_response_names_the_requests_host(client, seeded, site_url):
    for url in public_urls():
        response = client.get(url, HTTP_HOST=FOREIGN_HOST)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        headers = " ".join(f"{key}: {value}" for key, value in response.items())
        assert b"6666" not in body and "6666" not in headers, url
        assert b"testserver" not in body, url


def test_absolute_urls_name_the_site(client, seeded, site_url):
    claim_page = client.get(Claim.objects.published().order_by("pk").first().get_absolute_url(), HTTP_HOST=FOREIGN_HOST)
    assert f'"url": "{SITE}/claims/'.encode() in claim_page.content  # ClaimReview
    oembed = client.get(f"/oembed/?format=json&url={SITE}/timelines/milei-trump/", HTTP_HOST=FOREIGN_HOST).json()
    assert f'src="{SITE}/embed/timelines/milei-trump/' in oembed["html"]
    feed = client.get("/feeds/verdicts/", HTTP_HOST=FOREIGN_HOST).content
    assert f"{SITE}/claims/".encode() in feed


def test_without_site_url_a_local_trial_follows_its_own_address(client, seeded, settings):
    settings.SITE_URL = ""
    oembed = client.get("/oembed/?format=json&url=http://testserver/timelines/milei-trump/").json()
    assert 'src="http://testserver/embed/timelines/milei-trump/' in oembed["html"]


def test_the_share_tags_name_the_site(client, seeded, site_url):
    """og:url, og:image and twitter:image are SITE_URL's, whatever the Host header says."""
    claim = Claim.objects.published().order_by("pk").first()
    for path in ("/", "/timelines/milei-trump/", claim.get_absolute_url()):
        page = client.get(path, HTTP_HOST=FOREIGN_HOST).content.decode()
        assert f'<meta property="og:url" content="{SITE}{path}">' in page, path
        assert f'<meta property="og:image" content="{SITE}/' in page, path
        assert f'<meta name="twitter:image" content="{SITE}/' in page, path
    feed = client.get("/timelines/milei-trump/feed/", HTTP_HOST=FOREIGN_HOST).content
    assert f'href="{SITE}/timelines/milei-trump/feed/"'.encode() in feed


def test_each_public_page_names_its_canonical_address(client, seeded, site_url):
    claim = Claim.objects.published().order_by("pk").first()
    for path, query in [("/", ""), ("/timelines/milei-trump/", "?q=IMF"), (claim.get_absolute_url(), "")]:
        page = client.get(path + query, HTTP_HOST=FOREIGN_HOST).content.decode()
        assert f'<link rel="canonical" href="{SITE}{path}">' in page, path

"""oEmbed 1.0 for timeline pages and embeds."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.models import Timeline

PAGE = "http://testserver/timelines/milei-trump/"


def oembed(client, **params):
    return client.get("/oembed/", params)


@pytest.mark.django_db
class TestRichResponse:
    def test_a_timeline_page_gets_a_rich_response(self, seeded, client):
        response = oembed(client, url=PAGE, format="json")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        data = response.json()
        assert data["version"] == "1.0"
        assert data["type"] == "rich"
        assert data["title"] == "Milei and Trump: a timeline"
        assert data["provider_name"] == "Claim Timeline"
        assert data["provider_url"] == "http://testserver/"
        assert data["width"] == 640 and data["height"] == 600
        assert data["cache_age"] == 3600
        assert '<iframe data-claim-timeline src="http://testserver/embed/timelines/milei-trump/"' in data["html"]
        assert '<script async src="http://testserver/embed.js"></script>' in data["html"]
        assert response["Access-Control-Allow-Origin"] == "*"

    def test_format_defaults_to_json(self, seeded, client):
        assert oembed(client, url=PAGE).json()["type"] == "rich"

    def test_sizes_stay_within_maxwidth_and_maxheight(self, seeded, client):
        data = oembed(client, url=PAGE, maxwidth="400", maxheight="300").json()
        assert data["width"] == 400 and data["height"] == 300
        assert 'width="400" height="300"' in data["html"]
        # The frame is told its height, so it never grows past maxheight.
        assert "milei-trump/?height=300" in data["html"]

    def test_a_large_maximum_changes_nothing(self, seeded, client):
        data = oembed(client, url=PAGE, maxwidth="5000", maxheight="5000").json()
        assert data["width"] == 640 and data["height"] == 600

    def test_a_tiny_maxheight_is_honoured(self, seeded, client):
        data = oembed(client, url=PAGE, maxheight="80").json()
        assert data["height"] == 80
        assert "?height=150" in data["html"]  # the embed's own minimum; the frame is 80 px

    def test_an_embed_url_keeps_its_options(self, seeded, client):
        url = "http://testserver/embed/timelines/milei-trump/?theme=dark&lang=es&order=newest"
        data = oembed(client, url=url).json()
        src = unquote(re.search(r'src="([^"]+)"', data["html"]).group(1)).replace("&amp;", "&")
        assert src == "http://testserver/embed/timelines/milei-trump/?theme=dark&order=newest&lang=es"

    def test_the_home_page_is_the_featured_timeline(self, seeded, client):
        assert oembed(client, url="http://testserver/").json()["title"] == "Milei and Trump: a timeline"

    def test_a_timeline_page_url_with_a_query_or_fragment(self, seeded, client):
        assert oembed(client, url=PAGE + "?q=imf#event-3").status_code == 200

    def test_discovery_on_the_timeline_page(self, seeded, client):
        html = client.get("/timelines/milei-trump/").content.decode()
        link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)" title="([^"]+)">', html)
        assert link, "no oEmbed discovery link"
        assert link.group(2) == "Milei and Trump: a timeline"
        href = link.group(1).replace("&amp;", "&")
        assert href.startswith("http://testserver/oembed/?")
        assert client.get(href).json()["type"] == "rich"


@pytest.mark.django_db
class TestRefusals:
    @pytest.mark.parametrize(
        "url",
        [
            "https://elsewhere.example/timelines/milei-trump/",
            "http://testserver.evil.example/timelines/milei-trump/",
            "http://testserver/timelines/no-such-timeline/",
            "http://testserver/claims/1/",
            "http://testserver/admin/",
            "http://testserver/embed/timelines/milei-trump/code/",
        ],
    )
    def test_404_for_addresses_that_are_not_our_public_timelines(self, seeded, client, url):
        response = oembed(client, url=url)
        assert response.status_code == 404
        assert response.json()["error"]

    def test_404_for_an_unpublished_timeline(self, seeded, client):
        timeline = Timeline.objects.get(slug="milei-trump")
        timeline.published = False
        timeline.save()
        assert oembed(client, url=PAGE).status_code == 404

    def test_501_for_other_formats(self, seeded, client):
        response = oembed(client, url=PAGE, format="xml")
        assert response.status_code == 501
        assert "json" in response.json()["error"]

    @pytest.mark.parametrize(
        "params, message",
        [
            ({}, "required"),
            ({"url": ""}, "required"),
            ({"url": "not a url"}, "http or https"),
            ({"url": "javascript:alert(1)"}, "http or https"),
            ({"url": "ftp://testserver/timelines/milei-trump/"}, "http or https"),
            ({"url": "http://[::1/timelines/x/"}, "not a valid address"),
            ({"url": "http://testserver/" + "a" * 3000}, "longer than"),
            ({"url": PAGE, "maxwidth": "-5"}, "maxwidth"),
            ({"url": PAGE, "maxwidth": "wide"}, "maxwidth"),
            ({"url": PAGE, "maxheight": "0"}, "maxheight"),
            ({"url": PAGE, "maxheight": "1e3"}, "maxheight"),
            ({"url": "http://testserver/embed/timelines/milei-trump/?theme=neon"}, "Unknown theme"),
        ],
    )
    def test_400_with_a_message_for_bad_input(self, seeded, client, params, message):
        response = oembed(client, **params)
        assert response.status_code == 400
        assert message in response.json()["error"]

    @hypothesis_settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        url=st.one_of(st.text(max_size=300), st.builds(lambda path: f"http://testserver/{path}", st.text(max_size=80))),
        maxwidth=st.one_of(st.none(), st.text(max_size=8)),
        maxheight=st.one_of(st.none(), st.integers(-10, 10**9).map(str)),
    )
    def test_no_input_causes_a_server_error(self, seeded, client, url, maxwidth, maxheight):
        params = {"url": url}
        if maxwidth is not None:
            params["maxwidth"] = maxwidth
        if maxheight is not None:
            params["maxheight"] = maxheight
        response = oembed(client, **params)
        assert response.status_code in (200, 400, 404)
        assert "error" in response.json() or response.json()["type"] == "rich"

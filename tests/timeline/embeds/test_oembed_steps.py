"""The oEmbed view's steps one by one: reading the parameters, finding the
timeline a url names, sizing the frame, the response's fields."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from tests.factories import make_timeline
from timeline.embeds.options import DEFAULT_FRAME_HEIGHT, MIN_HEIGHT, EmbedOptions
from timeline.embeds.views import (
    OEMBED_DEFAULT_WIDTH,
    OEmbedFrame,
    OEmbedQuery,
    OEmbedRefusal,
    _oembed_data,
    _oembed_frame,
    _oembed_query,
    _oembed_target,
)


def query(**params) -> OEmbedQuery:
    return _oembed_query(RequestFactory().get("/oembed/", params))


def refusal(**params) -> tuple[int, str]:
    with pytest.raises(OEmbedRefusal) as raised:
        query(**params)
    return raised.value.status, raised.value.message


class TestReadingTheParameters:
    def test_a_good_request(self):
        asked = query(url="http://testserver/timelines/t/?x=1", maxwidth="400")
        assert asked == OEmbedQuery(path="/timelines/t/", query="x=1", maxwidth=400, maxheight=None)

    def test_the_path_of_a_bare_host_is_the_home_page(self):
        assert query(url="https://testserver").path == "/"

    def test_the_format_is_checked_first(self):
        assert refusal(format="xml") == (501, "Only format=json is supported.")

    def test_a_url_is_required_and_not_too_long(self):
        assert refusal() == (400, "The url parameter is required.")
        assert refusal(url="http://testserver/" + "a" * 2000)[0] == 400

    def test_sizes_before_the_address(self):
        status, message = refusal(url="ftp://elsewhere/", maxwidth="wide")
        assert status == 400 and "maxwidth" in message

    def test_only_http_addresses_on_this_site(self):
        assert refusal(url="ftp://testserver/") == (400, "The url must be an http or https address.")
        assert refusal(url="http://example.org/") == (404, "That address is not on this site.")

    def test_an_unreadable_url_is_a_400(self):
        assert refusal(url="http://[::1/") == (400, "The url is not a valid address.")


@pytest.mark.django_db
class TestFindingTheTimeline:
    def test_a_published_timeline_page(self):
        timeline = make_timeline(slug="found")
        target = _oembed_target(OEmbedQuery(path="/timelines/found/", query="", maxwidth=None, maxheight=None))
        assert target.slug == "found" and target.stamp.pk == timeline.pk
        assert target.options == EmbedOptions()

    def test_an_embed_url_brings_its_options(self):
        make_timeline(slug="found")
        asked = OEmbedQuery(path="/embed/timelines/found/", query="theme=dark", maxwidth=None, maxheight=None)
        assert _oembed_target(asked).options.theme == "dark"

    @pytest.mark.parametrize("path", ["/timelines/nothing/", "/editor/", "/no/such/page/"])
    def test_anything_else_is_a_404(self, path):
        with pytest.raises(OEmbedRefusal) as raised:
            _oembed_target(OEmbedQuery(path=path, query="", maxwidth=None, maxheight=None))
        assert (raised.value.status, raised.value.message) == (404, "That address is not a published timeline.")


class TestSizingTheFrame:
    def test_without_limits_the_default_width_and_the_embeds_height(self):
        frame = _oembed_frame(EmbedOptions(), maxwidth=None, maxheight=None)
        assert (frame.width, frame.height, frame.fixed_width) == (OEMBED_DEFAULT_WIDTH, DEFAULT_FRAME_HEIGHT, False)
        assert frame.options == EmbedOptions()

    def test_maxwidth_caps_the_width_and_fixes_it(self):
        frame = _oembed_frame(EmbedOptions(), maxwidth=300, maxheight=None)
        assert (frame.width, frame.fixed_width) == (300, True)

    def test_maxheight_caps_the_height_and_sets_it_on_the_embed(self):
        frame = _oembed_frame(EmbedOptions(), maxwidth=None, maxheight=300)
        assert frame.height == 300 and frame.options.height == 300

    def test_the_embed_is_never_set_below_its_minimum(self):
        frame = _oembed_frame(EmbedOptions(), maxwidth=None, maxheight=10)
        assert frame.height == 10 and frame.options.height == MIN_HEIGHT


@override_settings(NEWSROOM_NAME="The Newsroom", OEMBED_CACHE_AGE=600)
def test_the_response_fields():
    frame = OEmbedFrame(width=400, height=300, fixed_width=True, options=EmbedOptions())
    data = _oembed_data(root="https://news.example", slug="t", title="A <b> title", frame=frame)
    assert {key: data[key] for key in data if key != "html"} == {
        "version": "1.0",
        "type": "rich",
        "provider_name": "The Newsroom",
        "provider_url": "https://news.example/",
        "title": "A <b> title",
        "width": 400,
        "height": 300,
        "cache_age": 600,
    }
    assert 'title="A &lt;b&gt; title" width="400" height="300"' in data["html"]
    assert '<script async src="https://news.example/' in data["html"]

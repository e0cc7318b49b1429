"""The embed-code panel on the timeline page, without JavaScript, and the
endpoint its script asks."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from tests.seed_once import seeded, seeded_module  # noqa: F401


def textarea(page: str, name: str) -> str:
    return html_lib.unescape(re.search(rf'<textarea id="{name}"[^>]*>(.*?)</textarea>', page, re.DOTALL).group(1))


@pytest.mark.django_db
class TestEmbedCodePanel:
    def test_the_timeline_page_holds_the_panel_closed_and_fetches_it_when_opened(self, seeded, client):
        page = client.get("/timelines/milei-trump/").content.decode()
        assert 'data-hx-get="/embed/timelines/milei-trump/code/panel/" data-hx-trigger="toggle once"' in page
        # Nor its stylesheet or script: most readers never open it.
        assert "embed-code-script" not in page and "embed-generator." not in page
        assert 'href="?embed_theme=auto#embed-generator"' in page  # the way in without JavaScript

    def test_the_opened_panel_offers_both_snippets_with_the_defaults(self, seeded, client):
        response = client.get("/embed/timelines/milei-trump/code/panel/")
        assert response.status_code == 200
        page = response.content.decode()
        # Its script is named, not included: htmx runs no script it swaps
        # in, so js/timeline.js loads it once the panel is there.
        assert "<html" not in page and "css/embed-generator." in page and "<script" not in page
        assert re.search(r'data-script="/static/js/embed-generator\.[0-9a-f]+\.js"', page)
        assert 'data-loader-url="http://testserver/embed.js"' in page
        script = textarea(page, "embed-code-script")
        assert script == (
            '<div data-claim-timeline="http://testserver/embed/timelines/milei-trump/" '
            'data-title="Milei and Trump: a timeline"><a href="http://testserver/timelines/milei-trump/">'
            "Milei and Trump: a timeline</a></div>\n"
            '<script async src="http://testserver/embed.js"></script>'
        )
        frame = textarea(page, "embed-code-iframe")
        assert frame.startswith('<iframe src="http://testserver/embed/timelines/milei-trump/" title="Milei and Trump: a timeline"')
        assert 'height="600"' in frame
        assert client.get("/embed/timelines/nothing/code/panel/").status_code == 404

    def test_options_sent_without_javascript(self, seeded, client):
        page = client.get(
            "/timelines/milei-trump/",
            {"embed_theme": "dark", "embed_verdict": ["false", "accurate"], "embed_order": "newest", "embed_height": "500"},
        ).content.decode()
        assert '<details class="embed-generator__details" open>' in page
        url = "http://testserver/embed/timelines/milei-trump/?theme=dark&amp;verdict=accurate,false&amp;order=newest&amp;height=500"
        assert f'data-claim-timeline="{url}"' in textarea(page, "embed-code-script")
        assert 'height="500"' in textarea(page, "embed-code-iframe")
        assert 'value="dark" checked' in page
        assert 'value="false" checked' in page

    def test_bad_values_fall_back_to_the_defaults(self, seeded, client):
        page = client.get("/timelines/milei-trump/", {"embed_theme": "neon", "embed_height": "-1", "embed_lang": "xx"}).content.decode()
        assert 'data-claim-timeline="http://testserver/embed/timelines/milei-trump/"' in textarea(page, "embed-code-script")

    def test_only_the_verdicts_readers_see_on_this_timeline_are_offered(self, seeded, client):
        page = client.get("/embed/timelines/milei-trump/code/panel/").content.decode()
        offered = re.findall(r'name="embed_verdict" value="([^"]+)"', page)
        assert offered == ["accurate", "mostly-accurate", "false", "not-checkable", "unverified"]

    def test_the_endpoint_returns_the_output_part(self, seeded, client):
        response = client.get("/embed/timelines/milei-trump/code/", {"embed_theme": "light"})
        assert response.status_code == 200
        part = response.content.decode()
        assert "<html" not in part and "embed-code-script" in part
        assert "?theme=light" in textarea(part, "embed-code-script")
        assert client.get("/embed/timelines/nothing/code/").status_code == 404

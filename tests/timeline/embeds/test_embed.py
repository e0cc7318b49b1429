"""The embeddable timeline: what it shows, its options, framing and the
absence of any per-reader state."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from factcheck.models import Claim, Verdict
from factcheck.services import SourceInput, claim_set_status
from tests.csp import directives, sha256_source
from tests.seed_once import seeded, seeded_module  # noqa: F401

EMBED = "/embed/timelines/milei-trump/"


def inline_style_hash(response) -> str:
    return sha256_source(re.search(r"<style>(.*?)</style>", response.content.decode(), re.S).group(1))


def events_in(html: str) -> list[str]:
    return re.findall(r'<li class="event" id="event-([^"]+)"', html)


def claim_block(html: str, text: str) -> str:
    """The embed's <li class="claim"> that quotes `text`."""
    blocks = [b for b in html.split('<li class="claim">')[1:] if text in b.split("</blockquote>")[0]]
    assert len(blocks) == 1, text
    return blocks[0].split("</li>")[0]


@pytest.mark.django_db
class TestWhatTheEmbedShows:
    def test_every_published_event_with_its_claims_and_their_published_verdicts(self, seeded, client):
        response = client.get(EMBED)
        html = response.content.decode()
        assert response.status_code == 200
        assert len(events_in(html)) == 13
        assert html.count('<li class="claim">') == 14
        assert '<time datetime="2024-07">July 2024</time>' in html
        assert '<span class="verdict verdict--red verdict--final">False</span>' in html
        # Each claim links to its fact-check, outside the frame.
        panama = Claim.objects.get(quote__contains="Panama Canal")
        assert f'href="{panama.get_absolute_url()}" target="_blank" rel="noopener"' in html
        for link in re.findall(r"<a [^>]*>", html):
            assert 'target="_blank"' in link and 'rel="noopener"' in link, link

    def test_only_published_content(self, seeded, client):
        from timeline.models import Event

        event = Event.objects.get(uid="cpac-2024")
        event.published = False
        event.save()
        claim = Claim.objects.get(quote__contains="47 million")
        claim.published = False
        claim.save()
        html = client.get(EMBED).content.decode()
        assert "event-cpac-2024" not in events_in(html)
        assert "47 million" not in html
        assert len(events_in(html)) == 12

    def test_draft_verdicts_stay_out(self, seeded, client):
        claim = Claim.objects.get(quote__contains="Panama Canal")
        claim_set_status(
            claim=claim,
            editor=None,
            expected_version=claim.version,
            verdict=Verdict.objects.get(slug="accurate"),
            rationale="DRAFT-ONLY rationale",
            sources=[SourceInput(title="DRAFT-ONLY source")],
        )
        html = client.get(EMBED).content.decode()
        assert re.search(r'class="verdict[^"]*">False<', claim_block(html, "the Panama Canal, which"))
        assert "DRAFT-ONLY" not in html

    def test_unknown_or_unpublished_timeline_is_a_framable_404(self, seeded, client):
        from timeline.models import Timeline

        assert client.get("/embed/timelines/no-such-thing/").status_code == 404
        timeline = Timeline.objects.get(slug="milei-trump")
        timeline.published = False
        timeline.save()
        response = client.get(EMBED)
        assert response.status_code == 404
        assert "This timeline is not published." in response.content.decode()
        assert "X-Frame-Options" not in response
        assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["*"]


@pytest.mark.django_db
class TestOptions:
    def test_theme(self, seeded, client):
        assert '<html lang="en" class="theme-auto">' in client.get(EMBED).content.decode()
        assert 'class="theme-dark"' in client.get(EMBED + "?theme=dark").content.decode()
        assert 'class="theme-light"' in client.get(EMBED + "?theme=light").content.decode()

    def test_verdict_filter_keeps_matching_claims_and_their_events(self, seeded, client):
        html = client.get(EMBED + "?verdict=false").content.decode()
        assert events_in(html) == ["paris-withdrawal-panama-2025"]
        assert html.count('<li class="claim">') == 1
        assert "Showing claims rated" in html
        html = client.get(EMBED + "?verdict=false,not-checkable").content.decode()
        assert html.count('<li class="claim">') == 2  # the IMF claim is not about one event

    def test_verdict_filter_that_matches_nothing_says_so(self, seeded, client):
        html = client.get(EMBED + "?verdict=misleading").content.decode()
        assert events_in(html) == []
        assert "No claims on this timeline have these verdicts." in html

    def test_newest_first(self, seeded, client):
        oldest = events_in(client.get(EMBED).content.decode())
        newest = events_in(client.get(EMBED + "?order=newest").content.decode())
        assert newest == list(reversed(oldest))
        assert newest[0] == "paris-withdrawal-panama-2025"
        assert oldest[0] == "imf-stand-by-2018"

    def test_language(self, seeded, client):
        response = client.get(EMBED + "?lang=es")
        html = response.content.decode()
        assert '<html lang="es"' in html
        assert '<time datetime="2024-07">julio de 2024</time>' in html
        assert ">Falso<" in html
        assert 'aria-label="Afirmaciones sobre este hecho"' in html
        assert "Verificaciones de Claim Timeline" in html
        assert response["Content-Language"] == "es"

    def test_language_comes_from_the_url_not_the_reader(self, seeded, client):
        response = client.get(EMBED, HTTP_ACCEPT_LANGUAGE="es", HTTP_COOKIE="django_language=es")
        assert '<html lang="en"' in response.content.decode()
        assert response["Content-Language"] == "en"
        assert "Accept-Language" not in response.get("Vary", "")

    def test_errors_speak_the_language_of_the_url_not_the_reader(self, seeded, client):
        response = client.get(EMBED + "?theme=neon", HTTP_ACCEPT_LANGUAGE="es")
        assert "Unknown theme “neon”" in response.content.decode()
        assert response["Content-Language"] == "en"
        response = client.get(EMBED + "?theme=neon&lang=es")
        assert "Tema desconocido “neon”" in response.content.decode()
        assert response["Content-Language"] == "es"
        assert "Accept-Language" not in response.get("Vary", "")

    def test_height_hint(self, seeded, client):
        assert 'data-max-height="480"' in client.get(EMBED + "?height=480").content.decode()
        assert "data-max-height" not in client.get(EMBED).content.decode()

    def test_unknown_parameters_are_ignored(self, seeded, client):
        # Pym.js adds its own.
        response = client.get(EMBED + "?initialWidth=640&childId=slot&parentTitle=x&parentUrl=https%3A%2F%2Fnews.example%2F")
        assert response.status_code == 200

    @pytest.mark.parametrize(
        "query, message",
        [
            ("theme=purple", "Unknown theme"),
            ("order=random", "Unknown order"),
            ("lang=fr", "Unknown language"),
            ("height=abc", "whole number of pixels"),
            ("height=-40", "whole number of pixels"),
            ("height=10", "between 150 and 20000"),
            ("height=99999999", "whole number of pixels"),
            ("verdict=<script>", "is not a verdict"),
            ("verdict=pants-on-fire", "is not a verdict on this site"),
        ],
    )
    def test_bad_values_get_a_clear_400(self, seeded, client, query, message):
        response = client.get(f"{EMBED}?{query}")
        assert response.status_code == 400
        assert message in response.content.decode()
        assert "<script>" not in response.content.decode()
        assert "X-Frame-Options" not in response  # shown inside the frame

    @hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        st.dictionaries(
            st.sampled_from(["theme", "verdict", "order", "lang", "height", "childId"]),
            st.text(max_size=60),
            max_size=4,
        )
    )
    def test_no_option_value_causes_a_server_error(self, seeded, client, query):
        response = client.get(EMBED, query)
        assert response.status_code in (200, 400)


@pytest.mark.django_db
class TestFraming:
    def test_the_embed_may_be_framed_by_anyone_by_default(self, seeded, client):
        response = client.get(EMBED)
        assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["*"]
        assert "X-Frame-Options" not in response

    def test_the_embeds_inline_stylesheet_is_the_only_style_its_policy_allows(self, seeded, client):
        # Inline, the stylesheet costs the newsroom's reader no extra round
        # trip; its hash, not 'unsafe-inline', lets it apply.
        for response in (client.get(EMBED), client.get("/embed/timelines/no-such-timeline/")):
            assert 'rel="stylesheet"' not in response.content.decode()
            style_sources = directives(response["Content-Security-Policy"])["style-src"]
            assert style_sources == ["'self'", inline_style_hash(response)]

    def test_the_embed_may_be_framed_only_by_the_sites_the_setting_names(self, seeded, client, settings):
        settings.EMBED_FRAME_ANCESTORS = ["https://news.example", "https://*.paper.example"]
        response = client.get(EMBED)
        assert directives(response["Content-Security-Policy"])["frame-ancestors"] == [
            "https://news.example", "https://*.paper.example", "'self'"
        ]
        assert "X-Frame-Options" not in response

    @pytest.mark.parametrize(
        "path",
        [
            "/",
            "/timelines/milei-trump/",
            "/claims/1/",
            "/feeds/verdicts/",
            "/api/timelines/milei-trump.json",
            "/oembed/?url=http%3A%2F%2Ftestserver%2Ftimelines%2Fmilei-trump%2F",
            "/embed/timelines/milei-trump/code/",
            "/no-such-page/",
            "/admin/login/",
        ],
    )
    def test_every_other_page_refuses_to_be_framed(self, seeded, client, path):
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY"
        assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
class TestNoReaderState:
    def test_no_cookies_and_no_vary_on_cookies_even_for_a_signed_in_editor(self, seeded, client):
        user = get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
        client.force_login(user)
        client.get("/timelines/milei-trump/")  # a page with a session in use
        for path in (EMBED, EMBED + "?theme=dark", "/api/timelines/milei-trump.json", "/feeds/verdicts/", "/embed.js"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert not response.cookies, path
            assert "Set-Cookie" not in response, path
            vary = response.get("Vary", "")
            assert "Cookie" not in vary and "Accept-Language" not in vary, (path, vary)
            assert response["Cache-Control"].startswith("public, max-age="), path

    def test_the_same_bytes_for_everyone(self, seeded, client):
        user = get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
        anonymous = client.get(EMBED, HTTP_ACCEPT_LANGUAGE="es").content
        client.force_login(user)
        assert client.get(EMBED).content == anonymous


@pytest.mark.django_db
def test_the_loader_script_has_a_stable_address_and_is_cacheable(client):
    response = client.get("/embed.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"claim-timeline:height" in response.content
    assert response["Cache-Control"] == "public, max-age=3600"
    again = client.get("/embed.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.django_db
def test_post_is_not_allowed(seeded, client):
    assert client.post(EMBED).status_code == 405

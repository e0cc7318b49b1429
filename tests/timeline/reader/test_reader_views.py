"""The reader's timeline page through the Django test client: filters,
search, details in place, pages, fragments for HTMX, and bad input."""

import html as html_lib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests import seed_once
from tests.factories import make_long_timeline
from timeline.models import Actor, Event

URL = "/timelines/milei-trump/"

# The seed, loaded once for this module; each test's writes are rolled back.
seeded, seeded_module = seed_once.seeded, seed_once.seeded_module

HTMX = {"HTTP_HX_REQUEST": "true"}


def event_titles(response) -> list[str]:
    html = response.content.decode()
    titles = re.findall(r'<h3 class="event__title"[^>]*><a [^>]*>(?:<bdi>)?([^<]+)(?:</bdi>)?</a>', html)
    return [html_lib.unescape(title) for title in titles]


def claim_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="claim-item" id="claim-(\d+)"', response.content.decode())]


def uid(value: str) -> int:
    return Event.objects.get(uid=value).pk


@pytest.fixture
def client_en(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


class TestFilters:
    def test_without_filters_every_event_and_claim_shows_with_a_count(self, seeded, client_en):
        response = client_en.get(URL)
        assert response.status_code == 200
        assert len(event_titles(response)) == 13
        assert len(claim_ids(response)) == 14
        assert "13 events and 14 claims." in response.content.decode()

    def test_a_verdict_keeps_the_events_with_a_claim_so_rated_and_lists_only_those_claims(self, seeded, client_en):
        response = client_en.get(URL, {"verdict": "false"})
        assert event_titles(response) == [
            "Trump orders the U.S. out of the Paris Agreement and says China is “operating” the Panama Canal"
        ]
        html = response.content.decode()
        assert html.count("verdict--red") == 1 and "verdict--grey" not in html
        assert "1 more claim about this event in the details." in html
        assert "Found 1 event and 1 claim." in html

    def test_a_verdict_no_claim_of_the_timeline_has_is_not_offered_nor_accepted(self, seeded, client_en):
        """The menu offers the verdicts readers find here; any other slug, on
        the scale or not, is dropped with the same notice as a made-up one."""
        html = client_en.get(URL, {"verdict": "misleading"}).content.decode()
        assert "No claim here has that verdict; showing every verdict." in html
        assert 'value="misleading"' not in html
        assert len(event_titles(html_response(html))) == 13

    def test_a_verdict_also_filters_the_claims_that_are_about_no_one_event(self, seeded, client_en):
        response = client_en.get(URL, {"verdict": "not-checkable"})
        assert event_titles(response) == []
        assert "Other claims in the article" in response.content.decode()
        assert len(claim_ids(response)) == 1

    def test_a_person_keeps_their_events_and_the_claims_they_made(self, seeded, client_en):
        rubio = Actor.objects.get(name="Marco Rubio")
        response = client_en.get(URL, {"actor": rubio.pk})
        assert event_titles(response) == ["Milei meets Secretary of State Marco Rubio at a gala in Washington"]

        schapiro = Actor.objects.get(name="Martín Schapiro")
        response = client_en.get(URL, {"actor": schapiro.pk})
        assert event_titles(response) == []
        assert len(claim_ids(response)) == 2  # claims 13 and 14, made by him

    def test_a_year_range_keeps_the_events_in_it(self, seeded, client_en):
        response = client_en.get(URL, {"from": "2021", "to": "2023"})
        assert len(event_titles(response)) == 3
        html = response.content.decode()
        assert '<time datetime="2021-11-14">' in html and '<time datetime="2024' not in html
        # The article's own claims are dated by the article (January 2025).
        assert "Other claims in the article" not in html

    def test_filters_combine(self, seeded, client_en):
        trump = Actor.objects.get(name="Donald Trump")
        response = client_en.get(URL, {"actor": trump.pk, "from": "2025", "verdict": "accurate"})
        assert event_titles(response) == ["Milei attends Trump's second inauguration"]

    def test_the_form_shows_the_filters_in_force(self, seeded, client_en):
        html = client_en.get(URL, {"verdict": "false", "from": "2024", "q": "canal"}).content.decode()
        assert '<option value="false" selected>' in html
        assert "<option selected>2024</option>" in html
        assert 'name="q" value="canal"' in html
        assert "Clear filters" in html


class TestSearch:
    """The same expectations hold on PostgreSQL (full-text search) and SQLite."""

    def test_search_finds_events_by_their_own_words(self, seeded, client_en):
        assert event_titles(client_en.get(URL, {"q": "Sturzenegger"})) == [
            "Argentina creates the Ministry of Deregulation and Transformation of the State"
        ]

    def test_search_finds_an_event_through_its_claims(self, seeded, client_en):
        # "great again" is only in a claim (Trump's, about CPAC).
        assert event_titles(client_en.get(URL, {"q": "great again"})) == [
            "Milei speaks at CPAC and meets Trump face to face for the first time"
        ]

    def test_every_word_must_match_in_any_case(self, seeded, client_en):
        assert len(event_titles(client_en.get(URL, {"q": "TRUMP inauguration"}))) == 2
        assert event_titles(client_en.get(URL, {"q": "Trump Sturzenegger"})) == []

    def test_a_word_being_typed_matches_as_a_prefix(self, seeded, client_en):
        assert event_titles(client_en.get(URL, {"q": "Sturzen"})) == [
            "Argentina creates the Ministry of Deregulation and Transformation of the State"
        ]

    def test_search_covers_the_claims_about_no_one_event(self, seeded, client_en):
        response = client_en.get(URL, {"q": "47 million"})
        assert event_titles(response) == []
        assert len(claim_ids(response)) == 1

    def test_nothing_found_says_so(self, seeded, client_en):
        html = client_en.get(URL, {"q": "zebra"}).content.decode()
        assert "No events match these filters." in html
        assert "Found 0 events and 0 claims." in html

    def test_punctuation_alone_is_no_search(self, seeded, client_en):
        assert len(event_titles(client_en.get(URL, {"q": "&|!:*()'"}))) == 13


class TestDetailsInPlace:
    def test_an_event_opens_with_its_full_summary_sources_and_every_rationale(self, seeded, client_en):
        cpac = uid("cpac-2024")
        html = client_en.get(URL, {"open": cpac}).content.decode()
        entry = html[html.index(f'id="event-{cpac}"') :]
        entry = entry[: entry.index("</li>\n\n</ol>") if "</li>\n\n</ol>" in entry else len(entry)]
        assert "they hug, and Trump praises him." in entry
        assert "CPAC 2024 coverage, 24 February 2024" in entry
        assert "They first met in person at CPAC" in entry
        assert 'aria-expanded="true"' in entry
        assert "Hide details" in entry

    def test_closed_events_link_to_their_open_view(self, seeded, client_en):
        cpac = uid("cpac-2024")
        html = client_en.get(URL, {"verdict": "accurate"}).content.decode()
        assert f'href="?verdict=accurate&amp;open={cpac}#event-{cpac}"' in html

    def test_htmx_asks_for_one_event_by_its_target(self, seeded, client_en):
        cpac = uid("cpac-2024")
        response = client_en.get(URL, {"open": cpac}, HTTP_HX_TARGET=f"event-{cpac}", **HTMX)
        html = response.content.decode()
        assert html.strip().startswith(f'<li class="event event--open" id="event-{cpac}">')
        assert "<html" not in html and html.count('<li class="event') == 1

        closed = client_en.get(URL, HTTP_HX_TARGET=f"event-{cpac}", **HTMX).content.decode()
        assert 'aria-expanded="false"' in closed and "They first met in person" not in closed

    def test_an_event_no_longer_published_answers_with_a_message(self, seeded, client_en):
        cpac = Event.objects.get(uid="cpac-2024")
        Event.objects.filter(pk=cpac.pk).update(published=False)
        html = client_en.get(URL, {"open": cpac.pk}, HTTP_HX_TARGET=f"event-{cpac.pk}", **HTMX).content.decode()
        assert "This event is no longer on the timeline." in html


class TestHtmxFragments:
    def test_filter_results_come_as_a_fragment_with_the_count_out_of_band(self, seeded, client_en):
        response = client_en.get(URL, {"q": "Panama"}, HTTP_HX_TARGET="timeline-results", **HTMX)
        html = response.content.decode()
        assert "<html" not in html and '<form class="filters"' not in html
        assert '<div data-hx-swap-oob="innerHTML:#result-status">' in html
        assert "Found 1 event and 2 claims." in html
        assert "HX-Request" in response["Vary"]

    def test_a_history_restore_gets_the_whole_page(self, seeded, client_en):
        response = client_en.get(URL, {"q": "Panama"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
        assert "<html" in response.content.decode()

    def test_the_same_view_asked_again_adds_no_history_entry(self, seeded, client_en):
        current = "http://testserver/timelines/milei-trump/?q=Panama"
        again = client_en.get(URL, {"q": "Panama"}, HTTP_HX_CURRENT_URL=current, **HTMX)
        assert again["HX-Push-Url"] == "false"
        other = client_en.get(URL, {"q": "Musk"}, HTTP_HX_CURRENT_URL=current, **HTMX)
        assert "HX-Push-Url" not in other


class TestPaging:
    @pytest.fixture
    def long_timeline(self, db, settings):
        settings.TIMELINE_PAGE_SIZE = 20
        return make_long_timeline(45, years=3)

    def test_a_long_timeline_comes_in_pages_with_a_plain_more_link(self, long_timeline, client_en):
        html = client_en.get(long_timeline.get_absolute_url()).content.decode()
        assert html.count('<li class="event') == 20
        assert 'id="more-events"' in html and 'href="?page=2"' in html
        assert "Showing 1–20 of 45." in html

    def test_the_next_page_continues_the_year_it_starts_in(self, long_timeline, client_en):
        url = long_timeline.get_absolute_url()
        first = client_en.get(url).content.decode()
        last_year_on_page_one = re.findall(r'id="events-(\d{4})"', first)[-1]
        response = client_en.get(url, {"page": 2}, HTTP_HX_TARGET="more-events", **HTMX)
        html = response.content.decode()
        assert html.count('<li class="event') == 20
        assert f'<ol data-hx-swap-oob="beforeend:#events-{last_year_on_page_one}">' in html
        assert f'id="year-{last_year_on_page_one}"' not in html  # no second heading for it
        assert 'href="?page=3"' in html
        assert "Showing 1–40 of 45." in html

    def test_the_last_page_has_no_more_link(self, long_timeline, client_en):
        html = client_en.get(long_timeline.get_absolute_url(), {"page": 3}).content.decode()
        assert html.count('<li class="event') == 5
        assert 'id="more-events"' not in html
        assert "Earlier events" in html

    def test_a_year_link_goes_to_the_page_the_year_starts_on(self, long_timeline, client_en):
        html = client_en.get(long_timeline.get_absolute_url()).content.decode()
        assert 'href="#year-2001"' in html
        # 15 events a year, 20 a page: 2003 starts with the 31st event, on page 2.
        assert 'href="?page=2#year-2003"' in html

    def test_opening_an_event_shows_the_page_it_is_on(self, long_timeline, client_en):
        late = long_timeline.events.order_by("-date", "-id").first()
        html = client_en.get(long_timeline.get_absolute_url(), {"open": late.pk}).content.decode()
        assert "Showing 41–45 of 45." in html
        assert f'<li class="event event--open" id="event-{late.pk}">' in html

    def test_queries_per_page_do_not_grow_with_the_timeline(self, db, settings, client_en):
        settings.TIMELINE_PAGE_SIZE = 20
        # Every request reads the version stamp (no memo whose expiry would
        # depend on how fast the run is).
        settings.HTTP_STAMP_MEMO_SECONDS = 0
        small = make_long_timeline(50, slug="small", claims_every=1)
        large = make_long_timeline(500, slug="large", claims_every=1)
        counts = {}
        for timeline, last in ((small, 3), (large, 25)):
            for params in ({}, {"page": 2}, {"page": last}, {"q": "happened", "from": "2002"}, {"verdict": "false", "page": 2}):
                with CaptureQueriesContext(connection) as queries:
                    assert client_en.get(timeline.get_absolute_url(), params).status_code == 200
                counts.setdefault(timeline.slug, []).append(len(queries))
        assert counts["small"] == counts["large"]
        # 15: the share card's alt text counts the timeline's public events
        # (one COUNT, full pages only; rendered once per stamp, then cached).
        assert max(counts["small"]) <= 15


class TestBadInput:
    @pytest.mark.parametrize(
        "params, notice",
        [
            ({"verdict": "nonsense"}, "No claim here has that verdict; showing every verdict."),
            ({"actor": "abc"}, "That person is not on this timeline; showing everyone."),
            ({"actor": "999999"}, "That person is not on this timeline; showing everyone."),
            ({"actor": "99999999999999999999"}, "That person is not on this timeline; showing everyone."),
            ({"from": "20x5"}, "A year is written like 2024; that range was not applied."),
            ({"to": "-3"}, "A year is written like 2024; that range was not applied."),
            ({"from": "99999999999999999999"}, "A year is written like 2024; that range was not applied."),
            ({"page": "abc"}, "That is not a page number; showing the first page."),
            ({"page": "0"}, "That is not a page number; showing the first page."),
            ({"page": "99999999999999999999999"}, "There is no page 1000000000: these results fit on 1 page."),
            ({"q": "x" * 10_000}, "That search is too long (at most 200 characters), so it was not run."),
            ({"q": "a\x00b"}, "That search contains characters that cannot be searched for."),
        ],
    )
    def test_a_value_that_cannot_be_used_gives_the_page_and_a_short_notice(self, seeded, client_en, params, notice):
        response = client_en.get(URL, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert notice in html
        assert len(event_titles(html_response(html))) == 13

    def test_reversed_years_are_swapped(self, seeded, client_en):
        html = client_en.get(URL, {"from": "2023", "to": "2021"}).content.decode()
        assert "The years were the wrong way round; they have been swapped." in html
        assert len(event_titles(html_response(html))) == 3

    def test_a_stale_event_link_just_shows_the_page(self, seeded, client_en):
        for value in ("abc", "0", "999999", "-1"):
            response = client_en.get(URL, {"open": value})
            assert response.status_code == 200
            assert len(event_titles(response)) == 13

    def test_an_unknown_htmx_target_gets_the_results(self, seeded, client_en):
        response = client_en.get(URL, HTTP_HX_TARGET="event-" + "9" * 40, **HTMX)
        assert response.status_code == 200 and "<html" not in response.content.decode()

    @hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        params=st.dictionaries(
            st.sampled_from(["q", "verdict", "actor", "from", "to", "page", "open"]),
            st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300),
        ),
        htmx=st.booleans(),
    )
    def test_no_input_breaks_the_page_or_comes_back_unescaped(self, seeded, client_en, params, htmx):
        payload = {name: f"<script>alert(1)</script>{value}" for name, value in params.items()}
        headers = {**HTMX, "HTTP_HX_TARGET": "timeline-results"} if htmx else {}
        response = client_en.get(URL, payload, **headers)
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.content.decode()


class html_response:
    """A rendered page wrapped like a response, for the helpers above."""

    def __init__(self, html: str):
        self.content = html.encode()

"""/timelines/: the published timelines, newest first, each with the events
and claims its readers find on it, the featured one marked; linked from
every page's header; revalidated by ETag."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.services import claim_unpublish
from tests.factories import make_article, make_claim, make_event, make_timeline
from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.models import Timeline

URL = "/timelines/"


@pytest.fixture
def client_en(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def cards(html: str) -> list[tuple[str, str]]:
    """(title, counts) of each card, in order."""
    found = re.findall(
        r'<li class="timeline-card[^"]*"[^>]*><h2 class="timeline-card__title"><a href="[^"]+"[^>]*>(?:<bdi>)?([^<]+)(?:</bdi>)?</a></h2>'
        r'.*?<p class="timeline-card__counts muted"[^>]*>\s*(.*?)\s*</p>',
        html,
        re.DOTALL,
    )
    return [(title, " ".join(counts.split())) for title, counts in found]


def test_the_seed_is_listed_with_its_counts_and_marked_featured(seeded, client_en):
    response = client_en.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert cards(html) == [("Milei and Trump: a timeline", "13 events · 14 claims")]
    assert "timeline-card--featured" in html and "Featured on the home page" in html
    assert '<a href="/timelines/milei-trump/" ' in html


def test_newest_first_and_only_what_readers_see(seeded, client_en):
    older = make_timeline(title="Older story")
    article = make_article()
    make_event(older, title="Shown", article=article)
    make_event(older, title="Hidden", published=False)
    make_claim(article=article, quote="inflation had halved")
    make_claim(article=article, quote="unemployment rose", publish=False)
    make_timeline(title="Not published", published=False)
    newer = make_timeline(title="Newer story")
    titles = [title for title, _ in cards(client_en.get(URL).content.decode())]
    assert titles[:2] == ["Newer story", "Older story"] and "Not published" not in titles
    counts = dict(cards(client_en.get(URL).content.decode()))
    assert counts["Older story"] == "1 event · 1 claim"
    assert counts[newer.title] == "0 events · 0 claims"


def test_the_list_is_in_spanish_for_a_spanish_reader(seeded, client):
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<h1>Cronologías</h1>" in html
    assert cards(html) == [("Milei and Trump: a timeline", "13 hechos · 14 afirmaciones")]
    assert "Destacada en la portada" in html


@pytest.mark.parametrize("path", ["/", "/timelines/milei-trump/", "/claims/1/", URL])
def test_every_page_header_links_to_the_list(seeded, client_en, path):
    html = client_en.get(path).content.decode()
    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    assert '<a href="/timelines/"' in header


def test_the_queries_do_not_grow_with_the_number_of_timelines(seeded, client_en):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_en.get(URL).status_code == 200
        return len(captured)

    before = queries()
    for n in range(5):
        timeline = make_timeline(title=f"Story {n}")
        make_event(timeline)
    assert queries() == before <= 6


class TestCaching:
    def test_a_public_cacheable_page_with_an_etag(self, seeded, client_en):
        response = client_en.get(URL)
        assert response["Cache-Control"] == "public, max-age=60"
        assert response["ETag"].startswith('W/"')
        again = client_en.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304

    def test_the_etag_differs_by_language(self, seeded, client):
        english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")["ETag"]
        assert client.get(URL, HTTP_ACCEPT_LANGUAGE="es")["ETag"] != english
        assert "Accept-Language" in client.get(URL)["Vary"]

    def _changes_etag(self, client, change) -> None:
        before = client.get(URL)["ETag"]
        change()
        after = client.get(URL, HTTP_IF_NONE_MATCH=before)
        assert after.status_code == 200 and after["ETag"] != before

    def test_publishing_and_unpublishing_a_timeline_changes_it(self, seeded, client_en):
        timeline = make_timeline(published=False)
        self._changes_etag(client_en, lambda: Timeline.objects.filter(pk=timeline.pk).update(published=True))
        self._changes_etag(client_en, lambda: Timeline.objects.filter(pk=timeline.pk).update(published=False))

    def test_a_count_change_changes_it(self, seeded, client_en):
        from factcheck.models import Claim

        claim = Claim.objects.get(uid="seed-claim-01")
        self._changes_etag(client_en, lambda: claim_unpublish(claim=claim, editor=None))
        assert cards(client_en.get(URL).content.decode()) == [("Milei and Trump: a timeline", "13 events · 13 claims")]


@pytest.mark.parametrize("page", ["", "0", "-1", "abc", "9" * 40, "2", "\x00"])
def test_any_page_parameter_answers(seeded, client_en, page):
    response = client_en.get(URL, {"page": page})
    assert response.status_code == 200
    assert "Milei and Trump: a timeline" in response.content.decode()


def test_the_counts_are_the_public_rule_s(seeded):
    """The list's counts are Event/Claim.objects.public(on=timeline), in one query."""
    from factcheck.models import Claim
    from timeline.models import Event
    from timeline.reader.selectors import timelines_for_readers

    for timeline in timelines_for_readers():
        assert timeline.event_count == Event.objects.public(on=timeline).count()
        assert timeline.claim_count == Claim.objects.public(on=timeline).count()

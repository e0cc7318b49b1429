"""/api/timelines/<slug>.json: the timeline in TimelineJS 3 JSON."""

from __future__ import annotations

import datetime

import pytest

from factcheck.models import Claim
from tests.factories import make_article, make_claim, make_event, make_timeline
from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.models import Actor, EventSource

API = "/api/timelines/milei-trump.json"


def slide(data: dict, uid: str) -> dict:
    [found] = [s for s in data["events"] if s["unique_id"] == uid]
    return found


@pytest.mark.django_db
class TestSeedExport:
    def test_one_slide_per_published_event_in_date_order(self, seeded, client):  # noqa: F811 (seeded: tests.seed_once)
        response = client.get(API)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Access-Control-Allow-Origin"] == "*"
        data = response.json()
        assert len(data["events"]) == 13
        assert data["events"][0]["unique_id"] == "imf-stand-by-2018"
        assert data["title"]["text"]["headline"] == "Milei and Trump: a timeline"
        assert data["title"]["unique_id"] == "timeline-milei-trump"

    def test_dates_carry_only_the_parts_their_precision_has(self, seeded, client):  # noqa: F811 (seeded: tests.seed_once)
        data = client.get(API).json()
        assert slide(data, "cpac-2024")["start_date"] == {"year": 2024, "month": 2, "day": 24}
        assert slide(data, "deregulation-ministry-2024")["start_date"] == {"year": 2024, "month": 7}
        assert slide(data, "deregulation-ministry-2024")["display_date"] == "July 2024"
        assert "end_date" not in slide(data, "cpac-2024")

    def test_display_dates_and_labels_in_the_requested_language(self, seeded, client):  # noqa: F811 (seeded: tests.seed_once)
        data = client.get(API + "?lang=es").json()
        assert slide(data, "deregulation-ministry-2024")["display_date"] == "julio de 2024"
        assert slide(data, "cpac-2024")["display_date"] == "24 de febrero de 2024"
        text = slide(data, "cpac-2024")["text"]["text"]
        assert '<strong class="ct-verdict">Veredicto: Verdadero</strong>' in text
        assert ">Verificación</a>" in text and '<p class="ct-label">Afirmaciones</p>' in text

    def test_verdicts_and_fact_check_links_in_the_slide_text(self, seeded, client):  # noqa: F811 (seeded: tests.seed_once)
        text = slide(client.get(API).json(), "paris-withdrawal-panama-2025")["text"]["text"]
        panama = Claim.objects.get(quote__contains="Panama Canal")
        assert '<strong class="ct-verdict">Verdict: False</strong>' in text
        assert f'href="http://testserver{panama.get_absolute_url()}"' in text

    def test_bad_language_and_unknown_timeline(self, seeded, client):  # noqa: F811 (seeded: tests.seed_once)
        response = client.get(API + "?lang=xx")
        assert response.status_code == 400
        assert "Unknown language" in response.json()["error"]
        response = client.get("/api/timelines/nothing-here.json")
        assert response.status_code == 404
        assert response.json()["error"]


@pytest.mark.django_db
def test_a_year_only_event_has_only_a_year_and_ranges_have_an_end(client):
    timeline = make_timeline()
    make_event(timeline, uid="loan-2018", title="A loan", date=datetime.date(2018, 1, 1), date_precision="year")
    make_event(
        timeline,
        uid="talks",
        title="Talks",
        date=datetime.date(2024, 11, 1),
        date_precision="month",
        end_date=datetime.date(2025, 1, 20),
        end_date_precision="day",
    )
    data = client.get(f"/api/timelines/{timeline.slug}.json").json()
    assert slide(data, "loan-2018")["start_date"] == {"year": 2018}
    assert slide(data, "loan-2018")["display_date"] == "2018"
    assert slide(data, "talks")["start_date"] == {"year": 2024, "month": 11}
    assert slide(data, "talks")["end_date"] == {"year": 2025, "month": 1, "day": 20}
    assert slide(data, "talks")["display_date"] == "November 2024\u2009\u2013\u200920 January 2025"


@pytest.mark.django_db
def test_only_published_events_and_claims_with_their_published_verdict(client):
    timeline = make_timeline()
    article = make_article()
    shown = make_event(timeline, uid="shown", title="Shown event", article=article)
    make_event(timeline, uid="hidden", title="HIDDEN event", published=False)
    make_claim(article=article, event=shown, verdict="accurate", quote="inflation had halved")
    make_claim(article=article, event=shown, verdict="false", quote="invented", publish=False)
    data = client.get(f"/api/timelines/{timeline.slug}.json").json()
    assert [s["unique_id"] for s in data["events"]] == ["shown"]
    text = data["events"][0]["text"]["text"]
    assert "Verdict: Accurate" in text and "inflation had halved" in text
    assert "invented" not in text


@pytest.mark.django_db
def test_text_is_escaped_and_sources_actors_location_are_marked(client):
    timeline = make_timeline(title="Rates & <b>bonds</b>")
    event = make_event(timeline, uid="e1", title="A <script> & co", summary="Line one\nline two\n\nSecond <para>", location="Buenos Aires")
    event.actors.add(Actor.objects.create(name="Ana & Bo"))
    EventSource.objects.create(event=event, title="Report", url="https://example.org/report?a=1&b=2")
    EventSource.objects.create(event=event, title="Census, 2022", position=1)
    data = client.get(f"/api/timelines/{timeline.slug}.json").json()
    assert data["title"]["text"]["headline"] == "Rates &amp; &lt;b&gt;bonds&lt;/b&gt;"
    s = data["events"][0]
    assert s["text"]["headline"] == "A &lt;script&gt; &amp; co"
    text = s["text"]["text"]
    assert '<p class="ct-summary">Line one<br>line two</p><p class="ct-summary">Second &lt;para&gt;</p>' in text
    assert '<p class="ct-location">Buenos Aires</p>' in text
    assert '<span class="ct-actor">Ana &amp; Bo</span>' in text
    assert '<a href="https://example.org/report?a=1&amp;b=2" target="_blank" rel="noopener">Report</a>' in text
    assert '<li class="ct-source">Census, 2022</li>' in text


@pytest.mark.django_db
def test_a_decade_is_exported_as_its_first_year_shown_as_the_decade(client):
    timeline = make_timeline()
    make_event(timeline, uid="nineties", title="Convertibility", date=datetime.date(1990, 1, 1), date_precision="decade")
    make_event(timeline, uid="year-1990", title="A year", date=datetime.date(1990, 1, 1), date_precision="year")
    data = client.get(f"/api/timelines/{timeline.slug}.json").json()
    assert [s["unique_id"] for s in data["events"]] == ["nineties", "year-1990"]
    assert slide(data, "nineties")["start_date"] == {"year": 1990}
    assert slide(data, "nineties")["display_date"] == "the 1990s"
    assert slide(data, "year-1990")["display_date"] == "1990"
    spanish = client.get(f"/api/timelines/{timeline.slug}.json?lang=es").json()
    assert slide(spanish, "nineties")["display_date"] == "la década de 1990"

"""The public claim page and the health check."""

import re

import pytest
from django.db import connection
from django.utils import translation

from factcheck.models import Claim

pytestmark = pytest.mark.django_db


def claim_page(client, uid):
    claim = Claim.objects.get(uid=uid)
    response = client.get(f"/claims/{claim.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_claim_page_shows_verdict_rationale_sources_and_the_quote_in_context(client, seeded):
    html = claim_page(client, "seed-claim-09")
    assert ">Mostly accurate</span>" in html
    assert "largest arrangement in the IMF" in html
    assert "<li><bdi>IMF press release, 20 June 2018</bdi></li>" in html
    assert "<mark>its record-breaking $57 billion loan from the International Monetary Fund (IMF) in 2018</mark>" in html
    assert 'href="/timelines/milei-trump/#event-' in html


def test_a_claim_page_shows_its_corrections_log_with_dates(client, seeded):
    html = claim_page(client, "seed-claim-13")
    assert "Corrections and updates" in html
    assert html.count("<time datetime=") >= 3
    assert "Time-bound verdict: most currency controls were lifted on 14 April 2025." in html


def test_the_public_page_shows_the_published_verdict_not_the_draft(client, seeded):
    claim = Claim.objects.get(uid="seed-claim-05")
    claim.rationale = "Draft rationale nobody may see yet"
    claim.save()
    html = claim_page(client, "seed-claim-05")
    assert "Draft rationale" not in html


def test_a_claim_never_published_is_a_404(client, seeded):
    claim = Claim.objects.get(uid="seed-claim-05")
    Claim.objects.filter(pk=claim.pk).update(published=False, published_verdict=None)
    assert client.get(f"/claims/{claim.pk}/").status_code == 404


def test_a_withdrawn_claim_keeps_a_page_that_says_so_when_and_why(client, seeded):
    from factcheck.services import claim_unpublish
    from tests.editors import make_editor

    claim = Claim.objects.get(uid="seed-claim-09")
    published_rationale = claim.published_rationale
    claim_unpublish(claim=claim, editor=make_editor("withdrawer"), note="The quote was misattributed.")
    html = claim_page(client, "seed-claim-09")
    assert "This fact-check was withdrawn" in html
    assert "The quote was misattributed." in html
    change = claim.history.get(action="unpublish")
    assert f"Withdrawn on {change.created_at:%-d %B %Y}." in html or f"Withdrawn on {change.created_at:%B %-d, %Y}." in html
    # its corrections log, with the withdrawal in it
    assert "Corrections and updates" in html and "withdrawn" in html
    # and nothing of the verdict that no longer stands
    assert "application/ld+json" not in html
    assert published_rationale[:40] not in html
    assert "verdict-heading" not in html


def test_a_withdrawn_claim_readers_cannot_reach_is_a_404(client, seeded):
    from factcheck.services import claim_unpublish
    from tests.factories import set_published
    from timeline.models import Timeline

    claim = Claim.objects.get(uid="seed-claim-09")
    claim_unpublish(claim=claim, editor=None, note="Withdrawn.")
    set_published(Timeline.objects.get(slug="milei-trump"), False)
    assert client.get(f"/claims/{claim.pk}/").status_code == 404


class TestHealth:
    def test_ok_with_a_database_round_trip(self, client, db):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}
        assert "no-cache" in response["Cache-Control"]

    def test_503_when_the_database_is_unreachable(self, client, transactional_db, database_down):
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["database"] == "unreachable"

    def test_pages_that_need_the_database_answer_a_styled_503(self, client, transactional_db, database_down):
        response = client.get("/timelines/milei-trump/")
        assert response.status_code == 503
        assert "We will be back in a moment" in response.content.decode()
        assert response["Retry-After"] == "5"

    def test_the_503_page_is_in_the_readers_language_and_names_the_newsroom(
        self, client, transactional_db, database_down, settings
    ):
        settings.NEWSROOM_NAME = "Diario de Prueba"
        # The request activates Spanish in this thread; give the next test English back.
        with translation.override("en"):
            response = client.get("/claims/1/", HTTP_ACCEPT_LANGUAGE="es")
        html = response.content.decode()
        assert response.status_code == 503
        assert '<html lang="es">' in html
        assert "Volvemos en un momento" in html
        assert "Diario de Prueba" in html


@pytest.fixture
def database_down():
    """Point the real connection at a database that cannot be reached: a
    closed port for PostgreSQL, an impossible path for SQLite."""
    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT="9")
    else:
        settings_dict.update(NAME="/nonexistent-directory/unreachable.sqlite3")
    try:
        yield
    finally:
        connection.close()
        settings_dict.clear()
        settings_dict.update(saved)


# HTML's valid `<time datetime>`: a year, a month, a day, or a moment to the
# second with at most three fractional digits and an offset.
TIME_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?([+-]\d{2}:\d{2}|Z))?)?)?")


def test_every_time_on_a_claims_page_and_its_desk_page_is_a_valid_datetime(client, seeded, django_user_model):
    claim = Claim.objects.get(uid="seed-claim-13")
    editor = django_user_model.objects.create_superuser("times", password="a long test password")
    pages = [client.get(f"/claims/{claim.pk}/").content.decode()]
    client.force_login(editor)
    pages += [client.get(f"/editor/claims/{claim.pk}/").content.decode(), client.get("/editor/").content.decode()]
    values = [value for html in pages for value in re.findall(r'<time datetime="([^"]*)"', html)]
    assert any("T" in value for value in values)  # the corrections log's moments are there
    assert [value for value in values if not TIME_VALUE.fullmatch(value)] == []

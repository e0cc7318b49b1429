"""The desk changes the dates of the event a claim is about, on the claim's
page: typed in words and counted from the event's article (as the back
office and the ingest review count them), saved in place, never over a
change the editor has not seen, and refused with a field error rather than
saved as another date."""

import datetime

import pytest

from factcheck.models import Claim
from tests.factcheck.desk.desk_client import HTMX, seed_claim
from tests.factories import make_article, make_claim, make_event
from tests.html import form_fields
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from timeline.models import Event

pytestmark = pytest.mark.django_db


def event_form(client, claim) -> dict[str, str]:
    html = client.get(f"/editor/claims/{claim.pk}/").content.decode()
    return form_fields(html, action=f"/editor/claims/{claim.pk}/event/")


def post_dates(client, claim, typed: str, *, until: str = "", data=None, headers=HTMX):
    data = dict(data or event_form(client, claim))
    prefix = f"event-{claim.event_id}-"
    data[prefix + "when_0"], data[prefix + "when_1"] = typed, ""
    data[prefix + "until_0"], data[prefix + "until_1"] = until, ""
    return client.post(f"/editor/claims/{claim.pk}/event/", data, headers=headers)


def spanish_claim() -> Claim:
    article = make_article(headline="Un artículo", outlet="Diario", published_on=datetime.date(2019, 5, 10), language="es",
                           body="Texto del artículo. Una frase sobre la convertibilidad.")
    event = make_event(title="Convertibilidad", date=datetime.date(2001, 1, 1), date_precision="year", article=article)
    return make_claim(quote="Una frase", article=article, event=event)


def dates(event: Event) -> tuple[str, str]:
    event.refresh_from_db()
    return event.when.iso, event.date_precision


def test_the_claims_page_offers_its_events_dates_with_the_live_reading(editor_client, seeded):
    claim = seed_claim(1)
    html = editor_client.get(f"/editor/claims/{claim.pk}/").content.decode()
    assert 'id="event-dates"' in html and "The event’s dates" in html
    assert f'data-hx-post="/editor/claims/{claim.pk}/event/"' in html
    assert 'class="fuzzy-date__reading"' in html
    # The label names the text box, and the precision menu has a name of its own.
    assert f'<label for="id_event-{claim.event_id}-when_0">Date</label>' in html
    assert f'<select name="event-{claim.event_id}-when_1" aria-label="Precision"' in html
    fields = event_form(editor_client, claim)
    assert fields[f"event-{claim.event_id}-when_0"] == claim.event.when.display()


@pytest.mark.parametrize(
    ("typed", "iso", "precision"),
    [("the 1990s", "1990", "decade"), ("3/4/2024", "2024-04-03", "day"), ("ayer", "2019-05-09", "day"),
     ("los años noventa", "1990", "decade")],
)
def test_a_typed_date_is_saved_as_it_reads_counted_from_the_events_article(editor_client, typed, iso, precision):
    claim = spanish_claim()
    response = post_dates(editor_client, claim, typed)
    assert response.status_code == 200, response.content.decode()[:800]
    assert "Saved: “Convertibilidad” is dated" in response.content.decode()
    assert dates(claim.event) == (iso, precision)


def test_words_that_name_no_date_are_a_field_error_and_change_nothing(editor_client):
    claim = spanish_claim()
    response = post_dates(editor_client, claim, "sometime")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Not saved: the dates need correcting." in html and "Could not read" in html
    assert 'value="sometime"' in html  # the typing is kept
    assert dates(claim.event) == ("2001", "year")


def test_an_end_before_the_start_is_a_field_error(editor_client):
    claim = spanish_claim()
    response = post_dates(editor_client, claim, "2020", until="2010")
    assert response.status_code == 422
    assert "The end date is before the start." in response.content.decode()
    assert dates(claim.event) == ("2001", "year")


def test_a_save_over_a_change_not_seen_is_a_409_that_keeps_the_typing(editor_client, other_client):
    claim = spanish_claim()
    mine = event_form(editor_client, claim)
    assert post_dates(other_client, claim, "2005").status_code == 200
    response = post_dates(editor_client, claim, "2007", data=mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "someone changed this event’s dates first; they are now 2005" in html
    assert 'value="2007"' in html
    assert dates(claim.event) == ("2005", "year")
    again = form_fields(html, action=f"/editor/claims/{claim.pk}/event/")
    assert editor_client.post(f"/editor/claims/{claim.pk}/event/", again, headers=HTMX).status_code == 200
    assert dates(claim.event) == ("2007", "year")


def test_without_javascript_a_save_redirects_to_the_claims_page_with_the_message(editor_client):
    claim = spanish_claim()
    response = post_dates(editor_client, claim, "2003", headers={})
    assert response.status_code == 303
    assert response["Location"] == f"/editor/claims/{claim.pk}/#event-dates"
    page = editor_client.get(response["Location"]).content.decode()
    assert "Saved: “Convertibilidad” is dated 2003." in page
    bad = post_dates(editor_client, claim, "sometime", headers={})
    assert bad.status_code == 422 and "<html" in bad.content.decode() and 'value="sometime"' in bad.content.decode()


def test_a_claim_about_no_event_has_no_dates_to_change(editor_client):
    claim = make_claim(quote="Nothing to date")
    Claim.objects.filter(pk=claim.pk).update(event=None)
    assert 'id="event-dates"' not in editor_client.get(f"/editor/claims/{claim.pk}/").content.decode()
    response = editor_client.post(f"/editor/claims/{claim.pk}/event/", {}, headers=HTMX)
    assert response.status_code == 404
    assert "not about an event" in response.content.decode()


def test_signed_out_or_without_rights_nothing_changes(client, django_user_model):
    claim = spanish_claim()
    assert post_dates(client, claim, "2003", data={"x": "1"}).status_code == 403
    client.force_login(django_user_model.objects.create_user("reader"))
    assert post_dates(client, claim, "2003", data={"x": "1"}).status_code == 403
    assert dates(claim.event) == ("2001", "year")
    assert client.get(f"/editor/claims/{claim.pk}/event/").status_code in (403, 405)

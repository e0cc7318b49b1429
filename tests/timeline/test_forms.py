"""Editors type dates in words, in English or Spanish; the form reads them
with dateparser, shows what it read and saves the date with its precision."""

import datetime

import pytest
from django.contrib.auth.models import User

from tests.factories import make_article
from timeline.dates import Precision
from timeline.forms import EventForm
from timeline.models import Event

pytestmark = pytest.mark.django_db


def event_data(**overrides):
    data = {"title": "Gala", "summary": "", "when_0": "November 2024", "when_1": "", "until_0": "", "until_1": "",
            "location": "", "quote": "", "article_date_precision": "", "published": "on"}
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "typed, date, precision",
    [
        ("November 2024", datetime.date(2024, 11, 1), Precision.MONTH),
        ("noviembre de 2024", datetime.date(2024, 11, 1), Precision.MONTH),
        ("2018", datetime.date(2018, 1, 1), Precision.YEAR),
        ("24 Feb 2024", datetime.date(2024, 2, 24), Precision.DAY),
    ],
)
def test_a_typed_date_is_saved_with_its_precision(typed, date, precision):
    form = EventForm(data=event_data(when_0=typed))
    assert form.is_valid(), form.errors
    event = form.save()
    assert (event.date, event.date_precision) == (date, precision)


def test_a_chosen_precision_coarser_than_the_typed_date_is_refused():
    form = EventForm(data=event_data(when_0="24 Feb 2024", when_1="month"))
    assert not form.is_valid()
    assert "names a day" in form.errors["when"][0]
    assert Event.objects.count() == 0


def test_a_chosen_precision_finer_than_the_typed_date_is_refused():
    form = EventForm(data=event_data(when_0="2018", when_1="day"))
    assert not form.is_valid()
    assert "gives no day" in form.errors["when"][0]


def test_an_end_before_the_start_is_an_error_on_the_end_date():
    form = EventForm(data=event_data(when_0="14 November 2024", until_0="1 November 2024"))
    assert not form.is_valid()
    assert form.errors["until"] == ["The end date is before the start."]
    assert Event.objects.count() == 0


def test_unreadable_text_is_an_error_not_a_guess():
    form = EventForm(data=event_data(when_0="sometime soon"))
    assert not form.is_valid()
    assert "Could not read" in form.errors["when"][0]


def test_a_quote_missing_from_the_article_is_an_error_and_nothing_is_saved():
    article = make_article()
    form = EventForm(data=event_data(article=article.pk, quote="words nobody wrote"))
    assert not form.is_valid()
    assert "not in the article" in form.errors["quote"][0]
    assert Event.objects.count() == 0


def test_editing_shows_the_stored_date_back_in_words():
    event = Event.objects.create(title="CPAC", date=datetime.date(2024, 2, 1), date_precision=Precision.MONTH)
    form = EventForm(instance=event)
    assert 'value="February 2024"' in str(form["when"])


class TestDatePreview:
    """The live reading next to the date box, before saving."""

    url = "/dates/preview/"

    def test_shows_how_the_date_will_be_saved(self, admin_client):
        response = admin_client.get(self.url, {"when_0": "noviembre de 2024", "when_1": ""})
        assert response.status_code == 200
        assert '<time datetime="2024-11">November 2024</time>' in response.content.decode()

    def test_says_what_is_wrong(self, admin_client):
        response = admin_client.get(self.url, {"when_0": "24 Feb 2024", "when_1": "year"})
        assert response.status_code == 200
        assert "names a day" in response.content.decode()

    @pytest.mark.parametrize("precision", ["century", "DAY", "0", "\x00"])
    def test_a_precision_the_menu_does_not_offer_reads_the_date_as_typed(self, admin_client, precision):
        response = admin_client.get(self.url, {"when_0": "noviembre de 2024", "when_1": precision})
        assert response.status_code == 200
        assert '<time datetime="2024-11">November 2024</time>' in response.content.decode()

    def test_is_for_editors_only(self, client):
        assert client.get(self.url, {"when_0": "2018"}).status_code == 403
        client.force_login(User.objects.create_user("reader", password="x-secret-1"))
        assert client.get(self.url, {"when_0": "2018"}).status_code == 403


class TestAdmin:
    def test_an_event_is_added_in_the_admin_with_a_date_in_words(self, admin_client):
        response = admin_client.post("/admin/timeline/event/add/", {
            **event_data(when_0="14 de noviembre de 2024"),
            "sources-TOTAL_FORMS": "1", "sources-INITIAL_FORMS": "0",
            "sources-0-title": "AFPI gala coverage", "sources-0-url": "https://example.org/gala", "sources-0-position": "0",
        })
        assert response.status_code == 302, response.content.decode()[:2000]
        event = Event.objects.get()
        assert (event.when.iso, event.sources.get().url) == ("2024-11-14", "https://example.org/gala")

    def test_bad_dates_and_links_are_field_errors_in_the_admin_and_nothing_is_saved(self, admin_client):
        response = admin_client.post("/admin/timeline/event/add/", {
            **event_data(when_0="24 Feb 2024", when_1="month"),
            "sources-TOTAL_FORMS": "1", "sources-INITIAL_FORMS": "0",
            "sources-0-title": "Bad", "sources-0-url": "javascript:alert(1)", "sources-0-position": "0",
        })
        assert response.status_code == 200
        page = response.content.decode()
        assert "names a day" in page
        assert "starting with http:// or https://" in page
        assert Event.objects.count() == 0

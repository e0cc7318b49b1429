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


# Shapes an editor may type, and what is saved for them in an English
# article of Friday 10 May 2019 ("" where the form refuses the text).
ARTICLE_DAY = datetime.date(2019, 5, 10)
SHAPES = [
    ("the 1990s", "1990", Precision.DECADE),
    ("1990s", "1990", Precision.DECADE),
    ("the '90s", "1990", Precision.DECADE),
    ("los años noventa", "1990", Precision.DECADE),
    ("década de 1990", "1990", Precision.DECADE),
    ("3/4/2024", "2024-03-04", Precision.DAY),
    ("13/4/2024", "2024-04-13", Precision.DAY),
    ("yesterday", "2019-05-09", Precision.DAY),
    ("now", "2019-05-10", Precision.DAY),
    ("mañana", "2019-05-11", Precision.DAY),
    ("el año pasado", "2018", Precision.YEAR),
    ("sometime", "", ""),
    ("Q3", "", ""),
    ("last week", "", ""),
    ("x" * 1000, "", ""),
]


class TestCountingFromTheArticle:
    """An event's dates count from its article's date and follow its language."""

    @pytest.mark.parametrize("typed, iso, precision", SHAPES)
    def test_each_shape_is_saved_as_the_date_it_names_or_refused(self, typed, iso, precision):
        article = make_article(published_on=ARTICLE_DAY, language="en")
        form = EventForm(data=event_data(when_0=typed, article=article.pk))
        if not iso:
            assert not form.is_valid()
            assert form.errors["when"][0]
            return
        assert form.is_valid(), form.errors
        event = form.save()
        assert (event.when.iso, event.date_precision) == (iso, precision)

    def test_relative_words_are_refused_without_an_article(self):
        form = EventForm(data=event_data(when_0="today"))
        assert not form.is_valid()
        assert "there is none to count from" in form.errors["when"][0]

    def test_relative_words_are_refused_when_the_article_is_dated_only_to_the_month(self):
        article = make_article(published_on=datetime.date(2019, 5, 1), published_precision="month")
        form = EventForm(data=event_data(when_0="yesterday", article=article.pk))
        assert not form.is_valid()

    def test_a_swappable_numeric_date_follows_the_article_language(self):
        spanish = make_article(published_on=ARTICLE_DAY, language="es")
        form = EventForm(data=event_data(when_0="3/4/2024", article=spanish.pk))
        assert form.is_valid(), form.errors
        assert form.cleaned_data["when"].iso == "2024-04-03"

    def test_the_edit_form_counts_from_the_events_article(self):
        article = make_article(published_on=ARTICLE_DAY, language="es")
        event = Event.objects.create(title="Gala", date=ARTICLE_DAY, article=article)
        html = str(EventForm(instance=event)["when"])
        assert "&quot;ref&quot;: &quot;2019-05-10&quot;" in html and "&quot;lang&quot;: &quot;es&quot;" in html

    def test_a_submitted_article_that_is_not_one_counts_from_nothing(self):
        form = EventForm(data=event_data(when_0="yesterday", article="99999999999999999999"))
        assert not form.is_valid()
        assert "there is none to count from" in form.errors["when"][0]


class TestWidget:
    def test_the_reading_is_in_the_page_and_aimed_at_its_own_output(self):
        html = str(EventForm(data=event_data(when_0="the 1990s"))["when"])
        assert 'data-hx-target="#when-reading"' in html and 'id="when-reading"' in html
        assert 'data-hx-swap="innerHTML"' in html and 'data-hx-select="unset"' in html
        assert '<time datetime="1990">the 1990s</time>' in html
        assert 'data-hx-trigger="input changed delay:300ms, change"' in html

    def test_an_ingest_proposal_counts_from_the_draft_article(self):
        from timeline.dates import FuzzyDate
        from timeline.ingest.draft import DraftArticle
        from timeline.ingest.forms import EventProposalForm

        article = DraftArticle(headline="h", outlet="o", byline="", url="", published=FuzzyDate(ARTICLE_DAY),
                               published_estimated=False, language="es")
        form = EventProposalForm({"when_0": "ayer"}, article=article, timelines=[])
        form.is_valid()
        assert "when" not in form.errors
        assert form.cleaned_data["when"].iso == "2019-05-09"
        assert "&quot;ref&quot;: &quot;2019-05-10&quot;" in str(form["when"])


class TestDatePreviewCounts:
    url = "/dates/preview/"

    @pytest.mark.parametrize("typed, iso, precision", SHAPES)
    def test_the_preview_says_what_the_form_saves(self, admin_client, typed, iso, precision):
        response = admin_client.get(self.url, {"when_0": typed, "when_1": "", "ref": "2019-05-10", "lang": "en"})
        page = response.content.decode()
        assert response.status_code == 200
        if iso:
            assert f'<time datetime="{iso}">' in page and f"({precision})" in page
        else:
            assert 'role="alert"' in page

    def test_the_preview_says_which_order_it_read(self, admin_client):
        page = admin_client.get(self.url, {"when_0": "3/4/2024", "lang": "es"}).content.decode()
        assert '<time datetime="2024-04-03">3 April 2024</time>' in page
        assert "read day first, as in Spanish" in page
        page = admin_client.get(self.url, {"when_0": "3/4/2024", "lang": "en"}).content.decode()
        assert '<time datetime="2024-03-04">4 March 2024</time>' in page
        assert "read month first, as in English" in page
        page = admin_client.get(self.url, {"when_0": "13/4/2024", "lang": "en"}).content.decode()
        assert "read" not in page.split("</strong>")[1]

    def test_the_preview_says_what_it_counted_from(self, admin_client):
        page = admin_client.get(self.url, {"when_0": "yesterday", "ref": "2019-05-10"}).content.decode()
        assert '<time datetime="2019-05-09">' in page and "counted from 10 May 2019" in page

    def test_the_preview_in_spanish(self, admin_client):
        page = admin_client.get(self.url, {"when_0": "the 1990s"}, HTTP_ACCEPT_LANGUAGE="es").content.decode()
        assert '<time datetime="1990">la década de 1990</time>' in page and "(década)" in page

    @pytest.mark.parametrize(
        "ref, lang", [("yesterday", "en"), ("2019-02-30", "es"), ("0000-01-01", ""), ("9999-13-31", "xx"), ("\x00", "\x00"),
                      ("2019-05-10T00:00", "EN"), ("1" * 500, "es" * 50)],
    )
    def test_bad_ref_and_lang_are_ignored(self, admin_client, ref, lang):
        response = admin_client.get(self.url, {"when_0": "today", "ref": ref, "lang": lang})
        assert response.status_code == 200
        assert "there is none to count from" in response.content.decode()

    def test_counting_from_the_last_day_there_is_gives_an_error_not_a_500(self, admin_client):
        response = admin_client.get(self.url, {"when_0": "tomorrow", "ref": "9999-12-31"})
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()

    def test_the_event_forms_article_field_is_sent_and_counted_from(self, admin_client):
        article = make_article(published_on=ARTICLE_DAY, language="es")
        html = str(EventForm()["when"])
        assert 'data-hx-include="#id_when_0, #id_when_1, #id_article"' in html
        page = admin_client.get(self.url, {"when_0": "ayer", "article": str(article.pk), "ref": "2001-01-01"}).content.decode()
        assert '<time datetime="2019-05-09">' in page
        page = admin_client.get(self.url, {"when_0": "3/4/2024", "article": str(article.pk), "lang": "en"}).content.decode()
        assert '<time datetime="2024-04-03">' in page
        for empty in ("", "nope", "99999999999999999999999", str(article.pk + 1000)):
            page = admin_client.get(self.url, {"when_0": "ayer", "article": empty, "ref": "2019-05-10"}).content.decode()
            assert "there is none to count from" in page, empty


def test_a_precision_the_menu_does_not_offer_is_a_field_error_and_the_reading_still_shows():
    form = EventForm(data=event_data(when_0="November 2024", when_1="week"))
    assert not form.is_valid()
    assert "when" in form.errors
    assert '<time datetime="2024-11">November 2024</time>' in str(form["when"])

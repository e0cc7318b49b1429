"""Oversized requests are refused cleanly: a body over DATA_UPLOAD_MAX_MEMORY_SIZE
gets 413 and a page that names the limit; more fields than
DATA_UPLOAD_MAX_NUMBER_FIELDS, or files than DATA_UPLOAD_MAX_NUMBER_FILES, get
400. An HTMX request gets the message alone (a fragment the desk's script
announces), never a whole page. Nothing is saved, nothing is a 500.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from factcheck.models import Claim, VerdictChange
from tests.editors import PASSWORD, make_editor
from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.models import Article

from .checks import HTMX, encode
from .payloads import ingest_form

pytestmark = pytest.mark.django_db

OVER = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
LIMIT_MB = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000:.1f}"


def with_csrf(client: Client, page: str) -> Client:
    """As a browser would: the CSRF cookie from a page, the token sent back
    with every post (in the header, as the desk's HTMX does). CSRF checks
    read the form, so the limits apply before any view runs, as in production."""
    assert client.get(page).status_code == 200
    client.defaults["HTTP_X_CSRFTOKEN"] = client.cookies["csrftoken"].value
    return client


@pytest.fixture
def editor_client(seeded):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_editor("limits-editor"))
    return with_csrf(client, "/editor/")


@pytest.fixture
def visitor(db):
    return Client(enforce_csrf_checks=True)


def too_large(response):
    assert response.status_code == 413
    assert {"private", "no-store"} == {d.strip() for d in response["Cache-Control"].split(",")}  # a form answer
    html = response.content.decode()
    assert f"over the limit of {LIMIT_MB} MB" in html
    return html


def unreadable(response):
    assert response.status_code == 400
    return response.content.decode()


def is_page(html: str) -> bool:
    return html.lstrip().startswith("<!doctype html>") and "</html>" in html


def is_message(html: str) -> bool:
    return "<html" not in html and "data-error-message" in html and html.count("<p") == 1


class TestTooLarge:
    def test_a_pasted_article_over_the_limit_gets_the_page_that_names_it(self, editor_client):
        text = "In 2018 the loan was signed. " * (OVER // 29 + 1)
        html = too_large(editor_client.post("/editor/ingest/", ingest_form(text=text)))
        assert is_page(html) and "100,000 characters" in html
        assert not Article.objects.filter(outlet=ingest_form()["outlet"]).exists()

    def test_the_same_paste_sent_as_multipart(self, editor_client):
        form = ingest_form(text="x " * (OVER // 2 + 1))
        assert is_page(too_large(editor_client.post("/editor/ingest/", form)))

    def test_a_verdict_over_the_limit_sent_with_htmx_gets_the_message_alone(self, editor_client):
        claim = Claim.objects.order_by("pk").first()
        history = VerdictChange.objects.count()
        prefix = f"claim-{claim.pk}-"
        body = encode(
            [(prefix + "verdict", "false"), (prefix + "rationale", "x" * OVER), (prefix + "version", claim.version)]
        )
        response = editor_client.post(
            f"/editor/claims/{claim.pk}/status/", body, content_type="application/x-www-form-urlencoded", headers=HTMX
        )
        html = too_large(response)
        assert is_message(html)
        # It speaks of the form sent, not of pasting an article.
        assert "Shorten the longest text in it" in html and "article" not in html
        assert VerdictChange.objects.count() == history
        # Without HTMX, the page.
        response = editor_client.post(
            f"/editor/claims/{claim.pk}/status/", body, content_type="application/x-www-form-urlencoded"
        )
        assert is_page(too_large(response))

    def test_with_debug_on_too_never_the_technical_page(self, editor_client, settings):
        """With DEBUG on, Django answers a form over the limit with its
        technical error page; the editor gets the same message as in
        production, and the rationale typed stays in the form (not swapped)."""
        settings.DEBUG = True
        claim = Claim.objects.order_by("pk").first()
        prefix = f"claim-{claim.pk}-"
        body = encode([(prefix + "verdict", "false"), (prefix + "rationale", "x" * OVER), (prefix + "version", claim.version)])
        response = editor_client.post(
            f"/editor/claims/{claim.pk}/status/", body, content_type="application/x-www-form-urlencoded", headers=HTMX
        )
        html = too_large(response)
        assert is_message(html) and "Traceback" not in html and "technical" not in html.lower()

    def test_an_ingest_decision_over_the_limit_sent_with_htmx_gets_the_message_alone(self, editor_client):
        path = reverse("ingest:decide", args=["any-draft", "claim", 0, "accept"])
        response = editor_client.post(path, {"claim-0-quote": "x" * OVER}, headers=HTMX)
        assert is_message(too_large(response))

    @pytest.mark.parametrize("path", ["/i18n/setlang/", "/accounts/login/"])
    def test_the_public_forms_refuse_it_too(self, visitor, path):
        with_csrf(visitor, "/accounts/login/")
        assert is_page(too_large(visitor.post(path, {"language": "es", "next": "/" + "x" * OVER})))

    def test_in_spanish(self, editor_client):
        editor_client.cookies["django_language"] = "es"
        html = too_large_es(editor_client.post("/editor/ingest/", ingest_form(text="x " * (OVER // 2 + 1))))
        assert 'lang="es"' in html


def too_large_es(response):
    assert response.status_code == 413
    html = response.content.decode()
    assert f"supera el límite de {LIMIT_MB} MB" in html
    return html


class TestTooManyFields:
    def fields(self, extra: int = 1):
        return [(f"field{n}", "x") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + extra)]

    def test_a_form_of_too_many_fields_gets_the_400_page(self, editor_client):
        claim = Claim.objects.order_by("pk").first()
        response = editor_client.post(
            f"/editor/claims/{claim.pk}/status/",
            encode(self.fields()),
            content_type="application/x-www-form-urlencoded",
        )
        assert is_page(unreadable(response))

    def test_with_htmx_the_message_alone(self, editor_client):
        claim = Claim.objects.order_by("pk").first()
        response = editor_client.post(
            f"/editor/claims/{claim.pk}/publish/",
            encode(self.fields()),
            content_type="application/x-www-form-urlencoded",
            headers=HTMX,
        )
        assert is_message(unreadable(response))

    def test_a_query_of_too_many_parameters_gets_the_400_page(self, client, seeded):
        response = client.get("/timelines/milei-trump/", QUERY_STRING=encode(self.fields()))
        assert is_page(unreadable(response))
        response = client.get("/timelines/milei-trump/", QUERY_STRING=encode(self.fields()), headers=HTMX)
        assert is_message(unreadable(response))

    def test_just_under_the_limit_is_read(self, client, seeded):
        response = client.get("/timelines/milei-trump/", QUERY_STRING=encode(self.fields(extra=-1)))
        assert response.status_code == 200

    def test_a_sign_in_with_too_many_fields_signs_nobody_in(self, visitor):
        make_editor("limits-login")
        with_csrf(visitor, "/accounts/login/")
        body = encode([("username", "limits-login"), ("password", PASSWORD), *self.fields()])
        response = visitor.post("/accounts/login/", body, content_type="application/x-www-form-urlencoded")
        assert is_page(unreadable(response))
        assert "_auth_user_id" not in visitor.session


class TestFiles:
    def test_too_many_files_get_the_400_page(self, editor_client):
        files = [SimpleUploadedFile(f"f{n}.txt", b"x") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
        response = editor_client.post("/editor/ingest/", {**ingest_form(), "file": files})
        assert is_page(unreadable(response))

    def test_a_file_no_form_asks_for_is_ignored(self, editor_client):
        # Files do not count towards the form's size limit (nginx's
        # client_max_body_size caps them, docs/deployment.md, "Behind nginx"); no form
        # here takes one, so it is read and dropped.
        upload = SimpleUploadedFile("article.txt", b"x" * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1))
        response = editor_client.post("/editor/ingest/", {**ingest_form(text=""), "text_file": upload})
        assert response.status_code == 400
        assert "Paste the article" in response.content.decode()

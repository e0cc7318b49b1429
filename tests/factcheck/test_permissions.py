"""Who may use the desk: editors; anyone else is sent to sign in or refused,
and nothing changes. The grid of who may POST to which URL, and what a
refusal leaves alone, is test_permission_matrix.py."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client

from factcheck.models import Claim
from factcheck.permissions import is_editor
from tests.editors import PASSWORD, make_editor, make_reader, status_post
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db

EDITOR_PERMISSIONS = {
    "factcheck.view_claim", "factcheck.add_claim", "factcheck.change_claim",
    "factcheck.view_claimsource", "factcheck.add_claimsource", "factcheck.change_claimsource",
    "factcheck.delete_claimsource", "factcheck.view_verdict", "factcheck.view_verdictchange",
    "timeline.view_article", "timeline.add_article", "timeline.change_article",
    "timeline.view_event", "timeline.add_event", "timeline.change_event",
    "timeline.view_eventsource", "timeline.add_eventsource", "timeline.change_eventsource",
    "timeline.delete_eventsource", "timeline.view_actor", "timeline.add_actor", "timeline.change_actor",
    "timeline.view_timeline", "timeline.add_timeline", "timeline.change_timeline",
    "timeline.view_timelineentry", "timeline.add_timelineentry", "timeline.change_timelineentry",
    "timeline.delete_timelineentry",
}


def test_the_editors_group_holds_exactly_the_desks_permissions():
    group = Group.objects.get(name="Editors")
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert held == EDITOR_PERMISSIONS
    # What the ingest page (issue 6) needs is among them.
    assert {"timeline.add_article", "timeline.add_event", "timeline.change_event",
            "factcheck.add_claim", "factcheck.change_claim"} <= held
    # Nobody on the desk deletes what readers may have seen, or touches the history or the scale:
    # only source links and timeline entries can be removed, as part of editing;
    deletes = {p for p in held if ".delete_" in p}
    assert deletes == {"factcheck.delete_claimsource", "timeline.delete_eventsource", "timeline.delete_timelineentry"}
    assert {p for p in held if "verdict" in p} == {"factcheck.view_verdict", "factcheck.view_verdictchange"}


def test_is_editor():
    assert is_editor(make_editor())
    assert not is_editor(make_reader())
    assert not is_editor(make_editor(is_active=False))
    superuser = get_user_model().objects.create_superuser("root", password=PASSWORD)
    assert is_editor(superuser)


@pytest.fixture
def claim(seeded):
    return Claim.objects.get(uid="seed-claim-05")


def writes(claim):
    return [
        (f"/editor/claims/{claim.pk}/status/", status_post(claim)),
        (f"/editor/claims/{claim.pk}/publish/", {f"claim-{claim.pk}-publish-version": str(claim.version)}),
        (f"/editor/claims/{claim.pk}/unpublish/", {f"claim-{claim.pk}-unpublish-version": str(claim.version)}),
        (f"/editor/claims/{claim.pk}/assign/", {f"claim-{claim.pk}-assign-assignee": ""}),
    ]


def assert_unchanged(claim):
    before_version, before_history = claim.version, claim.history.count()
    claim.refresh_from_db()
    assert claim.version == before_version
    assert claim.history.count() == before_history
    assert claim.verdict.slug == "unverified" and claim.published


class TestSignedOut:
    def test_the_queue_and_a_claims_page_redirect_to_sign_in_and_back(self, client, claim):
        for url in ["/editor/", f"/editor/claims/{claim.pk}/", "/editor/?verdict=false&q=IMF"]:
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/?next=/editor/")

    def test_htmx_writes_are_refused_with_403_too_and_change_nothing(self, client, claim):
        for url, data in writes(claim):
            assert client.post(url, data, headers={"HX-Request": "true"}).status_code == 403
        assert_unchanged(claim)

    def test_an_htmx_request_gets_a_message_not_the_sign_in_page(self, client, claim):
        response = client.get("/editor/", headers={"HX-Request": "true"})
        assert response.status_code == 403
        html = response.content.decode()
        assert "You are signed out, so nothing was changed." in html
        assert "<html" not in html

    def test_no_password_reset_by_email_is_offered(self, client, claim):
        # The site sends no mail: a reset form would fail when it tried to.
        assert client.get("/accounts/password_reset/").status_code == 404
        assert client.post("/accounts/password_reset/", {"email": "editor@example.org"}).status_code == 404


class TestSignedInWithoutEditorRights:
    @pytest.fixture
    def reader_client(self):
        client = Client()
        client.force_login(make_reader())
        return client

    def test_pages_are_403(self, reader_client, claim):
        for url in ["/editor/", f"/editor/claims/{claim.pk}/"]:
            response = reader_client.get(url)
            assert response.status_code == 403
            assert "does not have editor rights" in response.content.decode()


class TestEditors:
    def test_may_use_the_desk(self, editor_client, claim):
        assert editor_client.get("/editor/").status_code == 200
        assert editor_client.get(f"/editor/claims/{claim.pk}/").status_code == 200

    def test_staff_only_pages_stay_staff_only(self, claim):
        panel_only = Client()
        panel_only.force_login(make_editor(staff=False))
        response = panel_only.get("/admin/factcheck/claim/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

        desk = Client()
        desk.force_login(make_editor(staff=True))
        assert desk.get("/admin/factcheck/claim/").status_code == 200
        # Editors have no business with accounts or the scale's settings.
        assert desk.get("/admin/auth/user/").status_code == 403
        assert desk.get("/admin/auth/group/").status_code == 403
        assert desk.get("/admin/factcheck/verdict/add/").status_code == 403

    def test_signing_in_leads_to_the_queue_and_signing_out_is_a_post(self, claim):
        make_editor("carla")
        client = Client()
        response = client.post("/accounts/login/", {"username": "carla", "password": PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/editor/"
        html = client.get("/editor/").content.decode()
        assert 'action="/accounts/logout/"' in html and 'method="post"' in html
        assert client.get("/accounts/logout/").status_code == 405
        assert client.post("/accounts/logout/").status_code == 302
        assert client.get("/editor/").status_code == 302

    def test_plain_form_posts_need_the_csrf_token(self, editor, claim):
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(editor)
        url, data = writes(claim)[0]
        assert strict.post(url, data).status_code == 403
        assert_unchanged(claim)


class TestCreateEditor:
    def run(self, *args, stdin=""):
        import sys

        out, saved = io.StringIO(), sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            call_command("create_editor", *args, stdout=out)
        finally:
            sys.stdin = saved
        return out.getvalue()

    def test_creates_an_editor_with_a_password_from_stdin(self):
        output = self.run("dana", "--password-stdin", "--email", "dana@example.org", stdin=PASSWORD + "\n")
        assert "Created editor “dana”" in output
        user = get_user_model().objects.get(username="dana")
        assert is_editor(user) and user.is_staff and user.check_password(PASSWORD)
        # The password works on the sign-in page.
        response = Client().post("/accounts/login/", {"username": "dana", "password": PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/editor/"

    def test_panel_only_editors_get_no_admin(self):
        self.run("eve", "--password-stdin", "--no-admin", stdin=PASSWORD + "\n")
        user = get_user_model().objects.get(username="eve")
        assert is_editor(user) and not user.is_staff

    def test_a_weak_password_is_refused_and_nobody_is_created(self):
        with pytest.raises(CommandError, match="Password refused"):
            self.run("frank", "--password-stdin", stdin="password\n")
        assert not get_user_model().objects.filter(username="frank").exists()

    def test_an_existing_user_is_made_an_editor_keeping_their_password(self):
        reader = make_reader("gil")
        output = self.run("gil")
        assert "Made an editor of “gil”" in output
        reader.refresh_from_db()
        assert reader.check_password(PASSWORD)
        assert is_editor(get_user_model().objects.get(pk=reader.pk))

    def test_without_a_terminal_or_stdin_flag_it_says_what_to_do(self):
        with pytest.raises(CommandError, match="--password-stdin"):
            self.run("hal")

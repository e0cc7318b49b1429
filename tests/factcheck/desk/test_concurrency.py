"""Editors saving the same claim at the same moment, over real HTTP against a
live server (each request in its own server thread with its own database
connection): exactly one save wins, every other one gets the 409 conflict
card, and the history gains exactly one change.

Runs on PostgreSQL (the row lock in `services._claim_lock`) and on SQLite
(write transactions begin with the database's write lock, see settings)."""

import http.cookies
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.management import call_command
from django.test import Client

from factcheck.models import Claim
from tests.editors import make_editor
from tests.html import form_fields

N = 8
VERDICTS = ["accurate", "mixed", "misleading", "false", "in-review", "not-checkable", "unverified", "accurate"]


@pytest.fixture
def live(live_server, transactional_db):
    call_command("load_seeds", verbosity=0, stdout=open("/dev/null", "w"))
    return live_server


class EditorSession:
    """One editor's browser: a session cookie, a CSRF cookie, and plain HTTP."""

    def __init__(self, base_url: str, username: str):
        self.base = base_url
        self.user = make_editor(username, first_name=username.capitalize())
        client = Client()
        client.force_login(self.user)
        self.cookies = {"sessionid": client.cookies["sessionid"].value}

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "HX-Request": "true"}
        if data is not None:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, html, set_cookies = response.status, response.read().decode(), response.headers.get_all("Set-Cookie")
        except urllib.error.HTTPError as error:
            status, html, set_cookies = error.code, error.read().decode(), error.headers.get_all("Set-Cookie")
        for header in set_cookies or []:
            cookie = http.cookies.SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return status, html

    def open_form(self, claim) -> dict[str, str]:
        status, html = self.request(f"/editor/claims/{claim.pk}/?edit=1")
        assert status == 200 and "csrftoken" in self.cookies
        return form_fields(html, form_id=f"claim-{claim.pk}-form")


def save_all_at_once(sessions, claim, forms):
    """Every editor posts their form at the same moment; (status, html) per editor."""
    barrier = threading.Barrier(len(sessions))
    results = [None] * len(sessions)

    def save(i):
        barrier.wait()
        results[i] = sessions[i].request(f"/editor/claims/{claim.pk}/status/", forms[i])

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_n_concurrent_saves_from_one_version_give_one_success_and_n_minus_1_conflicts(live):
    claim = Claim.objects.get(uid="seed-claim-09")  # rationale and three sources: only the verdict changes
    sessions = [EditorSession(live.url, f"editor{i}") for i in range(N)]
    forms = [session.open_form(claim) for session in sessions]
    assert len({form[f"claim-{claim.pk}-version"] for form in forms}) == 1
    for form, verdict in zip(forms, VERDICTS):
        form[f"claim-{claim.pk}-verdict"] = verdict
        form[f"claim-{claim.pk}-note"] = f"Concurrent save to {verdict}"
    history_before, version_before = claim.history.count(), claim.version

    results = save_all_at_once(sessions, claim, forms)

    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [409] * (N - 1)
    claim.refresh_from_db()
    assert claim.version == version_before + 1
    assert claim.history.count() == history_before + 1
    winner = next(i for i, (status, _) in enumerate(results) if status == 200)
    change = claim.history.first()
    assert (change.action, change.editor, change.to_verdict.slug) == ("verdict", sessions[winner].user, VERDICTS[winner])
    for status, html in results:
        if status == 409:
            assert "Not saved: someone changed this claim first" in html
            assert f"{sessions[winner].user.first_name} changed it" in html


def test_concurrent_full_saves_record_one_save_in_the_history(live):
    claim = Claim.objects.get(uid="seed-claim-10")  # Unverified, no source
    sessions = [EditorSession(live.url, f"writer{i}") for i in range(4)]
    forms = [session.open_form(claim) for session in sessions]
    for i, form in enumerate(forms):
        form.update({
            f"claim-{claim.pk}-verdict": "in-review",
            f"claim-{claim.pk}-rationale": f"Writer {i} is checking the inaugural address.",
            f"claim-{claim.pk}-sources-0-title": f"Writer {i}'s source",
        })
    version_before = claim.version

    results = save_all_at_once(sessions, claim, forms)

    assert sorted(status for status, _ in results) == [200, 409, 409, 409]
    claim.refresh_from_db()
    new_rows = claim.history.filter(claim_version__gt=version_before)
    assert {row.claim_version for row in new_rows} == {version_before + 1}
    assert sorted(row.action for row in new_rows) == ["rationale", "sources", "verdict"]
    assert len({row.editor_id for row in new_rows}) == 1

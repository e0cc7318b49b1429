"""The load: readers and editors at the same time, run by locust headless
(`tests/deploy/load.py` starts it; never collected by pytest).

Readers ask, with no pause, for the timeline page, claim pages, the embed
and the TimelineJS API (and /healthz, the baseline: a view with one
`SELECT 1`). Editors sign in through the sign-in page, then again and again
open a claim's editor page, read the form (CSRF token, the claim's version)
as a browser does, change only the rationale, and save it the way the
page's htmx does. A few claims are shared by all editors, so two of them
sometimes save the same one: the second gets the 409 conflict, an expected
answer. Each rationale carries a token (also the history note), so the
test can tell afterwards which saves left their history row.

Every request is written to LOAD_EVENTS (JSON lines) when locust quits:
start time, response time, endpoint, status and outcome:
ok | saved | conflict | unavailable (the styled 503 with Retry-After) | error.

LOAD_PLAN (JSON) names the editors, the claims and the run's token prefix.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time

import gevent
from locust import FastHttpUser, HttpUser, between, constant, events, task

from tests.html import form_fields

with open(os.environ["LOAD_PLAN"]) as plan:
    PLAN = json.load(plan)
SLUG = PLAN.get("slug", "milei-trump")
SAVE = "editor: save verdict"
STYLED_503 = '<p class="kicker">503</p>'
_records: list[list] = []
_editors = itertools.cycle(PLAN["editors"])
_serial = itertools.count(1)
CSRF_HEADER = re.compile(r"data-hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def outcome(name: str, status: int, body: str, retry_after: str | None) -> str:
    if status == 503:
        # The styled page, with Retry-After; /healthz answers its JSON for load balancers.
        if (retry_after and STYLED_503 in body) or (name == "healthz" and '"status": "unavailable"' in body):
            return "unavailable"
        return "error"
    if name == SAVE:
        return {200: "saved", 409: "conflict"}.get(status, "error")
    if name == "sign in":
        return "ok" if status == 302 else "error"
    return "ok" if status == 200 and body else "error"


@events.request.add_listener
def record(request_type, name, response_time, response_length, response=None, context=None, exception=None,
           start_time=None, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    if status:
        body = response.text or ""
        kind = outcome(name, status, body, response.headers.get("Retry-After"))
        detail = "" if kind != "error" else f"{status} {body[:300]}"
    else:
        kind, detail = "error", f"{type(exception).__name__}: {exception}"
    token = (context or {}).get("token", "")
    _records.append([start_time, response_time, name, status, kind, token, detail])


@events.test_start.add_listener
def stop_when_asked(environment, **kwargs):
    """The test ends the run when it has seen enough (LOAD_STOP appears),
    as the time limit does: each user finishes the request it is making."""
    stop_file = os.environ.get("LOAD_STOP")

    def watch():
        while not os.path.exists(stop_file):
            gevent.sleep(0.1)
        environment.runner.quit()

    if stop_file:
        gevent.spawn(watch)


@events.quitting.add_listener
def write_records(environment, **kwargs):
    with open(os.environ["LOAD_EVENTS"], "w") as out:
        out.writelines(json.dumps(record_) + "\n" for record_ in _records)


class Reader(FastHttpUser):
    """Readers and embeds: as fast as the site answers (a closed loop)."""

    weight = 1
    wait_time = constant(0)
    network_timeout = 30.0
    connection_timeout = 10.0

    @task(3)
    def timeline_page(self):
        self.client.get(f"/timelines/{SLUG}/", name="timeline page")

    @task(3)
    def claim_page(self):
        self.client.get(f"/claims/{random.choice(PLAN['read_claims'])}/", name="claim page")

    @task(3)
    def embed(self):
        self.client.get(f"/embed/timelines/{SLUG}/", name="embed")

    @task(2)
    def api(self):
        self.client.get(f"/api/timelines/{SLUG}.json", name="TimelineJS API")

    @task(1)
    def healthz(self):
        self.client.get("/healthz", name="healthz")


class Editor(HttpUser):
    """An editor's browser: cookies, the CSRF token from the page, htmx's headers."""

    fixed_count = PLAN.get("editor_count", len(PLAN["editors"]))
    wait_time = between(0.1, 0.4)

    def on_start(self):
        self.account = next(_editors)
        self.signed_in = False

    def sign_in(self) -> bool:
        page = self.client.get("/accounts/login/", name="sign-in page")
        found = CSRF_FIELD.search(page.text or "") if page.status_code == 200 else None
        if not found:
            return False
        answer = self.client.post(
            "/accounts/login/",
            data={"username": self.account["username"], "password": self.account["password"],
                  "csrfmiddlewaretoken": found.group(1), "next": "/editor/"},
            headers={"Referer": self.host + "/accounts/login/"},
            allow_redirects=False, name="sign in",
        )
        return answer.status_code == 302

    @task
    def save_a_rationale(self):
        if not self.signed_in:
            self.signed_in = self.sign_in()
            return
        claim = random.choice(PLAN["edit_claims"])
        page = self.client.get(f"/editor/claims/{claim}/", name="editor: claim page")
        if page.status_code != 200:
            return
        fields = form_fields(page.text, form_id=f"claim-{claim}-form")
        csrf = CSRF_HEADER.search(page.text).group(1)
        token = f"{PLAN['token_prefix']}{self.account['username']}-{next(_serial)}"
        fields[f"claim-{claim}-rationale"] = f"Checked again under load ({token})."
        fields[f"claim-{claim}-note"] = token
        time.sleep(random.uniform(0.1, 0.4))  # reading and typing: others may save this claim meanwhile
        self.client.post(
            f"/editor/claims/{claim}/status/", data=fields, name=SAVE, context={"token": token},
            headers={"HX-Request": "true", "X-CSRFToken": csrf, "Referer": self.host + f"/editor/claims/{claim}/"},
        )

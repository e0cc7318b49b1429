"""Who may keep a copy: every answer to a signed-in person and every answer
to a form is `Cache-Control: private, no-store`; pages for signed-out readers
stay cacheable as their views make them; the shared responses (embed, API,
oEmbed, feed) are the same for everyone and stay public.

The resolver is walked: every URL pattern, with a value for each parameter
(as the permission matrix builds them)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.editors import make_editor
from tests.factcheck.test_permission_matrix import sample_url, url_patterns
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",") if part.strip()}


def private(response) -> bool:
    return {"private", "no-store"} <= directives(response)


def shared(response) -> bool:
    return getattr(response, "shared_cache", False) and "public" in directives(response)


@pytest.fixture
def signed_in():
    """An editor with every right (the admin's pages answer them too)."""
    client = Client()
    client.force_login(make_editor(is_superuser=True, staff=True))
    return client


def every_url() -> list[str]:
    return sorted({sample_url(route) for _key, route in url_patterns()})


def test_every_url_answers_a_signed_in_person_privately(seeded, signed_in):
    problems = []
    for url in every_url():
        for headers in ({}, {"HX-Request": "true"}):
            response = signed_in.get(url, headers=headers)
            if not (private(response) or shared(response)):
                problems.append(f"{url} {headers}: {response.status_code} {response.get('Cache-Control')!r}")
    assert not problems


def test_the_pages_the_issue_found_carry_it(seeded, signed_in):
    for url in ["/editor/ingest/", "/accounts/password_change/", "/dates/preview/?text=2019", "/", "/editor/"]:
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert private(response), url


def test_every_form_answer_is_private_signed_in_or_not(seeded, signed_in):
    problems = []
    for url in every_url():
        for who, client in (("signed out", Client()), ("signed in", signed_in)):
            response = client.post(url, {})
            if not private(response):
                problems.append(f"POST {url} ({who}): {response.status_code} {response.get('Cache-Control')!r}")
            if who == "signed in" and url.startswith(("/accounts/logout", "/admin/logout")):
                signed_in.force_login(make_editor(is_superuser=True, staff=True))
    assert not problems


def test_the_ingest_forms_answer_is_private(seeded, signed_in):
    response = signed_in.post("/editor/ingest/", {"headline": "", "body": ""}, headers={"HX-Request": "true"})
    assert private(response)


def test_public_pages_for_signed_out_readers_are_unchanged(seeded, client):
    """Nothing private about them; the shared ones stay public."""
    from factcheck.models import Claim

    for url in ["/", "/timelines/milei-trump/", Claim.objects.get(uid="seed-claim-09").get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200 and not directives(response) & {"private", "no-store"}, url
    for url in ["/embed/timelines/milei-trump/", "/api/timelines/milei-trump.json", "/feeds/verdicts/",
                "/oembed/?format=json&url=http://testserver/timelines/milei-trump/"]:
        response = client.get(url)
        assert response.status_code == 200 and shared(response), url


def test_shared_responses_stay_public_for_a_signed_in_person(seeded, signed_in):
    """They are built without the session: the same bytes for everyone."""
    response = signed_in.get("/embed/timelines/milei-trump/")
    assert shared(response) and "Cookie" not in response.get("Vary", "")

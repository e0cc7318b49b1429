"""Editors' panel figures: server time of one verdict save (POST to the
claim's card fragment) and of the work queue with 5,000 claims, with their
query counts, as ratios against the seed timeline page measured in the same
run. Query counts must not grow with the number of claims."""

import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from factcheck.models import Claim, ClaimSource, Verdict
from tests.editors import make_editor
from tests.html import form_fields
from tests.perf.conftest import median_seconds
from timeline.models import Event

pytestmark = pytest.mark.django_db

CLAIMS = 5000
HTMX = {"HX-Request": "true"}


def add_claims(n: int) -> None:
    """n more claims on the seed article, spread over its events and the scale."""
    seed = Claim.objects.get(uid="seed-claim-08")
    events = list(Event.objects.all())
    scale = list(Verdict.objects.all())
    editors = [make_editor(f"bench{i}") for i in range(5)]
    claims = Claim.objects.bulk_create(
        Claim(
            quote=seed.quote, article=seed.article, quote_start=seed.quote_start, quote_end=seed.quote_end,
            event=events[i % len(events)] if i % 4 else None, verdict=scale[i % len(scale)],
            rationale="A rationale of some length for the benchmark. " * 3, published=bool(i % 3),
            published_verdict=scale[i % len(scale)] if i % 3 else None, assigned_to=editors[i % 5] if i % 2 else None,
        )
        for i in range(n)
    )
    ClaimSource.objects.bulk_create(
        ClaimSource(claim=claim, title=f"Source {j}", url=f"https://example.org/{j}", position=j)
        for claim in claims for j in range(2)
    )


def timed_get(client, url, *, repeat, headers=None):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, headers=headers or {}).status_code == 200
    queries = len(captured)  # now: the next request clears the log
    return median_seconds(lambda: client.get(url, headers=headers or {}), repeat=repeat), queries


def save_timings(client, claim, *, repeat):
    """Median server time of a verdict save (POST, HTMX, answered with the card),
    switching the claim between two states so every save changes it."""
    states = ["in-review", "unverified"]
    samples, queries = [], None
    for i in range(repeat + 2):
        data = form_fields(client.get(f"/editor/claims/{claim.pk}/?edit=1", headers=HTMX).content.decode(),
                           form_id=f"claim-{claim.pk}-form")
        data[f"claim-{claim.pk}-verdict"] = states[i % 2]
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.post(f"/editor/claims/{claim.pk}/status/", data, headers=HTMX)
            elapsed = time.perf_counter() - start
        assert response.status_code == 200 and "Saved" in response.content.decode()
        if i >= 2:  # after a warm-up
            samples.append(elapsed)
            queries = len(captured)
    return statistics.median(samples), queries


def test_editor_panel_server_time(seeded, report):
    client = Client()
    client.force_login(make_editor("bencher"))
    reader = Client()
    claim = Claim.objects.get(uid="seed-claim-10")

    baseline, baseline_queries = timed_get(reader, "/timelines/milei-trump/", repeat=40)
    figures = {}
    figures["queue, seed (14 claims)"] = timed_get(client, "/editor/", repeat=20)
    figures["verdict save, seed (14 claims)"] = save_timings(client, claim, repeat=20)

    add_claims(CLAIMS)
    figures["queue, 5,000 claims (first page of 50)"] = timed_get(client, "/editor/", repeat=10)
    figures["queue, 5,000 claims, filtered and searched"] = timed_get(
        client, "/editor/?verdict=mostly-accurate&published=yes&q=benchmark&sort=article", repeat=10)
    figures["queue, 5,000 claims, last page"] = timed_get(client, f"/editor/?page={CLAIMS // 50 + 1}", repeat=10)
    figures["claim's editor page, 5,000 claims"] = timed_get(client, f"/editor/claims/{claim.pk}/", repeat=20)
    figures["verdict save, 5,000 claims"] = save_timings(client, claim, repeat=20)

    report("editors' panel, median server time (Django test client, in process)")
    report(f"  baseline: seed timeline page {baseline * 1000:.1f} ms, {baseline_queries} queries")
    for name, (seconds, queries) in figures.items():
        report(f"  {name}: {seconds * 1000:.1f} ms = {seconds / baseline:.1f}x baseline, {queries} queries")

    assert figures["queue, seed (14 claims)"][1] == figures["queue, 5,000 claims (first page of 50)"][1]
    assert figures["verdict save, seed (14 claims)"][1] == figures["verdict save, 5,000 claims"][1]

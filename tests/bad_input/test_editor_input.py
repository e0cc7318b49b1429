"""Bad input on the editors' desk: the queue's filters, a claim's page and
card, its verdict form (verdict, rationale, sources, note, version), its
short summary, publishing, unpublishing, assigning, and the date widget's
live reading.

A write answers 200 or 303 when saved, 422 with field errors, 409 on a
version conflict, 404 for a claim that is not there; with HTMX, any of them
is a fragment.
"""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from factcheck.models import Claim
from tests.editors import make_editor
from tests.seed_once import seeded, seeded_module  # noqa: F401

from . import strategies as s
from .checks import HTMX, answered, get, post, rolled_back, short_address_followed

pytestmark = pytest.mark.django_db

VERDICTS = ["accurate", "mostly-accurate", "mixed", "misleading", "false", "not-checkable", "in-review", "unverified"]
CLAIMS = st.integers(min_value=0, max_value=15)  # an index into the seed's claims; past the end: a missing pk
URL = s.Field(
    st.sampled_from(["https://example.org/a", "http://x.example", "", "example.org"]),
    "javascript:alert(1)",
    "ftp://x",
    "https://",
    "http://" + "a" * 600,
    "https://exa mple.org",
)
NEXT = s.Field(
    st.sampled_from(["/editor/?q=a", "/editor/", ""]),
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "javascript:x",
    "http://testserver/editor/",
)
# Values written as "{v}" are replaced by the claim's current version: the one its form carries.
VERSION = s.Field(st.just("{v}"), "0", "-1", "1", "99", "1.0", "2**64", str(2**64))


@pytest.fixture
def editor_client(seeded):
    client = Client()
    client.force_login(make_editor("fuzz-editor", first_name="Fuzz"))
    make_editor("other-editor")
    return client


def claim_pk(index: int) -> int:
    pks = list(Claim.objects.order_by("pk").values_list("pk", flat=True))
    return pks[index] if index < len(pks) else max(pks) + 1000 + index


def prefixed(pairs, pk: int, **names):
    """Field names written with {p} (the claim's form prefix) and other
    `names` filled in (in values too); version values written "{v}" set to the claim's."""
    claim = Claim.objects.filter(pk=pk).first()
    version = str(claim.version) if claim else "1"
    names["p"] = f"claim-{pk}"

    def fill(name):
        if not isinstance(name, str):
            return name
        for key, replacement in names.items():
            name = name.replace("{" + key + "}", replacement)
        return name

    return [(fill(name), version if value == "{v}" else fill(value)) for name, value in pairs]


QUEUE = {
    "q": s.Field(st.sampled_from(["Milei", "47 million", ""]), "%", "_", "'", "\\", "x" * 201),
    "verdict": s.Field(st.sampled_from(VERDICTS), "x", "FALSE"),
    "published": s.Field(st.sampled_from(["yes", "no", ""]), "maybe"),
    "assignee": s.Field(st.sampled_from(["me", "nobody", "fuzz-editor", "other-editor", ""]), "ghost"),
    "timeline": s.Field(st.sampled_from(["milei-trump", ""]), "nope"),
    "article": s.Field(st.sampled_from(["seed-article", ""]), "nope"),
    "changed_since": s.Field(st.dates().map(str), "yesterday", "2024-02-30", "0000-01-01", "10000-01-01"),
    "sort": s.Field(st.sampled_from(["changed", "article"]), "-pk", "quote"),
    "page": s.Field(st.integers(min_value=1, max_value=3).map(str), "0", "-1", "last", "9" * 30),
}


@given(query=s.form(QUEUE), htmx=s.htmx, target=st.sampled_from(["queue-results", "", "claim-1"]))
def test_the_queue_filters(editor_client, query, htmx, target):
    headers = {**HTMX, "HX-Target": target} if htmx else {}
    with rolled_back():
        response = short_address_followed(editor_client, get(editor_client, "/editor/", query, headers=headers), "/editor/", headers=headers)
        answered(response, classes=(2,), htmx=htmx)


@given(
    index=CLAIMS,
    query=s.form(
        {"detail": s.Field(st.sampled_from(["1", ""])), "edit": s.Field(st.sampled_from(["1", ""])), "next": NEXT}
    ),
    htmx=s.htmx,
)
def test_a_claims_page_and_card(editor_client, index, query, htmx):
    with rolled_back():
        response = get(editor_client, f"/editor/claims/{claim_pk(index)}/", query, headers=HTMX if htmx else {})
        answered(response, classes=(2, 4), htmx=htmx)


def source_rows(rows: int) -> dict:
    fields = {}
    for n in range(rows):
        fields[f"{{p}}-sources-{n}-title"] = s.Field(st.sampled_from(["Census 2024", "A source", ""]), " ", "x" * 301)
        fields[f"{{p}}-sources-{n}-url"] = URL
        fields[f"{{p}}-sources-{n}-DELETE"] = s.Field(st.sampled_from(["", "", "on"]), "off", "0")
    return fields


STATUS = {
    "{p}-verdict": s.Field(st.sampled_from(VERDICTS), "x", "FALSE", ""),
    "{p}-rationale": s.Field(st.sampled_from(["Checked against the census.", ""]), " ", "x" * 5001),
    "{p}-note": s.Field(st.sampled_from(["Checked", ""]), "x" * 1001),
    "{p}-version": VERSION,
    "{p}-sources-TOTAL_FORMS": s.Field(
        st.integers(min_value=0, max_value=3).map(str), "-1", "21", "31", "1001", "9" * 20, ""
    ),
    "{p}-sources-INITIAL_FORMS": s.Field(st.just("0"), "-1", "3", "40"),
    "{p}-sources-MIN_NUM_FORMS": s.Field(st.just("0"), "5"),
    "{p}-sources-MAX_NUM_FORMS": s.Field(st.just("20"), "0", "-1"),
    **source_rows(3),
    "next": NEXT,
    "detail": s.Field(st.sampled_from(["1", ""])),
}


@given(index=CLAIMS, form=s.form(STATUS), htmx=s.htmx)
def test_the_verdict_form(editor_client, index, form, htmx):
    pk = claim_pk(index)
    with rolled_back():
        response = post(editor_client, f"/editor/claims/{pk}/status/", prefixed(form, pk), headers=HTMX if htmx else {})
        answered(response, classes=(2, 3, 4), htmx=htmx)


@given(
    index=CLAIMS,
    action=st.sampled_from(["publish", "unpublish"]),
    form=s.form(
        {
            "{p}-{a}-note": s.Field(st.sampled_from(["A correction.", ""]), "x" * 1001),
            "{p}-{a}-version": VERSION,
            "next": NEXT,
            "detail": s.Field(st.sampled_from(["1", ""])),
        }
    ),
    htmx=s.htmx,
)
def test_publishing_and_unpublishing(editor_client, index, action, form, htmx):
    pk = claim_pk(index)
    pairs = prefixed(form, pk, a=action)
    with rolled_back():
        response = post(editor_client, f"/editor/claims/{pk}/{action}/", pairs, headers=HTMX if htmx else {})
        answered(response, classes=(2, 3, 4), htmx=htmx)


@given(
    index=CLAIMS,
    form=s.form(
        {
            "{p}-assign-assignee": s.Field(
                st.sampled_from(["fuzz-editor", "other-editor", ""]), "me", "admin", "ghost", "FUZZ-EDITOR"
            ),
            "next": NEXT,
        }
    ),
    htmx=s.htmx,
)
def test_assigning(editor_client, index, form, htmx):
    pk = claim_pk(index)
    with rolled_back():
        response = post(editor_client, f"/editor/claims/{pk}/assign/", prefixed(form, pk), headers=HTMX if htmx else {})
        answered(response, classes=(2, 3, 4), htmx=htmx)


SUMMARY = {
    "{p}-summary-summary": s.Field(
        st.sampled_from(["Milei rose fast from TV pundit to president", "", "x" * 75, "  padded  "]),
        "x" * 76,
        " " * 76 + "x",
        "é" * 76,
        "\u202e" + "x" * 75,
        "a\x00b",
    ),
    # "{seen}": the summary the claim has now, as its form carries it.
    "{p}-summary-seen": s.Field(st.just("{seen}"), "", "not what it says", "x" * 200, "a\x00b"),
}


@given(index=CLAIMS, form=s.form(SUMMARY), htmx=s.htmx)
def test_the_short_summary(editor_client, index, form, htmx):
    pk = claim_pk(index)
    claim = Claim.objects.filter(pk=pk).first()
    pairs = prefixed(form, pk, seen=claim.summary if claim else "")
    with rolled_back():
        response = post(editor_client, f"/editor/claims/{pk}/summary/", pairs, headers=HTMX if htmx else {})
        answered(response, classes=(2, 3, 4), htmx=htmx)


PRECISION = s.Field(st.sampled_from(["", "day", "month", "year"]), "decade", "DAY", "as typed")


@given(
    query=s.form(
        {
            "when_0": s.Field(s.date_words),
            "when_1": PRECISION,
            "text": s.Field(s.date_words),
            "precision": PRECISION,
        }
    ),
    htmx=s.htmx,
)
def test_the_date_preview(editor_client, query, htmx):
    with rolled_back():
        response = get(editor_client, "/dates/preview/", query, headers=HTMX if htmx else {})
        answered(response, classes=(2,), htmx=htmx)


EVENT_DATES = {
    "{e}-when_0": s.Field(s.date_words),
    "{e}-when_1": PRECISION,
    "{e}-until_0": s.Field(s.date_words),
    "{e}-until_1": PRECISION,
    "{e}-seen": s.Field(st.just("{seen}"), "", "yesterday", "2024-13-01 00:00", "9" * 40, "2024-01-01T00:00:00+99:00"),
}


@given(index=CLAIMS, form=s.form(EVENT_DATES), htmx=s.htmx)
def test_the_dates_of_a_claims_event(editor_client, index, form, htmx):
    pk = claim_pk(index)
    claim = Claim.objects.filter(pk=pk).select_related("event").first()
    event = claim.event if claim else None
    names = {"e": f"event-{event.pk if event else 0}", "seen": event.updated_at.isoformat() if event else ""}
    with rolled_back():
        response = post(editor_client, f"/editor/claims/{pk}/event/", prefixed(form, pk, **names), headers=HTMX if htmx else {})
        answered(response, classes=(2, 3, 4), htmx=htmx)

"""Bad input in the back office: every change list's search, ordering,
paging and filters; a claim's change form (status through the services,
version check, sources); an event's change form (dates in words); the
claims' bulk actions.

The admin answers a lookup it does not allow with 400 or a redirect to
`?e=1`, a form with errors again (200), a save with a redirect.
"""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from factcheck.models import Claim
from tests.editors import make_editor
from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.models import Event

from . import strategies as s
from .checks import answered, get, post, rolled_back

pytestmark = [
    pytest.mark.django_db,
    # A date typed into a date-and-time filter: Django warns, and filters on midnight.
    pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime:RuntimeWarning"),
]

PK = s.Field(st.integers(min_value=1, max_value=14).map(str), "0", "-1", "9" * 25, "1.0", "a")
DATE = s.Field(st.dates().map(str), "2024-02-30", "yesterday", "0000-00-00", "10000-01-01")
CHANGE_LISTS = {
    "factcheck/claim": {
        "published__exact": s.Field(st.sampled_from(["0", "1"]), "2", "yes"),
        "verdict__id__exact": PK,
        "article__id__exact": PK,
        "assigned_to__id__exact": PK,
        "assigned_to__isnull": s.Field(st.sampled_from(["True", "False"]), "maybe"),
        "changed_at__gte": DATE,
        "changed_at__lt": DATE,
    },
    "factcheck/verdict": {},
    "factcheck/verdictchange": {
        "action__exact": s.Field(st.sampled_from(["publish", "verdict"]), "nope"),
        "to_verdict__id__exact": PK,
        "editor__id__exact": PK,
    },
    "timeline/actor": {"kind__exact": s.Field(st.sampled_from(["person", "organization"]), "robot")},
    "timeline/article": {
        "outlet": s.Field(st.just("Courthouse News")),
        "language__exact": s.Field(st.sampled_from(["en", "es"]), "fr"),
        "published_on__year": s.Field(st.integers(min_value=2000, max_value=2030).map(str), "0", "99999", "-1"),
        "published_on__month": s.Field(st.integers(min_value=1, max_value=12).map(str), "13", "0"),
        "published_on__day": s.Field(st.integers(min_value=1, max_value=31).map(str), "32"),
    },
    "timeline/event": {
        "published__exact": s.Field(st.sampled_from(["0", "1"]), "2"),
        "date_precision__exact": s.Field(st.sampled_from(["day", "month", "year"]), "decade"),
        "timelines__id__exact": PK,
    },
    "timeline/timeline": {"featured__exact": s.Field(st.sampled_from(["0", "1"]))},
}
COMMON = {
    "q": s.Field(st.sampled_from(["Milei", "", "47 million"]), "%", "\\", "'", '"', "x" * 5000),
    "o": s.Field(st.sampled_from(["1", "-1", "2.-1", "1.2"]), "999", "-", "1.1.1", "a", "-0"),
    "p": s.Field(st.integers(min_value=0, max_value=3).map(str), "-1", "999999", "a"),
}
# Parameters a change list's own links rarely carry: sent now and then.
RARE = {
    "all": s.Field(st.just("")),
    "e": s.Field(st.just("1")),
    "_popup": s.Field(st.just("1")),
    "_to_field": s.Field(st.just("id"), "password", "user__password", "quote"),
    "pk__in": s.Field(st.just("1,2"), "a,b"),
    "quote__regex": s.Field(st.just("("), "[a-"),
}


@pytest.fixture
def staff_client(seeded):
    client = Client()
    client.force_login(make_editor("fuzz-staff", staff=True, is_superuser=True))
    return client


@given(data=st.data(), model=st.sampled_from(sorted(CHANGE_LISTS)))
def test_every_change_list(staff_client, data, model):
    fields = {**COMMON, **CHANGE_LISTS[model]}
    query = data.draw(st.one_of(s.form(fields), s.pairs({**fields, **RARE})), label="query")
    with rolled_back():
        answered(get(staff_client, f"/admin/{model}/", query), classes=(2, 3, 4))


def management(prefix: str, rows: int) -> dict:
    # No huge row counts: the admin renders up to 2,000 rows of an inline
    # for one (seconds, not an error), which would only make the cases slow.
    return {
        f"{prefix}-TOTAL_FORMS": s.Field(st.just(str(rows)), "-1", "31", "", "1.5", "x", "٣", anything=False),
        f"{prefix}-INITIAL_FORMS": s.Field(st.just("0"), "-1", "5", "a"),
        f"{prefix}-MIN_NUM_FORMS": s.Field(st.just("0")),
        f"{prefix}-MAX_NUM_FORMS": s.Field(st.just("1000")),
    }


CLAIM_FORM = {
    "quote": s.Field(st.sampled_from(["Milei", "the Panama Canal"]), "", "not in the article at all"),
    "article": PK,
    "claimant": s.Field(st.sampled_from(["", "1", "2"]), "0", "x"),
    "event": s.Field(st.sampled_from(["", "1", "3"]), "0", "x"),
    "verdict": PK,
    "rationale": s.Field(st.sampled_from(["Checked against the record.", ""]), "x" * 5001),
    "note": s.Field(st.sampled_from(["", "From the back office"]), "x" * 1001),
    "expected_version": s.Field(st.just("{v}"), "", "0", "99", "-1", "1e3"),
    "publication": s.Field(st.sampled_from(["keep", "publish", "unpublish"]), "delete", ""),
    "assigned_to": s.Field(st.just(""), "1", "0", "x"),
    **management("sources", 1),
    "sources-0-title": s.Field(st.sampled_from(["A source", ""]), "x" * 301),
    "sources-0-url": s.Field(st.sampled_from(["https://example.org/", ""]), "javascript:alert(1)", "example.org"),
    "sources-0-id": s.Field(st.just(""), "1", "999", "x"),
    "sources-0-DELETE": s.Field(st.just(""), "on"),
    **management("history", 0),
    "_save": s.Field(st.just("Save")),
    "_continue": s.Field(st.just("1")),
}


@given(index=st.integers(min_value=0, max_value=14), form=s.form(CLAIM_FORM))
def test_a_claims_change_form(staff_client, index, form):
    claims = list(Claim.objects.order_by("pk"))
    claim = claims[index % len(claims)]
    form = [(name, str(claim.version) if value == "{v}" else value) for name, value in form]
    with rolled_back():
        answered(post(staff_client, f"/admin/factcheck/claim/{claim.pk}/change/", form), classes=(2, 3, 4))


EVENT_FORM = {
    "title": s.Field(st.just("Milei at CPAC"), "", "x" * 301),
    "summary": s.Field(st.sampled_from(["", "He spoke."])),
    "when_0": s.Field(st.sampled_from(["February 2024", "2018", "24 February 2024"]), "yesterday", "2024-02-30", ""),
    "when_1": s.Field(st.sampled_from(["", "day", "month", "year"]), "decade"),
    "until_0": s.Field(st.sampled_from(["", "March 2024", "2017"]), "the 45th of Smarch"),
    "until_1": s.Field(st.sampled_from(["", "month"]), "week"),
    "location": s.Field(st.sampled_from(["", "Washington"]), "x" * 201),
    "actors": PK,
    "article": s.Field(st.sampled_from(["", "1"]), "0", "x"),
    "quote": s.Field(st.sampled_from(["", "in February"]), "not in the article at all"),
    "article_date_precision": s.Field(st.sampled_from(["", "month", "year"]), "decade"),
    "published": s.Field(st.sampled_from(["on", ""])),
    **management("sources", 1),
    "sources-0-title": s.Field(st.sampled_from(["A source", ""]), "x" * 301),
    "sources-0-url": s.Field(st.sampled_from(["https://example.org/", ""]), "javascript:alert(1)"),
    "sources-0-position": s.Field(st.just("0"), "-1", "70000", "a"),
    **management("claims", 0),
    "_save": s.Field(st.just("Save")),
}


@given(index=st.integers(min_value=0, max_value=20), form=s.form(EVENT_FORM), add=st.booleans())
def test_an_events_change_form(staff_client, index, form, add):
    events = list(Event.objects.order_by("pk").values_list("pk", flat=True))
    path = "/admin/timeline/event/add/" if add else f"/admin/timeline/event/{events[index % len(events)]}/change/"
    with rolled_back():
        answered(post(staff_client, path, form), classes=(2, 3, 4))


@given(
    form=s.form(
        {
            "action": s.Field(
                st.sampled_from(["publish_selected", "unpublish_selected", "set_in_review", "delete_selected"]),
                "",
                "nope",
            ),
            "_selected_action": PK,
            "select_across": s.Field(st.sampled_from(["0", "1"]), "2"),
            "index": s.Field(st.just("0"), "1", "-1", "a"),
            "post": s.Field(st.just(""), "yes"),
        }
    )
)
def test_the_claims_bulk_actions(staff_client, form):
    with rolled_back():
        answered(post(staff_client, "/admin/factcheck/claim/", form), classes=(2, 3, 4))

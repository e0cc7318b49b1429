"""Bad input in the back office: every registered change list (ours,
Django's users and groups, django-axes' sign-in records) with the
filters, date drill-down, search, ordering and paging its own page offers,
given values out of range and lookups it does not offer; a claim's change
form (status through the services, version check, sources); an event's
change form (dates in words); the claims' bulk actions.

The admin answers a query string it does not offer with a redirect to
`?e=1` (or 400), a form with errors again (200), a save with a redirect.

What a change list offers is read from the list itself (its filters'
links, its drill-down, its columns), so a filter added to a ModelAdmin is
fuzzed without a line here. One signed-in client and one seeded database
serve every case of the module; each case's writes are rolled back.
"""

import dataclasses
from urllib.parse import parse_qsl

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import date_hierarchy, result_headers
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import models
from django.test import Client, RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from factcheck.admin.base import BackOffice, OfferedQueryOnly
from factcheck.models import Claim
from tests.editors import make_editor
from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.models import Event

from . import strategies as s
from .checks import answered, encode, get, post, rolled_back

pytestmark = [
    pytest.mark.django_db,
    # A date typed into a date-and-time filter: Django warns, and filters on midnight.
    pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime:RuntimeWarning"),
]


@pytest.fixture(scope="module")
def staff_user(seeded_module, django_db_blocker):  # noqa: F811  (the fixture)
    with django_db_blocker.unblock():
        return make_editor("fuzz-staff", staff=True, is_superuser=True)


@pytest.fixture(scope="module")
def module_client(staff_user, django_db_blocker):
    client = Client()
    with django_db_blocker.unblock():
        client.force_login(staff_user)
    return client


@pytest.fixture
def staff(seeded, staff_user):  # noqa: F811  (the fixture)
    return staff_user


@pytest.fixture
def staff_client(seeded, module_client):  # noqa: F811  (the fixture)
    """Signed in once for the module: its session lives in the module's seed transaction."""
    return module_client


# --- what each change list offers ---------------------------------------------

CHANGE_LISTS = sorted(f"{model._meta.app_label}/{model._meta.model_name}" for model in admin.site._registry)


Link = tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True)
class Offered:
    """A change list's page, as its links read."""

    path: str
    model_admin: admin.ModelAdmin
    links: list[Link]  # each filter choice, drill-down step and column sort, once
    parameters: list[str]  # every name its filters and drill-down take
    drill_down: str | None  # the date field it drills down, if any
    fields: list[str]  # the model's own fields, for the lookups no list offers
    date_fields: list[str]


def _link(query_string: str) -> Link:
    return tuple(sorted(parse_qsl(query_string.lstrip("?"), keep_blank_values=True)))


def drill_down_links(cl) -> set[Link]:
    return {_link(choice["link"]) for choice in (date_hierarchy(cl) or {}).get("choices", []) if "link" in choice}


def links(cl) -> list[Link]:
    """Every link of a change list's page that changes what it lists."""
    found = {_link(choice["query_string"]) for spec in cl.filter_specs for choice in spec.choices(cl)}
    found |= {_link(header["url_primary"]) for header in result_headers(cl) if header.get("url_primary")}
    return sorted(found | drill_down_links(cl))


def read(model_admin: admin.ModelAdmin, user, link: Link = ()):
    """The change list as its page reads `link` (IncorrectLookupParameters if it refuses it)."""
    opts = model_admin.model._meta
    request = RequestFactory().get(f"/admin/{opts.app_label}/{opts.model_name}/", QUERY_STRING=encode(link))
    request.user = user
    request._messages = CookieStorage(request)
    return model_admin.get_changelist_instance(request)


def offered(model_admin: admin.ModelAdmin, user) -> Offered:
    opts = model_admin.model._meta
    cl = read(model_admin, user)
    parameters = {name for spec in cl.filter_specs for name in spec.expected_parameters()}
    if cl.date_hierarchy:
        parameters |= {f"{cl.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    concrete = [field for field in opts.get_fields() if field.concrete]
    return Offered(
        path=f"/admin/{opts.app_label}/{opts.model_name}/",
        model_admin=model_admin,
        links=links(cl),
        parameters=sorted(parameters),
        drill_down=cl.date_hierarchy,
        fields=sorted({field.name for field in concrete} | {"pk", "id"}),
        date_fields=sorted(field.name for field in concrete if isinstance(field, models.DateField)),
    )


@pytest.fixture(scope="module")
def pages(staff_user, django_db_blocker) -> dict[str, Offered]:
    with django_db_blocker.unblock():
        return {
            f"{model._meta.app_label}/{model._meta.model_name}": offered(model_admin, staff_user)
            for model, model_admin in admin.site._registry.items()
        }


def refused(response) -> bool:
    """The admin's answer to a query string its list does not offer."""
    return response.status_code == 400 or (response.status_code == 302 and response["Location"].endswith("?e=1"))


# --- values: the page's own, then out of range, NUL, malformed ----------------

NUL = st.sampled_from(["\x00", "1\x00", "2024\x00", "\x00yes", "%00"])
NUMBER_EDGES = st.sampled_from(["-1", "0", "10000", "99999", "2147483648", "-2147483649", "9" * 25, "1e3", "1.5"])
MALFORMED = st.sampled_from(
    ["", ",", "1,", ",1", "1,2,3", "a,b", "2024-01-01,", "2024-01-01,2023", "(", "[a-", "*", "\\"]
)
BAD = st.one_of(NUL, NUMBER_EDGES, MALFORMED, s.ANY)


def _in_calendar_or_not(low: int, high: int, edges: list[int]) -> st.SearchStrategy:
    number = st.one_of(st.integers(min_value=low, max_value=high), st.sampled_from(edges)).map(str)
    return st.one_of(number, st.sampled_from(["", "٢٠", "+1", " 1", "1.0", "01", "0x1"]), NUL)


YEAR = _in_calendar_or_not(-2, 10_001, [0, 1, 9999, 10000, 2**31, -(2**31), 2**63, 10**25])
MONTH = _in_calendar_or_not(-1, 14, [0, 12, 13, 2**31, 2**31 - 1, -(2**31)])
DAY = _in_calendar_or_not(-1, 33, [0, 28, 29, 30, 31, 32, 2**31])

COMMON = {
    "q": s.Field(st.sampled_from(["Milei", "", "47 million"]), "%", "\\", "'", '"', "x" * 5000, "a\x00b"),
    "o": s.Field(st.sampled_from(["1", "-1", "2.-1", "1.2"]), "999", "-", "1.1.1", "a", "-0", "--1", "1.", "٣"),
    "p": s.Field(st.integers(min_value=0, max_value=3).map(str), "-1", "999999", "a", "9" * 25),
}
# Parameters a change list's own links rarely carry: sent now and then.
RARE = {
    "all": s.Field(st.just("")),
    "e": s.Field(st.just("1")),
    "_popup": s.Field(st.just("1")),
    "_facets": s.Field(st.just("True")),
    "_to_field": s.Field(st.just("id"), "password", "user__password", "quote"),
}


@st.composite
def drill_down(draw, field: str):
    """The drill-down's parts, each in the calendar or not, any of them left out."""
    parts = {"year": YEAR, "month": MONTH, "day": DAY}
    kept = draw(st.lists(st.sampled_from(sorted(parts)), min_size=1, max_size=3, unique=True))
    return [(f"{field}__{part}", draw(parts[part])) for part in kept]


@st.composite
def from_the_page(draw, page: Offered):
    """A link the page offers, or a few of them merged, with some values
    made bad, a drill-down now and then, and search, ordering or paging."""
    merged = draw(st.lists(st.sampled_from(page.links or [()]), min_size=1, max_size=3))
    query = [pair for link in merged for pair in link]
    query = [(name, draw(BAD) if draw(st.integers(0, 3)) == 0 else value) for name, value in query]
    if page.parameters and draw(st.booleans()):
        query.append((draw(st.sampled_from(page.parameters)), draw(BAD)))
    if page.drill_down and draw(st.booleans()):
        query += draw(drill_down(page.drill_down))
    return query + draw(s.pairs({**COMMON, **RARE}, max_size=3))


@given(data=st.data(), model=st.sampled_from(CHANGE_LISTS))
def test_the_filters_a_change_list_offers(staff_client, pages, data, model):
    page = pages[model]
    query = data.draw(from_the_page(page), label="query")
    with rolled_back():
        answered(get(staff_client, page.path, query), classes=(2, 3, 4))


LOOKUPS = [
    "regex",
    "iregex",
    "range",
    "in",
    "year",
    "month",
    "day",
    "week_day",
    "iso_year",
    "quarter",
    "date",
    "hour",
    "isnull",
    "exact",
    "iexact",
    "gt",
    "lte",
    "contains",
    "icontains",
    "startswith",
    "search",
    "len",
]


@st.composite
def not_offered(draw, page: Offered):
    """Lookups of the model's fields that no filter of its list takes."""
    field = draw(st.sampled_from(page.date_fields + page.fields if draw(st.booleans()) else page.fields))
    path = [field, *draw(st.lists(st.sampled_from(LOOKUPS), min_size=1, max_size=2))]
    name = "__".join(path)
    value = draw(st.one_of(MALFORMED, NUMBER_EDGES, YEAR, NUL, s.ANY))
    return name, value


@given(data=st.data(), model=st.sampled_from(CHANGE_LISTS))
def test_a_lookup_a_change_list_does_not_offer_is_refused(staff_client, pages, data, model):
    page = pages[model]
    lookup = not_offered(page).filter(lambda pair: pair[0] not in page.parameters)
    lookups = data.draw(st.lists(lookup, min_size=1, max_size=3), label="lookups")
    query = data.draw(st.permutations(lookups + list(data.draw(st.sampled_from(page.links or [()])))), label="query")
    with rolled_back():
        response = answered(get(staff_client, page.path, query), classes=(3, 4))
    assert refused(response), (response.status_code, response.get("Location"))


@pytest.mark.parametrize("model", CHANGE_LISTS)
def test_a_change_list_reads_every_link_it_offers(staff, pages, model):
    """Each filter choice, column sort and drill-down step of the page
    (read as the page reads it, without rendering it: the fuzz targets
    render)."""
    page = pages[model]
    todo, seen = list(page.links), set()
    while todo:
        link = todo.pop()
        seen.add(link)
        cl = read(page.model_admin, staff, link)
        list(cl.result_list)
        # Down the drill-down: a year's first month, that month's first day.
        todo += sorted(drill_down_links(cl) - seen)[:1]


def test_every_registered_change_list_reads_only_what_it_offers(rf):
    request = rf.get("/admin/")
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, BackOffice), model
        assert issubclass(model_admin.get_changelist(request), OfferedQueryOnly), model


# Found by fuzzing main: each answered 500 (on SQLite, PostgreSQL or both).
FOUND = [
    "/admin/timeline/event/?date__year=10000",
    "/admin/timeline/event/?date__year=-1",
    "/admin/factcheck/claim/?changed_at__year=-1",
    "/admin/timeline/article/?published_on__year=2000&published_on__month=2147483648",
    "/admin/timeline/article/?published_on__year=9999",
    "/admin/factcheck/verdictchange/?action__exact=%00",
    "/admin/factcheck/verdictchange/?q=a%00b",
    "/admin/factcheck/claim/?pk__range=1",
    "/admin/factcheck/claim/?changed_at__range=2024-01-01",
    "/admin/auth/user/?username__regex=(",
    "/admin/auth/user/?last_login__year=-1",
    "/admin/auth/group/?name__iregex=[a-",
    "/admin/axes/accessattempt/?username__regex=(",
    "/admin/axes/accessattempt/?attempt_time__year=10000",
    "/admin/axes/accesslog/?attempt_time__year=2024&attempt_time__month=13",
    "/admin/axes/accessfailurelog/?attempt_time__year=2024&attempt_time__month=2&attempt_time__day=30",
]


@pytest.mark.parametrize("url", FOUND)
def test_a_query_string_that_answered_500(staff_client, url):
    path, _, query = url.partition("?")
    response = staff_client.get(path, QUERY_STRING=query)
    assert refused(response), (response.status_code, response.get("Location"))
    shown = staff_client.get(response["Location"])
    assert shown.status_code == 200
    assert "The whole list is shown" in shown.content.decode()


# --- forms and bulk actions -----------------------------------------------------

PK = s.Field(st.integers(min_value=1, max_value=14).map(str), "0", "-1", "9" * 25, "1.0", "a")


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
    "summary": s.Field(st.sampled_from(["", "Milei rose fast", "x" * 75]), "x" * 76, "a\x00b"),
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


@pytest.mark.parametrize("term", ["a\x00b", "\x00", "%", "\\", "x" * 5000, "0 " * 1000])
@pytest.mark.parametrize(
    "widget",
    [
        {"app_label": "timeline", "model_name": "event", "field_name": "actors"},
        {"app_label": "factcheck", "model_name": "claim", "field_name": "article"},
    ],
)
def test_an_autocomplete_search(staff_client, widget, term):
    # The autocomplete fields' search runs the list's own search (a NUL failed on PostgreSQL).
    response = get(staff_client, "/admin/autocomplete/", [*widget.items(), ("term", term)])
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)

"""Who may send what: every URL that accepts a POST, against every kind of visitor.

GRID is the one place for it: a row per URL pattern (its name), a column per
visitor, and in each cell what a POST gets:

- `login`: a redirect to a sign-in page (the editors' or the admin's);
- a status code: `403`, `200` (a page, say the admin's list again with no
  action this visitor may run), `302` or `303` (done, and off to the next page);
- and a `+` when the request wrote to the database. Without it, nothing in
  the database changed (every row of every table is compared): for a
  refusal, that is the point.

Every request carries data that does write when it is let through (the
admin's own form for the object, a valid verdict, a real article...), so a
refusal is a refusal, not a form error. (The test client skips the CSRF
check here; test_permissions.py checks that plain posts need the token.)

The visitors: signed out; a reader (signed in, no rights); an editor (the
Editors group); a staff editor (the Editors group, and the admin); a
superuser.

The resolver is walked (test_every_url_that_accepts_a_post_is_in_the_grid):
a URL that accepts a POST and has no row here fails it, unless it is one of
Django's pages that answer a POST as they answer a GET (READ_ONLY), which
are checked to write nothing.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from factcheck.models import Claim, Verdict
from tests.conftest import FAST_HASHERS
from tests.editors import PASSWORD, make_editor, make_reader, status_post
from tests.factories import ARTICLE_TEXT, make_article, make_claim, make_event, make_timeline
from tests.html import form_fields
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from timeline.ingest.draft import draft_new
from timeline.ingest.forms import ArticleForm
from timeline.ingest.storage import draft_put
from timeline.models import Actor

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reader", "editor", "staff", "superuser")

GRID = """
URL pattern                               anonymous  reader     editor     staff      superuser
# The editors' desk and ingest (the Editors group)
editor:claim_status                       403        403        303+       303+       303+
editor:claim_publish                      403        403        303+       303+       303+
editor:claim_unpublish                    403        403        303+       303+       303+
editor:claim_assign                       403        403        303+       303+       303+
editor:claim_event_dates                  403        403        303+       303+       303+
editor:claim_summary                      403        403        303+       303+       303+
ingest:start                              403        403        302+       302+       302+
ingest:decide                             403        403        302+       302+       302+
ingest:bulk                               403        403        302+       302+       302+
# Everyone: the language switch, signing in and out, one's own password
set_language                              302        302        302        302        302
login                                     200+       302+       302+       302+       302+
logout                                    302        302+       302+       302+       302+
password_change                           login      302+       302+       302+       302+
# The admin (staff), and what it lets staff editors do with each model
admin:login                               200+       200        200        302+       302+
admin:logout                              302        302        302        302+       302+
admin:password_change                     login      login      login      302+       302+
admin:auth_user_password_change           login      login      login      403        302+
# Each model's pages: the list (a bulk action on an object), add, change, delete
admin:factcheck_claim_changelist          login      login      login      302+       302+
admin:factcheck_claim_add                 login      login      login      302+       302+
admin:factcheck_claim_change              login      login      login      302+       302+
admin:factcheck_claim_delete              login      login      login      403        302+
admin:factcheck_verdict_changelist        login      login      login      200        302+
admin:factcheck_verdict_add               login      login      login      403        302+
admin:factcheck_verdict_change            login      login      login      403        302+
admin:factcheck_verdict_delete            login      login      login      403        302+
admin:factcheck_verdictchange_changelist  login      login      login      200        200
admin:factcheck_verdictchange_add         login      login      login      403        403
admin:factcheck_verdictchange_change      login      login      login      403        403
admin:factcheck_verdictchange_delete      login      login      login      403        403
admin:timeline_actor_changelist           login      login      login      200        302+
admin:timeline_actor_add                  login      login      login      302+       302+
admin:timeline_actor_change               login      login      login      302+       302+
admin:timeline_actor_delete               login      login      login      403        302+
admin:timeline_article_changelist         login      login      login      200        302+
admin:timeline_article_add                login      login      login      302+       302+
admin:timeline_article_change             login      login      login      302+       302+
admin:timeline_article_delete             login      login      login      403        302+
admin:timeline_event_changelist           login      login      login      200        302+
admin:timeline_event_add                  login      login      login      302+       302+
admin:timeline_event_change               login      login      login      302+       302+
admin:timeline_event_delete               login      login      login      403        302+
admin:timeline_timeline_changelist        login      login      login      200        302+
admin:timeline_timeline_add               login      login      login      302+       302+
admin:timeline_timeline_change            login      login      login      302+       302+
admin:timeline_timeline_delete            login      login      login      403        302+
admin:auth_user_changelist                login      login      login      403        302+
admin:auth_user_add                       login      login      login      403        302+
admin:auth_user_change                    login      login      login      403        302+
admin:auth_user_delete                    login      login      login      403        302+
admin:auth_group_changelist               login      login      login      403        302+
admin:auth_group_add                      login      login      login      403        302+
admin:auth_group_change                   login      login      login      403        302+
admin:auth_group_delete                   login      login      login      403        302+
admin:axes_accessattempt_changelist       login      login      login      403        302+
admin:axes_accessattempt_add              login      login      login      403        403
admin:axes_accessattempt_change           login      login      login      403        302+
admin:axes_accessattempt_delete           login      login      login      403        302+
admin:axes_accesslog_changelist           login      login      login      403        302+
admin:axes_accesslog_add                  login      login      login      403        403
admin:axes_accesslog_change               login      login      login      403        302+
admin:axes_accesslog_delete               login      login      login      403        302+
admin:axes_accessfailurelog_changelist    login      login      login      403        302+
admin:axes_accessfailurelog_add           login      login      login      403        403
admin:axes_accessfailurelog_change        login      login      login      403        302+
admin:axes_accessfailurelog_delete        login      login      login      403        302+
"""

# Django's pages that answer a POST as they answer a GET: they write nothing
# (test_read_only_pages_write_nothing). Names, with * for every model.
READ_ONLY = [
    "admin:index",
    "admin:app_list",
    "admin:*_history",
    "admin:view_on_site",
    # Unnamed, keyed by their route: an object's short admin address (a
    # redirect to its change page) and the admin's catch-all (a 404).
    "admin/*/<path:object_id>/",
    "admin/(?P<url>.*)$",
]

NEW_PASSWORD = "another-long-password-for-the-matrix"


def parse_grid(text: str) -> dict[str, dict[str, str]]:
    lines = [line for line in text.strip().splitlines() if line.strip() and not line.startswith("#")]
    header, rows = lines[0], lines[1:]
    assert header.split()[-len(ROLES):] == list(ROLES)
    grid = {}
    for line in rows:
        key, *cells = line.split()
        assert len(cells) == len(ROLES), f"row {key}: {len(cells)} cells for {len(ROLES)} visitors"
        assert key not in grid, f"row {key} twice"
        grid[key] = dict(zip(ROLES, cells))
    return grid


EXPECTED = parse_grid(GRID)


# --- the visitors and what they act on ------------------------------------------


@dataclass
class World:
    users: dict
    claim: Claim  # published, unverified: the desk's writes
    draft_claim: Claim  # never published: publishing it writes
    victims: dict = field(default_factory=dict)  # an object per admin model, to change and delete
    admin_client: Client = None
    admin_forms: dict = field(default_factory=dict)  # the admin's forms as the superuser saw them, by URL

    def client_for(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


def build_world() -> World:
    users = {
        "reader": make_reader(),
        "editor": make_editor(),
        "staff": make_editor(staff=True),
        "superuser": make_reader(is_staff=True, is_superuser=True),  # no group: a superuser needs none
    }
    victim_user = make_reader(email="victim@example.org")
    world = World(users=users, claim=Claim.objects.get(uid="seed-claim-05"), draft_claim=make_claim(publish=False))
    world.victims = {
        "auth.group": Group.objects.create(name="Matrix"),
        "auth.user": victim_user,
        "axes.accessattempt": AccessAttempt.objects.create(
            username="victim", ip_address="192.0.2.1", user_agent="test", failures_since_start=1,
            get_data="", post_data="", http_accept="*/*", path_info="/accounts/login/",
        ),
        "axes.accesslog": AccessLog.objects.create(
            username="victim", ip_address="192.0.2.1", user_agent="test", http_accept="*/*", path_info="/accounts/login/"
        ),
        "axes.accessfailurelog": AccessFailureLog.objects.create(
            username="victim", ip_address="192.0.2.1", user_agent="test", http_accept="*/*",
            path_info="/accounts/login/", locked_out=False,
        ),
        "factcheck.verdict": Verdict.objects.create(slug="matrix", label="Matrix", label_es="Matriz"),
        "factcheck.claim": make_claim(publish=False),
        "factcheck.verdictchange": world.claim.history.first(),
        "timeline.actor": Actor.objects.create(name="Matrix Actor"),
        "timeline.article": make_article(),
        "timeline.event": make_event(),
        "timeline.timeline": make_timeline(),
    }
    world.admin_client = world.client_for("superuser")
    return world


@pytest.fixture(scope="module")
def world_module(seeded_module, django_db_blocker):
    """The visitors and their objects, made once for the module inside the
    seed's transaction (tests/seed_once.py): each test runs in a savepoint
    within it, so whatever a test writes is undone before the next."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield build_world()


@pytest.fixture
def world(world_module, db) -> World:
    return world_module


# --- what each row sends ----------------------------------------------------------


@dataclass
class Request:
    url: str
    data: dict = field(default_factory=dict)


ARTICLE = {
    "headline": "The minister and the inflation figure",
    "outlet": "Test Outlet",
    "byline": "",
    "url": "https://example.org/matrix-article",
    "published_0": "2024-03-06",
    "published_1": "",
    "language": "en",
    "text": ARTICLE_TEXT,
}


def own_credentials(world, role):
    if role == "anonymous":
        return {"username": "nobody", "password": PASSWORD}
    return {"username": world.users[role].get_username(), "password": PASSWORD}


def ingest_accept(world, role, client):
    """Accept the first proposed event of a draft in the visitor's own session."""
    form = ArticleForm(ARTICLE)
    assert form.is_valid(), form.errors
    draft = draft_new(article=form.article_fields(), text=form.cleaned_data["text"])
    session = client.session
    draft_put(session, draft)
    session.save()
    proposal = draft.events[0]
    prefix = f"event-{proposal.id}"
    data = {
        f"{prefix}-title": proposal.title,
        f"{prefix}-when_0": proposal.when.date.isoformat(),
        f"{prefix}-when_1": proposal.precision,
        f"{prefix}-quote": proposal.quote,
        f"{prefix}-timeline": str(world.victims["timeline.timeline"].pk),
        f"{prefix}-publish": "on",
    }
    return Request(f"/editor/ingest/{draft.id}/event/{proposal.id}/accept/", data)


def ingest_bulk(world, role, client):
    """Accept the first proposed event of a draft, as proposed, in bulk."""
    accept = ingest_accept(world, role, client)
    draft_id = accept.url.split("/")[3]
    return Request(f"/editor/ingest/{draft_id}/event/bulk/", {"bulk": "accept-selected", "selected": "0"})


REQUESTS = {
    "editor:claim_status": lambda w, role, c: Request(f"/editor/claims/{w.claim.pk}/status/", status_post(w.claim)),
    "editor:claim_publish": lambda w, role, c: Request(
        f"/editor/claims/{w.draft_claim.pk}/publish/", {f"claim-{w.draft_claim.pk}-publish-version": str(w.draft_claim.version)}
    ),
    "editor:claim_unpublish": lambda w, role, c: Request(
        f"/editor/claims/{w.claim.pk}/unpublish/", {f"claim-{w.claim.pk}-unpublish-version": str(w.claim.version)}
    ),
    "editor:claim_assign": lambda w, role, c: Request(
        f"/editor/claims/{w.claim.pk}/assign/", {f"claim-{w.claim.pk}-assign-assignee": w.users["editor"].get_username()}
    ),
    "editor:claim_event_dates": lambda w, role, c: Request(
        f"/editor/claims/{w.claim.pk}/event/",
        {f"event-{w.claim.event_id}-when_0": "2019", f"event-{w.claim.event_id}-when_1": "", f"event-{w.claim.event_id}-until_0": ""},
    ),
    "editor:claim_summary": lambda w, role, c: Request(
        f"/editor/claims/{w.claim.pk}/summary/",
        {f"claim-{w.claim.pk}-summary-summary": "Only Milei can make Argentina great again"},
    ),
    "ingest:start": lambda w, role, c: Request("/editor/ingest/", ARTICLE),
    "ingest:decide": ingest_accept,
    "ingest:bulk": ingest_bulk,
    "set_language": lambda w, role, c: Request("/i18n/setlang/", {"language": "es", "next": "/"}),
    "login": lambda w, role, c: Request("/accounts/login/", own_credentials(w, role)),
    "logout": lambda w, role, c: Request("/accounts/logout/"),
    "password_change": lambda w, role, c: Request(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    ),
    "admin:login": lambda w, role, c: Request("/admin/login/", own_credentials(w, role)),
    "admin:logout": lambda w, role, c: Request("/admin/logout/"),
    "admin:password_change": lambda w, role, c: Request(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    ),
    "admin:auth_user_password_change": lambda w, role, c: Request(
        f"/admin/auth/user/{w.victims['auth.user'].pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    ),
}


# The admin: the list (a bulk action), add, change and delete of every model.
# The data is the admin's own form for the object, as the superuser sees it.

BULK_ACTIONS = {"factcheck.claim": "set_in_review"}  # otherwise: delete the selected objects


def _inline_key(key: str, prefixes: set[str]) -> bool:
    return any(key.startswith(f"{prefix}-") for prefix in prefixes)


def admin_form(world, url, model) -> dict:
    """The admin's form at `url` as the superuser is given it, read once per
    module (the objects are the module's; every test gets a copy)."""
    if url not in world.admin_forms:
        world.admin_forms[url] = _admin_form(world, url, model)
    return dict(world.admin_forms[url])


def _admin_form(world, url, model) -> dict:
    response = world.admin_client.get(url)
    if response.status_code != 200:
        return {}  # nobody may (the history, axes' records): the POST is refused whatever it holds
    data = form_fields(response.content.decode(), form_id=f"{model._meta.model_name}_form")
    # An empty many-to-many list is sent as no value at all.
    return {key: value for key, value in data.items() if value or key not in MANY_TO_MANY[model]}


MANY_TO_MANY = {model: {f.name for f in model._meta.many_to_many} for model in admin.site._registry}


def admin_add_data(world, model) -> dict:
    """The add form, filled in with the victim's values (a copy, under a
    new name where the name must be unique), without its inline rows."""
    label, opts = model._meta.label_lower, model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}"
    data = admin_form(world, f"{base}/add/", model)
    if not data:
        return data
    existing = admin_form(world, f"{base}/{world.victims[label].pk}/change/", model)
    prefixes = {key.removesuffix("-TOTAL_FORMS") for key in data if key.endswith("-TOTAL_FORMS")}
    for key in data:
        if key in existing and not _inline_key(key, prefixes):
            data[key] = existing[key]
    for prefix in prefixes:
        data = {k: v for k, v in data.items() if not k.startswith(f"{prefix}-") or k.endswith("_FORMS")}
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"
    for model_field in opts.fields:
        if model_field.unique and not model_field.primary_key and data.get(model_field.name):
            data[model_field.name] += "-copy"
    if label == "auth.user":
        data.update(password1=NEW_PASSWORD, password2=NEW_PASSWORD, usable_password="true")
    return data


def admin_requests(model):
    label, opts = model._meta.label_lower, model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}"
    prefix = f"admin:{opts.app_label}_{opts.model_name}"

    def victim(world):
        assert label in world.victims, f"give the world fixture an object of {label} for its admin pages"
        return world.victims[label]

    def changelist(world, role, client):
        action = BULK_ACTIONS.get(label, "delete_selected")
        return Request(f"{base}/", {"action": action, "_selected_action": [str(victim(world).pk)], "post": "yes"})

    def change(world, role, client):
        url = f"{base}/{victim(world).pk}/change/"
        return Request(url, admin_form(world, url, model))

    return {
        f"{prefix}_changelist": changelist,
        f"{prefix}_add": lambda world, role, client: Request(f"{base}/add/", admin_add_data(world, model)),
        f"{prefix}_change": change,
        f"{prefix}_delete": lambda world, role, client: Request(f"{base}/{victim(world).pk}/delete/", {"post": "yes"}),
    }


for _model in admin.site._registry:
    REQUESTS.update(admin_requests(_model))


# --- what a refusal must leave alone ------------------------------------------------


def database_state() -> dict:
    """Every row of every table."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        state[model._meta.label] = list(model._base_manager.order_by("pk").values_list())
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


SIGN_IN_PAGES = ("/accounts/login/", "/admin/login/")


def outcome(response, url: str) -> str:
    """The response in the grid's words (without the `+`)."""
    if (
        response.status_code == 302
        and response["Location"].startswith(SIGN_IN_PAGES)
        and not url.startswith(SIGN_IN_PAGES)
    ):
        return "login"
    return str(response.status_code)


# --- the grid ---------------------------------------------------------------------


CELLS = [(key, role) for key in EXPECTED for role in ROLES]


@pytest.mark.parametrize(("key", "role"), CELLS, ids=[f"{key}-{role}" for key, role in CELLS])
def test_the_grid(world, key, role):
    expected = EXPECTED[key][role]
    client = world.client_for(role)
    request = REQUESTS[key](world, role, client)
    before = database_state()
    response = client.post(request.url, request.data)
    changed = changed_tables(before, database_state())
    got = outcome(response, request.url) + ("+" if changed else "")
    assert got == expected, (
        f"POST {request.url} as {role}: {response.status_code} {response.get('Location', '')}"
        f"{' wrote to ' + ', '.join(changed) if changed else ', nothing written'}"
    )


# --- no URL that accepts a POST is left out ---------------------------------------------


def url_patterns(resolver=None, prefix="", namespace=""):
    """(key, route) of every URL pattern: key is `namespace:name`, or the
    route of an unnamed one."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from url_patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name or route, route


def read_only(key: str) -> bool:
    return any(fnmatch.fnmatchcase(key, pattern) for pattern in READ_ONLY)


# A value for each URL parameter, to build an address each pattern answers.
SAMPLE_VALUES = {
    "pk": "1", "id": "1", "object_id": "1", "content_type_id": "1", "slug": "milei-trump",
    "draft_id": "matrix", "kind": "event", "index": "0", "action": "accept", "app_label": "factcheck",
    "uidb64": "MQ", "token": "set-password", "url": "nowhere/",
}
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def sample_url(route: str) -> str:
    def value(match):
        name = match.group(1) or match.group(2)
        assert name in SAMPLE_VALUES, f"give SAMPLE_VALUES a value for the URL parameter {name!r} ({route})"
        return SAMPLE_VALUES[name]

    return "/" + PARAMETER.sub(value, route).replace("^", "").replace("$", "")


def test_every_url_that_accepts_a_post_is_in_the_grid(world):
    """A superuser's POST to every other URL pattern is refused with 405."""
    keys = dict(url_patterns())
    assert not set(EXPECTED) - set(keys), "rows for URLs that no longer exist"
    for pattern in READ_ONLY:
        assert any(fnmatch.fnmatchcase(key, pattern) for key in keys), f"READ_ONLY {pattern!r} matches no URL"
    missing = []
    for key, route in keys.items():
        if key in EXPECTED or read_only(key):
            continue
        url = sample_url(route)
        try:
            resolved = resolve(url)
        except Resolver404:
            resolved = None
        assert resolved is not None and resolved.route == route, f"{url} does not reach {route}: fix SAMPLE_VALUES"
        if world.admin_client.post(url).status_code != 405:
            missing.append(key)
    assert not missing, f"URLs that accept a POST but have no row in GRID: {missing}"


def test_read_only_pages_write_nothing(world):
    """Django's pages in READ_ONLY, posted to by a superuser (who may do the
    most), change nothing and never fail."""
    for key, route in url_patterns():
        if not read_only(key):
            continue
        url = sample_url(route)
        before = database_state()
        response = world.admin_client.post(url, {"post": "yes", "action": "delete_selected"})
        assert response.status_code < 500, url
        assert not changed_tables(before, database_state()), f"POST {url} wrote to the database"

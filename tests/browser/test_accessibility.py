"""axe-core (from the npm registry, pinned in tests/browser/package-lock.json
and installed by `make test`) on every kind of page in Chromium: a violation
of any impact (minor ones too) fails the test.

Each page is loaded once, as it first shows, and checked at 1280 px in light
colours; then every panel on it is opened (its <details>, the embed code's
panel, an event's details) and it is checked again in light and dark, at
375 and 1280 px. In dark colours only the rules that read colours run (the
page is the same page in other colours); a page with no closed panel is not
checked twice as it is. To check another page, add one line to PAGES.
`{event:<uid>}` and `{claim:<uid>}` in a path become the seed object's id;
`signed_in=True` signs in as a superuser first (for the desk and the admin).
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from factcheck.models import Claim
from tests.timeline.ingest.articles import article_form
from timeline.models import Event

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


@dataclass(frozen=True)
class AxePage:
    path: str
    signed_in: bool = False
    language: str = "en"


PAGES = [
    AxePage("/"),
    AxePage("/timelines/milei-trump/?open={event:cpac-2024}#event-{event:cpac-2024}"),
    AxePage("/timelines/milei-trump/?verdict=nonsense&q=zebra"),
    AxePage("/timelines/milei-trump/?open={event:paris-withdrawal-panama-2025}", language="es"),
    AxePage("/claims/{claim:seed-claim-13}/"),
    AxePage("/claims/{claim:seed-claim-12}/", language="es"),
    AxePage("/no-such-page/"),
    AxePage("/timelines/"),
    AxePage("/timelines/", language="es"),
    AxePage("/embed/timelines/milei-trump/"),
    AxePage("/embed/timelines/milei-trump/?mode=list&order=newest", language="es"),
    AxePage("/accounts/login/"),
    # The desk: the work queue, a claim's page, the ingest form and its review.
    AxePage("/editor/?verdict=unverified", signed_in=True),
    AxePage("/editor/", signed_in=True, language="es"),
    AxePage("/editor/claims/{claim:seed-claim-13}/", signed_in=True),
    AxePage("/editor/claims/{claim:seed-claim-13}/?edit=1", signed_in=True, language="es"),
    AxePage("/editor/ingest/", signed_in=True),
    AxePage("review", signed_in=True),
    # The back office's list and form.
    AxePage("/admin/factcheck/claim/", signed_in=True),
    AxePage("/admin/factcheck/claim/{claim:seed-claim-13}/change/", signed_in=True),
]
# (colour scheme, width) each page is checked in once its panels are open.
LOOKS = [("light", 1280), ("dark", 1280), ("light", 375), ("dark", 375)]
# The rules whose answer depends on the colours (the rest read the markup,
# names, roles and layout, which a colour scheme does not change).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

OPEN_PANELS = """() => {
  const closed = document.querySelectorAll("details:not([open])");
  for (const details of closed) {
    const summary = details.querySelector(":scope > summary");
    if (summary) summary.click(); else details.open = true;
  }
  return closed.length;
}"""


def resolve(path: str) -> str:
    models = {"event": Event, "claim": Claim}
    return re.sub(r"\{(event|claim):([\w-]+)\}", lambda m: str(models[m[1]].objects.get(uid=m[2]).pk), path)


@dataclass(frozen=True)
class Editor:
    session_key: str  # signed in as a superuser
    review: str  # the path of this session's ingest review of the seed article


@pytest.fixture(scope="module")
def axe_editor(seeded_site_for_module, django_db_blocker) -> Editor:
    """A superuser for the module's seed, signed in once, with the seed
    article pasted into the ingest form once (signing in through the form
    for every page soon meets the sign-in throttle; the form and the paste
    have their own browser tests)."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser("axe-editor", "axe@example.org", "a-long-test-password-1")
        client = Client()
        client.force_login(user)
        # As the browser's paste gave it: no address, the date not marked estimated.
        pasted = client.post("/editor/ingest/", article_form(url="", published_estimated=""))
        assert pasted.status_code == 302, pasted.content.decode()[:2000]
        return Editor(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value, review=pasted["Location"])


def sign_in(context, base_url: str, editor: Editor) -> None:
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": editor.session_key, "url": base_url}])


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    # Only the violations are wanted: axe then skips building the rest.
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    results = page.evaluate("async options => await axe.run(document, options)", options)
    return results["violations"]


def describe(violations: list[dict]) -> str:
    return json.dumps(
        [
            {"rule": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]],
             "why": v["nodes"][0].get("failureSummary", "") if v["nodes"] else ""}
            for v in violations
        ],
        indent=2,
    )


def settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")




@pytest.mark.parametrize("target", PAGES, ids=lambda p: f"{p.language}:{p.path}")
def test_no_accessibility_violation_of_any_impact(seeded_site, axe_editor, browser, target):
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed ({AXE}); `make test` installs it with npm")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=target.language, bypass_csp=True)
    page = context.new_page()
    try:
        if target.signed_in:
            sign_in(context, seeded_site.url, axe_editor)
        path = axe_editor.review if target.path == "review" else resolve(target.path)
        url = seeded_site.url + path
        page.goto(url)
        # Colours are measured at rest: no transition half-way after a switch.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
        settle(page)
        found = {"as it first shows (light, 1280 px)": axe_violations(page)}
        opened = page.evaluate(OPEN_PANELS)
        settle(page)
        for scheme, width in LOOKS:
            if (scheme, width) == ("light", 1280) and not opened:
                continue  # the page as it first showed, checked above
            page.emulate_media(color_scheme=scheme)
            page.set_viewport_size({"width": width, "height": 900})
            rules = COLOUR_RULES if scheme == "dark" else None
            found[f"panels open, {scheme}, {width} px"] = axe_violations(page, rules)
        problems = {look: describe(violations) for look, violations in found.items() if violations}
        assert not problems, "\n".join(f"{look}:\n{text}" for look, text in problems.items())
    finally:
        context.close()


def test_axe_finds_what_it_should(seeded_site, browser):
    """The check is live: a page with a known fault fails it."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(seeded_site.url + "/timelines/milei-trump/")
        page.evaluate("document.querySelector('#filter-q').removeAttribute('id')")  # its label no longer points to it
        assert any(v["id"] == "label" for v in axe_violations(page))
    finally:
        context.close()

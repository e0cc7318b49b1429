"""axe-core (from the npm registry, pinned in tests/browser/package-lock.json
and installed by `make test`) on the reader's pages in Chromium, in light and
dark mode: any serious or critical violation fails the test.

To check another page, add one line to PAGES. `{event:<uid>}` and
`{claim:<uid>}` in a path become the seed object's id; `signed_in=True`
signs in as a superuser first (for the editor's pages); `scheme="dark"` checks
the dark colours. The timeline page is checked with one event open, so both
the closed and the open look are covered.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from factcheck.models import Claim
from timeline.models import Event

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


@dataclass(frozen=True)
class AxePage:
    path: str
    signed_in: bool = False
    language: str = "en"
    scheme: str = "light"


BOTH = ("light", "dark")
PAGES = [
    *(AxePage("/timelines/milei-trump/?open={event:cpac-2024}#event-{event:cpac-2024}", scheme=s) for s in BOTH),
    AxePage("/timelines/milei-trump/?verdict=nonsense&q=zebra"),
    AxePage("/timelines/milei-trump/?open={event:paris-withdrawal-panama-2025}", language="es", scheme="dark"),
    *(AxePage("/claims/{claim:seed-claim-13}/", scheme=s) for s in BOTH),
    AxePage("/claims/{claim:seed-claim-12}/", language="es"),
    AxePage("/no-such-page/"),
    # The list of timelines.
    *(AxePage("/timelines/", scheme=s) for s in BOTH),
    AxePage("/timelines/", language="es"),
    # The editors' panel: the work queue and a claim's editor page.
    AxePage("/editor/?verdict=unverified", signed_in=True),
    AxePage("/editor/", signed_in=True, language="es", scheme="dark"),
    AxePage("/editor/claims/{claim:seed-claim-13}/", signed_in=True),
]

BLOCKING = {"serious", "critical"}


def resolve(path: str) -> str:
    models = {"event": Event, "claim": Claim}
    return re.sub(r"\{(event|claim):([\w-]+)\}", lambda m: str(models[m[1]].objects.get(uid=m[2]).pk), path)


def sign_in(page, base_url: str) -> None:
    get_user_model().objects.create_superuser("axe-editor", "axe@example.org", "a-long-test-password-1")
    page.goto(base_url + "/accounts/login/")
    page.locator("input[name=username]").fill("axe-editor")
    page.locator("input[name=password]").fill("a-long-test-password-1")
    page.locator("form.form button[type=submit]").click()


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document)")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    return json.dumps(
        [
            {"rule": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
            for v in violations
        ],
        indent=2,
    )


@pytest.mark.parametrize("target", PAGES, ids=lambda p: f"{p.language}-{p.scheme}:{p.path}")
def test_no_serious_or_critical_accessibility_violations(seeded_live_server, browser, target):
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed ({AXE}); `make test` installs it with npm")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=target.scheme, locale=target.language, bypass_csp=True
    )
    page = context.new_page()
    try:
        if target.signed_in:
            sign_in(page, seeded_live_server.url)
        page.goto(seeded_live_server.url + resolve(target.path))
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page)
        assert violations == [], describe(violations)
    finally:
        context.close()


def test_axe_finds_what_it_should(seeded_live_server, browser):
    """The check is live: a page with a known fault fails it."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(seeded_live_server.url + "/timelines/milei-trump/")
        page.evaluate("document.querySelector('#filter-q').removeAttribute('id')")  # its label no longer points to it
        assert any(v["id"] == "label" for v in axe_violations(page))
    finally:
        context.close()

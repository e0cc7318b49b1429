"""No unpublished claim and no draft verdict leaks onto any public page.

The matrix: every public page (PUBLIC_PAGES, one test each) × reader
language × signed out or signed in as an editor, against a newsroom holding
every kind of secret:

- a published claim whose draft has moved on (a verdict from a draft-only
  step of the scale, a draft rationale, a draft source);
- a claim that was never published, with a draft verdict;
- a claim that was published and then unpublished (its last published
  rationale is still stored).

To cover a new public page, add a builder to PUBLIC_PAGES: a name and a
function from the `Newsroom` to the URLs to fetch (and extra request
headers, if any).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from factcheck.models import Claim, Verdict
from factcheck.services import SourceInput, claim_set_status, claim_unpublish
from tests.editors import make_editor
from tests.factories import make_claim
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from timeline.models import Timeline

pytestmark = pytest.mark.django_db


@dataclass
class Newsroom:
    timeline: Timeline
    published_claims: list[Claim]
    drafted: Claim  # published, with draft changes nobody published
    never_published: Claim
    unpublished: Claim
    secrets: list[str]  # text that must appear on no public page


PublicPage = tuple[str, Callable[[Newsroom], list[str]], dict[str, str]]

PUBLIC_PAGES: list[PublicPage] = [
    ("home", lambda n: ["/"], {}),
    ("timeline", lambda n: [n.timeline.get_absolute_url()], {}),
    ("timeline events fragment (htmx)", lambda n: [n.timeline.get_absolute_url()], {"HX-Request": "true"}),
    ("claim pages", lambda n: [c.get_absolute_url() for c in n.published_claims], {}),
    ("embed", lambda n: [f"/embed/timelines/{n.timeline.slug}/", f"/embed/timelines/{n.timeline.slug}/code/"], {}),
    ("TimelineJS API", lambda n: [f"/api/timelines/{n.timeline.slug}.json"], {}),
    ("oEmbed", lambda n: [f"/oembed/?format=json&url=http://testserver{n.timeline.get_absolute_url()}"], {}),
    ("verdict feed", lambda n: ["/feeds/verdicts/"], {}),
]

LANGUAGES = ["en", "es"]


@pytest.fixture
def newsroom(seeded) -> Newsroom:
    editor = make_editor("leaktest")
    draft_only = Verdict.objects.create(
        slug="draft-only", label="Draftonly Verdict", label_es="Veredicto Borrador", colour="red",
        rating_value=1, is_final=True, position=99,
    )
    source = SourceInput("Draftonly source citation", "https://draft-only.example/secret")

    drafted = Claim.objects.get(uid="seed-claim-05")
    claim_set_status(claim=drafted, editor=editor, expected_version=drafted.version, verdict=draft_only,
                     rationale="Draftonly rationale of a published claim", sources=[source])

    never = make_claim(
        publish=False, article=drafted.article,
        quote="The Milei administration is the closest ally the United States will have in Latin America",
    )
    claim_set_status(claim=never, editor=editor, expected_version=never.version, verdict=draft_only,
                     rationale="Draftonly rationale of a claim never published", sources=[source])

    unpublished = Claim.objects.get(uid="seed-claim-14")
    claim_unpublish(claim=unpublished, editor=editor, note="Draftonly unpublish note")

    published = list(Claim.objects.published().order_by("pk"))
    assert drafted in published and never not in published and unpublished not in published
    return Newsroom(
        timeline=Timeline.objects.get(slug="milei-trump"),
        published_claims=published,
        drafted=drafted,
        never_published=never,
        unpublished=unpublished,
        secrets=[
            "Draftonly", "Veredicto Borrador", "draft-only.example",
            # the unpublished claim: its last published rationale and its addresses
            "not a checkable statement of fact",
            f"/claims/{never.pk}/", f'id="claim-{never.pk}"',
            f"/claims/{unpublished.pk}/", f'id="claim-{unpublished.pk}"',
        ],
    )


def readers():
    """Who looks: someone signed out, and an editor signed in (public pages
    show editors the same as anyone)."""
    signed_out, editor = Client(), Client()
    editor.force_login(make_editor("curious"))
    return {"signed out": signed_out, "signed-in editor": editor}


def leaks(newsroom, response) -> list[str]:
    body = response.content.decode()
    return [secret for secret in newsroom.secrets if secret in body]


@pytest.mark.parametrize("name, urls, headers", PUBLIC_PAGES, ids=[page[0] for page in PUBLIC_PAGES])
def test_no_public_page_shows_an_unpublished_claim_or_a_draft_verdict(newsroom, name, urls, headers):
    problems = []
    for who, client in readers().items():
        for language in LANGUAGES:
            for url in urls(newsroom):
                response = client.get(url, headers={"Accept-Language": language, **headers})
                if response.status_code != 200:
                    problems.append(f"{url} ({who}, {language}): {response.status_code}")
                elif found := leaks(newsroom, response):
                    problems.append(f"{url} ({who}, {language}) shows {found}")
    assert not problems


def test_the_drafted_claim_still_shows_its_published_verdict(newsroom, client):
    html = client.get(newsroom.drafted.get_absolute_url()).content.decode()
    assert '<span class="verdict verdict--grey verdict--state">Unverified</span>' in html


def test_an_unpublished_claims_page_is_a_404(newsroom):
    for client in readers().values():
        for language in LANGUAGES:
            for claim in (newsroom.never_published, newsroom.unpublished):
                response = client.get(claim.get_absolute_url(), headers={"Accept-Language": language})
                assert response.status_code == 404
                # The page may name its own address (the language switch comes back to it).
                assert not set(leaks(newsroom, response)) - {claim.get_absolute_url()}


def test_the_matrix_would_catch_a_leak(newsroom):
    """The check is not vacuous: the editor's own view of the claim shows the secrets."""
    editor_client = Client()
    editor_client.force_login(make_editor("checker"))
    response = editor_client.get(f"/editor/claims/{newsroom.drafted.pk}/")
    assert {"Draftonly", "draft-only.example"} <= set(leaks(newsroom, response))

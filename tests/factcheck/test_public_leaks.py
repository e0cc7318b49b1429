"""Nothing hidden reaches readers: the leak walk.

A newsroom holds, beside the seed, one thing in each hidden state:

- claims: one never published (with a draft verdict); one withdrawn; one
  published about an unpublished event; one published whose only timeline
  is unpublished (no event of its own: it would show as one of the article's
  "other claims"); and a published claim whose draft has moved on (a verdict
  from a draft-only step of the scale, a draft rationale, a draft source);
- events: one unpublished (on the seed timeline); one published but on no
  published timeline (only on the unpublished one); one published on none;
- actors: one only on an unpublished event (and the claimant of a hidden
  claim); one on no event at all;
- a timeline that is not published.

Every public URL (PUBLIC_PAGES: home, the timeline page with its htmx
fragments and every filter, search, every claim page by id, the embed and
its code, the TimelineJS API, oEmbed, the feed, and the list of timelines)
is fetched in both reader languages, signed out and signed in as an editor,
and none may carry a trace of them: their text, names, headline and outlet,
the text around a quote, or their ids in links and menus. The one
exception is the withdrawn claim: its own page stays (it says it was
withdrawn, when and why) and the feed carries its withdrawal; its verdict
and rationale appear nowhere.

To cover a new public page, add a builder to PUBLIC_PAGES: a name and a
function from the `Newsroom` to the URLs to fetch (and extra request
headers, if any). The values a URL itself carries (a search, a filter) are
what the reader typed: a page may repeat them, so they are taken out of the
page before it is searched.

A share card is a PNG, which cannot be searched for text: the card served
must be, byte for byte, the card drawn from what readers see (the claim's
public record, the timeline's public events), and that card must hold none
of the secrets (`_card_leaks`).
"""

from __future__ import annotations

import dataclasses
import datetime
import html as html_lib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote_plus, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from factcheck import selectors
from factcheck.models import Claim, Verdict
from factcheck.reader.cards import claim_card, draw_claim_card
from factcheck.services import SourceInput, claim_set_status, claim_unpublish
from tests.editors import make_editor
from tests.factories import make_article, make_claim, make_event, make_timeline, set_published
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from timeline.models import Actor, Event, Timeline
from timeline.reader.cards import draw_timeline_card, timeline_card

pytestmark = pytest.mark.django_db

SECRET_BODY = (
    "Quillfeather Gazette reporting. The Quenvale mayor said zorblat harvests doubled in Quenvale last spring, "
    "while the Pellucidcontext council disagreed. On 3 May 2023 Quenvale opened its granary."
)


@dataclass
class Newsroom:
    timeline: Timeline  # the seed's, published
    hidden_timeline: Timeline
    published_claims: list[Claim]
    drafted: Claim  # published, with draft changes nobody published
    never_published: Claim
    withdrawn: Claim
    on_hidden_event: Claim
    on_hidden_timeline: Claim
    hidden_event: Event  # unpublished, on the seed timeline
    stranded_event: Event  # published, only on the unpublished timeline
    lone_event: Event  # published, on no timeline
    hidden_actor: Actor  # only on the unpublished event
    idle_actor: Actor  # on nothing
    hidden_verdict: Verdict  # only hidden claims carry it
    secrets: list[str]  # text that must appear on no public page
    # what only the withdrawn claim's own page and the feed may show
    withdrawn_text: list[str] = field(default_factory=list)
    searches: list[str] = field(default_factory=list)  # words of the hidden things, to search for


PublicPage = tuple[str, Callable[[Newsroom], list[str]], dict[str, str]]


def _timeline_filters(n: Newsroom) -> list[str]:
    url = n.timeline.get_absolute_url()
    ids = [n.hidden_actor.pk, n.idle_actor.pk, n.hidden_event.pk, 999_999]
    verdicts = [n.hidden_verdict.slug, "draft-only", *Verdict.objects.values_list("slug", flat=True)]
    return [
        *(f"{url}?actor={pk}" for pk in ids),
        *(f"{url}?verdict={slug}" for slug in verdicts),
        f"{url}?from=2023&to=2023",
        f"{url}?open={n.hidden_event.pk}",
        f"{url}?open={n.stranded_event.pk}",
        f"{url}?page=2",
    ]


def _searches(n: Newsroom) -> list[str]:
    url = n.timeline.get_absolute_url()
    return [f"{url}?q={quote_plus(word)}" for word in n.searches]


def _event_fragments(n: Newsroom) -> list[str]:
    url = n.timeline.get_absolute_url()
    return [f"{url}?open={event.pk}" for event in (n.hidden_event, n.stranded_event, n.lone_event)]


def _every_claim_page(n: Newsroom) -> list[str]:
    """Ids are sequential: every one this newsroom holds, one before the
    first and one past the last (on PostgreSQL the ids of earlier tests'
    rolled-back rows are not reused, so they do not start at 1)."""
    first = Claim.objects.order_by("pk").values_list("pk", flat=True).first()
    last = Claim.objects.order_by("-pk").values_list("pk", flat=True).first()
    return [f"/claims/{pk}/" for pk in range(max(1, first - 1), last + 2)]


def _embeds(n: Newsroom) -> list[str]:
    urls = []
    for slug in (n.timeline.slug, n.hidden_timeline.slug):
        urls += [f"/embed/timelines/{slug}/", f"/embed/timelines/{slug}/?mode=list&order=newest",
                 f"/embed/timelines/{slug}/code/", f"/embed/timelines/{slug}/code/panel/"]
    return urls


def _oembed(n: Newsroom) -> list[str]:
    urls = []
    for path in (n.timeline.get_absolute_url(), n.hidden_timeline.get_absolute_url(),
                 f"/embed/timelines/{n.hidden_timeline.slug}/", "/",
                 n.on_hidden_timeline.get_absolute_url(), n.withdrawn.get_absolute_url()):
        urls.append(f"/oembed/?format=json&url={quote_plus('http://testserver' + path)}")
    return urls


def _timelines_list(n: Newsroom) -> list[str]:
    """HOOK for the list of published timelines (`/timelines/`, built on
    another branch): walked once the address resolves."""
    try:
        resolve("/timelines/")
    except Resolver404:
        return []
    return ["/timelines/"]


HTMX = {"HX-Request": "true"}

PUBLIC_PAGES: list[PublicPage] = [
    ("home", lambda n: ["/"], {}),
    ("timeline", lambda n: [n.timeline.get_absolute_url()], {}),
    ("timeline filters", _timeline_filters, {}),
    ("timeline results fragment (htmx)", lambda n: [n.timeline.get_absolute_url(), *_timeline_filters(n)],
     {**HTMX, "HX-Target": "timeline-results"}),
    ("timeline next page (htmx)", lambda n: [f"{n.timeline.get_absolute_url()}?page=2"],
     {**HTMX, "HX-Target": "more-events"}),
    ("timeline event fragments (htmx)", _event_fragments, HTMX),  # HX-Target set per URL below
    ("search results", _searches, {}),
    ("search results fragment (htmx)", _searches, {**HTMX, "HX-Target": "timeline-results"}),
    ("the unpublished timeline's page", lambda n: [n.hidden_timeline.get_absolute_url()], {}),
    ("claim pages, every id", _every_claim_page, {}),
    ("embed and embed code", _embeds, {}),
    ("TimelineJS API", lambda n: [f"/api/timelines/{n.timeline.slug}.json", f"/api/timelines/{n.hidden_timeline.slug}.json"],
     {}),
    ("oEmbed", _oembed, {}),
    ("verdict feed", lambda n: ["/feeds/verdicts/", "/feeds/verdicts/?lang=es"], {}),
    ("timeline feeds", lambda n: [f"/timelines/{slug}/feed/{query}" for slug in (n.timeline.slug, n.hidden_timeline.slug)
                                  for query in ("", "?lang=es")], {}),
    ("claim share cards, every id", lambda n: [f"{url}card.png" for url in _every_claim_page(n)], {}),
    ("timeline share cards", lambda n: [f"/timelines/{slug}/card.png" for slug in (n.timeline.slug, n.hidden_timeline.slug)],
     {}),
    ("timelines list (hook)", _timelines_list, {}),
]

LANGUAGES = ["en", "es"]


def _hidden_world(editor) -> dict:
    """The hidden things beside the seed."""
    seed = Timeline.objects.get(slug="milei-trump")
    hidden_verdict = Verdict.objects.create(
        slug="hidden-only", label="Hushhush Rating", label_es="Calificación Secretísima", colour="purple",
        rating_value=2, is_final=True, position=98,
    )
    hidden_actor = Actor.objects.create(name="Ignatius Hiddenactor")
    idle_actor = Actor.objects.create(name="Nobody Noactor")
    hidden_event = make_event(seed, title="Zanzibar sealed meeting", summary="Marmalade accord drafted.",
                              published=False, date=datetime.date(2023, 6, 1))
    hidden_event.actors.add(hidden_actor)
    on_hidden_event = make_claim(event=hidden_event, article=None, claimant=hidden_actor, reachable=False,
                                 quote="Gobbledygook figures were tripled", verdict="hidden-only")

    hidden_timeline = make_timeline(slug="sealed-story", title="Sealedstory Chronicle", published=False,
                                    description="Unreleased desk chronicle.")
    article = make_article(headline="Secretheadline of the granary", outlet="Quillfeather Gazette",
                           body=SECRET_BODY, published_on=datetime.date(2023, 5, 4))
    stranded_event = make_event(hidden_timeline, title="Quenvale granary opens", article=article,
                                date=datetime.date(2023, 5, 3))
    lone_event = make_event(title="Lonesome Obelisk unveiled", date=datetime.date(2023, 7, 1))
    on_hidden_timeline = make_claim(article=article, reachable=False, quote="zorblat harvests doubled in Quenvale",
                                    verdict="hidden-only")
    return dict(hidden_verdict=hidden_verdict, hidden_actor=hidden_actor, idle_actor=idle_actor,
                hidden_event=hidden_event, on_hidden_event=on_hidden_event, hidden_timeline=hidden_timeline,
                stranded_event=stranded_event, lone_event=lone_event, on_hidden_timeline=on_hidden_timeline)


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

    withdrawn = Claim.objects.get(uid="seed-claim-14")
    claim_unpublish(claim=withdrawn, editor=editor, note="Withdrawn while the quote is checked again.")
    hidden = _hidden_world(editor)

    published = list(Claim.objects.public().order_by("pk"))
    assert drafted in published
    assert not {never, withdrawn, hidden["on_hidden_event"], hidden["on_hidden_timeline"]} & set(published)
    assert hidden["on_hidden_event"].published and hidden["on_hidden_timeline"].published
    return Newsroom(
        timeline=Timeline.objects.get(slug="milei-trump"),
        published_claims=published,
        drafted=drafted,
        never_published=never,
        withdrawn=withdrawn,
        secrets=[
            "Draftonly", "Veredicto Borrador", "draft-only.example",
            # the claim never published (its words are in the seed article, which readers see)
            f"/claims/{never.pk}/", f'id="claim-{never.pk}"',
            # the withdrawn claim: its last published rationale, and its place on timelines
            "not a checkable statement of fact", f'id="claim-{withdrawn.pk}"',
            # the claim on the unpublished event, the event, its actor, their verdict
            "Gobbledygook", "Zanzibar", "Marmalade", "Ignatius", "Hiddenactor", "Hushhush", "Secretísima",
            f"/claims/{hidden['on_hidden_event'].pk}/", f'id="claim-{hidden["on_hidden_event"].pk}"',
            f'id="event-{hidden["hidden_event"].pk}"', f'#event-{hidden["hidden_event"].pk}"',
            f'<option value="{hidden["hidden_actor"].pk}"', "hidden-only",
            # the unpublished timeline, its event, its article and the claim from it
            "Sealedstory", "sealed-story", "Unreleased desk chronicle",
            "Quenvale", "zorblat harvests", "Zorblat", "Pellucidcontext", "Secretheadline", "Quillfeather",
            f"/claims/{hidden['on_hidden_timeline'].pk}/", f'id="claim-{hidden["on_hidden_timeline"].pk}"',
            f'id="event-{hidden["stranded_event"].pk}"', f'#event-{hidden["stranded_event"].pk}"',
            # the event on no timeline, and the actor on nothing
            "Lonesome Obelisk", f'id="event-{hidden["lone_event"].pk}"',
            "Nobody Noactor", f'<option value="{hidden["idle_actor"].pk}"',
        ],
        withdrawn_text=[withdrawn.quote[:40], f"/claims/{withdrawn.pk}/"],
        # searched for in lower case: the page repeats the search, the secrets are capitalised
        searches=["zorblat", "gobbledygook", "zanzibar", "marmalade", "lonesome", "quenvale", "america",
                  "draftonly", "hiddenactor", "noactor"],
        **hidden,
    )


def readers():
    """Who looks: someone signed out, and an editor signed in (public pages
    show editors the same as anyone)."""
    signed_out, editor = Client(), Client()
    editor.force_login(make_editor())
    return {"signed out": signed_out, "signed-in editor": editor}


def _without_what_was_asked(body: str, url: str) -> str:
    """The page less the values its own URL carries (a search box repeats the
    search, the language switch the address)."""
    parts = urlsplit(url)
    # The path alone too: a 404 page names its canonical address, the path asked for.
    asked = [parts.path + ("?" + parts.query if parts.query else ""), parts.path]
    for _name, value in parse_qsl(parts.query):
        asked += [value, quote_plus(value), html_lib.escape(value)]
    for value in sorted({a for a in asked if a}, key=len, reverse=True):
        body = body.replace(value, "")
        body = body.replace(html_lib.escape(value), "")
    return body


_drawn: dict = {}  # cards drawn by the walk, by what they show


def _public_card(newsroom: Newsroom, url: str):
    """The card readers may see at `url`, built from the public record, or
    the reason there is none."""
    match = resolve(urlsplit(url).path)
    if match.url_name == "claim_card":
        try:
            claim = selectors.claim_for_readers(match.kwargs["pk"])
        except Claim.DoesNotExist:
            return None, "a card for a claim without a public page"
        card = claim_card(claim)
        if claim == newsroom.withdrawn and card.verdict_label != translation.gettext("Withdrawn"):
            return None, f"the withdrawn claim's card says {card.verdict_label!r}"
        return card, ""
    try:
        timeline = Timeline.objects.published().get(slug=match.kwargs["slug"])
    except Timeline.DoesNotExist:
        return None, "a card for an unpublished timeline"
    card = timeline_card(timeline)
    # Counted here from the flags themselves, not by the rule under test.
    published = timeline.events.filter(published=True).count() if timeline == newsroom.timeline else None
    if published is not None and str(published) not in card.events:
        return None, f"the card counts {card.events!r}, the timeline has {published} published events"
    return card, ""


def _card_leaks(newsroom: Newsroom, response, url: str, language: str) -> list[str]:
    with translation.override(language):
        card, problem = _public_card(newsroom, url)
        if card is None:
            return [problem]
        if card not in _drawn:
            _drawn[card] = (draw_claim_card if hasattr(card, "quote") else draw_timeline_card)(card)
    texts = [str(value) for value in dataclasses.asdict(card).values()]
    found = [secret for secret in newsroom.secrets if any(secret in text for text in texts)]
    if response.content != _drawn[card]:
        found.append("a card other than the one drawn from what readers see")
    return found


def leaks(newsroom: Newsroom, response, url: str, language: str = "en") -> list[str]:
    if response.status_code == 200 and response.get("Content-Type") == "image/png":
        return _card_leaks(newsroom, response, url, language)
    body = _without_what_was_asked(response.content.decode(), url)
    found = [secret for secret in newsroom.secrets if secret in body]
    path = urlsplit(url).path
    own_page = path in (newsroom.withdrawn.get_absolute_url(), f"{newsroom.withdrawn.get_absolute_url()}card.png")
    feed = url.startswith("/feeds/") or (path.startswith("/timelines/") and path.endswith("/feed/"))
    if not own_page and not feed:
        found += [text for text in newsroom.withdrawn_text if text in body]
    return found


def _headers_for(url: str, headers: dict[str, str]) -> dict[str, str]:
    if headers.get("HX-Request") and "HX-Target" not in headers and "open=" in url:
        return {**headers, "HX-Target": f"event-{url.rsplit('open=', 1)[1]}"}
    return headers


def walk(newsroom: Newsroom, urls: list[str], headers: dict[str, str]) -> list[str]:
    problems = []
    for who, client in readers().items():
        for language in LANGUAGES:
            for url in urls:
                response = client.get(url, headers={"Accept-Language": language, **_headers_for(url, headers)})
                if response.status_code >= 500 or response.status_code in (301, 302):
                    problems.append(f"{url} ({who}, {language}): {response.status_code}")
                elif found := leaks(newsroom, response, url, language):
                    problems.append(f"{url} ({who}, {language}) shows {found}")
    return problems


@pytest.mark.parametrize("name, urls, headers", PUBLIC_PAGES, ids=[page[0] for page in PUBLIC_PAGES])
def test_no_public_page_shows_anything_hidden(newsroom, name, urls, headers):
    assert not walk(newsroom, urls(newsroom), headers)


def test_the_public_pages_answer(newsroom, client):
    """The walk reads real pages, not error pages."""
    for url in ["/", newsroom.timeline.get_absolute_url(), f"/embed/timelines/{newsroom.timeline.slug}/",
                f"/api/timelines/{newsroom.timeline.slug}.json", "/feeds/verdicts/",
                f"/timelines/{newsroom.timeline.slug}/feed/", f"/timelines/{newsroom.timeline.slug}/card.png",
                f"{newsroom.withdrawn.get_absolute_url()}card.png",
                *(c.get_absolute_url() for c in newsroom.published_claims),
                *(f"{c.get_absolute_url()}card.png" for c in newsroom.published_claims)]:
        assert client.get(url).status_code == 200, url


def test_every_hidden_address_is_a_404(newsroom):
    hidden = [newsroom.never_published, newsroom.on_hidden_event, newsroom.on_hidden_timeline]
    slug = newsroom.hidden_timeline.slug
    urls = [c.get_absolute_url() for c in hidden] + [
        newsroom.hidden_timeline.get_absolute_url(), f"/embed/timelines/{slug}/", f"/api/timelines/{slug}.json",
        f"/embed/timelines/{slug}/code/", f"/embed/timelines/{slug}/code/panel/",
        f"/timelines/{slug}/feed/", f"/timelines/{slug}/card.png", *(f"{c.get_absolute_url()}card.png" for c in hidden),
    ]
    for client in readers().values():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 404, url
            assert not leaks(newsroom, response, url), url


def test_a_hidden_person_gets_the_notice_a_missing_id_gets(newsroom, client):
    """The notice does not tell which ids exist: a person only on an
    unpublished event, one on nothing, and an id nobody has read the same."""
    url = newsroom.timeline.get_absolute_url()

    def answer(actor_id):
        html = client.get(url, {"actor": actor_id}, headers={"Accept-Language": "en"}).content.decode()
        return html.replace(f"actor={actor_id}", "actor=ID")

    missing = answer(999_999)
    assert "That person is not on this timeline; showing everyone." in missing
    assert answer(newsroom.hidden_actor.pk) == missing
    assert answer(newsroom.idle_actor.pk) == missing


def test_the_withdrawn_claim_keeps_its_page_and_its_feed_entry(newsroom, client):
    page = client.get(newsroom.withdrawn.get_absolute_url()).content.decode()
    assert "This fact-check was withdrawn" in page and "Withdrawn while the quote is checked again." in page
    assert "application/ld+json" not in page
    feed = client.get("/feeds/verdicts/").content.decode()
    assert "Fact-check withdrawn" in feed and newsroom.withdrawn.get_absolute_url() in feed


def test_the_walk_would_catch_a_leak(newsroom):
    """The walk is not vacuous: publishing the hidden timeline brings its
    claim, article and event to the same URLs; the editor's own view of the
    drafted claim shows its draft."""
    editor_client = Client()
    editor_client.force_login(make_editor("checker"))
    response = editor_client.get(f"/editor/claims/{newsroom.drafted.pk}/")
    assert {"Draftonly", "draft-only.example"} <= set(leaks(newsroom, response, "/editor/"))

    set_published(newsroom.hidden_timeline, True)
    problems = walk(newsroom, [newsroom.hidden_timeline.get_absolute_url(), newsroom.on_hidden_timeline.get_absolute_url()],
                    {})
    assert any("Quenvale" in problem and "Secretheadline" in problem for problem in problems)
    assert any("Pellucidcontext" in problem for problem in problems)  # the text around the quote
    problems = walk(newsroom, [f"/timelines/{newsroom.hidden_timeline.slug}/card.png",
                               f"{newsroom.on_hidden_timeline.get_absolute_url()}card.png"], {})
    assert any("card.png" in problem and "Sealedstory" in problem for problem in problems)  # its title, drawn
    assert any("card.png" in problem and "Quillfeather" not in problem and "zorblat harvests" in problem
               for problem in problems)  # the claim's quote, drawn

    set_published(newsroom.hidden_event, True)
    problems = walk(newsroom, [newsroom.timeline.get_absolute_url()], {})
    assert any("Zanzibar" in problem and "Gobbledygook" in problem for problem in problems)

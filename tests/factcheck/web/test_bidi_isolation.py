"""User text with bidirectional controls cannot reorder the text around it.

A name, a quote or a title typed with a right-to-left override (U+202E) or
an isolate (U+2066) is shown inside <bdi> (or an element with a `dir`), on
every page that shows it: the reader's, the embed's and the desk's."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

from factcheck.models import Claim, ClaimSource
from tests.editors import make_editor
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from timeline.models import Actor, Article, Timeline

pytestmark = pytest.mark.django_db

CONTROLS = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
# Elements whose text is no markup: their user text cannot take a <bdi>.
_TEXT_ONLY = {"title", "option", "textarea", "script", "style"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Isolation(HTMLParser):
    """Collects the text holding a control that no <bdi> or `dir` isolates."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, isolates)
        self.loose: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.open.append((tag, tag == "bdi" or any(name == "dir" for name, _ in attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if CONTROLS & set(data) and not any(isolates or tag in _TEXT_ONLY for tag, isolates in self.open):
            self.loose.append(data.strip()[:80])


def loose_controls(html: str) -> list[str]:
    parser = _Isolation()
    parser.feed(html)
    return parser.loose


def _reversed(text: str) -> str:
    return f"{text} \u202e(reversed)\u202c \u2066isolated\u2069"


@pytest.fixture
def overridden(seeded):
    """Every kind of user text on a published claim, with controls in it."""
    claim = Claim.objects.public().filter(claimant__isnull=False, article__isnull=False, event__isnull=False).first()
    Actor.objects.filter(pk=claim.claimant_id).update(name=_reversed("Javier Milei"))
    Article.objects.filter(pk=claim.article_id).update(headline=_reversed("Headline"), outlet=_reversed("Outlet"))
    Claim.objects.filter(pk=claim.pk).update(quote=_reversed(claim.quote))
    type(claim.event).objects.filter(pk=claim.event_id).update(title=_reversed("Event"))
    Timeline.objects.filter(slug="milei-trump").update(title=_reversed("Timeline"))
    ClaimSource.objects.filter(claim=claim).update(title=_reversed("Source"))
    return Claim.objects.get(pk=claim.pk)


def test_every_page_isolates_user_text(overridden):
    reader, editor = Client(), Client()
    editor.force_login(make_editor(is_superuser=True, staff=True))
    pages = {
        "the timeline page": reader.get("/timelines/milei-trump/"),
        "the timeline page, event open": reader.get(f"/timelines/milei-trump/?open={overridden.event_id}"),
        "the timelines list": reader.get("/timelines/"),
        "home": reader.get("/"),
        "the claim page": reader.get(overridden.get_absolute_url()),
        "the embed": reader.get("/embed/timelines/milei-trump/"),
        "the desk's queue": editor.get("/editor/"),
        "the desk's claim page": editor.get(f"/editor/claims/{overridden.pk}/"),
    }
    seen, problems = 0, []
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        seen += any(control in html for control in CONTROLS)
        problems += [f"{name}: {text!r}" for text in loose_controls(html)]
    assert seen == len(pages), "every page shows some of the overridden text"
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_loose_override():
    assert loose_controls("<p>Said by \u202eMilei</p>") == ["Said by \u202eMilei"]
    assert loose_controls("<p>Said by <bdi>\u202eMilei</bdi></p>") == []
    assert loose_controls('<p dir="auto">\u202eMilei</p><title>\u202ex</title>') == []


def test_a_desk_announcement_isolates_the_quote_it_names(overridden):
    """Plain-text messages (the desk's live region) have no <bdi>: the quote
    stands between the Unicode isolates FSI and PDI instead."""
    from factcheck.web.bidi import isolate

    assert isolate("plain words") == "plain words"
    assert isolate("\u202eevil") == "\u2068\u202eevil\u2069"
    assert isolate("ميلي") == "\u2068ميلي\u2069"
    editor = Client()
    editor.force_login(make_editor(is_superuser=True, staff=True))
    prefix = f"claim-{overridden.pk}-summary-"
    typed = "\u202eMilei at CPAC"
    response = editor.post(
        f"/editor/claims/{overridden.pk}/summary/",
        {prefix + "summary": typed, prefix + "seen": overridden.summary},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200, response.content.decode()[:300]
    assert "“\u2068" + typed + "\u2069”" in response.content.decode()

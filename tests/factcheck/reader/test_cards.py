"""A claim's share card (/claims/<id>/card.png) and the share tags of its
page: a 1200×630 PNG of the published verdict, on the page's version stamp
and the page's rule (a withdrawn claim's card says so; other hidden claims
404), drawn once per stamp; tags with absolute SITE_URL addresses."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import translation
from PIL import Image

from factcheck import selectors
from factcheck.models import Claim, Verdict
from factcheck.reader.cards import (
    QUOTE_BOTTOM,
    QUOTE_SIZES,
    QUOTE_TOP,
    ClaimCard,
    card_alt,
    claim_card,
    draw_claim_card,
)
from factcheck.services import claim_unpublish
from factcheck.web import cards
from factcheck.web.cards import Fonts
from tests.editors import make_editor
from tests.factcheck.web.test_http_cache import publish_correction
from tests.factories import make_claim
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from tests.share_cards import meta, opened
from timeline.stamps import forget_stamps

pytestmark = pytest.mark.django_db

SITE = "https://facts.example.org"


@pytest.fixture
def panama(seeded) -> Claim:
    return Claim.objects.get(quote__contains="Panama Canal")


def card_url(claim: Claim) -> str:
    return f"/claims/{claim.pk}/card.png"


def test_the_card_is_a_1200_by_630_png(client, panama):
    assert opened(client.get(card_url(panama))).size == (1200, 630)


def test_the_card_changes_when_the_published_verdict_does(client, panama):
    before = client.get(card_url(panama))
    publish_correction("Panama Canal", "misleading")
    forget_stamps()
    after = client.get(card_url(panama), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert opened(after).size == (1200, 630) and after.content != before.content
    with translation.override("en"):
        card = claim_card(selectors.claim_for_readers(panama.pk))
    assert (card.verdict_label, card.tone) == ("Misleading", Verdict.objects.get(slug="misleading").colour)


def test_a_draft_verdict_is_not_drawn(client, panama):
    """Only a publication changes the card: a draft is the desk's."""
    from factcheck.services import SourceInput, claim_set_status

    before = client.get(card_url(panama)).content
    claim_set_status(claim=panama, editor=None, expected_version=panama.version,
                     verdict=Verdict.objects.get(slug="accurate"), rationale="Draft only.",
                     sources=[SourceInput(**s) for s in panama.published_sources])
    forget_stamps()
    assert client.get(card_url(panama)).content == before


def test_hidden_claims_have_no_card_as_they_have_no_page(client, seeded):
    never = make_claim(publish=False, quote="A claim the desk never published")
    unreachable = make_claim(reachable=False, quote="A published claim no timeline reaches")
    for claim in (never, unreachable):
        assert client.get(claim.get_absolute_url()).status_code == 404
        assert client.get(card_url(claim)).status_code == 404
    assert client.get("/claims/999999/card.png").status_code == 404


def test_a_withdrawn_claims_card_says_withdrawn_and_not_its_verdict(client, panama):
    claim_unpublish(claim=panama, editor=None, expected_version=panama.version, note="Checked again.")
    forget_stamps()
    assert client.get(panama.get_absolute_url()).status_code == 200  # its page stays, saying so
    assert opened(client.get(card_url(panama))).size == (1200, 630)
    for language, word in (("en", "Withdrawn"), ("es", "Retirada")):
        with translation.override(language):
            card = claim_card(selectors.claim_for_readers(panama.pk))
        assert (card.verdict_label, card.tone) == (word, "grey")
        assert card_alt(card).startswith(f"{word}: “the Panama Canal")


def test_the_card_is_a_shared_response_with_etag_and_304(client, panama):
    first = client.get(card_url(panama))
    assert first["Cache-Control"].startswith("public, max-age=") and first["ETag"].startswith('W/"')
    assert first["Last-Modified"] and not first.cookies
    again = client.get(card_url(panama))
    assert again.content == first.content and again["Content-Type"] == "image/png"  # the cached bytes, intact
    not_modified = client.get(card_url(panama), HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""


def test_an_unchanged_stamp_draws_the_card_once(client, panama):
    client.get(card_url(panama))
    drawn = cards.drawn.value
    assert client.get(card_url(panama)).status_code == 200
    assert client.get(card_url(panama), HTTP_IF_NONE_MATCH='W/"other"').status_code == 200
    assert cards.drawn.value == drawn
    publish_correction("Panama Canal", "misleading")
    forget_stamps()
    client.get(card_url(panama))
    assert cards.drawn.value == drawn + 1


def test_varying_the_query_string_does_not_draw_again(client, panama):
    """`?v=` only tells social sites' caches of a new version: any query
    gets the one cached card, so nobody can make the server draw at will."""
    client.get(card_url(panama))
    drawn = cards.drawn.value
    for query in ("?v=other", "?v=1&x=2", "?" + "y" * 300):
        response = client.get(f"/claims/{panama.pk}/card.png{query}")
        assert response.status_code == 200 and response["Content-Type"] == "image/png", query
    assert cards.drawn.value == drawn


def test_the_card_follows_the_readers_language(client, panama):
    english = client.get(card_url(panama), HTTP_ACCEPT_LANGUAGE="en")
    spanish = client.get(card_url(panama), HTTP_ACCEPT_LANGUAGE="es")
    assert english.content != spanish.content and english["ETag"] != spanish["ETag"]
    assert {"accept-language", "cookie"} <= {v.strip().lower() for v in spanish["Vary"].split(",")}


def test_signed_in_editors_get_the_card_fresh(panama):
    editor = Client()
    editor.force_login(make_editor("card-fresh"))
    response = editor.get(card_url(panama))
    assert opened(response).size == (1200, 630) and not response.has_header("ETag")


def test_the_claim_page_names_its_card_with_absolute_site_addresses(client, panama, settings):
    settings.SITE_URL = SITE
    tags = meta(client.get(panama.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert tags["og:type"] == "article" and tags["og:site_name"] == settings.NEWSROOM_NAME
    assert tags["og:url"] == f"{SITE}{panama.get_absolute_url()}"
    assert tags["og:image"].startswith(f"{SITE}/claims/{panama.pk}/card.png?v=")
    assert tags["twitter:image"] == tags["og:image"] and tags["twitter:card"] == "summary_large_image"
    assert (tags["og:image:width"], tags["og:image:height"], tags["og:image:type"]) == ("1200", "630", "image/png")
    assert tags["og:locale"] == "en_US"
    assert tags["og:image:alt"] == tags["twitter:image:alt"] == "False: “the Panama Canal, which Trump claimed is being &#x27;operated&#x27; by China” — Donald Trump"
    assert tags["og:title"].startswith("Fact-check: “the Panama Canal") and tags["twitter:title"] == tags["og:title"]
    assert tags["og:description"] and tags["twitter:description"] == tags["og:description"]
    image = client.get(tags["og:image"].removeprefix(SITE))
    assert opened(image).size == (1200, 630)


def test_the_spanish_page_says_es_es(client, panama):
    tags = meta(client.get(panama.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode())
    assert tags["og:locale"] == "es_ES" and tags["og:image:alt"].startswith("Falso: ")


def test_a_correction_gives_the_card_a_new_address(client, panama):
    """Social sites keep an image by its URL: a corrected verdict must not
    go on showing the old card."""
    before = meta(client.get(panama.get_absolute_url()).content.decode())["og:image"]
    publish_correction("Panama Canal", "misleading")
    forget_stamps()
    after = meta(client.get(panama.get_absolute_url()).content.decode())["og:image"]
    assert after != before


# --- the drawing, apart from the ORM ---------------------------------------------


def card(quote: str, **fields) -> ClaimCard:
    values = {"quote": quote, "claimant": "Somebody Quoted", "verdict_label": "Mostly accurate", "tone": "teal",
              "newsroom": "The Newsroom", "kicker": "Fact-check"}
    return ClaimCard(**{**values, **fields})


def quote_box(quote: str, fonts: Fonts) -> cards.Fitted:
    return cards.fit(f"“{quote}”", fonts=fonts, sizes=QUOTE_SIZES, width=cards.CONTENT_WIDTH,
                     height=QUOTE_BOTTOM - QUOTE_TOP, bold=True, ellipsis="…”")


@pytest.mark.parametrize("fonts", [cards.find_fonts(), Fonts(None, None)], ids=["DejaVu", "Pillow's bundled font"])
def test_a_long_quote_is_shortened_after_a_whole_word_only_at_the_smallest_size(fonts):
    sentence = "the rate of inflation fell for the eleventh month running according to the statistics office"
    words = sentence.split(" ")
    long_quote = " ".join([sentence] * 6)
    fitted = quote_box(long_quote, fonts)
    assert fitted.shortened and fitted.font.size == QUOTE_SIZES[-1] == 38
    assert fitted.lines[-1].endswith("…”")
    assert all(word in words for line in fitted.lines for word in line.strip("“…”").split())
    assert all(fitted.font.getlength(line) <= cards.CONTENT_WIDTH for line in fitted.lines)
    short = quote_box(" ".join(words[:8]), fonts)
    assert not short.shortened and short.font.size == 60


def test_a_quote_that_fits_a_smaller_size_is_not_shortened():
    fonts = cards.find_fonts()
    quote = " ".join(["every word of this quote must stay on the card"] * 3)
    fitted = quote_box(quote, fonts)
    assert not fitted.shortened and 38 <= fitted.font.size < 60
    assert " ".join(fitted.lines) == f"“{quote}”"


def test_the_cards_text_stays_inside_the_card():
    """Long everything, in DejaVu and the fallback: the drawn ink stays within the margins."""
    long = card("palabra " * 400, claimant="Nombre Muy Largo " * 20, verdict_label="Etiqueta larguísima " * 5,
                newsroom="Redacción " * 30)
    for fonts in (cards.find_fonts(), Fonts(None, None)):
        image = Image.open(io.BytesIO(draw_claim_card(long, fonts))).convert("RGB")
        assert image.size == (1200, 630)
        background = image.getpixel((cards.WIDTH // 2, 2))  # white, as the palette has it
        right_edge = image.crop((cards.WIDTH - cards.MARGIN + 4, 0, cards.WIDTH, cards.HEIGHT))
        assert right_edge.getcolors() == [(right_edge.width * right_edge.height, background)]


def test_the_fallback_font_draws_spanish_letters_it_lacks_without_accents():
    assert cards.drawable("Verificación — «Engañoso»", Fonts(None, None)) == "Verificacion - «Enganoso»"
    assert cards.drawable("Verificación — «Engañoso»", cards.find_fonts()) == "Verificación — «Engañoso»"


def test_every_verdict_colour_has_its_tone_from_verdict_css():
    assert set(Verdict.Colour.values) <= set(cards.tones())
    assert cards.tone("red") == cards.Tone(background="#fbdada", text="#7f1d1d")


def test_debians_dejavu_is_found_where_installed():
    fonts = cards.find_fonts()
    assert fonts.regular and fonts.regular.endswith("DejaVuSans.ttf")
    assert fonts.bold and fonts.bold.endswith("DejaVuSans-Bold.ttf")
    assert cards.find_fonts([]) == Fonts(None, None)

"""A claim's share card (/claims/<id>/card.png): the quote, who said it, the
published verdict in words and the newsroom, on the verdict's tone.

The card shows what the claim's page shows: a withdrawn fact-check's page
keeps the quote and says it was withdrawn, without its verdict, so its card
says "Withdrawn" on the grey tone; any claim without a public page has no
card (404, as its page).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import ImageDraw

from factcheck.models import Claim, Verdict
from factcheck.web import cards
from factcheck.web.cards import Fonts
from factcheck.web.share import ShareTags, card_version, share_tags
from timeline.stamps import Stamp

ALT_QUOTE_CHARS = 120
QUOTE_SIZES = tuple(range(60, 37, -2))  # 60 px down to 38 px: legible in a phone's preview (about 12 px there)
QUOTE_TOP = 222
QUOTE_BOTTOM = 480
TITLE_QUOTE_CHARS = 90
DESCRIPTION_CHARS = 200


@dataclass(frozen=True)
class ClaimCard:
    """What a claim's card shows, apart from the ORM."""

    quote: str
    claimant: str
    verdict_label: str
    tone: str  # a Verdict.Colour value
    newsroom: str
    kicker: str


def claim_card(claim: Claim) -> ClaimCard:
    """The card of a claim with a public page (`selectors.claim_for_readers`),
    in the active language."""
    withdrawn = not claim.published
    return ClaimCard(
        quote=" ".join(claim.quote.split()),
        claimant=claim.claimant.name if claim.claimant else "",
        verdict_label=_("Withdrawn") if withdrawn else claim.published_verdict.localized_label,
        tone=Verdict.Colour.GREY.value if withdrawn else claim.published_verdict.colour,
        newsroom=settings.NEWSROOM_NAME,
        kicker=_("Fact-check"),
    )


def card_alt(card: ClaimCard) -> str:
    """The card in words, for og:image:alt and twitter:image:alt."""
    values = {"verdict": card.verdict_label, "quote": cards.shorten_words(card.quote, ALT_QUOTE_CHARS)}
    if card.claimant:
        return _("%(verdict)s: “%(quote)s” — %(claimant)s") % {**values, "claimant": card.claimant}
    return _("%(verdict)s: “%(quote)s”") % values


def draw_claim_card(card: ClaimCard, fonts: Fonts | None = None) -> bytes:
    """The 1200×630 PNG of `card`."""
    fonts = fonts or cards.found_fonts()
    tone = cards.tone(card.tone)
    image, draw = cards.canvas(tone.text)
    x = cards.MARGIN
    kicker = cards.fit(card.kicker.upper(), fonts=fonts, sizes=(30, 26), width=cards.CONTENT_WIDTH, height=40,
                       bold=True, max_lines=1)
    cards.draw_text(draw, kicker, x=x, y=56, fill=cards.MUTED)
    label = cards.fit(card.verdict_label, fonts=fonts, sizes=(42, 38, 34, 30), width=cards.CONTENT_WIDTH - 56,
                      height=60, bold=True, max_lines=1)
    cards.draw_pill(draw, label, x=x, y=110, tone=tone)
    bottom = _draw_quote(draw, card, fonts)
    if card.claimant:
        claimant = cards.fit(f"— {card.claimant}", fonts=fonts, sizes=(34, 32, 30, 28), width=cards.CONTENT_WIDTH,
                             height=44, max_lines=1)
        cards.draw_text(draw, claimant, x=x, y=min(bottom + 18, QUOTE_BOTTOM + 12), fill=cards.SECONDARY)
    cards.draw_footer(draw, card.newsroom, fonts=fonts)
    return cards.png(image)


def _draw_quote(draw: ImageDraw.ImageDraw, card: ClaimCard, fonts: Fonts) -> int:
    """The quote in its marks, as large as fits; the y below it."""
    quote = cards.fit(
        f"“{card.quote}”", fonts=fonts, sizes=QUOTE_SIZES, width=cards.CONTENT_WIDTH,
        height=QUOTE_BOTTOM - QUOTE_TOP, bold=True, ellipsis="…”",
    )
    return cards.draw_text(draw, quote, x=cards.MARGIN, y=QUOTE_TOP, fill=cards.INK)


def claim_share(request: HttpRequest, claim: Claim, stamp: Stamp | None) -> ShareTags:
    """The share tags of a claim's page: the quote, the published rationale
    (a withdrawn one's page shows none: it says it was withdrawn) and the card."""
    card = claim_card(claim)
    if not claim.published:
        description = _("This fact-check was withdrawn")
    else:
        description = cards.shorten_words(claim.published_rationale, DESCRIPTION_CHARS) or card_alt(card)
    return share_tags(
        request,
        kind="article",
        title=_("Fact-check: “%(quote)s”") % {"quote": cards.shorten_words(card.quote, TITLE_QUOTE_CHARS)},
        description=description,
        image_path=reverse("claim_card", kwargs={"pk": claim.pk}),
        image_alt=card_alt(card),
        version=card_version(stamp.tag if stamp else ""),
    )

"""A timeline's share card (/timelines/<slug>/card.png): its title, how many
events readers find on it and the newsroom; and the share tags of the
timeline's page (and of the home page, which shows the featured timeline).

Timelines have no lead image yet. When they do (media), `TimelineCard.lead_image`
takes its bytes and the card sets it in a panel on the right.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image

from factcheck.web import cards
from factcheck.web.cards import Fonts
from factcheck.web.share import ShareTags, card_version, share_tags
from timeline.models import Event, Timeline

TITLE_SIZES = tuple(range(72, 39, -4))  # 72 px down to 40 px
TITLE_TOP = 116
TITLE_BOTTOM = 456
PANEL_LEFT = 760  # where a lead image starts
TONE = "blue"
DESCRIPTION_CHARS = 200


@dataclass(frozen=True)
class TimelineCard:
    """What a timeline's card shows, apart from the ORM."""

    title: str
    events: str  # "13 events", in words
    newsroom: str
    kicker: str
    lead_image: bytes | None = None  # an image file's bytes; none yet


def timeline_card(timeline: Timeline) -> TimelineCard:
    """The card of a published timeline in the active language: its public
    events only, as its page counts them."""
    count = Event.objects.public(on=timeline).count()
    return TimelineCard(
        title=" ".join(timeline.title.split()),
        events=ngettext("%(counter)s event", "%(counter)s events", count) % {"counter": number_format(count)},
        newsroom=settings.NEWSROOM_NAME,
        kicker=_("Timeline"),
    )


def card_alt(card: TimelineCard) -> str:
    """The card in words, for og:image:alt and twitter:image:alt."""
    return _("Timeline: %(title)s, %(events)s") % {"title": card.title, "events": card.events}


def draw_timeline_card(card: TimelineCard, fonts: Fonts | None = None) -> bytes:
    """The 1200×630 PNG of `card`."""
    fonts = fonts or cards.found_fonts()
    tone = cards.tone(TONE)
    image, draw = cards.canvas(tone.text)
    right = cards.WIDTH - cards.MARGIN
    if card.lead_image:
        panel = cards.cover(Image.open(io.BytesIO(card.lead_image)), (cards.WIDTH - PANEL_LEFT, cards.HEIGHT))
        image.paste(panel, (PANEL_LEFT, 0))
        right = PANEL_LEFT - 48
    width = right - cards.MARGIN
    x = cards.MARGIN
    kicker = cards.fit(card.kicker.upper(), fonts=fonts, sizes=(30, 26), width=width, height=40, bold=True, max_lines=1)
    cards.draw_text(draw, kicker, x=x, y=56, fill=cards.MUTED)
    title = cards.fit(card.title, fonts=fonts, sizes=TITLE_SIZES, width=width, height=TITLE_BOTTOM - TITLE_TOP, bold=True)
    bottom = cards.draw_text(draw, title, x=x, y=TITLE_TOP, fill=cards.INK)
    events = cards.fit(card.events, fonts=fonts, sizes=(40, 36, 32), width=width, height=52, max_lines=1)
    cards.draw_text(draw, events, x=x, y=min(bottom + 24, TITLE_BOTTOM + 16), fill=tone.text)
    cards.draw_footer(draw, card.newsroom, fonts=fonts, right=right)
    return cards.png(image, photo=bool(card.lead_image))


def timeline_share(request: HttpRequest, timeline: Timeline) -> ShareTags:
    """The share tags of the timeline's page (or of the home page showing it)."""
    card = timeline_card(timeline)
    description = cards.shorten_words(timeline.description, DESCRIPTION_CHARS) or _(
        "Dated events and fact-checked claims, with sources."
    )
    return share_tags(
        request,
        kind="website",
        title=card.title,
        description=description,
        image_path=reverse("timeline:card", kwargs={"slug": timeline.slug}),
        image_alt=card_alt(card),
        # The row's own version (the stamp's), read with it: no query of its own.
        version=card_version(f"t{timeline.pk}v{timeline.content_version}"),
    )

"""A timeline's share card (/timelines/<slug>/card.png) and the share tags
of the timeline page and the home page: its title and public event count
on a 1200×630 PNG, on the timeline's version stamp; 404 unless published."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from PIL import Image

from factcheck.web import cards
from factcheck.web.cards import Fonts
from tests.factories import make_event, make_timeline, set_published
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)
from tests.share_cards import meta, opened
from timeline.models import Timeline
from timeline.reader.cards import TimelineCard, card_alt, draw_timeline_card, timeline_card
from timeline.stamps import forget_stamps

pytestmark = pytest.mark.django_db

SITE = "https://facts.example.org"
CARD = "/timelines/milei-trump/card.png"


def test_the_card_is_a_1200_by_630_png(client, seeded):
    assert opened(client.get(CARD)).size == (1200, 630)


def test_the_card_counts_public_events_only(seeded):
    seed = Timeline.objects.get(slug="milei-trump")
    with translation.override("en"):
        assert timeline_card(seed).events == "13 events"
        make_event(seed, title="Not yet published", published=False)
        assert timeline_card(seed).events == "13 events"
        make_event(seed, title="A new published event")
        assert timeline_card(seed).events == "14 events"
    with translation.override("es"):
        assert timeline_card(seed).events == "14 hechos"


def test_a_new_event_is_a_new_card(client, seeded):
    before = client.get(CARD)
    make_event(Timeline.objects.get(slug="milei-trump"), title="A new published event")
    forget_stamps()
    after = client.get(CARD, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after.content != before.content


def test_an_unpublished_timeline_has_no_card(client, seeded):
    draft = make_timeline(slug="draft-story", title="Draft story", published=False)
    assert client.get("/timelines/draft-story/card.png").status_code == 404
    assert client.get("/timelines/no-such-one/card.png").status_code == 404
    set_published(draft, True)
    forget_stamps()
    assert opened(client.get("/timelines/draft-story/card.png")).size == (1200, 630)


def test_the_card_is_shared_with_etag_and_304_and_drawn_once(client, seeded):
    first = client.get(CARD)
    assert first["Cache-Control"].startswith("public, max-age=") and first["ETag"] and not first.cookies
    drawn = cards.drawn.value
    again = client.get(CARD)
    assert again.content == first.content and cards.drawn.value == drawn
    assert client.get(CARD, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize("path", ["/", "/timelines/milei-trump/"])
def test_home_and_timeline_pages_name_the_card_with_absolute_site_addresses(client, seeded, settings, path):
    settings.SITE_URL = SITE
    tags = meta(client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert tags["og:type"] == "website" and tags["og:site_name"] == settings.NEWSROOM_NAME
    assert tags["og:url"] == f"{SITE}{path}"
    assert tags["og:title"] == tags["twitter:title"] == "Milei and Trump: a timeline"
    assert tags["og:image"].startswith(f"{SITE}{CARD}?v=") and tags["twitter:image"] == tags["og:image"]
    assert tags["og:image:alt"] == tags["twitter:image:alt"] == "Timeline: Milei and Trump: a timeline, 13 events"
    assert (tags["og:image:width"], tags["og:image:height"], tags["og:image:type"]) == ("1200", "630", "image/png")
    assert tags["og:locale"] == "en_US" and tags["twitter:card"] == "summary_large_image"
    assert tags["og:description"] and tags["twitter:description"] == tags["og:description"]
    assert opened(client.get(tags["og:image"].removeprefix(SITE))).size == (1200, 630)


def test_the_htmx_fragments_carry_no_tags(client, seeded):
    fragment = client.get("/timelines/milei-trump/?q=IMF", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="timeline-results")
    assert fragment.status_code == 200 and b"og:image" not in fragment.content


def test_the_timeline_page_links_its_own_feed(client, seeded):
    page = client.get("/timelines/milei-trump/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ('<link rel="alternate" type="application/atom+xml" href="/timelines/milei-trump/feed/" '
            'title="Milei and Trump: a timeline: verdicts and corrections">') in page
    assert 'href="/feeds/verdicts/"' in page  # the site's feed too


# --- the drawing, apart from the ORM ---------------------------------------------


def test_a_long_title_fits_and_a_lead_image_takes_the_right_panel():
    """Media arrive later; the card already sets a lead image's bytes in a panel."""
    photo = Image.new("RGB", (800, 800), (200, 30, 30))
    buffer = io.BytesIO()
    photo.save(buffer, format="PNG")
    title = " ".join(["A very long timeline title about many things that happened over many years"] * 3)
    for fonts in (cards.find_fonts(), Fonts(None, None)):
        plain = TimelineCard(title=title, events="1,234 events", newsroom="The Newsroom", kicker="Timeline")
        with_image = TimelineCard(**{**plain.__dict__, "lead_image": buffer.getvalue()})
        image = Image.open(io.BytesIO(draw_timeline_card(with_image, fonts))).convert("RGB")
        assert image.size == (1200, 630) and image.getpixel((1100, 300)) == (200, 30, 30)
        plain_image = Image.open(io.BytesIO(draw_timeline_card(plain, fonts))).convert("RGB")
        assert plain_image.getpixel((1100, 300)) == plain_image.getpixel((600, 2))  # the background
    assert card_alt(plain) == f"Timeline: {title}, 1,234 events"

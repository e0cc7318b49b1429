"""Reads for the embed, the TimelineJS API and oEmbed: published content only."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef

from factcheck import selectors as claim_selectors
from factcheck.models import Claim, Verdict
from timeline.embeds.options import EmbedOptions
from timeline.models import Event, Timeline


def unknown_verdicts(slugs: tuple[str, ...]) -> list[str]:
    """The slugs in a verdict filter that are not on the scale."""
    if not slugs:
        return []
    known = set(Verdict.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    return [slug for slug in slugs if slug not in known]


@dataclass
class EmbedContent:
    timeline: Timeline
    events: list[Event]
    unplaced_claims: list[Claim]
    page: int = 1
    has_next: bool = False

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def embed_content(timeline: Timeline, options: EmbedOptions, *, page: int = 1) -> EmbedContent:
    """The published events and claims an embed shows with `options`, one
    page (`EMBED_PAGE_SIZE` events) at a time: a timeline of any length costs
    one page's queries and rendering. The claims not about one event come on
    the last page.

    With a verdict filter only claims rated so are kept, and only the events
    that carry one of them."""
    size = settings.EMBED_PAGE_SIZE
    events = claim_selectors.timeline_events(timeline)
    unplaced = claim_selectors.timeline_unplaced_claims(timeline)
    if options.verdicts:
        rated = Claim.objects.for_readers().filter(published_verdict__slug__in=options.verdicts)
        events = events.filter(Exists(rated.filter(event=OuterRef("pk"))))
        unplaced = unplaced.filter(published_verdict__slug__in=options.verdicts)
    if options.newest_first:
        events = events.reverse()
    start = (page - 1) * size
    shown = list(events[start : start + size + 1])
    has_next = len(shown) > size
    shown = shown[:size]
    if options.verdicts:
        wanted = set(options.verdicts)
        for event in shown:
            event.public_claims = [c for c in event.public_claims if c.published_verdict.slug in wanted]
    return EmbedContent(
        timeline=timeline, events=shown, unplaced_claims=[] if has_next else list(unplaced), page=page, has_next=has_next
    )


def filter_verdicts(options: EmbedOptions) -> list[Verdict]:
    """The verdicts of the filter, in scale order, for the "showing" note."""
    if not options.verdicts:
        return []
    return list(Verdict.objects.filter(slug__in=options.verdicts))

"""Reads for the embed, the TimelineJS API and oEmbed: published content only."""

from __future__ import annotations

from dataclasses import dataclass

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


def embed_content(timeline: Timeline, options: EmbedOptions) -> EmbedContent:
    """The published events and claims an embed shows with `options`.

    With a verdict filter only claims rated so are kept, and only the events
    that carry one of them."""
    events = list(claim_selectors.timeline_events(timeline))
    unplaced = list(claim_selectors.timeline_unplaced_claims(timeline))
    if options.verdicts:
        wanted = set(options.verdicts)
        for event in events:
            event.public_claims = [c for c in event.public_claims if c.published_verdict.slug in wanted]
        events = [event for event in events if event.public_claims]
        unplaced = [c for c in unplaced if c.published_verdict.slug in wanted]
    if options.newest_first:
        events.reverse()
    return EmbedContent(timeline=timeline, events=events, unplaced_claims=unplaced)


def filter_verdicts(options: EmbedOptions) -> list[Verdict]:
    """The verdicts of the filter, in scale order, for the "showing" note."""
    if not options.verdicts:
        return []
    return list(Verdict.objects.filter(slug__in=options.verdicts))

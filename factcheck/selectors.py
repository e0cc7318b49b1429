"""What readers may see of claims: a claim's page, its corrections, and a
published timeline's events with their published claims (the reader's
page, the embed, the TimelineJS export)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse

from factcheck.models import Claim, Verdict, VerdictChange
from timeline.dates import FuzzyDate, Precision
from timeline.models import Event, EventSource, Timeline, TimelineEntry


def claim_for_readers(pk: int) -> Claim:
    """A claim with a public page (public, or withdrawn: see
    `ClaimQuerySet.on_record`) with what its page shows; Claim.DoesNotExist
    for any other."""
    return (
        Claim.objects.on_record()
        .select_related("published_verdict", "claimant", "article", "event")
        .get(pk=pk)
    )


def claim_withdrawal(claim: Claim) -> VerdictChange | None:
    """The change that took a withdrawn claim off the public pages: when, and
    the editor's note saying why."""
    return claim.history.filter(action=VerdictChange.Action.UNPUBLISH).order_by("-created_at", "-id").first()


def claim_corrections(claim: Claim) -> QuerySet[VerdictChange]:
    """The claim's publications and withdrawals, newest first: its public corrections log."""
    return claim.history.public_log().select_related("from_verdict", "to_verdict")


def claim_page_timelines(pk: int) -> list[str]:
    """Slugs of the published timelines that reach the claim with a public
    page (see `claim_for_readers`), in one query: what its page's version
    stamp rests on. Empty for a claim with no public page."""
    on_record = Claim.objects.on_record().filter(pk=pk)
    by_event = TimelineEntry.objects.filter(timeline=OuterRef("pk"), event__published=True, event__claims__in=on_record)
    by_article = TimelineEntry.objects.filter(
        timeline=OuterRef("pk"), event__published=True, event__article__claims__in=on_record.filter(event__isnull=True)
    )
    return list(
        Timeline.objects.published().filter(Exists(by_event) | Exists(by_article)).order_by("slug").values_list("slug", flat=True)
    )


def claim_timeline(claim: Claim) -> Timeline | None:
    """A published timeline that shows the claim, for the way back."""
    return Timeline.objects.reaching(claim).order_by("-featured", "title").first()


def timeline_events(timeline: Timeline) -> QuerySet[Event]:
    """Public events of the timeline in date order, with everything the page
    shows of them fetched in a fixed number of queries."""
    return (
        Event.objects.public(on=timeline)
        .in_order()
        .select_related("article")
        .prefetch_related(
            "actors",
            "sources",
            Prefetch(
                "claims", queryset=Claim.objects.for_readers(on=timeline).order_by("quote_start", "id"), to_attr="public_claims"
            ),
        )
    )


def timeline_unplaced_claims(timeline: Timeline) -> QuerySet[Claim]:
    """Public claims of the timeline's articles that are not about one event."""
    return Claim.objects.for_readers(on=timeline).filter(event__isnull=True).order_by("quote_start", "id")


@dataclass(frozen=True)
class SlideClaim:
    """A public claim as a timeline's slide shows it."""

    pk: int
    quote: str
    claimant: str  # the claimant's name, "" when none
    verdict: Verdict  # the published verdict (its label follows the active language)

    @classmethod
    def of(cls, claim: Claim) -> SlideClaim:
        return cls(claim.pk, claim.quote, claim.claimant.name if claim.claimant else "", claim.published_verdict)

    def get_absolute_url(self) -> str:
        return reverse("claim_detail", kwargs={"pk": self.pk})


@dataclass(frozen=True)
class SlideEvent:
    """A public event of a timeline with what its slide shows, read as rows
    (no model instances): a 10,000-event export reads them part by part."""

    uid: str
    title: str
    summary: str
    location: str
    when: FuzzyDate
    until: FuzzyDate | None
    actors: list[str] = field(default_factory=list)
    claims: list[SlideClaim] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (citation, web address)


EVENT_COLUMNS = ("id", "uid", "title", "summary", "location", "date", "date_precision", "end_date", "end_date_precision")


def timeline_event_ids(timeline: Timeline) -> list[int]:
    """The ids of the timeline's public events, in date order."""
    return list(Event.objects.public(on=timeline).in_order().values_list("id", flat=True))


def timeline_slides(timeline: Timeline, ids: list[int], *, chunk: int = 500) -> Iterator[SlideEvent]:
    """The events `ids` (`timeline_event_ids`) in their order, each with its
    actors, public claims and sources: four queries for each `chunk` events,
    one part in memory at a time, whatever the timeline's length."""
    verdicts = {verdict.pk: verdict for verdict in Verdict.objects.all()}
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        actors, claims, sources = defaultdict(list), defaultdict(list), defaultdict(list)
        through = Event.actors.through.objects.filter(event_id__in=part)
        for event_id, name in through.order_by("actor__name", "actor_id").values_list("event_id", "actor__name"):
            actors[event_id].append(name)
        public = Claim.objects.public(on=timeline).filter(event_id__in=part).order_by("quote_start", "id")
        for event_id, pk, quote, claimant, verdict in public.values_list(
            "event_id", "pk", "quote", "claimant__name", "published_verdict_id"
        ):
            claims[event_id].append(SlideClaim(pk, quote, claimant or "", verdicts[verdict]))
        for event_id, title, url in EventSource.objects.filter(event_id__in=part).order_by(
            "position", "id"
        ).values_list("event_id", "title", "url"):
            sources[event_id].append((title, url))
        rows = {row[0]: row for row in Event.objects.filter(pk__in=part).values_list(*EVENT_COLUMNS)}
        for pk in part:
            _, uid, title, summary, location, date, precision, end, end_precision = rows[pk]
            yield SlideEvent(
                uid=uid, title=title, summary=summary, location=location, when=FuzzyDate(date, precision),
                until=FuzzyDate(end, end_precision or Precision.DAY) if end else None,
                actors=actors[pk], claims=claims[pk], sources=sources[pk],
            )

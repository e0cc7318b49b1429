"""Reads for the reader's timeline page (filters, search, pages and the year
index) and for the list of published timelines."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Count,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    prefetch_related_objects,
)
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext, ngettext

from factcheck.models import Claim, Verdict
from factcheck.selectors import timeline_unplaced_claims
from timeline.dates import precision_rank
from timeline.models import Actor, Event, Timeline, TimelineEntry
from timeline.reader.filters import Criteria, FilterOptions
from timeline.reader.search import filter_by_text, search_terms
from timeline.stamps import Stamp

# Reading a timeline with filters, search and pages (the reader's page).
# Each function's query count is fixed: it does not grow with the timeline.

DEFAULT_PAGE_SIZE = 20


def page_size() -> int:
    return int(getattr(settings, "TIMELINE_PAGE_SIZE", DEFAULT_PAGE_SIZE))


def _public_claims_of(timeline: Timeline) -> QuerySet[Claim]:
    """Every claim readers see on the timeline: about one of its events, or
    from one of its articles without an event."""
    return Claim.objects.for_readers(on=timeline)


def timeline_filter_options(timeline: Timeline, criteria: Criteria | None = None) -> FilterOptions:
    """What the timeline's filter menus offer: the verdicts its claims have,
    the people in its events and claims, and the years it spans; with the
    ones the reader asked for, so the menus show them."""
    criteria = criteria or Criteria()
    claims = _public_claims_of(timeline)
    verdicts = list(
        Verdict.objects.filter(pk__in=claims.values("published_verdict"))
        .order_by("position", "id")
    )
    events = Event.objects.public(on=timeline)
    # Only the people this timeline's readers see (the filter accepts no other).
    actors = list(Actor.objects.public(on=timeline).order_by("name"))
    span = events.aggregate(first=Min("date"), last=Max("date"))
    years = list(range(span["first"].year, span["last"].year + 1)) if span["first"] else []
    return FilterOptions(verdicts=verdicts, actors=actors, years=years)


def _claims_by(criteria: Criteria, claims: QuerySet[Claim], *, language: str) -> QuerySet[Claim]:
    if criteria.verdict:
        claims = claims.filter(published_verdict__slug=criteria.verdict)
    if criteria.actor:
        claims = claims.filter(claimant_id=criteria.actor)
    if criteria.q:
        claims = filter_by_text(claims, CLAIM_SEARCH_FIELDS, search_terms(criteria.q), language=language)
    return claims


EVENT_SEARCH_FIELDS = ["title", "summary", "location"]
# People are found with the "Who" filter; text search reads what was said and the verdict's rationale.
CLAIM_SEARCH_FIELDS = ["quote", "published_rationale"]


def timeline_events_matching(timeline: Timeline, criteria: Criteria) -> QuerySet[Event]:
    """Published events of the timeline that meet the criteria, in date order.

    An event matches a verdict when one of its claims has it; a person when
    they are among its actors or made one of its claims; a year range when
    the event's period overlaps it; a search when its own text or one of its
    claims contains every word.
    """
    events = Event.objects.public(on=timeline)
    claims = Claim.objects.for_readers(on=timeline).filter(event__isnull=False)
    if criteria.verdict:
        events = events.filter(pk__in=claims.filter(published_verdict__slug=criteria.verdict).values("event_id"))
    if criteria.actor:
        events = events.filter(
            Q(pk__in=Event.actors.through.objects.filter(actor_id=criteria.actor).values("event_id"))
            | Q(pk__in=claims.filter(claimant_id=criteria.actor).values("event_id"))
        )
    if criteria.year_from:
        start = datetime.date(criteria.year_from, 1, 1)
        events = events.filter(Q(date__gte=start) | Q(end_date__gte=start))
    if criteria.year_to:
        events = events.filter(date__lte=datetime.date(criteria.year_to, 12, 31))
    if criteria.q:
        terms = search_terms(criteria.q)
        if terms:
            # Only this timeline's events and claims are searched (an index does the rest on PostgreSQL).
            mine = Event.objects.public(on=timeline)
            own_text = filter_by_text(Event.objects.filter(pk__in=mine.values("pk")), EVENT_SEARCH_FIELDS, terms,
                                      language=timeline.language)
            claim_text = filter_by_text(claims.filter(event__in=mine.values("pk")), CLAIM_SEARCH_FIELDS, terms,
                                        language=timeline.language)
            events = events.filter(Q(pk__in=own_text.values("pk")) | Q(pk__in=claim_text.values("event_id")))
    return events.in_order()


def timeline_unplaced_claims_matching(timeline: Timeline, criteria: Criteria) -> QuerySet[Claim]:
    """Claims of the timeline's articles that are about no one event, under the
    criteria. They are dated by their article: a year range keeps the claims
    whose article was published in it."""
    claims = _claims_by(criteria, timeline_unplaced_claims(timeline), language=timeline.language)
    if criteria.year_from:
        claims = claims.filter(article__published_on__gte=datetime.date(criteria.year_from, 1, 1))
    if criteria.year_to:
        claims = claims.filter(article__published_on__lte=datetime.date(criteria.year_to, 12, 31))
    return claims


def timeline_claim_count(timeline: Timeline, criteria: Criteria) -> int:
    """How many claims the reader sees under the criteria, on every page."""
    placed = Claim.objects.for_readers(on=timeline).filter(event__in=timeline_events_matching(timeline, criteria).values("pk"))
    if criteria.verdict:
        placed = placed.filter(published_verdict__slug=criteria.verdict)
    unplaced = timeline_unplaced_claims_matching(timeline, criteria)
    return Claim.objects.filter(Q(pk__in=placed.values("pk")) | Q(pk__in=unplaced.values("pk"))).count()


def _with_reader_details(events: list[Event], criteria: Criteria, *, open_event: int | None = None) -> list[Event]:
    """Fetch what an event shows (actors, sources, claims) for a list of
    events in a fixed number of queries, and pick the claims listed under
    each: those of the verdict asked for, or all. The event `open_event`
    is marked to show its details."""
    prefetch_related_objects(
        events,
        "actors",
        "sources",
        Prefetch("claims", queryset=Claim.objects.for_readers().order_by("quote_start", "id"), to_attr="public_claims"),
    )
    for event in events:
        if criteria.verdict:
            event.listed_claims = [c for c in event.public_claims if c.published_verdict.slug == criteria.verdict]
        else:
            event.listed_claims = event.public_claims
        event.unlisted_claim_count = len(event.public_claims) - len(event.listed_claims)
        event.details_open = event.pk == open_event
    return events


@dataclass
class EventPage:
    """One page of a timeline's events under some criteria."""

    events: list[Event]
    number: int
    num_pages: int
    count: int
    per_page: int
    # The year of the last event before this page, when there is one: the
    # page's first year may continue it.
    previous_year: int | None = None
    notice: str = ""

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.count else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.events) - 1 if self.events else 0


def _page_of_event(events: QuerySet[Event], pk: int, per_page: int) -> int | None:
    """The page number an event falls on in `events` (date order), or None."""
    ranked = events.annotate(precision_rank=precision_rank())
    target = ranked.filter(pk=pk).values("date", "precision_rank").first()
    if target is None:
        return None
    date, rank = target["date"], target["precision_rank"]
    # The listing order is date, coarser precision first (a lower rank), then id.
    before = ranked.filter(
        Q(date__lt=date) | Q(date=date, precision_rank__lt=rank) | Q(date=date, precision_rank=rank, pk__lt=pk)
    ).count()
    return before // per_page + 1


def timeline_event_page(
    timeline: Timeline,
    criteria: Criteria,
    *,
    page: str | int = 1,
    open_event: int | None = None,
    per_page: int | None = None,
) -> EventPage:
    """The page of matching events the reader asked for: by number, or the
    page holding `open_event`. A page number that is not one, or out of range,
    gives the nearest real page and a notice."""
    per_page = per_page or page_size()
    events = timeline_events_matching(timeline, criteria)
    count = events.count()
    num_pages = max(1, -(-count // per_page))
    notice = ""
    number = _page_of_event(events, open_event, per_page) if open_event else None
    if number is None:
        raw = str(page).strip() if page not in (None, "") else "1"
        try:
            number = int(raw)
        except ValueError:
            number = 1
            notice = gettext("That is not a page number; showing the first page.")
        else:
            if number < 1:
                number = 1
                notice = gettext("That is not a page number; showing the first page.")
            elif number > num_pages:
                notice = ngettext(
                    "There is no page %(number)d: these results fit on %(pages)d page.",
                    "There is no page %(number)d: these results fit on %(pages)d pages.",
                    num_pages,
                ) % {"number": min(number, 10**9), "pages": num_pages}
                number = num_pages
    start = (number - 1) * per_page
    previous_year = None
    if start:
        window = list(events.select_related("article")[start - 1 : start + per_page])
        if window:
            previous_year = window[0].date.year
            window = window[1:]
    else:
        window = list(events.select_related("article")[:per_page])
    return EventPage(
        events=_with_reader_details(window, criteria, open_event=open_event),
        number=number,
        num_pages=num_pages,
        count=count,
        per_page=per_page,
        previous_year=previous_year,
        notice=notice,
    )


@dataclass(frozen=True)
class YearLink:
    year: int
    count: int
    page: int


def timeline_year_index(timeline: Timeline, criteria: Criteria, *, per_page: int | None = None) -> list[YearLink]:
    """Each year with matching events, how many, and the page its first event is on."""
    per_page = per_page or page_size()
    rows = (
        timeline_events_matching(timeline, criteria)
        .order_by()
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    links, seen = [], 0
    for row in rows:
        links.append(YearLink(year=row["year"], count=row["n"], page=seen // per_page + 1))
        seen += row["n"]
    return links


def timeline_event_for_reader(timeline: Timeline, pk: int, criteria: Criteria, *, details: bool) -> Event | None:
    """One published event of the timeline with everything its entry shows,
    its details open or not."""
    event = Event.objects.public(on=timeline).select_related("article").filter(pk=pk).first()
    if event is None:
        return None
    return _with_reader_details([event], criteria, open_event=pk if details else None)[0]


# --- the list of timelines (/timelines/) ------------------------------------

TIMELINES_PER_PAGE = 30


@dataclass(frozen=True)
class TimelineSummary:
    """One published timeline as the list shows it."""

    slug: str
    title: str
    description: str
    language: str
    url: str
    event_count: int
    claim_count: int
    featured: bool


def _count(queryset: QuerySet) -> Subquery:
    """COUNT(*) of `queryset` as a subquery (no GROUP BY: one row)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def timelines_for_readers() -> QuerySet[Timeline]:
    """Published timelines, newest first, each with `event_count` and
    `claim_count`: what its readers see on it (published events; published
    claims about them or from their articles about no one event), in one
    query whatever the number of timelines."""
    # `Event.objects.public(on=timeline)` and `Claim.objects.public(on=timeline)`
    # as correlated counts: the same rule (tests/timeline/reader compare them),
    # written so one query counts every timeline.
    entries = TimelineEntry.objects.filter(timeline=OuterRef("pk"), event__published=True)
    entries_here = TimelineEntry.objects.filter(timeline=OuterRef(OuterRef("pk")), event__published=True)
    claims = Claim.objects.published().filter(
        Q(event__in=entries_here.values("event_id"))
        | Q(event__isnull=True, article__in=entries_here.values("event__article_id"))
    )
    return (
        Timeline.objects.published()
        .annotate(event_count=_count(entries), claim_count=_count(claims))
        .order_by("-created_at", "-pk")
    )


def timeline_summaries(timelines: list[Timeline], featured: Timeline | None) -> list[TimelineSummary]:
    return [
        TimelineSummary(
            slug=timeline.slug,
            title=timeline.title,
            description=timeline.description,
            language=timeline.language,
            url=timeline.get_absolute_url(),
            event_count=timeline.event_count,
            claim_count=timeline.claim_count,
            featured=featured is not None and timeline.pk == featured.pk,
        )
        for timeline in timelines
    ]


def timelines_list_stamp() -> Stamp:
    """What the list's ETag rests on, in one query: which timelines are
    published and their version stamps (bumped by every change readers can
    see, their counts included), and the last save of any timeline (a
    publish, an unpublish, a new featured one)."""
    published = Q(published=True)
    row = Timeline.objects.aggregate(
        n=Count("pk", filter=published),
        ids=Sum("pk", filter=published),
        versions=Sum("content_version", filter=published),
        saved=Max("updated_at"),
        changed=Max("content_changed_at"),
    )
    times = [t for t in (row["saved"], row["changed"]) if t is not None]
    changed_at = max(times) if times else datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
    return Stamp(
        tag=f"l{row['n']}.{row['ids'] or 0}.{row['versions'] or 0}.{changed_at.timestamp():.6f}",
        changed_at=changed_at,
    )

"""Reads for the editors' panel: the work queue, its counts, and one claim
with everything the desk sees of it (draft and published, full history).

Each read runs a fixed number of queries, whatever the number of claims."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from factcheck.models import Claim, Verdict, VerdictChange
from factcheck.permissions import editors
from timeline.models import Article, Timeline, TimelineEntry
from timeline.search import filter_by_text, search_terms

# What the desk's search box reads: the claim, its rationale, who said it, the article.
DESK_SEARCH_FIELDS = ["quote", "rationale", "claimant__name", "article__headline"]


def verdict_scale() -> list[Verdict]:
    return list(Verdict.objects.all())


def desk_editors() -> list:
    """Everyone who may work on the desk, for assignment."""
    return list(editors().order_by(get_user_model().USERNAME_FIELD))


def queue_timelines() -> list[Timeline]:
    return list(Timeline.objects.only("slug", "title").order_by("title"))


def queue_articles() -> list[Article]:
    return list(Article.objects.only("uid", "headline", "outlet").order_by("-published_on", "headline"))


def _claims_for_desk() -> QuerySet[Claim]:
    return Claim.objects.select_related(
        "verdict", "published_verdict", "article", "claimant", "event", "changed_by", "assigned_to"
    ).prefetch_related("sources")


def claim_queue(*, user, filters: dict) -> tuple[QuerySet[Claim], QuerySet[Claim]]:
    """The claims matching `filters` (the queue filter form's valid values),
    in queue order, and the same without the verdict filter (for the counts
    per verdict). Page through the first's ids, then read the page's cards
    with `claims_for_cards`: ordering narrow rows, not joined ones, keeps a
    page fast in a long queue."""
    claims = Claim.objects.all()
    if terms := search_terms(filters.get("q") or ""):
        # The readers' rule (case, accents, plurals), over claims in any language.
        found = filter_by_text(Claim.objects.all(), DESK_SEARCH_FIELDS, terms)
        claims = claims.filter(pk__in=found.values("pk"))
    if timeline := filters.get("timeline"):
        on_timeline = Timeline.objects.filter(slug=timeline)
        claims = claims.filter(
            Q(event__in=TimelineEntry.objects.filter(timeline__in=on_timeline).values("event_id"))
            | Q(article__in=Article.objects.filter(events__timelines__in=on_timeline).values("pk"))
        )
    if article := filters.get("article"):
        claims = claims.filter(article__uid=article)
    if assignee := filters.get("assignee"):
        if assignee == "me":
            claims = claims.filter(assigned_to=user)
        elif assignee == "nobody":
            claims = claims.filter(assigned_to__isnull=True)
        else:
            claims = claims.filter(assigned_to__username=assignee)
    if published := filters.get("published"):
        claims = claims.filter(published=(published == "yes"))
    if since := filters.get("changed_since"):
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        claims = claims.filter(changed_at__gte=start)

    all_verdicts = claims
    if verdict := filters.get("verdict"):
        claims = claims.filter(verdict__slug=verdict)

    if filters.get("sort") == "article":
        order = ["article__published_on", "article_id", "quote_start", "id"]
    else:
        order = ["-changed_at", "-id"]
    return claims.order_by(*order), all_verdicts


def verdict_counts(claims: QuerySet[Claim], scale: Iterable[Verdict]) -> list[tuple[Verdict, int]]:
    """How many of `claims` have each verdict of the scale, in scale order."""
    counts = dict(claims.order_by().values_list("verdict_id").annotate(n=Count("id")).values_list("verdict_id", "n"))
    return [(verdict, counts.get(verdict.pk, 0)) for verdict in scale]


def claims_for_cards(ids: list[int]) -> list[Claim]:
    """These claims, in this order, with everything their cards show."""
    found = {claim.pk: claim for claim in _claims_for_desk().filter(pk__in=ids)}
    claims = [found[pk] for pk in ids if pk in found]
    attach_timelines(claims)
    return claims


def attach_timelines(claims: list[Claim]) -> None:
    """Set `claim.desk_timelines` for each claim in one query: the timelines
    that carry its event, or events of its article."""
    event_ids = {c.event_id for c in claims if c.event_id}
    article_ids = {c.article_id for c in claims if c.article_id}
    entries = (
        TimelineEntry.objects.filter(Q(event_id__in=event_ids) | Q(event__article_id__in=article_ids))
        .select_related("timeline", "event")
        .only("timeline__slug", "timeline__title", "timeline__published", "event__article_id")
        .order_by("timeline__title")
    )
    by_event, by_article = defaultdict(dict), defaultdict(dict)
    for entry in entries:
        by_event[entry.event_id][entry.timeline_id] = entry.timeline
        by_article[entry.event.article_id][entry.timeline_id] = entry.timeline
    for claim in claims:
        found = {**by_event.get(claim.event_id, {}), **by_article.get(claim.article_id, {})}
        claim.desk_timelines = sorted(found.values(), key=lambda t: t.title)


def claim_for_desk(pk: int) -> Claim:
    """A claim, published or not, with what its card shows; Claim.DoesNotExist otherwise."""
    claim = _claims_for_desk().select_related("event__article").get(pk=pk)
    attach_timelines([claim])
    return claim


def claim_history(claim: Claim) -> QuerySet[VerdictChange]:
    """Every change to the claim, newest first: what editors see."""
    return claim.history.select_related("from_verdict", "to_verdict", "editor")

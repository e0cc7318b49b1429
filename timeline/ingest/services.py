"""What accepting a proposal at /editor/ingest/ saves.

Each function runs in one transaction and is safe to repeat: the article is
found again by its web address or its text, and a proposal accepted twice
(a double click, a re-ingested article) returns what was saved the first
time instead of saving a copy.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from factcheck.models import Claim
from factcheck.services import claim_publish
from timeline.dates import FuzzyDate
from timeline.models import Actor, Article, Event, Timeline, TimelineEntry
from timeline.stamps import timelines_touch

INGEST_PERMISSIONS = ("timeline.add_article", "timeline.add_event", "factcheck.add_claim")


def _check(editor: AbstractBaseUser | None) -> None:
    if editor is None or not editor.is_authenticated or not editor.has_perms(INGEST_PERMISSIONS):
        raise PermissionDenied


def article_find(*, url: str, sha256: str) -> Article | None:
    """The stored article with this web address, else with this exact text."""
    if url:
        article = Article.objects.filter(url=url).first()
        if article is not None:
            return article
    return Article.objects.filter(body_sha256=sha256).first()


@transaction.atomic
def article_get_or_create(*, draft: dict, editor: AbstractBaseUser | None) -> Article:
    """The draft's article, saved the first time something of it is accepted."""
    _check(editor)
    fields = draft["article"]
    existing = article_find(url=fields["url"], sha256=draft["sha256"])
    if existing is not None:
        return existing
    article = Article(
        headline=fields["headline"],
        outlet=fields["outlet"],
        byline=fields.get("byline", ""),
        url=fields["url"],
        published_on=datetime.date.fromisoformat(fields["published_on"]),
        published_precision=fields["published_precision"],
        published_estimated=fields["published_estimated"],
        language=fields["language"],
        body=draft["text"],
    )
    article.full_clean()
    article.save()
    return article


@transaction.atomic
def event_accept(
    *,
    draft: dict,
    proposal: dict,
    editor: AbstractBaseUser | None,
    title: str,
    when: FuzzyDate,
    quote: str,
    timeline: Timeline,
    publish: bool,
) -> Event:
    """Save a proposed event on `timeline`, linked to the article with its
    quoted span; the date the article gives keeps its precision."""
    _check(editor)
    article = article_get_or_create(draft=draft, editor=editor)
    event = Event(
        title=title.strip(),
        date=when.date,
        date_precision=when.precision,
        article=article,
        quote=quote.strip(),
        article_date_precision=proposal["precision"],
        published=publish,
    )
    event.full_clean()  # locates the quote: its span is stored
    existing = Event.objects.filter(
        article=article, quote_start=event.quote_start, quote_end=event.quote_end, date=event.date
    ).first()
    if existing is not None:
        event = existing
    else:
        event.save()
    TimelineEntry.objects.get_or_create(timeline=timeline, event=event)
    # Claims of the same sentence accepted before the event are about it.
    Claim.objects.filter(
        article=article, event__isnull=True, quote_start__gte=proposal["start"], quote_end__lte=proposal["end"]
    ).update(event=event)
    if event.published:
        timelines_touch(timelines=Timeline.objects.filter(pk=timeline.pk))
    return event


def _actor(name: str) -> Actor | None:
    """The actor called `name` ("Schapiro" is "Martín Schapiro" when only one
    stored actor has that surname), created when there is none."""
    name = " ".join(name.split())
    if not name:
        return None
    actor = Actor.objects.filter(name__iexact=name).first()
    if actor is not None:
        return actor
    by_surname = list(Actor.objects.filter(name__iendswith=f" {name}")[:2])
    if len(by_surname) == 1:
        return by_surname[0]
    return Actor.objects.create(name=name[:200])


@transaction.atomic
def claim_accept(
    *,
    draft: dict,
    proposal: dict,
    editor: AbstractBaseUser | None,
    quote: str,
    claimant: str,
    publish: bool,
) -> Claim:
    """Save a proposed claim, Unverified, linked to the article with its span
    (and to an accepted event of the same sentence)."""
    _check(editor)
    article = article_get_or_create(draft=draft, editor=editor)
    claim = Claim(quote=quote.strip(), article=article)
    claim.full_clean(exclude=["claimant", "event"])  # locates the quote: its span is stored
    existing = Claim.objects.filter(
        article=article, quote_start=claim.quote_start, quote_end=claim.quote_end
    ).first()
    if existing is not None:
        return existing
    claim.claimant = _actor(claimant)
    claim.event = Event.objects.filter(
        article=article, quote_start__lte=claim.quote_start, quote_end__gte=claim.quote_end
    ).first()
    claim.changed_by = editor
    claim.save()
    if publish:
        claim = claim_publish(claim=claim, editor=editor, note="Accepted from the article, not yet checked.")
    return claim


def article_duplicate_error(*, url: str, sha256: str) -> ValidationError | None:
    """A stored article at this address with another text cannot take this one's spans."""
    if not url:
        return None
    article = Article.objects.filter(url=url).first()
    if article is not None and article.body_sha256 != sha256:
        return ValidationError(
            "An article with this web address is already stored (“%(headline)s”) with a different text. "
            "Paste the stored text, or give this one its own address.",
            params={"headline": article.headline},
            code="url_taken",
        )
    return None

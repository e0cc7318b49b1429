"""Script and markup payloads, and a newsroom whose every text field holds one.

Every payload that would run sets `window.__pwned` and calls `alert()`, so a
browser test can tell whether any ran, and carries MARK, so a parser can
find it in a page (see `inert.py`). They are written to be short enough for
the shortest text field (a verdict label, 60 characters).

`store_markup()` writes them through the ORM, bypassing the forms, as a
restore of a tampered backup or a bug in some future form could: what is
tested is that pages show stored text inert, whatever let it in. The forms
refusing such input is tested by the fuzz targets.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model

MARK = "__pwned"
RUN = f"{MARK}=1;alert(1)"

PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f'"><svg onload="{RUN}">',
    f"'><img src=x onerror={MARK}=1>",
    f"</script><script>{RUN}</script>",
    f"</textarea><script>{RUN}</script>",
    f"</title><script>{RUN}</script>",
    f'<a href="javascript:{RUN}">x</a>',
    f'<iframe srcdoc="<script>parent.{RUN}</script>">',
    f"<!--<script>{RUN}</script>-->",
    f"\u2028\u2029<script>{RUN}</script>",
    f"<math><style><img src=x onerror={MARK}=1>",
    f"<body onload={MARK}=1>",
    f"<details open ontoggle={MARK}=1>",
]
# Text a template engine would evaluate if it ever rendered stored text as a template.
TEMPLATE_TEXT = "{{ 7|add:7 }}{% now 'Y' %}{# x #}"
# Source links: not http(s); the forms refuse them, a tampered restore would not.
SCRIPT_URLS = [f"javascript:{RUN}", f" JaVaScRiPt:{MARK}=1", f"data:text/html,<script>{RUN}</script>"]
# An http(s) address the forms accept, that breaks out of a quoted attribute if not escaped.
QUOTE_URL = f"https://example.org/?q=\"><script>{RUN}</script>&x='><svg/onload={MARK}=1>"


def payload(n: int, limit: int = 300) -> str:
    """The n-th payload (cycling), within `limit` characters."""
    text = PAYLOADS[n % len(PAYLOADS)]
    return text if len(text) <= limit else text[:limit]


def mixed(n: int) -> str:
    """Longer text: prose around two payloads and the template-looking text."""
    return f"Before {payload(n)} middle {TEMPLATE_TEXT} {payload(n + 1)} after & “quotes” 'single'"


@dataclass
class StoredMarkup:
    timeline: object
    event: object
    claim: object
    unplaced_claim: object
    article: object
    actor: object
    verdict: object
    editor: object

    def public_pages(self) -> list[str]:
        slug = self.timeline.slug
        return [
            f"/timelines/{slug}/",
            f"/timelines/{slug}/?open={self.event.pk}",
            f"/claims/{self.claim.pk}/",
            f"/claims/{self.unplaced_claim.pk}/",
            f"/embed/timelines/{slug}/",
            f"/embed/timelines/{slug}/code/",
            f"/embed/timelines/{slug}/code/panel/",
        ]

    def editor_pages(self) -> list[str]:
        return ["/editor/", f"/editor/claims/{self.claim.pk}/", f"/editor/claims/{self.unplaced_claim.pk}/"]

    def admin_pages(self) -> list[str]:
        changelists = [
            "factcheck/claim",
            "factcheck/verdict",
            "factcheck/verdictchange",
            "timeline/actor",
            "timeline/article",
            "timeline/event",
            "timeline/timeline",
        ]
        changes = [
            ("factcheck/claim", self.claim.pk),
            ("factcheck/verdict", self.verdict.pk),
            ("timeline/actor", self.actor.pk),
            ("timeline/article", self.article.pk),
            ("timeline/event", self.event.pk),
            ("timeline/timeline", self.timeline.pk),
        ]
        history = self.claim.history.first()
        return (
            [f"/admin/{name}/" for name in changelists]
            + [f"/admin/{name}/{pk}/change/" for name, pk in changes]
            + [f"/admin/factcheck/verdictchange/{history.pk}/change/"]
        )


def store_markup(*, slug: str = "stored-markup") -> StoredMarkup:
    """A published timeline, event, claims, article, actor, verdict, sources,
    verdict history and editor, with a payload in every text field."""
    from factcheck.models import Claim, ClaimSource, Verdict
    from factcheck.services import SourceInput, claim_publish, claim_set_status
    from tests.editors import make_editor
    from timeline.models import Actor, Article, Event, EventSource, Timeline, TimelineEntry

    editor = make_editor(
        f"markup-editor-{slug}", staff=True, is_superuser=True, first_name=payload(1, 150), last_name=payload(2, 150)
    )
    verdict = Verdict.objects.create(
        slug=f"{slug}-verdict",
        label=payload(1, 60),
        label_es=payload(2, 60),
        description=mixed(3),
        colour=Verdict.Colour.RED,
        rating_value=1,
        is_final=True,
        position=99,
    )
    actor = Actor.objects.create(name=payload(3, 200), description=mixed(4)[:300])
    claim_quote = f"Claimed {payload(5)} and {TEMPLATE_TEXT}"
    unplaced_quote = f"Unplaced {payload(6)}"
    article = Article.objects.create(
        headline=payload(7),
        outlet=payload(8, 200),
        byline=payload(9, 200),
        url=SCRIPT_URLS[0],
        published_on=datetime.date(2024, 3, 6),
        body=f"{mixed(10)}\n\n{claim_quote}.\n\n{unplaced_quote}.\n\nIn March 2024 {payload(11)} happened.",
    )
    timeline = Timeline.objects.create(slug=slug, title=payload(12), description=mixed(13), published=True)
    event = Event(
        title=payload(0),
        summary=mixed(1),
        location=payload(2, 200),
        date=datetime.date(2024, 3, 5),
        article=article,
        quote=claim_quote,
        published=True,
    )
    event.full_clean()
    event.save()
    event.actors.add(actor)
    TimelineEntry.objects.create(timeline=timeline, event=event)
    EventSource.objects.create(event=event, title=payload(4), url=SCRIPT_URLS[1], position=0)
    EventSource.objects.create(event=event, title=payload(5), url=QUOTE_URL, position=1)

    claims = []
    for quote, claim_event in ((claim_quote, event), (unplaced_quote, None)):
        claim = Claim(quote=quote, article=article, claimant=actor, event=claim_event, assigned_to=editor)
        claim.full_clean()
        claim.save()
        claim = claim_set_status(
            claim=claim,
            editor=None,
            expected_version=None,
            verdict=verdict,
            rationale=mixed(6),
            sources=[
                SourceInput(title=payload(7), url=QUOTE_URL),
                SourceInput(title=payload(8), url="https://example.org/"),
            ],
            note=mixed(9),
        )
        claim = claim_publish(claim=claim, editor=None, note=mixed(10))
        # What no form lets through: links that are not http(s), in the
        # draft's sources and in what readers see.
        ClaimSource.objects.filter(claim=claim, position=1).update(url=SCRIPT_URLS[2])
        published = list(claim.published_sources) + [{"title": payload(11), "url": SCRIPT_URLS[0]}]
        Claim.objects.filter(pk=claim.pk).update(published_sources=published, changed_by=editor)
        claims.append(Claim.objects.get(pk=claim.pk))
    return StoredMarkup(
        timeline=timeline,
        event=event,
        claim=claims[0],
        unplaced_claim=claims[1],
        article=article,
        actor=actor,
        verdict=verdict,
        editor=get_user_model().objects.get(pk=editor.pk),
    )


def ingest_form(**changes) -> dict[str, str]:
    """The paste form of /editor/ingest/ with a payload in every field it keeps."""
    data = {
        "headline": payload(0),
        "outlet": payload(1, 200),
        "byline": payload(2, 200),
        "url": QUOTE_URL,
        "published_0": "2025-01-22",
        "published_1": "",
        "language": "en",
        "text": (
            f"In February 2024 the minister said {payload(3)} inflation had halved, according to the Indec. "
            f"On 5 March 2024 {payload(4)} critics said the figure was “invented” {TEMPLATE_TEXT}. "
            f"Unemployment rose by 7% in 2023, said the president {payload(5)}."
        ),
    }
    data.update(changes)
    return data

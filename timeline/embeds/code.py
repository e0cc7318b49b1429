"""The embed-code generator: the options a reader picks, and the snippets
and preview for them. Shared by the panel on the timeline page (which reads
`embed_*` parameters, so it works without JavaScript) and the endpoint its
script asks as the options change."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.http import HttpRequest

from factcheck.models import Claim, Verdict
from factcheck.web.site import site_root
from timeline.embeds.options import (
    MAX_HEIGHT,
    MIN_HEIGHT,
    ORDERS,
    THEMES,
    EmbedOptionError,
    EmbedOptions,
    embed_url,
    loader_url,
    snippet_iframe,
    snippet_script,
)
from timeline.models import Timeline

PREFIX = "embed_"


@dataclass(frozen=True)
class OfferedVerdict:
    slug: str
    label: str
    label_es: str
    claim_count: int

    localized_label = Verdict.localized_label


def timeline_verdicts(timeline: Timeline) -> list[OfferedVerdict]:
    """The verdicts readers see on this timeline, in scale order, each with
    how many published claims carry it: one query (the reader's page has a
    query budget)."""
    claims = Claim.objects.public(on=timeline)
    rows = (
        claims.order_by()
        .values("published_verdict__slug", "published_verdict__label", "published_verdict__label_es",
                "published_verdict__position", "published_verdict_id")
        .annotate(claim_count=Count("pk", distinct=True))
        .order_by("published_verdict__position", "published_verdict_id")
    )
    return [
        OfferedVerdict(
            slug=row["published_verdict__slug"],
            label=row["published_verdict__label"],
            label_es=row["published_verdict__label_es"],
            claim_count=row["claim_count"],
        )
        for row in rows
    ]


def read_options(query, prefix: str = "") -> EmbedOptions:
    """Options from the generator's form (`<prefix>theme`, ...); a value the
    embed would refuse is left out rather than shown as an error."""
    if hasattr(query, "getlist"):
        verdicts = ",".join(query.getlist(prefix + "verdict"))
    else:
        verdicts = query.get(prefix + "verdict", "")
    values = {name: (query.get(prefix + name) or "") for name in ("theme", "order", "lang", "height")}
    values["verdict"] = verdicts
    kept = {}
    for name, value in values.items():
        try:
            EmbedOptions.from_query({name: value})
        except EmbedOptionError:
            continue
        kept[name] = value
    return EmbedOptions.from_query(kept)


def embed_code_context(request: HttpRequest, timeline: Timeline, options: EmbedOptions) -> dict:
    """What the generator's snippets and preview show for `options`."""
    root = site_root(request)
    return {
        "timeline": timeline,
        "options": options,
        "snippet_script": snippet_script(root, timeline.slug, timeline.title, options),
        "snippet_iframe": snippet_iframe(root, timeline.slug, timeline.title, options),
        "embed_url": embed_url(root, timeline.slug, options),
        "loader_url": loader_url(root),
        "themes": THEMES,
        "orders": ORDERS,
        "min_height": MIN_HEIGHT,
        "max_height": MAX_HEIGHT,
    }

"""schema.org ClaimReview for a published claim, as JSON-LD.

Only a claim published with a final verdict (a rating on the scale) is a
review with an outcome, so only it gets a ClaimReview, with reviewRating's
ratingValue, bestRating and worstRating from the scale and alternateName the
verdict's label. Workflow states (Unverified, In review, Not checkable) are
no place on the scale: a ClaimReview without a rating would tell fact-check
readers such as Google's Fact Check Explorer that a review concluded when it
did not, so those claim pages carry none.

claimReviewed is the claim's short summary (at most SUMMARY_MAX_LENGTH
characters, as Google's guidance asks) when an editor wrote one, else the quote.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db.models import Max, Min
from django.utils.safestring import SafeString, mark_safe

from factcheck.models import Claim, Verdict, VerdictChange
from timeline.models import Actor, followable_url

# What must never appear raw inside <script>: "</script>", "<!--", and "&"
# for good measure. JSON allows \u escapes, so the data is unchanged.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """A <script type="application/ld+json"> data block (not executed, so a
    Content-Security-Policy leaves it alone), safe for any text in `data`."""
    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def _person_or_organization(actor: Actor) -> dict:
    kind = "Organization" if actor.kind == Actor.Kind.ORGANIZATION else "Person"
    return {"@type": kind, "name": actor.name}


def claim_review(claim: Claim, *, url: str, site: str) -> dict | None:
    """The ClaimReview of a published claim, or None when it has no final
    verdict. `url` is the claim page's absolute address, `site` the site's
    ("https://facts.example"): the author's address when NEWSROOM_URL is unset."""
    verdict = claim.published_verdict
    if not claim.published or verdict is None or not verdict.is_final or verdict.rating_value is None:
        return None
    scale = Verdict.objects.final().rated().aggregate(best=Max("rating_value"), worst=Min("rating_value"))
    first_published = (
        claim.history.filter(action=VerdictChange.Action.PUBLISH).order_by("created_at", "id").values_list("created_at", flat=True).first()
        or claim.published_at
    )
    author = {"@type": "Organization", "name": settings.NEWSROOM_NAME, "url": settings.NEWSROOM_URL or f"{site}/"}

    item: dict = {"@type": "Claim"}
    if claim.claimant:
        item["author"] = _person_or_organization(claim.claimant)
    if claim.article:
        article = claim.article
        appearance = {"@type": "NewsArticle", "headline": article.headline}
        if not article.published_estimated:
            # An estimated publication date is not stated as the claim's date.
            item["datePublished"] = appearance["datePublished"] = article.published.iso
        if followable_url(article.url):
            appearance["url"] = followable_url(article.url)
        if article.byline:
            appearance["author"] = {"@type": "Person", "name": article.byline}
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
        item["appearance"] = appearance

    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        # Search engines show at most about 75 characters: the editors' short summary, when there is one.
        "claimReviewed": claim.summary or claim.quote,
        "author": author,
        "datePublished": first_published.date().isoformat(),
        "dateModified": claim.published_at.isoformat() if claim.published_at else first_published.isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "name": verdict.localized_label,
            "ratingValue": verdict.rating_value,
            "bestRating": scale["best"],
            "worstRating": scale["worst"],
            "alternateName": verdict.localized_label,
        },
        "itemReviewed": item,
    }
    return review

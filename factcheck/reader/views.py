"""The public claim page: the quote in its article, the published verdict,
its corrections and the timeline it belongs to."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from factcheck import selectors
from factcheck.models import Claim
from factcheck.reader import cards
from factcheck.web.http_cache import shared_for_readers
from timeline import stamps
from timeline.quotes import Span, context_around
from timeline.stamps import Stamp


def claim_page_stamp(pk: int) -> Stamp | None:
    """The claim page's version: the stamps of the published timelines that
    reach the claim (every change its page shows bumps them: the claim's
    publication or withdrawal, its verdict, its event, article and timeline).
    None for a claim with no public page. Which timelines those are is
    remembered as the stamps are (HTTP_STAMP_MEMO_SECONDS)."""
    slugs = stamps.remembered(f"claim-timelines:{pk}", lambda: selectors.claim_page_timelines(pk))
    found = [stamp for slug in slugs if (stamp := stamps.timeline_stamp(slug))]
    if not found:
        return None
    return Stamp(tag=f"c{pk}-" + "-".join(stamp.tag for stamp in found), changed_at=max(s.changed_at for s in found))


@require_safe
@shared_for_readers(claim_page_stamp)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A public claim for readers; a withdrawn one says so (when, why) with
    its corrections, and nothing else of its verdict; 404 for any other."""
    try:
        claim = selectors.claim_for_readers(pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None
    withdrawn = not claim.published
    quote_context = None
    if claim.article and claim.quote_start is not None and not withdrawn:
        quote_context = context_around(claim.article.body, Span(claim.quote_start, claim.quote_end))
    return render(
        request,
        "factcheck/claim_detail.html",
        {
            "claim": claim,
            "verdict": claim.published_verdict,
            "withdrawn": withdrawn,
            "withdrawal": selectors.claim_withdrawal(claim) if withdrawn else None,
            "quote_context": quote_context,
            "corrections": selectors.claim_corrections(claim),
            "timeline": selectors.claim_timeline(claim),
            "share": cards.claim_share(request, claim, claim_page_stamp(pk)),
        },
    )


@require_safe
@shared_for_readers(claim_page_stamp, query=False)
def claim_card(request: HttpRequest, pk: int) -> HttpResponse:
    """The claim's share card, a PNG, on its page's version stamp: the page's
    rule (a withdrawn claim's card says so; any other hidden one is a 404)."""
    try:
        claim = selectors.claim_for_readers(pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None
    return HttpResponse(cards.draw_claim_card(cards.claim_card(claim)), content_type="image/png")

from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from timeline.quotes import Span, context_around

from . import selectors
from .models import Claim


@require_safe
def claim_detail(request, pk):
    try:
        claim = selectors.claim_for_readers(pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None
    quote_context = None
    if claim.article and claim.quote_start is not None:
        quote_context = context_around(claim.article.body, Span(claim.quote_start, claim.quote_end))
    return render(
        request,
        "factcheck/claim_detail.html",
        {
            "claim": claim,
            "verdict": claim.published_verdict,
            "quote_context": quote_context,
            "corrections": selectors.claim_corrections(claim),
            "timeline": selectors.claim_timeline(claim),
        },
    )


@require_safe
@never_cache
def healthz(request):
    """Liveness with a database round trip: 200 when it answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})

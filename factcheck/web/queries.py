"""Short, shareable addresses for GET forms.

A browser submitting a filter form without JavaScript sends every field,
set or not (`?q=&verdict=unverified&actor=&from=&to=`). `drops_empty_parameters`
answers such a request with a redirect to the same address without the
empty ones, so the address a reader shares or bookmarks says only what they
chose. (With JavaScript, htmx's requests leave them out before they are
sent: static/js/timeline.js; an HTMX request is never redirected.)"""

from __future__ import annotations

import functools
from urllib.parse import unquote_plus

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


# Longer than this, an address is not one anybody shares: it is answered as
# it came (Django refuses to redirect to one over 16,384 characters).
MAX_SHORT_ADDRESS = 2048


def _set(part: str) -> bool:
    """Whether one `key=value` of a query string has a value (not blank)."""
    return bool(unquote_plus(part.partition("=")[2]).strip())


def drops_empty_parameters(view):
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method in ("GET", "HEAD") and not request.headers.get("HX-Request"):
            # The parts kept as they were sent: the short address is never
            # longer than the one asked for.
            parts = [part for part in request.META.get("QUERY_STRING", "").split("&") if part]
            kept = [part for part in parts if _set(part)]
            short = request.path + ("?" + "&".join(kept) if kept else "")
            if len(kept) < len(parts) and len(short) <= MAX_SHORT_ADDRESS:
                return HttpResponseRedirect(short)
        return view(request, *args, **kwargs)

    return wrapped

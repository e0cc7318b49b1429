"""HTMX requests: their type, and the one rule for answering page or part.

A page that HTMX also asks for in parts is one template: the whole page for
a browser's request, one `{% partialdef %}` of it (`"page.html#part"`) for
an HTMX request. Views say which part and let `page_or_partial` choose.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails


# The request headers an HTMX answer may depend on: a response that does
# is cached under all of them and varies on them (a history restore, say,
# asks for the whole page where a plain HTMX request gets a fragment).
HTMX_HEADERS = ("HX-Request", "HX-Target", "HX-Current-URL", "HX-History-Restore-Request")


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (`request.htmx`)."""

    htmx: HtmxDetails


def wants_partial(request: HtmxHttpRequest) -> bool:
    """An HTMX request for a part of the page. Restoring history after a
    cache miss asks for the whole page, so that gets the page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def page_or_partial(
    request: HtmxHttpRequest,
    template: str,
    partial: str | None,
    context: dict | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    """`template` for a browser, `template#partial` for HTMX (when `partial`
    is given); `context` and `status` either way."""
    name = f"{template}#{partial}" if partial and wants_partial(request) else template
    return render(request, name, context, status=status)

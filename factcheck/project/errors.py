"""The 400 handler: a request Django refuses before any view runs.

A paste larger than DATA_UPLOAD_MAX_MEMORY_SIZE (a 5 MB article, say) is
refused while the form is read; the editor gets a page that says what the
limit is (413), not a bare "Bad Request". A form of more fields than
DATA_UPLOAD_MAX_NUMBER_FIELDS, or a request Django cannot read at all, gets
the 400 page.

An HTMX request gets only the message (the page's `message` partial), not a
whole page to swap into a card: the desk's script shows it in the page's
live region (static/js/editor.js). The handler may run before django-htmx's
middleware has (a request refused early has no `request.htmx`): then it is
answered as a browser's, which `page_or_partial` does by itself.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.urls import reverse

from factcheck.web.htmx import HtmxHttpRequest, page_or_partial
from timeline.ingest.draft import MAX_ARTICLE_CHARS


def bad_request(request: HtmxHttpRequest, exception: Exception | None = None) -> HttpResponse:
    """413 for a form over the size limit, else 400; the page or its message."""
    if isinstance(exception, RequestDataTooBig):
        template, status = "413.html", 413
        context = {
            "limit_mb": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000:.1f}",
            "article_limit": f"{MAX_ARTICLE_CHARS:,}",
            # The article's limit is news only where an article is pasted.
            "pasting": request.path.startswith(reverse("ingest:start")),
        }
    else:
        template, status, context = "400.html", 400, {}
    response = page_or_partial(request, template, "message", context, status=status)
    response["Cache-Control"] = "no-store"
    return response

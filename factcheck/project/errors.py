"""The 400 handler: a request Django refuses before any view runs.

A paste larger than DATA_UPLOAD_MAX_MEMORY_SIZE (a 5 MB article, say) is
refused while the form is read; the editor gets a page that says what the
limit is (413), not a bare "Bad Request". A form of more fields than
DATA_UPLOAD_MAX_NUMBER_FIELDS, or a request Django cannot read at all, gets
the 400 page.

An HTMX request gets only the message (the page's `message` partial), not a
whole page to swap into a card: the desk's script shows it in the page's
live region (static/js/editor.js).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render

from timeline.ingest.draft import MAX_ARTICLE_CHARS


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        template, status = "413.html", 413
        context = {
            "limit_mb": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000:.1f}",
            "article_limit": f"{MAX_ARTICLE_CHARS:,}",
        }
    else:
        template, status, context = "400.html", 400, {}
    if getattr(request, "htmx", False):
        template += "#message"
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response

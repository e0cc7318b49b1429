"""The 400 handler: a request Django refuses before any view runs.

A paste larger than DATA_UPLOAD_MAX_MEMORY_SIZE (a 5 MB article, say) is
refused while the form is read; the editor gets a page that says what the
limit is (413), not a bare "Bad Request".
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render

from timeline.ingest import MAX_ARTICLE_CHARS


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        context = {
            "limit_mb": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000:.1f}",
            "article_limit": f"{MAX_ARTICLE_CHARS:,}",
        }
        return render(request, "413.html", context, status=413)
    return render(request, "400.html", status=400)

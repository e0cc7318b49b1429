"""The site's URLs plus /bench/bare/, a Django view that returns a fixed
string: the baseline the embed's throughput is measured against, on the
same stack (gunicorn, every middleware). It comes last, so resolving it
costs no less than resolving the embed. Loaded only by bench_settings."""

from django.http import HttpResponse
from django.urls import path

from factcheck.project.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


# The same, with a body as large as the seed embed's: shows how much of the
# difference is bytes on the wire rather than work.
SIZED_BODY = "x" * int(__import__("os").environ.get("BENCH_SIZED_BYTES", "16000"))


def bare_sized(request):
    return HttpResponse(SIZED_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [*site_urlpatterns, path("bench/bare/", bare), path("bench/bare-sized/", bare_sized)]

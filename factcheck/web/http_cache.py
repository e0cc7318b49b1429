"""HTTP caching for the responses a CDN may share: the embed, the TimelineJS
API, oEmbed and the Atom feed.

Each of them depends on a version stamp that every change readers can see
bumps (`Timeline.content_version`, see `timeline.stamps`). The stamp, the release and the
response's variant (its options) make the ETag; a conditional GET that
matches is answered 304 after the one query that reads the stamp. A full
response is rendered once per ETag and kept in the cache (Redis when
configured) and in the worker's memory (`near_cache`), so a popular embed
costs one cheap query, or none within the stamp's memo time.

Shared responses carry no session or CSRF state, `Cache-Control: public,
max-age=HTTP_CACHE_MAX_AGE`, and take their language from the URL, never
from the reader's Accept-Language or cookie: `SharedCacheMiddleware` drops
the `Vary: Accept-Language` that LocaleMiddleware adds.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils import translation
from django.utils.http import http_date

from factcheck.web.htmx import HTMX_HEADERS
from factcheck.web.near_cache import responses as near_responses
from factcheck.web.site import site_root

from timeline.stamps import Stamp

logger = logging.getLogger(__name__)

# How long a rendered response stays in the cache. Its key holds the version
# stamp, so a stale entry is never served: it only ages out.
BODY_CACHE_SECONDS = 24 * 60 * 60
# Headers a view sets that a cached copy must carry too.
KEPT_HEADERS = ("Vary", "HX-Push-Url", "Content-Language")


@functools.cache
def release() -> str:
    """This deployment: RELEASE from the environment and the static files'
    manifest hash (hashed file names appear in the pages)."""
    manifest_hash = ""
    try:
        from django.contrib.staticfiles.storage import staticfiles_storage

        manifest_hash = getattr(staticfiles_storage, "manifest_hash", "") or ""
    except Exception:  # no manifest yet (DEBUG without collectstatic)
        manifest_hash = ""
    return f"{settings.RELEASE}:{manifest_hash}"


def _settings_shown() -> str:
    """Settings that appear in shared responses: changing one (and
    restarting) must not leave caches, Redis included, on the old text."""
    return f"{settings.NEWSROOM_NAME}|{settings.NEWSROOM_URL}|{settings.EMBED_POLL_SECONDS}|{settings.OEMBED_CACHE_AGE}"


def etag_for(stamp: Stamp, variant: str) -> str:
    return _validators(stamp, variant, release(), _settings_shown())[0]


@functools.lru_cache(maxsize=4096)
def _validators(stamp: Stamp, variant: str, release: str, shown: str) -> tuple[str, int, str]:
    """ETag, Last-Modified (as a timestamp and as an HTTP date) for a stamp
    and variant; remembered, as the same ones are asked for again and again."""
    # The change time is part of it too: a database restored or reloaded
    # under a cache that outlived it may repeat a version number.
    key = f"{stamp.tag}|{stamp.changed_at.isoformat()}|{release}|{shown}|{variant}"
    digest = hashlib.blake2b(key.encode(), digest_size=10).hexdigest()
    last_modified = int(stamp.changed_at.timestamp())
    # Weak: the same content may one day travel compressed or with a nonce.
    return f'W/"{stamp.tag}-{digest}"', last_modified, http_date(last_modified)


def _cache_get(key: str):
    """This process's copy, else the shared cache's (kept here then too)."""
    value = near_responses.get(key)
    if value is not None:
        return value
    try:
        value = cache.get(key)
    except Exception:  # the cache is an optimisation; Redis down is not an error page
        logger.warning("shared response cache unavailable", exc_info=True)
        return None
    if value is not None:
        near_responses.set(key, value, size=len(value[2]))
    return value


def _cache_set(key: str, value) -> None:
    near_responses.set(key, value, size=len(value[2]))
    try:
        cache.set(key, value, BODY_CACHE_SECONDS)
    except Exception:
        logger.warning("shared response cache unavailable", exc_info=True)


def shared_response(
    request: HttpRequest,
    *,
    stamp: Stamp,
    variant: str,
    build: Callable[[str], HttpResponse],
    language: str | None = None,
    cors: bool = False,
) -> HttpResponse:
    """A cacheable response for `stamp`: 304 when the client's copy is
    current, else the body built by `build(etag)` (kept in the cache per
    ETag). A response `build` returns with another status than 200 (a bad
    option found late) goes out as it is, without validators.

    `variant` must name everything else the body depends on (options,
    language, the scheme and host of absolute links)."""
    etag, last_modified, last_modified_http = _validators(stamp, variant, release(), _settings_shown())
    meta = request.META
    if meta.get("HTTP_IF_NONE_MATCH") == etag and "HTTP_IF_MATCH" not in meta and "HTTP_IF_UNMODIFIED_SINCE" not in meta:
        # The common case (an open embed polling, a CDN revalidating), answered
        # without parsing; anything else goes through Django's full rules.
        response = HttpResponseNotModified()
    else:
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        key = f"shared-response:{etag}"
        cached = _cache_get(key)
        if cached is not None:
            status, content_type, content, headers = cached
            response = HttpResponse(content, content_type=content_type, status=status)
            for name, value in headers:
                response[name] = value
        else:
            response = build(etag)
            if response.status_code != 200:
                return mark_shared(response, language=language, cors=cors)
            if not response.streaming:
                headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
                _cache_set(key, (response.status_code, response["Content-Type"], response.content, headers))
    response["ETag"] = etag
    response["Last-Modified"] = last_modified_http
    mark_shared(response, language=language, cors=cors)
    return response


def shared_for_readers(stamp_for: Callable[..., Stamp | None], *, query: bool = True):
    """A reader page served as a shared response to signed-out readers: the
    view's own answer, rendered once per version stamp and variant and kept
    in the cache, with ETag and 304s, so a CDN may keep it too.

    `stamp_for(*args, **kwargs)` is the stamp of what the page shows (None:
    not public, the view answers). The variant is everything else the answer
    depends on: the path and query, the HTMX request headers, the language
    (from the language cookie or Accept-Language: the response keeps varying
    on both) and the site's address. Signed-in users get the view's answer,
    never a shared one. With `query=False` (a share card, whose `?v=` only
    tells social sites' caches a new version) the query string is no part of
    the variant: any query gets the one cached answer, so varying it cannot
    make the server draw again."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            stamp = stamp_for(*args, **kwargs)
            if stamp is None:
                return view(request, *args, **kwargs)
            language = translation.get_language() or settings.LANGUAGE_CODE
            headers = request.headers
            htmx = tuple(headers.get(name, "") for name in HTMX_HEADERS)
            asked = request.META.get("QUERY_STRING", "") if query else ""
            variant = "|".join((request.path, asked, *htmx, language, site_root(request)))

            def build(etag: str) -> HttpResponse:
                return view(request, *args, **kwargs)

            response = shared_response(request, stamp=stamp, variant=variant, build=build)
            response.language_negotiated = True
            return response

        return wrapped

    return decorator


def mark_shared(response: HttpResponse, *, language: str | None = None, cors: bool = False) -> HttpResponse:
    """Headers of a response any cache may keep and any page may read."""
    response["Cache-Control"] = f"public, max-age={settings.HTTP_CACHE_MAX_AGE}"
    if language:
        # Set here so LocaleMiddleware keeps it instead of the reader's language.
        response["Content-Language"] = language
    if cors:
        response["Access-Control-Allow-Origin"] = "*"
    response.shared_cache = True
    return response


class SharedCacheMiddleware:
    """For responses marked shared: remove `Accept-Language` from Vary (their
    language comes from the URL). For the others, add `Cookie` beside it (the
    language switch's cookie chooses their language too). Sits just before LocaleMiddleware so it sees
    the response after LocaleMiddleware has added the header.

    A shared response that sets a cookie is a bug; rather than let a cache
    hand one reader's cookie to another, it is made private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(response, "shared_cache", False):
            # Other pages are in the reader's language, read from the language
            # switch's cookie or else Accept-Language: caches must key on both.
            if "accept-language" in response.get("Vary", "").lower():
                patch_vary_headers(response, ("Cookie",))
            return response
        if response.cookies:
            logger.error("shared response for %s sets a cookie; sent private", request.path)
            response["Cache-Control"] = "private, no-cache"
            patch_vary_headers(response, ("Cookie",))
            return response
        if getattr(response, "language_negotiated", False):
            # A reader page in the reader's language: caches key on both
            # of what chose it, and on nothing else of the reader's.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        if response.has_header("Vary"):
            kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response

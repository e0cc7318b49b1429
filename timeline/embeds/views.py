"""Views other sites use: the framable embed, its loader script, oEmbed and
the TimelineJS JSON API. Published content only; no session or CSRF state;
cacheable by any shared cache (see `http_cache`)."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.request import split_domain_port, validate_host
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_safe

from factcheck import selectors as claim_selectors
from factcheck.web.htmx import HtmxHttpRequest
from factcheck.web.http_cache import mark_shared, shared_response
from factcheck.web.site import language_codes, site_host, site_root
from factcheck.web.storage import inline_stylesheet
from timeline import selectors, stamps
from timeline.embeds import selectors as embed_selectors
from timeline.embeds.code import PREFIX, embed_code_context, read_options
from timeline.embeds.options import (
    DEFAULT_FRAME_HEIGHT,
    EMBED_STYLESHEET,
    MAX_HEIGHT,
    MIN_HEIGHT,
    EmbedOptionError,
    EmbedOptions,
    embed_page,
    embed_url,
    frame_height,
    loader_url,
)
from timeline.interop.timelinejs import timeline_to_timelinejs, timelinejs_parts
from timeline.models import Timeline

OEMBED_DEFAULT_WIDTH = 640
DEFAULT_OPTIONS = EmbedOptions()
MAX_URL_LENGTH = 2000
MAX_OEMBED_SIZE = 100_000


def frame_ancestors() -> list[str]:
    """Who may frame an embed: EMBED_FRAME_ANCESTORS, and always this site
    itself (the embed-code generator's preview)."""
    sources = list(settings.EMBED_FRAME_ANCESTORS)
    if "*" in sources:
        return ["*"]
    if "'none'" in sources:
        return ["'none'"]
    return sources if "'self'" in sources else [*sources, "'self'"]


def embeddable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The only framable responses: no X-Frame-Options, and a CSP
    frame-ancestors from the settings instead of 'none'. Their stylesheet
    is inline (one round trip fewer before the first event shows), allowed
    by its hash."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.xframe_options_exempt = True
        response._csp_replace = {"frame-ancestors": frame_ancestors()}
        response._csp_update = {"style-src": [inline_stylesheet(EMBED_STYLESHEET)[1]]}
        return response

    return wrapped


def _error_language(request: HttpRequest) -> str:
    """Errors, like the page, speak the language of the URL (or the site's),
    never the reader's: a shared cache hands them to everyone."""
    requested = (request.GET.get("lang") or "").strip()
    return requested if requested in language_codes() else settings.LANGUAGE_CODE


def _embed_error(request: HttpRequest, status: int, message: str | EmbedOptionError, language: str) -> HttpResponse:
    with translation.override(language):
        text = _(message) if isinstance(message, str) else str(message)
        response = render(request, "embed/error.html", {"message": text, "status": status}, status=status)
    return mark_shared(response, language=language)


@embeddable
@require_safe
def embed_timeline(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        # No query string (the usual embed): no parsing.
        options = EmbedOptions.from_query(request.GET) if request.META.get("QUERY_STRING") else DEFAULT_OPTIONS
        page = embed_page(request.GET)
    except EmbedOptionError as error:
        return _embed_error(request, 400, error, _error_language(request))
    stamp = stamps.timeline_stamp(slug)
    if stamp is None:
        return _embed_error(request, 404, gettext_noop("This timeline is not published."), _error_language(request))
    language = options.language or stamp.language or settings.LANGUAGE_CODE

    def build(etag: str) -> HttpResponse:
        with translation.override(language):
            unknown = embed_selectors.unknown_verdicts(options.verdicts)
            if unknown:
                message = EmbedOptionError(gettext_noop("“%(value)s” is not a verdict on this site's scale."), value=unknown[0])
                return _embed_error(request, 400, message, language)
            timeline = Timeline.objects.get(pk=stamp.pk)
            content = embed_selectors.embed_content(timeline, options, page=page)
            if page > 1 and not content.events:
                missing = EmbedOptionError(gettext_noop("This timeline has no page %(page)s."), page=page)
                return _embed_error(request, 404, missing, language)
            context = {
                "timeline": timeline,
                "content": content,
                "page_query": options.query_string(),
                "filter_verdicts": embed_selectors.filter_verdicts(options),
                "options": options,
                "version": etag,
                "poll_seconds": settings.EMBED_POLL_SECONDS,
                "language": language,
            }
            return render(request, "embed/timeline.html", context)

    variant = f"{options.variant()}|{page}|{settings.EMBED_PAGE_SIZE}|{language}|{settings.EMBED_POLL_SECONDS}"
    return shared_response(request, stamp=stamp, variant=variant, build=build, language=language)


@functools.cache
def _loader_source() -> tuple[bytes, str]:
    path = finders.find("js/embed-loader.js")
    with open(path, "rb") as handle:
        content = handle.read()
    return content, f'"{hashlib.blake2b(content, digest_size=10).hexdigest()}"'


@require_safe
def embed_loader(request: HttpRequest) -> HttpResponse:
    """The script newsrooms paste, at a URL that never changes (static files
    get hashed names); short max-age so fixes reach pages."""
    content, etag = _loader_source()
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(content, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    mark_shared(response, cors=True)
    response["Cache-Control"] = f"public, max-age={settings.EMBED_LOADER_MAX_AGE}"
    return response


def _json_error(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _size(value: str | None, name: str) -> int | None:
    if value is None or value == "":
        return None
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 6 or int(value) == 0:
        raise EmbedOptionError(f"{name} must be a positive whole number of pixels.")
    return min(int(value), MAX_OEMBED_SIZE)


def _our_host(request: HttpRequest, netloc: str) -> bool:
    if netloc.lower() in (request.get_host().lower(), site_host(request).lower()):
        return True
    domain, _port = split_domain_port(netloc)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


def _timeline_slug(path: str, query: str) -> tuple[str | None, EmbedOptions]:
    """The published-timeline slug a URL path of ours names, and the embed
    options it carries. Raises EmbedOptionError for bad options."""
    try:
        match = resolve(path)
    except Resolver404:
        return None, EmbedOptions()
    if match.view_name == "embed:timeline":
        flat = {key: values[-1] for key, values in parse_qs(query).items()}
        return match.kwargs["slug"], EmbedOptions.from_query(flat)
    if match.view_name == "timeline:detail":
        return match.kwargs["slug"], EmbedOptions()
    if match.view_name == "home":
        featured = selectors.timeline_featured()
        return (featured.slug if featured else None), EmbedOptions()
    return None, EmbedOptions()


class OEmbedRefusal(Exception):
    """Why an oEmbed request gets no embed: its status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class OEmbedQuery:
    """An oEmbed request's parameters, read and checked."""

    path: str  # of the url asked about, on this site
    query: str
    maxwidth: int | None
    maxheight: int | None


@dataclass(frozen=True)
class OEmbedTarget:
    """The published timeline a url names, and the embed options it carries."""

    slug: str
    stamp: stamps.TimelineStamp
    options: EmbedOptions


@dataclass(frozen=True)
class OEmbedFrame:
    """The frame's size, and the options its embed URL carries (the height
    is one of them when the consumer set maxheight)."""

    width: int
    height: int
    fixed_width: bool
    options: EmbedOptions


@contextmanager
def _bad_parameters() -> Iterator[None]:
    """A bad option or an unreadable url is the consumer's error: 400."""
    try:
        yield
    except EmbedOptionError as error:
        raise OEmbedRefusal(400, str(error)) from None
    except ValueError:
        raise OEmbedRefusal(400, "The url is not a valid address.") from None


def _oembed_query(request: HttpRequest) -> OEmbedQuery:
    """The parameters, checked in this order; `OEmbedRefusal` for the first
    that is wrong."""
    if request.GET.get("format", "json") != "json":
        raise OEmbedRefusal(501, "Only format=json is supported.")
    url = request.GET.get("url", "").strip()
    if not url:
        raise OEmbedRefusal(400, "The url parameter is required.")
    if len(url) > MAX_URL_LENGTH:
        raise OEmbedRefusal(400, f"The url is longer than {MAX_URL_LENGTH} characters.")
    with _bad_parameters():
        maxwidth = _size(request.GET.get("maxwidth"), "maxwidth")
        maxheight = _size(request.GET.get("maxheight"), "maxheight")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise OEmbedRefusal(400, "The url must be an http or https address.")
        if not _our_host(request, parts.netloc):
            raise OEmbedRefusal(404, "That address is not on this site.")
    return OEmbedQuery(path=parts.path or "/", query=parts.query, maxwidth=maxwidth, maxheight=maxheight)


def _oembed_target(asked: OEmbedQuery) -> OEmbedTarget:
    """The published timeline the url names; `OEmbedRefusal` when none."""
    with _bad_parameters():
        slug, options = _timeline_slug(asked.path, asked.query)
    stamp = stamps.timeline_stamp(slug) if slug is not None else None
    if stamp is None:
        raise OEmbedRefusal(404, "That address is not a published timeline.")
    return OEmbedTarget(slug=slug, stamp=stamp, options=options)


def _oembed_frame(options: EmbedOptions, *, maxwidth: int | None, maxheight: int | None) -> OEmbedFrame:
    """The default width unless the consumer caps it; the embed's height,
    capped by maxheight (and then set on the embed, within its limits)."""
    width = min(OEMBED_DEFAULT_WIDTH, maxwidth) if maxwidth else OEMBED_DEFAULT_WIDTH
    if maxheight:
        height = min(frame_height(options), maxheight)
        options = dataclasses.replace(options, height=min(max(height, MIN_HEIGHT), MAX_HEIGHT))
    else:
        height = frame_height(options) if options.height else DEFAULT_FRAME_HEIGHT
    return OEmbedFrame(width=width, height=height, fixed_width=bool(maxwidth), options=options)


def _oembed_data(*, root: str, slug: str, title: str, frame: OEmbedFrame) -> dict[str, object]:
    """The oEmbed 1.0 `rich` response: the frame and the loader script."""
    html = format_html(
        # The width the JSON gives, in pixels (valid HTML; "100%" is not);
        # the loader widens a frame without data-fixed-width to its column.
        '<iframe data-claim-timeline{} src="{}" title="{}" width="{}" height="{}" style="border:0" loading="lazy"></iframe>'
        '<script async src="{}"></script>',
        mark_safe(" data-fixed-width") if frame.fixed_width else "",
        embed_url(root, slug, frame.options),
        title,
        frame.width,
        frame.height,
        loader_url(root),
    )
    return {
        "version": "1.0",
        "type": "rich",
        "provider_name": settings.NEWSROOM_NAME,
        "provider_url": root + "/",
        "title": title,
        "html": str(html),
        "width": frame.width,
        "height": frame.height,
        "cache_age": settings.OEMBED_CACHE_AGE,
    }


@require_safe
def oembed(request: HttpRequest) -> HttpResponse:
    """oEmbed 1.0 for timeline pages and embeds: a `rich` response, cached
    like the embed (its version is the timeline's stamp)."""
    try:
        asked = _oembed_query(request)
        target = _oembed_target(asked)
    except OEmbedRefusal as refusal:
        return _json_error(refusal.status, refusal.message)
    frame = _oembed_frame(target.options, maxwidth=asked.maxwidth, maxheight=asked.maxheight)
    root = site_root(request)

    def build(etag: str) -> JsonResponse:
        timeline = Timeline.objects.only("title").get(pk=target.stamp.pk)
        data = _oembed_data(root=root, slug=target.slug, title=timeline.title, frame=frame)
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    variant = (
        f"{root}|{target.slug}|{frame.options.variant()}|{asked.maxwidth}|{asked.maxheight}|{settings.OEMBED_CACHE_AGE}"
    )
    return shared_response(request, stamp=target.stamp, variant=variant, build=build, cors=True)


def _in_language(language: str, parts: Iterator[str]) -> Iterator[str]:
    """The parts of a streamed answer, each made with `language` active
    (the response is written after the view has returned)."""
    while True:
        with translation.override(language):
            part = next(parts, None)
        if part is None:
            return
        yield part


@require_safe
def api_timeline(request: HttpRequest, slug: str) -> HttpResponse:
    """The timeline in TimelineJS 3 JSON; `?lang=` picks the language of
    display dates and labels (default: the timeline's)."""
    language = (request.GET.get("lang") or "").strip()
    if language and language not in language_codes():
        return _json_error(400, f"Unknown language “{language[:40]}”: use one of {', '.join(language_codes())}.")
    stamp = stamps.timeline_stamp(slug)
    if stamp is None:
        return _json_error(404, "No published timeline has that address.")
    language = language or stamp.language or settings.LANGUAGE_CODE
    root = site_root(request)

    def build(etag: str) -> HttpResponse:
        timeline = Timeline.objects.get(pk=stamp.pk)
        ids = claim_selectors.timeline_event_ids(timeline)
        events = claim_selectors.timeline_slides(timeline, ids)
        unplaced = claim_selectors.timeline_unplaced_claims(timeline)
        if len(ids) > settings.API_STREAM_FROM_EVENTS:
            # A long timeline goes out in parts as it is read: one part in
            # memory at a time (not kept in the cache; its 304s still hold).
            parts = _in_language(language, timelinejs_parts(timeline, events, unplaced, root=root))
            return StreamingHttpResponse(parts, content_type="application/json")
        with translation.override(language):
            data = timeline_to_timelinejs(timeline, events, unplaced, root=root)
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    return shared_response(request, stamp=stamp, variant=f"{root}|{language}", build=build, language=language, cors=True)


@require_safe
def embed_code(request: HttpRequest, slug: str) -> HttpResponse:
    """The embed-code panel's snippets and preview for the options picked
    (`embed_*` parameters): what its script swaps in as options change.
    Always the part: the script asks with fetch(), not HTMX."""
    timeline = get_object_or_404(Timeline.objects.published(), slug=slug)
    options = read_options(request.GET, PREFIX)
    context = {"gen": embed_code_context(request, timeline, options), "timeline": timeline}
    return render(request, "embed/generator.html#output", context)


@require_safe
def embed_code_panel(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The whole embed-code panel (options, snippets, preview, its styles and
    script), fetched when a reader opens it on the timeline page. Always the
    part: without JavaScript the timeline page renders the panel in place."""
    timeline = get_object_or_404(Timeline.objects.published(), slug=slug)
    return render(request, "embed/generator.html#panel", {"timeline": timeline})

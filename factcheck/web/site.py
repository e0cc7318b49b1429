"""Where the site is and which languages it speaks, for the responses that
name themselves (feeds, embeds, oEmbed, ClaimReview, canonical links)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def site_root(request: HttpRequest) -> str:
    """Scheme and host of the site: "https://facts.example".

    The configured `SITE_URL`; the request's own address only where none is
    configured (a local trial), since a Host header is the client's to say."""
    if settings.SITE_URL:
        return settings.SITE_URL
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(request: HttpRequest, path: str) -> str:
    return f"{site_root(request)}{path}"


def site_host(request: HttpRequest) -> str:
    """The host (and port) part of `site_root`: "facts.example"."""
    return urlsplit(site_root(request)).netloc


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]

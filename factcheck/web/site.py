"""Where the site is and which languages it speaks, for the responses that
name themselves (feeds, embeds, oEmbed, ClaimReview)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site_root(request: HttpRequest) -> str:
    """Scheme and host the reader used to reach us: "https://facts.example"."""
    return f"{request.scheme}://{request.get_host()}"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]

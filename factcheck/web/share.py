"""What a page tells social sites and chat apps that show a preview of its
link: the Open Graph and Twitter card tags (`templates/factcheck/share_tags.html`,
in base.html's `social` block), every address in them absolute, from
SITE_URL (`site.absolute_url`), never from the Host header."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import translation

from factcheck.web.cards import HEIGHT, WIDTH
from factcheck.web.site import absolute_url, language_codes

# og:locale wants a territory; the interface's languages as Open Graph names them.
OG_LOCALES = {"en": "en_US", "es": "es_ES"}


@dataclass(frozen=True)
class ShareTags:
    kind: str  # og:type: "website" or "article"
    title: str
    description: str
    image: str  # the card's absolute address
    image_alt: str
    locale: str
    alternate_locales: tuple[str, ...]
    image_width: int = WIDTH
    image_height: int = HEIGHT


def og_locale(language: str) -> str:
    code = language.split("-")[0]
    return OG_LOCALES.get(code) or translation.to_locale(language)


def card_version(version: str) -> str:
    """A short name of the version a card shows (a stamp's tag), for its
    address: a social site keeps an image by its URL, so a corrected verdict
    gets a new one."""
    return hashlib.blake2b(version.encode(), digest_size=4).hexdigest() if version else ""


def share_tags(
    request: HttpRequest, *, kind: str, title: str, description: str, image_path: str, image_alt: str, version: str = ""
) -> ShareTags:
    """The tags of a page in the active language, its card at `image_path`."""
    language = (translation.get_language() or "en").split("-")[0]
    image = absolute_url(request, image_path) + (f"?v={version}" if version else "")
    return ShareTags(
        kind=kind,
        title=title,
        description=description,
        image=image,
        image_alt=image_alt,
        locale=og_locale(language),
        alternate_locales=tuple(og_locale(code) for code in language_codes() if code != language),
    )

"""Embed options and the code a newsroom pastes.

An embed's options travel in its URL's query string, so every variant is its
own cacheable URL:

    theme    auto (default) | light | dark
    verdict  verdict slugs, comma-separated: only claims with these verdicts
             (and the events that carry them)
    order    oldest (default) | newest
    lang     en | es (default: the timeline's language)
    height   a height in pixels: the frame stays that tall and scrolls
             inside; without it the frame grows to fit (auto-resize)

and, not an option of the code but of the frame's own links, `page`: which
page of `EMBED_PAGE_SIZE` events (default 1).

Unknown parameters are ignored (Pym.js adds its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from factcheck.web.site import language_codes

THEMES = ("auto", "light", "dark")
ORDERS = ("oldest", "newest")
MIN_HEIGHT, MAX_HEIGHT = 150, 20000
DEFAULT_FRAME_HEIGHT = 600
# The embed's stylesheet, inline in its pages (embed_views.embeddable): the
# verdict badges shared with every page, then the card's own; joined into one
# <style> with one CSP hash by inline_stylesheet.
EMBED_STYLESHEET = ("css/verdict.css", "css/embed.css")
MAX_VERDICTS = 20
_VERDICT_SLUG = re.compile(r"^[-a-z0-9_]{1,50}$")


class EmbedOptionError(ValueError):
    """An option value the embed cannot show; the message says which and why,
    in the language active when it is read (str(error))."""

    def __init__(self, message: str, **params):
        self.message, self.params = message, params
        super().__init__(message)

    def __str__(self) -> str:
        return _(self.message) % self.params if self.params else _(self.message)


@dataclass(frozen=True)
class EmbedOptions:
    theme: str = "auto"
    verdicts: tuple[str, ...] = ()
    order: str = "oldest"
    language: str = ""
    height: int | None = None

    @classmethod
    def from_query(cls, query) -> EmbedOptions:
        """Read the options from a QueryDict (or dict); EmbedOptionError on a bad value."""
        theme = (query.get("theme") or "auto").strip()
        if theme not in THEMES:
            raise EmbedOptionError(
                gettext_noop("Unknown theme “%(value)s”: use one of %(choices)s."), value=theme[:40], choices=", ".join(THEMES)
            )
        order = (query.get("order") or "oldest").strip()
        if order not in ORDERS:
            raise EmbedOptionError(
                gettext_noop("Unknown order “%(value)s”: use one of %(choices)s."), value=order[:40], choices=", ".join(ORDERS)
            )
        language = (query.get("lang") or "").strip()
        if language and language not in language_codes():
            raise EmbedOptionError(
                gettext_noop("Unknown language “%(value)s”: use one of %(choices)s."),
                value=language[:40],
                choices=", ".join(language_codes()),
            )
        # Sorted: one URL (and one cache entry) per set of verdicts.
        verdicts = tuple(sorted({v.strip() for v in (query.get("verdict") or "").split(",") if v.strip()}))
        if len(verdicts) > MAX_VERDICTS:
            raise EmbedOptionError(gettext_noop("Too many verdicts in the filter."))
        for slug in verdicts:
            if not _VERDICT_SLUG.match(slug):
                raise EmbedOptionError(gettext_noop("“%(value)s” is not a verdict."), value=slug[:40])
        height = None
        raw_height = (query.get("height") or "").strip()
        if raw_height:
            if not raw_height.isascii() or not raw_height.isdigit() or len(raw_height) > 6:
                raise EmbedOptionError(gettext_noop("The height must be a whole number of pixels."))
            height = int(raw_height)
            if not MIN_HEIGHT <= height <= MAX_HEIGHT:
                raise EmbedOptionError(
                    gettext_noop("The height must be between %(min)s and %(max)s pixels."), min=MIN_HEIGHT, max=MAX_HEIGHT
                )
        return cls(theme=theme, verdicts=verdicts, order=order, language=language, height=height)

    def query(self) -> dict[str, str]:
        """The options that differ from the defaults, in a fixed order."""
        query = {}
        if self.theme != "auto":
            query["theme"] = self.theme
        if self.verdicts:
            query["verdict"] = ",".join(self.verdicts)
        if self.order != "oldest":
            query["order"] = self.order
        if self.language:
            query["lang"] = self.language
        if self.height:
            query["height"] = str(self.height)
        return query

    def query_string(self) -> str:
        return urlencode(self.query(), safe=",")

    def variant(self) -> str:
        return self.query_string()

    @property
    def newest_first(self) -> bool:
        return self.order == "newest"


MAX_PAGE = 100_000


def embed_page(query) -> int:
    """The `page` parameter: a whole number from 1; EmbedOptionError otherwise."""
    raw = (query.get("page") or "1").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or not 1 <= int(raw) <= MAX_PAGE:
        raise EmbedOptionError(gettext_noop("The page must be a whole number from 1 to %(max)s."), max=MAX_PAGE)
    return int(raw)


def embed_url(root: str, slug: str, options: EmbedOptions | None = None) -> str:
    url = root + reverse("embed:timeline", kwargs={"slug": slug})
    query = options.query_string() if options else ""
    return f"{url}?{query}" if query else url


def loader_url(root: str) -> str:
    return root + reverse("embed:loader")


def frame_height(options: EmbedOptions) -> int:
    return options.height or DEFAULT_FRAME_HEIGHT


def snippet_script(root: str, slug: str, title: str, options: EmbedOptions):
    """The paste-in form: one <div> and the loader, which creates the frame
    and keeps it as tall as the timeline (or at the height option)."""
    return format_html(
        '<div data-claim-timeline="{}" data-title="{}"><a href="{}">{}</a></div>\n'
        '<script async src="{}"></script>',
        embed_url(root, slug, options),
        title,
        root + reverse("timeline:detail", kwargs={"slug": slug}),
        title,
        loader_url(root),
    )


def snippet_iframe(root: str, slug: str, title: str, options: EmbedOptions, *, width: int | None = None):
    """The plain frame, for pages that allow no scripts: a fixed height, the
    timeline scrolls inside it."""
    # Valid HTML: a width in pixels or none (the style gives the column's
    # width then), and CSS for the border, not the obsolete `frameborder`.
    size = format_html(' width="{}" style="border:0"', width) if width else mark_safe(' style="width:100%;border:0"')
    return format_html(
        '<iframe src="{}" title="{}"{} height="{}" loading="lazy" '
        'referrerpolicy="strict-origin-when-cross-origin"></iframe>',
        embed_url(root, slug, options),
        title,
        size,
        frame_height(options),
    )

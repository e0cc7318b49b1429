from urllib.parse import urljoin

from django import template
from django.utils.html import format_html
from django.utils.timezone import localtime

from timeline.models import followable_url

register = template.Library()

# `{% with href=source.url|followable %}{% if href %}<a href="{{ href }}">…`: only http(s) links.
register.filter("followable", followable_url)


@register.simple_tag
def time_tag(when):
    """`<time>` for a date at its precision: datetime="2024-11", text "November 2024"."""
    if when is None:
        return ""
    return format_html('<time datetime="{}">{}</time>', when.iso, when.display())


@register.simple_tag
def period_tag(start, end=None):
    """A date, or a range of dates, each at its own precision."""
    if end is None:
        return time_tag(start)
    return format_html("{}\u2009\u2013\u2009{}", time_tag(start), time_tag(end))


@register.filter
def datetime_attr(moment) -> str:
    """A moment for `<time datetime>` in the current time zone, to the
    second: HTML allows at most three fractional digits, and `|date:'c'`
    gives six ("2026-12-02T06:21:11.952026+00:00")."""
    if not moment:
        return ""
    return localtime(moment).isoformat(timespec="seconds")


@register.simple_tag(takes_context=True)
def print_href(context, *parts) -> str:
    """The whole address of a link on this site, for `data-print-href`: a
    printout gives it after the link's text (site.css, `@media print`), so
    that a reader of the paper can type it. `parts` are joined ("/claims/",
    or `timeline.get_absolute_url "?open=" event.pk`) and read against the
    page's canonical address (the configured SITE_URL, never the Host header)."""
    href = "".join(str(part) for part in parts)
    base = context.get("canonical_url") or ""
    return urljoin(base, href) if base else href

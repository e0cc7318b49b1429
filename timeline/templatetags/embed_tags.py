from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from factcheck.web.site import language_codes, site_root
from factcheck.web.storage import inline_stylesheet
from timeline.embeds.code import PREFIX, embed_code_context, read_options, timeline_verdicts
from timeline.embeds.options import EMBED_STYLESHEET

register = template.Library()


@register.simple_tag(takes_context=True)
def oembed_link(context, timeline):
    """oEmbed discovery for a timeline page."""
    request = context["request"]
    root = site_root(request)
    page = root + timeline.get_absolute_url()
    href = root + reverse("embed:oembed") + "?" + urlencode({"url": page, "format": "json"})
    return format_html('<link rel="alternate" type="application/json+oembed" href="{}" title="{}">', href, timeline.title)


@register.simple_tag(takes_context=True)
def embed_generator_open(context):
    """Whether the panel opens with the page: its form was sent without JavaScript."""
    return any(key.startswith(PREFIX) for key in context["request"].GET)


@register.simple_tag(takes_context=True)
def embed_generator(context, timeline):
    """What the embed-code panel shows: the options picked (from `embed_*`
    parameters when the form was sent without JavaScript), the snippets and
    the verdicts this timeline's claims carry."""
    request = context["request"]
    options = read_options(request.GET, PREFIX)
    gen = embed_code_context(request, timeline, options)
    gen["verdicts"] = timeline_verdicts(timeline)
    gen["languages"] = language_codes()
    return gen


@register.simple_tag
def embed_stylesheet():
    """The embed's stylesheet, inline (see embed_views.embeddable): the
    verdict badges and the card (EMBED_STYLESHEET) as one <style>, whose
    hash the policy names; our own minified CSS, which holds no "</style>"."""
    return format_html("<style>{}</style>", mark_safe(inline_stylesheet(EMBED_STYLESHEET)[0]))

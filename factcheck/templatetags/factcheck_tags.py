from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def verdict_badge(verdict):
    """The verdict's label on its colour: the words carry the meaning, the
    colour only repeats it."""
    if verdict is None:
        return ""
    return format_html(
        '<span class="verdict verdict--{} {}">{}</span>',
        verdict.colour,
        "verdict--final" if verdict.is_final else "verdict--state",
        verdict.localized_label,
    )

"""The fact-check's template helpers: a verdict's badge, a user's name."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from factcheck import permissions

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


@register.filter
def display_name(user: permissions.NamedUser) -> str:
    """`{{ user|display_name }}`: the full name, or the user name (escaped as any text)."""
    return permissions.display_name(user)

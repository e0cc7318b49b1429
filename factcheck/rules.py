"""The checks a claim's verification status must pass, shared by the editor
forms, the admin and the services so that each says the same thing.

- `input_errors`: what no status may hold, whoever sets it (a rationale over
  the length limit, a source without a citation, a link that is not http(s)).
- `desk_rule_errors`: the desk's rule for editors: a final verdict (one the
  scale marks final, such as Accurate or False) needs a rationale and at
  least one source; workflow states (Unverified, In review, Not checkable)
  need neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from factcheck.models import NOTE_MAX_LENGTH, RATIONALE_MAX_LENGTH, SUMMARY_MAX_LENGTH, ClaimSource
from timeline.models import http_url

SOURCE_TITLE_MAX_LENGTH = ClaimSource._meta.get_field("title").max_length
SOURCE_URL_MAX_LENGTH = ClaimSource._meta.get_field("url").max_length
MAX_SOURCES = 20


class Source(Protocol):
    title: str
    url: str


def input_errors(*, rationale: str, sources: Sequence[Source]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if len(rationale) > RATIONALE_MAX_LENGTH:
        errors.setdefault("rationale", []).append(
            ngettext(
                "The rationale can be at most %(limit)d character long (it has %(length)d).",
                "The rationale can be at most %(limit)d characters long (it has %(length)d).",
                RATIONALE_MAX_LENGTH,
            )
            % {"limit": RATIONALE_MAX_LENGTH, "length": len(rationale)}
        )
    if len(sources) > MAX_SOURCES:
        errors.setdefault("sources", []).append(
            _("A claim can list at most %(limit)d sources.") % {"limit": MAX_SOURCES}
        )
    for number, source in enumerate(sources, start=1):
        if not source.title.strip():
            errors.setdefault("sources", []).append(_("Source %(n)d has no citation.") % {"n": number})
        elif len(source.title) > SOURCE_TITLE_MAX_LENGTH:
            errors.setdefault("sources", []).append(
                _("The citation of source %(n)d is longer than %(limit)d characters.")
                % {"n": number, "limit": SOURCE_TITLE_MAX_LENGTH}
            )
        if source.url:
            if len(source.url) > SOURCE_URL_MAX_LENGTH:
                errors.setdefault("sources", []).append(
                    _("The link of source %(n)d is longer than %(limit)d characters.")
                    % {"n": number, "limit": SOURCE_URL_MAX_LENGTH}
                )
            else:
                try:
                    http_url(source.url)
                except ValidationError:
                    errors.setdefault("sources", []).append(
                        _("The link of source %(n)d must start with http:// or https://.") % {"n": number}
                    )
    return errors


def note_errors(note: str) -> dict[str, list[str]]:
    """A note on publishing or withdrawing is shown to readers: a limit on its length."""
    if len(note) <= NOTE_MAX_LENGTH:
        return {}
    message = ngettext(
        "The note can be at most %(limit)d character long (it has %(length)d).",
        "The note can be at most %(limit)d characters long (it has %(length)d).",
        NOTE_MAX_LENGTH,
    ) % {"limit": NOTE_MAX_LENGTH, "length": len(note)}
    return {"note": [message]}


def summary_too_long() -> str:
    """The message for a short summary over SUMMARY_MAX_LENGTH, with Django's
    max_length placeholders (the desk's form uses it as its own)."""
    return _(
        "At most %(limit_value)d characters: this summary has %(show_value)d. "
        "Shorten it, or leave it empty to use the quote."
    )


def summary_errors(summary: str) -> dict[str, list[str]]:
    """A claim's short summary goes to search engines: a limit on its length."""
    if len(summary) <= SUMMARY_MAX_LENGTH:
        return {}
    return {"summary": [summary_too_long() % {"limit_value": SUMMARY_MAX_LENGTH, "show_value": len(summary)}]}


def final_verdict_needs_rationale() -> str:
    return _("A final verdict needs a rationale: say why the claim gets this rating.")


def final_verdict_needs_source() -> str:
    return _("A final verdict needs at least one source.")


def desk_rule_errors(*, verdict, rationale: str, source_count: int) -> dict[str, list[str]]:
    if not verdict.is_final:
        return {}
    errors: dict[str, list[str]] = {}
    if not rationale.strip():
        errors["rationale"] = [final_verdict_needs_rationale()]
    if source_count < 1:
        errors["sources"] = [final_verdict_needs_source()]
    return errors

"""What the date extractor refuses: an unknown language, a publication date in
the future, and text that is too long, binary or garbled.

Each refusal is an ExtractionError whose message a person can act on; the
ingest form and the `extract_dates` command show it as it is.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

LANGUAGES = ("en", "es")
MAX_TEXT_CHARS = 1_000_000


class ExtractionError(ValueError):
    """Input the extractor refuses, with a message a person can act on."""


def check_text(text: str, *, limit: int = MAX_TEXT_CHARS) -> None:
    """Raise ExtractionError for text that is too long, binary or garbled."""
    if len(text) > limit:
        raise ExtractionError(
            _("The text is %(length)s characters long; the limit is %(limit)s.")
            % {"length": f"{len(text):,}", "limit": f"{limit:,}"}
        )
    if "\x00" in text:
        raise ExtractionError(_("This looks like binary data, not text."))
    sample = text[:20_000]
    if not sample:
        return
    control = sum(1 for char in sample if (ord(char) < 32 and char not in "\n\r\t") or char == "\ufffd")
    if control / len(sample) > 0.01:
        raise ExtractionError(_("This text is garbled: it holds control or undecodable characters."))
    if not any(char.isalpha() for char in text):
        raise ExtractionError(_("This text has no words."))


def check_language(language: str) -> str:
    """`language` if the extractor knows it, else ExtractionError."""
    if language not in LANGUAGES:
        raise ExtractionError(
            _("Unknown language “%(language)s”: use one of %(choices)s.")
            % {"language": language, "choices": ", ".join(LANGUAGES)}
        )
    return language


def check_published(published: datetime.date, *, today: datetime.date | None = None) -> datetime.date:
    """`published` if it is not in the future, else ExtractionError."""
    today = today or datetime.date.today()
    if published > today:
        raise ExtractionError(
            _("The publication date %(date)s is in the future.") % {"date": published.isoformat()}
        )
    return published

"""TimelineJS 3: our timeline as its JSON (the embeds' TimelineJS API).

A slide per published event; its dates carry only the parts their precision
has (a year-only event has only `year`), `display_date` is the date in the
requested language at its precision, `unique_id` is the event's stable
identifier. The slide text is HTML with marked parts (`ct-*` classes): the
summary, location, actors, the claims with their published verdict and a
link to each fact-check, and the sources. `slide_html` reads those parts
back when the file is imported (`reading`, `sheets`, `services`).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from timeline.dates import FuzzyDate, Precision
from timeline.interop.imported import TITLE_ID_PREFIX
from timeline.models import Event, Timeline, followable_url


def date_parts(when: FuzzyDate) -> dict[str, int]:
    """A TimelineJS date with only the parts `when` is known to."""
    parts = {"year": when.date.year}
    if when.precision in (Precision.MONTH, Precision.DAY):
        parts["month"] = when.date.month
    if when.precision == Precision.DAY:
        parts["day"] = when.date.day
    return parts


def display_period(when: FuzzyDate, until: FuzzyDate | None) -> str:
    if until is None:
        return when.display()
    return f"{when.display()}\u2009\u2013\u2009{until.display()}"


def _paragraphs(text: str, css_class: str):
    """Plain text as <p> paragraphs (blank lines) with <br> for line breaks;
    read back exactly by the importer."""
    text = text.replace("\r\n", "\n")
    if not text:
        return ""
    return format_html_join(
        "",
        '<p class="{}">{}</p>',
        ((css_class, mark_safe("<br>".join(escape(line) for line in para.split("\n")))) for para in text.split("\n\n")),
    )


def _claims_html(claims, root: str):
    if not claims:
        return ""
    items = format_html_join(
        "",
        '<li class="ct-claim">“{}”{} <strong class="ct-verdict">{}</strong> '
        '<a href="{}" target="_blank" rel="noopener">{}</a></li>',
        (
            (
                claim.quote,
                format_html(" ({})", claim.claimant.name) if claim.claimant else "",
                _("Verdict: %(verdict)s") % {"verdict": claim.published_verdict.localized_label},
                root + claim.get_absolute_url(),
                _("Fact-check"),
            )
            for claim in claims
        ),
    )
    return format_html('<p class="ct-label">{}</p><ul class="ct-claims">{}</ul>', _("Claims"), items)


def _sources_html(sources):
    if not sources:
        return ""
    items = format_html_join(
        "",
        '<li class="ct-source">{}</li>',
        (
            (format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', href, s.title) if href else s.title,)
            for s, href in ((s, followable_url(s.url)) for s in sources)
        ),
    )
    return format_html('<p class="ct-label">{}</p><ul class="ct-sources">{}</ul>', _("Sources"), items)


def event_text(event: Event, root: str) -> str:
    parts = [_paragraphs(event.summary, "ct-summary")]
    if event.location:
        parts.append(format_html('<p class="ct-location">{}</p>', event.location))
    actors = list(event.actors.all())
    if actors:
        names = format_html_join(", ", '<span class="ct-actor">{}</span>', ((a.name,) for a in actors))
        parts.append(format_html('<p class="ct-actors">{} {}</p>', _("With"), names))
    parts.append(_claims_html(getattr(event, "public_claims", []), root))
    parts.append(_sources_html(list(event.sources.all())))
    return "".join(str(part) for part in parts)


def event_slide(event: Event, root: str) -> dict:
    slide = {"unique_id": event.uid, "start_date": date_parts(event.when)}
    if event.until is not None:
        slide["end_date"] = date_parts(event.until)
    slide["display_date"] = display_period(event.when, event.until)
    slide["text"] = {"headline": escape(event.title), "text": event_text(event, root)}
    return slide


def title_slide(timeline: Timeline, unplaced_claims, root: str) -> dict:
    title_text = str(_paragraphs(timeline.description, "ct-description")) + str(_claims_html(unplaced_claims, root))
    return {
        "unique_id": TITLE_ID_PREFIX + timeline.slug,
        "text": {"headline": escape(timeline.title), "text": title_text},
    }


def timeline_to_timelinejs(timeline: Timeline, events, unplaced_claims, *, root: str) -> dict:
    """The timeline as TimelineJS 3 JSON. Call with the wanted language active;
    `events` are the published events with `public_claims` (see
    `factcheck.selectors.timeline_events`), `root` is "https://host" for links."""
    return {
        "title": title_slide(timeline, unplaced_claims, root),
        "events": [event_slide(event, root) for event in events],
    }


def timelinejs_parts(timeline: Timeline, events: QuerySet, unplaced_claims, *, root: str, chunk: int = 200) -> Iterator[str]:
    """The same JSON as `timeline_to_timelinejs`, as text in parts of `chunk`
    events read and written at a time, for a streamed answer: a timeline of
    any length holds one part in memory."""
    yield '{"title": ' + _json(title_slide(timeline, unplaced_claims, root)) + ', "events": ['
    for index, event in enumerate(events.iterator(chunk_size=chunk)):
        yield (", " if index else "") + _json(event_slide(event, root))
        if index % chunk == chunk - 1:
            # A part's events and their prefetched rows hold reference
            # cycles: free them now, not when the collector gets round to it.
            gc.collect()
    yield "]}"


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)


def timeline_page_url(root: str, timeline: Timeline) -> str:
    return root + reverse("timeline:detail", kwargs={"slug": timeline.slug})

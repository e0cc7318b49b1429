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

import json
from collections.abc import Iterable, Iterator, Sequence

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from factcheck.models import Claim
from factcheck.selectors import SlideClaim, SlideEvent
from timeline.dates import FuzzyDate, Precision
from timeline.interop.imported import TITLE_ID_PREFIX
from timeline.models import Timeline, followable_url


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


def _paragraphs(text: str, css_class: str) -> str:
    """Plain text as <p> paragraphs (blank lines) with <br> for line breaks;
    read back exactly by the importer."""
    text = text.replace("\r\n", "\n")
    if not text:
        return ""
    return "".join(
        f'<p class="{css_class}">' + "<br>".join(escape(line) for line in para.split("\n")) + "</p>"
        for para in text.split("\n\n")
    )


def _claims_html(claims: Sequence[SlideClaim], root: str) -> str:
    if not claims:
        return ""
    label, verdict_text, link = escape(_("Fact-check")), _("Verdict: %(verdict)s"), []
    for claim in claims:
        claimant = f" ({escape(claim.claimant)})" if claim.claimant else ""
        verdict = escape(verdict_text % {"verdict": claim.verdict.localized_label})
        link.append(
            f'<li class="ct-claim">“{escape(claim.quote)}”{claimant} <strong class="ct-verdict">{verdict}</strong> '
            f'<a href="{escape(root + claim.get_absolute_url())}" target="_blank" rel="noopener">{label}</a></li>'
        )
    heading = escape(_("Claims"))  # (gettext outside the f-string: makemessages reads no call inside one)
    return f'<p class="ct-label">{heading}</p><ul class="ct-claims">{"".join(link)}</ul>'


def _sources_html(sources: Sequence[tuple[str, str]]) -> str:
    if not sources:
        return ""
    items = []
    for title, url in sources:
        href = followable_url(url)
        cited = f'<a href="{escape(href)}" target="_blank" rel="noopener">{escape(title)}</a>' if href else escape(title)
        items.append(f'<li class="ct-source">{cited}</li>')
    heading = escape(_("Sources"))
    return f'<p class="ct-label">{heading}</p><ul class="ct-sources">{"".join(items)}</ul>'


def event_text(event: SlideEvent, root: str) -> str:
    parts = [_paragraphs(event.summary, "ct-summary")]
    if event.location:
        parts.append(f'<p class="ct-location">{escape(event.location)}</p>')
    if event.actors:
        names = ", ".join(f'<span class="ct-actor">{escape(name)}</span>' for name in event.actors)
        with_ = escape(_("With"))
        parts.append(f'<p class="ct-actors">{with_} {names}</p>')
    parts.append(_claims_html(event.claims, root))
    parts.append(_sources_html(event.sources))
    return "".join(parts)


def event_slide(event: SlideEvent, root: str) -> dict:
    slide = {"unique_id": event.uid, "start_date": date_parts(event.when)}
    if event.until is not None:
        slide["end_date"] = date_parts(event.until)
    slide["display_date"] = display_period(event.when, event.until)
    slide["text"] = {"headline": escape(event.title), "text": event_text(event, root)}
    return slide


def title_slide(timeline: Timeline, unplaced_claims: Iterable[Claim], root: str) -> dict:
    claims = [SlideClaim.of(claim) for claim in unplaced_claims]
    title_text = _paragraphs(timeline.description, "ct-description") + _claims_html(claims, root)
    return {
        "unique_id": TITLE_ID_PREFIX + timeline.slug,
        "text": {"headline": escape(timeline.title), "text": title_text},
    }


def timeline_to_timelinejs(timeline: Timeline, events: Iterable[SlideEvent], unplaced_claims, *, root: str) -> dict:
    """The timeline as TimelineJS 3 JSON. Call with the wanted language active;
    `events` are its public events as `factcheck.selectors.timeline_slides`
    reads them, `root` is "https://host" for links."""
    return {
        "title": title_slide(timeline, unplaced_claims, root),
        "events": [event_slide(event, root) for event in events],
    }


def timelinejs_parts(timeline: Timeline, events: Iterable[SlideEvent], unplaced_claims, *, root: str) -> Iterator[str]:
    """The same JSON as `timeline_to_timelinejs`, as text a slide at a time,
    for a streamed answer: with `timeline_slides` reading the events part by
    part, a timeline of any length holds one part in memory."""
    yield '{"title": ' + _json(title_slide(timeline, unplaced_claims, root)) + ', "events": ['
    for index, event in enumerate(events):
        yield (", " if index else "") + _json(event_slide(event, root))
    yield "]}"


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)


def timeline_page_url(root: str, timeline: Timeline) -> str:
    return root + reverse("timeline:detail", kwargs={"slug": timeline.slug})

"""TimelineJS 3 (npm @knight-lab/timelinejs, installed by `make test`)
renders our JSON, loaded from our API by a page on another origin."""

from __future__ import annotations

from playwright.sync_api import expect

from timeline.models import Event, Timeline

from .other_origin import js_deps, other_origin  # noqa: F401

TIMELINEJS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS page</title>
<link rel="stylesheet" href="js/@knight-lab/timelinejs/dist/css/timeline.css">
<style>#timeline-embed {{ width: 100%; height: 640px; }}</style>
</head><body>
<div id="timeline-embed" data-src="{source}"></div>
<script src="js/@knight-lab/timelinejs/dist/js/timeline.js"></script>
<script src="timelinejs-host.js"></script>
</body></html>
"""

HOST_SCRIPT = """
var slot = document.getElementById("timeline-embed");
window.timelineErrors = [];
window.timeline = new TL.Timeline("timeline-embed", slot.dataset.src, {
  script_path: new URL("js/@knight-lab/timelinejs/dist/js/", window.location.href).href,
  language: "en",
  hash_bookmark: false
});
"""


def test_timelinejs_renders_every_event_of_our_json(seeded_live_server, page, other_origin, js_deps):  # noqa: F811
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    other_origin.write("timelinejs-host.js", HOST_SCRIPT)
    source = f"{seeded_live_server.url}/api/timelines/milei-trump.json"
    page.goto(other_origin.write("timelinejs.html", TIMELINEJS_PAGE.format(source=source)))

    timeline = Timeline.objects.get(slug="milei-trump")
    titles = list(timeline.events.published().in_order().values_list("title", flat=True))
    assert len(titles) == 13

    markers = page.locator(".tl-timemarker")
    expect(markers).to_have_count(len(titles), timeout=15_000)
    # One slide per event after the title slide, in date order, each with its headline.
    slide_headlines = page.locator(".tl-slide:not(.tl-slide-titleslide) .tl-headline")
    expect(slide_headlines).to_have_text(titles)
    expect(page.locator(".tl-slide-titleslide .tl-headline")).to_have_text(timeline.title)
    # Each marker carries its event's headline too.
    expect(page.locator(".tl-timemarker .tl-headline")).to_have_count(len(titles))
    # Dates at their precision: the month-only event shows no invented day.
    rubio = Event.objects.get(uid="milei-meets-rubio-2025")
    rubio_slide = page.locator(".tl-slide", has_text=rubio.title)
    expect(rubio_slide.locator(".tl-headline-date")).to_have_text("January 2025")
    # Verdicts travel in the slide text.
    panama = page.locator(".tl-slide .ct-claim", has_text="Panama Canal")
    expect(panama.locator(".ct-verdict")).to_have_text("Verdict: False")
    # TimelineJS reported nothing wrong.
    expect(page.locator(".tl-message-full")).to_be_hidden()
    assert errors == []

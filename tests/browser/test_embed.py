"""A newsroom's page on another origin embeds the seed timeline with the
snippet copied from our embed-code panel, in a real browser."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from factcheck.models import Claim, Verdict
from factcheck.services import SourceInput, claim_publish, claim_set_status

from .other_origin import js_deps, other_origin  # noqa: F401

ARTICLE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A newsroom article</title></head>
<body>
<h1>An article on another site</h1>
<p>Paragraphs of the newsroom's own story come before the timeline.</p>
<div id="slot">{snippet}</div>
<p id="after">And the story goes on after it.</p>
<iframe id="rogue" src="{rogue}" title="Another embed on the page"></iframe>
</body></html>
"""


def copied_snippet(page, live_server_url: str, *, theme: str | None = None) -> str:
    """The script snippet as a reader copies it from the timeline page's panel."""
    page.goto(f"{live_server_url}/timelines/milei-trump/")
    page.locator("#embed-generator summary").click()
    # The panel listens for changes once js/embed-generator.js has started it.
    expect(page.locator("#embed-generator")).to_have_class(re.compile("embed-generator--live"))
    if theme:
        page.get_by_label({"dark": "Dark"}[theme], exact=True).check()
        expect(page.locator("#embed-code-script")).to_have_value(re.compile(f"theme={theme}"))
    return page.locator("#embed-code-script").input_value()


def embed_frame(page):
    expect(page.locator("#slot iframe")).to_have_count(1)
    frame = page.locator("#slot iframe").element_handle().content_frame()
    frame.wait_for_selector("#embed")
    return frame


def wait_until_fitted(page, frame, timeout: float = 10.0) -> tuple[float, float]:
    """Wait until the frame is as tall as the timeline inside it."""
    deadline = time.monotonic() + timeout
    while True:
        frame_height = page.locator("#slot iframe").evaluate("el => el.getBoundingClientRect().height")
        content_height = frame.evaluate("document.getElementById('embed').getBoundingClientRect().height")
        if abs(frame_height - content_height) <= 1 or time.monotonic() > deadline:
            return frame_height, content_height
        time.sleep(0.1)


def test_a_page_on_another_origin_embeds_the_timeline_with_the_pasted_snippet_and_it_resizes_to_fit(
    seeded_live_server, page, other_origin  # noqa: F811
):
    snippet = copied_snippet(page, seeded_live_server.url)
    assert "<script async src=" in snippet and "/embed.js" in snippet
    rogue = other_origin.write("rogue.html", "<!doctype html><title>rogue</title><p>another widget</p>")
    article = other_origin.write("article.html", ARTICLE_PAGE.format(snippet=snippet, rogue=rogue))

    page.goto(article)
    frame = embed_frame(page)
    expect(frame.locator("li.event")).to_have_count(13)
    frame_height, content_height = wait_until_fitted(page, frame)
    assert abs(frame_height - content_height) <= 1, (frame_height, content_height)
    assert frame_height > 1500  # grew from its initial 600 px
    # No scrollbar inside the frame: the document fits the frame's viewport.
    assert frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    # The page around it flows below the timeline.
    after_top = page.locator("#after").evaluate("el => el.getBoundingClientRect().top")
    frame_bottom = page.locator("#slot iframe").evaluate("el => el.getBoundingClientRect().bottom")
    assert after_top >= frame_bottom

    # Messages that do not come from our frame are ignored: from the page
    # itself, from another frame on the page, and from a frame of our own
    # origin that the loader did not create.
    page.evaluate("window.postMessage({type: 'claim-timeline:height', height: 77}, '*')")
    page.frame_locator("#rogue").locator("p").evaluate(
        "() => parent.postMessage({type: 'claim-timeline:height', height: 123}, '*')"
    )
    page.evaluate(
        """url => new Promise(resolve => {
            const stranger = document.createElement('iframe');
            stranger.id = 'stranger';
            stranger.src = url;
            stranger.onload = resolve;
            document.body.appendChild(stranger);
        })""",
        f"{seeded_live_server.url}/embed/timelines/no-such-timeline/",
    )
    page.frame_locator("#stranger").locator("#embed").evaluate(
        "() => parent.postMessage({type: 'claim-timeline:height', height: 99}, '*')"
    )
    page.wait_for_timeout(500)
    assert page.locator("#slot iframe").evaluate("el => el.getBoundingClientRect().height") == frame_height

    # A narrower page makes the timeline taller; the frame follows.
    page.set_viewport_size({"width": 375, "height": 740})
    frame_height_narrow, content_height = wait_until_fitted(page, frame)
    assert abs(frame_height_narrow - content_height) <= 1
    assert frame_height_narrow > frame_height
    assert frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight")


def test_links_in_the_embed_open_outside_the_frame(seeded_live_server, page, other_origin):  # noqa: F811
    snippet = copied_snippet(page, seeded_live_server.url, theme="dark")
    article = other_origin.write("dark.html", ARTICLE_PAGE.format(snippet=snippet, rogue="about:blank"))
    page.goto(article)
    frame = embed_frame(page)
    assert frame.evaluate("document.documentElement.className") == "theme-dark"
    link = frame.locator("li.claim", has_text="Panama Canal").get_by_role("link", name=re.compile("Fact-check"))
    with page.context.expect_page() as opened:
        link.click()
    claim_page = opened.value
    claim_page.wait_for_load_state()
    expect(claim_page.locator(".verdict-box .verdict")).to_have_text("False")
    assert page.url == article  # the article stays where it was


def test_a_page_that_uses_pym_resizes_the_embed(seeded_live_server, page, other_origin, js_deps):  # noqa: F811
    other_origin.write(
        "pym-host.js",
        "var slot = document.getElementById('pym-slot'); new pym.Parent('pym-slot', slot.dataset.src, {});",
    )
    article = other_origin.write(
        "pym.html",
        f"""<!doctype html><html><head><meta charset="utf-8"><title>Pym page</title></head><body>
<div id="pym-slot" data-src="{seeded_live_server.url}/embed/timelines/milei-trump/?order=newest"></div>
<script src="js/pym.js/dist/pym.v1.min.js"></script><script src="pym-host.js"></script>
</body></html>""",
    )
    page.goto(article)
    iframe = page.locator("#pym-slot iframe")
    expect(iframe).to_have_count(1)
    frame = iframe.element_handle().content_frame()
    frame.wait_for_selector("#embed")
    expect(frame.locator("li.event").first).to_contain_text("2025")  # newest first
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        frame_height = iframe.evaluate("el => el.getBoundingClientRect().height")
        content_height = frame.evaluate("document.getElementById('embed').getBoundingClientRect().height")
        if abs(frame_height - content_height) <= 1:
            break
        time.sleep(0.1)
    assert abs(frame_height - content_height) <= 1, (frame_height, content_height)
    assert frame_height > 1500


def test_an_open_embed_shows_a_published_verdict_change_and_unchanged_polls_get_304(
    seeded_live_server, page, other_origin, settings  # noqa: F811
):
    settings.EMBED_POLL_SECONDS = 1
    embed_url = f"{seeded_live_server.url}/embed/timelines/milei-trump/"
    statuses: list[int] = []
    page.on("response", lambda response: statuses.append(response.status) if response.url == embed_url else None)
    snippet = copied_snippet(page, seeded_live_server.url)
    article = other_origin.write("poll.html", ARTICLE_PAGE.format(snippet=snippet, rogue="about:blank"))
    page.goto(article)
    frame = embed_frame(page)
    panama = frame.locator("li.claim", has_text="Panama Canal")
    expect(panama.locator(".verdict")).to_have_text("False")

    # Polls while nothing changed are answered 304.
    deadline = time.monotonic() + 10
    while statuses.count(304) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert statuses.count(304) >= 2, statuses

    # A draft change is not shown...
    claim = Claim.objects.get(quote__contains="Panama Canal")
    misleading = Verdict.objects.get(slug="misleading")
    claim = claim_set_status(
        claim=claim,
        editor=None,
        expected_version=claim.version,
        verdict=misleading,
        rationale="A corrected rationale, for the test.",
        sources=[SourceInput(**s) for s in claim.published_sources],
    )
    page.wait_for_timeout(2500)
    expect(panama.locator(".verdict")).to_have_text("False")
    assert frame.locator("#embed-status").text_content() == ""

    # ...until it is published: then the open embed picks it up by itself.
    published_at = time.monotonic()
    claim_publish(claim=claim, editor=None, expected_version=claim.version, note="Test correction.")
    expect(frame.locator("li.claim", has_text="Panama Canal").locator(".verdict")).to_have_text(
        "Misleading", timeout=10_000
    )
    assert time.monotonic() - published_at < 60
    assert frame.locator("#embed-status").text_content() == "The timeline was updated."
    assert 200 in statuses[1:]

"""timeline.interop.slide_html: our export's marked parts are read back one
by one; anyone else's HTML becomes plain text and its links."""

from __future__ import annotations

from timeline.interop.slide_html import slide_html_plain, slide_html_read

OURS = (
    '<p class="ct-summary">First line<br>second &amp; last</p><p class="ct-summary">Another</p>'
    '<p class="ct-location">Washington</p>'
    '<p class="ct-actors">With <span class="ct-actor">Ana</span>, <span class="ct-actor"> IMF </span></p>'
    '<p class="ct-label">Claims</p><ul class="ct-claims"><li class="ct-claim">“A quote” '
    '<a href="https://example.org/claim">Fact-check</a></li></ul>'
    '<p class="ct-label">Sources</p><ul class="ct-sources">'
    '<li class="ct-source"><a href="https://example.org/pr">Press release</a></li>'
    '<li class="ct-source">AP, 26 October 2018</li></ul>'
)


def test_our_marked_parts_are_read_back_and_claims_left_out():
    text, sources, parts = slide_html_read(OURS)
    assert text == ""
    assert parts["ct-summary"] == ["First line\nsecond & last", "Another"]
    assert parts["ct-location"] == ["Washington"]
    assert parts["ct-actor"] == ["Ana", " IMF "]
    assert sources == [("Press release", "https://example.org/pr"), ("AP, 26 October 2018", "")]


def test_foreign_html_becomes_paragraphs_and_its_web_links():
    html = (
        "<div>One  <b>two</b><br>three</div><p>Four <a href='https://example.org/a'>a   link</a>"
        " <a href='mailto:x@example.org'>mail</a> <a href='https://example.org/b'></a>"
    )
    text, sources, parts = slide_html_read(html)
    assert parts is None
    assert text == "One two\nthree\n\nFour a link mail"
    assert sources == [("a link", "https://example.org/a"), ("https://example.org/b", "https://example.org/b")]


def test_empty_and_unclosed_html():
    assert slide_html_read("") == ("", [], None)
    assert slide_html_read("<p>Unclosed <i>italic").text == "Unclosed italic"


def test_plain_is_one_line_of_text_or_our_summary():
    assert slide_html_plain("A newsroom's <i>own</i>\n timeline") == "A newsroom's own timeline"
    assert slide_html_plain('<p class="ct-summary">A<br>b</p><p class="ct-location">L</p>') == "A b"
    assert slide_html_plain("Rates &amp; bonds") == "Rates & bonds"

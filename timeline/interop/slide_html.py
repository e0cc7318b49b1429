"""Reading the HTML of a TimelineJS slide.

Our own export marks its parts with `ct-*` classes (see `timelinejs`): they
are read back one by one, and claims and labels are skipped. Any other HTML
becomes plain text (paragraph breaks kept, line breaks from <br>) and its
links, which the import keeps as sources.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import NamedTuple

from timeline.interop.imported import ImportedSource

# A marked part's class ("ct-summary") and its texts in order.
MarkedParts = dict[str, list[str]]


class SlideText(NamedTuple):
    """A slide's text read: the plain text (for foreign HTML), the sources
    (ours) or links (foreign), and our marked parts (None for foreign HTML)."""

    text: str
    sources: list[ImportedSource]
    parts: MarkedParts | None


class _SlideParser(HTMLParser):
    """Reads a slide's HTML: our marked parts when present, else the text
    (paragraph breaks kept) and its links."""

    BLOCKS = frozenset(
        {"p", "div", "li", "ul", "ol", "blockquote", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
    )
    SKIP = frozenset({"ct-claims", "ct-label"})
    CAPTURE = frozenset({"ct-summary", "ct-description", "ct-location", "ct-actor", "ct-source"})
    VOID = frozenset(
        {"br", "img", "hr", "meta", "input", "wbr", "source", "col", "area", "embed", "link", "param", "track"}
    )

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marked = False
        self.stack: list[tuple[str, set[str]]] = []
        self.skip_depth = 0
        self.capture: tuple[str, int] | None = None  # (class, depth)
        self.buffer: list[str] = []
        self.capture_href = ""
        self.parts: MarkedParts = {name: [] for name in self.CAPTURE}
        self.sources: list[ImportedSource] = []
        # Generic reading.
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.link: tuple[str, list[str]] | None = None
        self.links: list[ImportedSource] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if any(c.startswith("ct-") for c in classes):
            self.marked = True
        if tag == "br":
            self._text("\n")
            return
        if tag in self.VOID:
            return
        self.stack.append((tag, classes))
        depth = len(self.stack)
        if self.skip_depth:
            return
        if classes & self.SKIP:
            self.skip_depth = depth
            return
        self._open(tag, classes, depth, (attributes.get("href") or "").strip())

    def _open(self, tag: str, classes: set[str], depth: int, href: str) -> None:
        captured = classes & self.CAPTURE
        if captured and self.capture is None:
            self.capture = (captured.pop(), depth)
            self.buffer = []
            self.capture_href = ""
        if tag == "a":
            if self.capture is not None and not self.capture_href:
                self.capture_href = href
            self.link = (href, [])
        if tag in self.BLOCKS:
            self._break()

    def handle_endtag(self, tag):
        if tag in self.VOID or not any(t == tag for t, _c in self.stack):
            return
        while self.stack:
            open_tag, _classes = self.stack.pop()
            depth = len(self.stack) + 1
            if self.skip_depth and depth == self.skip_depth:
                self.skip_depth = 0
            elif not self.skip_depth:
                self._close(open_tag, depth)
            if open_tag == tag:
                break

    def _close(self, tag, depth):
        if tag == "a" and self.link is not None:
            href, words = self.link
            text = " ".join("".join(words).split())
            if href.startswith(("http://", "https://")):
                self.links.append((text or href, href))
            self.link = None
        if self.capture is not None and self.capture[1] == depth:
            name = self.capture[0]
            text = "".join(self.buffer)
            if name == "ct-source":
                self.sources.append((text.strip(), self.capture_href))
            else:
                self.parts[name].append(text)
            self.capture = None
        if tag in self.BLOCKS:
            self._break()

    def handle_data(self, data):
        if self.skip_depth:
            return
        self._text(data)

    def _text(self, data):
        if self.skip_depth:
            return
        if self.capture is not None:
            self.buffer.append(data)
        if self.link is not None:
            self.link[1].append(data)
        self.current.append(data)

    def _break(self):
        text = "".join(self.current)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        paragraph = "\n".join(lines).strip()
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []

    def result(self) -> SlideText:
        self.close()
        self._break()
        if self.marked:
            return SlideText("", self.sources, self.parts)
        return SlideText("\n\n".join(self.paragraphs), self.links, None)


def slide_html_read(html: str) -> SlideText:
    """A slide's HTML read (see `SlideText`)."""
    parser = _SlideParser()
    parser.feed(html or "")
    return parser.result()


def slide_html_plain(html: str) -> str:
    """The HTML as one line of text: a headline, or our summary."""
    text, _sources, parts = slide_html_read(html)
    return " ".join(text.split()) if parts is None else " ".join("".join(parts.get("ct-summary", [])).split())

"""Whether a page would run a payload: read as a browser parses it, does any
payload text sit where a browser executes it?

Executable places: a `<script>` that is not a data block, an event-handler
attribute (`onerror`, `onload`, ...), a link or source whose address is a
`javascript:` or `data:` URL, an `<iframe srcdoc>`. A JSON-LD data block
must hold no `<` at all (so `</script>` in the data cannot end it early) and
must parse as JSON.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from .payloads import MARK

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset"}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
# Browsers drop ASCII whitespace and control characters in a scheme.
_SCHEME_NOISE = re.compile(r"[\x00-\x20]+")


def _scheme_runs(url: str) -> bool:
    address = _SCHEME_NOISE.sub("", url).lower()
    return address.startswith(("javascript:", "vbscript:", "data:text/html", "data:image/svg"))


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: str | None = None  # the open <script>'s type
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._check_tag(tag, attrs)
        if tag == "script":
            self._script = (dict(attrs).get("type") or "").strip().lower()
            self._script_text = []

    def handle_startendtag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def _check_tag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARK in value:
                self.problems.append(f"<{tag} {name}=…{MARK}…>")
            elif name in URL_ATTRIBUTES and _scheme_runs(value):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            elif name == "srcdoc" and value:
                self.problems.append(f"<{tag} srcdoc=…>")
            elif (
                tag == "meta"
                and name == "content"
                and "url=" in value.lower()
                and _scheme_runs(value.lower().split("url=", 1)[1])
            ):
                self.problems.append(f"<meta content={value[:60]!r}>")
        if tag == "script" and MARK in " ".join(value or "" for _, value in attrs):
            self.problems.append(f"<script {attrs}>")

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        text = "".join(self._script_text)
        if self._script in DATA_SCRIPT_TYPES:
            if "<" in text:
                self.problems.append(f"a {self._script} block with a raw '<': {text[:80]!r}")
            else:
                try:
                    json.loads(text)
                except ValueError:
                    self.problems.append(f"a {self._script} block that is not JSON: {text[:80]!r}")
        elif MARK in text:
            self.problems.append(f"<script>{text[:80]}</script>")
        self._script = None


def executable_payloads(html: str) -> list[str]:
    """Where in `html` a payload would run; empty when the page is inert."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    if reader._script is not None:
        reader.handle_endtag("script")
    return reader.problems


def assert_inert(html: str, where: str = "") -> None:
    problems = executable_payloads(html)
    assert not problems, f"{where}: payloads that would run: {problems}"

"""Reading forms out of rendered HTML, so tests post what a browser would."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, selector: tuple[str, str]):
        super().__init__(convert_charrefs=True)
        self.attr, self.value = selector
        self.depth = 0  # >0 while inside the wanted form
        self.fields: list[tuple[str, str]] = []
        self.found = False
        self._select = None
        self._textarea = None
        self._template = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._template += 1
        if self._template:
            return
        if tag == "form":
            if self.depth:
                self.depth += 1
            elif attrs.get(self.attr) == self.value:
                self.depth = 1
                self.found = True
            return
        # A field belongs to the form it names in its `form` attribute, wherever it stands.
        owner = attrs.get("form")
        if owner is not None:
            if self.attr != "id" or owner != self.value:
                return
        elif not self.depth:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = [name, None, None]  # name, first option, selected option
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in attrs:
                self._select[2] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_endtag(self, tag):
        if tag == "template":
            self._template -= 1
            return
        if self._template:
            return
        if tag == "form" and self.depth:
            self.depth -= 1
        elif tag == "select" and self._select is not None:
            name, first, selected = self._select
            self.fields.append((name, selected if selected is not None else (first or "")))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def form_fields(html: str, *, form_id: str | None = None, action: str | None = None) -> dict[str, str]:
    """The values a browser would submit from the form with this id (or action)."""
    reader = _FormReader(("id", form_id) if form_id else ("action", action))
    reader.feed(html)
    if not reader.found:
        raise AssertionError(f"no form {form_id or action} in the page")
    return dict(reader.fields)

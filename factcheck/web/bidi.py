"""User text inside a plain-text message (the desk's announcements): the
Unicode isolates FSI … PDI, the plain-text <bdi>, so that a right-to-left
override in a quote ends with the quote and cannot reorder the sentence
around it. Text with nothing right-to-left in it (no right-to-left letter,
no directional control) shows the same either way and is left as it is."""

import unicodedata

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
# Right-to-left letters, and every embedding, override and isolate control.
_REORDERING = {"R", "AL", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF", "PDI"}


def isolate(text: str) -> str:
    if not any(unicodedata.bidirectional(char) in _REORDERING for char in text):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"

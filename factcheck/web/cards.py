"""Share cards: the 1200×630 PNG images a page names in its Open Graph and
Twitter tags, drawn with Pillow. What a card says comes from its feature
(`factcheck/reader/cards.py`, `timeline/reader/cards.py`) as a plain
dataclass; this module has the canvas, the fonts, the verdict tones and the
text that fits its box.

Fonts: DejaVu Sans and DejaVu Sans Bold (Debian's `fonts-dejavu-core`),
looked for at run time; where they are missing, Pillow's bundled font, so
a machine without the package still draws every card.

Text is wrapped at word boundaries and set at the largest size that fits
its box; only text that does not fit at the smallest size is shortened,
after a whole word, with "…".
"""

from __future__ import annotations

import functools
import io
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80  # left and right of the text
CONTENT_WIDTH = WIDTH - 2 * MARGIN
STRIPE = 24  # the tone's band along the left edge
BACKGROUND = "#ffffff"
INK = "#111827"
MUTED = "#4b5563"
SECONDARY = "#374151"
RULE = "#d1d5db"
LINE_SPACING = 1.25
ELLIPSIS = "…"

# Where DejaVu is on Debian (fonts-dejavu-core), then on other systems.
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/local/share/fonts",
)
REGULAR_FILE, BOLD_FILE = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class Fonts:
    """The font files a card is drawn with; None: Pillow's bundled font."""

    regular: str | None
    bold: str | None


def find_fonts(dirs: Sequence[str] = FONT_DIRS) -> Fonts:
    """DejaVu Sans and its bold from the first of `dirs` holding each."""

    def first(name: str) -> str | None:
        return next((str(Path(d) / name) for d in dirs if (Path(d) / name).is_file()), None)

    return Fonts(regular=first(REGULAR_FILE), bold=first(BOLD_FILE))


@functools.cache
def found_fonts() -> Fonts:
    """The fonts of this machine, looked for once per process."""
    return find_fonts()


_faces = threading.local()  # a FreeType face is not to be shared between threads: one set per thread


def font(fonts: Fonts, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The face at `size`, loaded once per thread."""
    loaded: dict = _faces.__dict__.setdefault("loaded", {})
    key = (fonts, size, bold)
    if key not in loaded:
        path = (fonts.bold if bold else fonts.regular) or fonts.regular  # no bold: the regular face
        loaded[key] = ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)
    return loaded[key]


# Pillow's bundled font has ASCII and a little punctuation: letters it lacks
# are drawn without their accents ("ó" as "o"), these as their nearest.
FALLBACK_SUBSTITUTES = {"—": "-", "–": "-", "‑": "-", "¿": "", "¡": ""}


@functools.cache
def _bundled_has(char: str) -> bool:
    """Whether Pillow's bundled font draws `char` (not its missing-glyph box)."""
    face = font(Fonts(None, None), 20)
    missing = "\U000FFFFD"
    return (face.getbbox(char), face.getlength(char)) != (face.getbbox(missing), face.getlength(missing))


@functools.cache
def _bundled_char(char: str) -> str:
    if char.isspace() or _bundled_has(char):
        return char
    if char in FALLBACK_SUBSTITUTES:
        return FALLBACK_SUBSTITUTES[char]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and all(_bundled_has(c) for c in base) else char


def drawable(text: str, fonts: Fonts) -> str:
    """`text` as the fonts can draw it: as it is with DejaVu, with what the
    bundled font lacks replaced by its nearest letters otherwise."""
    if fonts.regular:
        return text
    return "".join(_bundled_char(char) for char in text)


# --- verdict tones -------------------------------------------------------------


@dataclass(frozen=True)
class Tone:
    background: str
    text: str


GREY = Tone(background="#e7e8ea", text="#374151")
_TONE_RULE = re.compile(r"--v-([a-z]+)(-bg)?:\s*var\(--v-light,\s*(#[0-9a-fA-F]{6})\)")


@functools.cache
def tones() -> dict[str, Tone]:
    """The light verdict tones of static/css/verdict.css, the one place they
    are defined (each pair meets WCAG AA contrast), by colour name."""
    path = finders.find("css/verdict.css")
    found: dict[str, dict[str, str]] = {}
    if path:
        for name, is_bg, value in _TONE_RULE.findall(Path(path).read_text(encoding="utf-8")):
            found.setdefault(name, {})["background" if is_bg else "text"] = value
    return {name: Tone(**pair) for name, pair in found.items() if len(pair) == 2}


def tone(name: str) -> Tone:
    return tones().get(name, GREY)


# --- text that fits its box ------------------------------------------------------


@dataclass(frozen=True)
class Fitted:
    """Text set in its box: the lines, their font and line height."""

    lines: tuple[str, ...]
    font: ImageFont.FreeTypeFont
    line_height: int
    shortened: bool = False

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)


def _width(text: str, face: ImageFont.FreeTypeFont) -> float:
    return face.getlength(text)


def _split_word(word: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """A word wider than the whole line (a long address): broken where it
    must be, after a "/", "-" or "." where it can: the one case a word is cut."""
    parts, current = [], ""
    for char in word:
        if current and _width(current + char, face) > width:
            cut = max(current.rfind(mark) for mark in "/-._") + 1
            cut = cut if cut > len(current) // 2 else len(current)
            parts.append(current[:cut])
            current = current[cut:]
        current += char
    return [*parts, current] if current else parts


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int, *, limit: int | None = None) -> tuple[list[str], bool]:
    """Greedy word wrap of `text` (its whitespace collapsed) to `width`
    pixels, and whether a word wider than a line had to be broken. With
    `limit`, it stops once there are more lines than that (they do not fit)."""
    lines: list[str] = []
    current = ""
    broken = False
    for word in text.split():
        if limit is not None and len(lines) > limit:
            return lines, broken
        candidate = f"{current} {word}" if current else word
        if _width(candidate, face) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _split_word(word, face, width) if _width(word, face) > width else [word]
        broken = broken or len(pieces) > 1
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines, broken


def _shortened(line: str, face: ImageFont.FreeTypeFont, width: int, ellipsis: str) -> str:
    """`line` less its last words until it fits with `ellipsis` after it."""
    words = line.split()
    while words:
        head = " ".join(words).rstrip(",;:.·—–-")
        if _width(head + ellipsis, face) <= width:
            return head + ellipsis
        words.pop()
    return ellipsis.strip()


def fit(
    text: str,
    *,
    fonts: Fonts,
    sizes: Sequence[int],
    width: int,
    height: int,
    bold: bool = False,
    max_lines: int | None = None,
    ellipsis: str = ELLIPSIS,
) -> Fitted:
    """`text` at the first of `sizes` (largest first) whose wrapped lines fit
    `width` × `height` (and `max_lines`) with no word broken; at the last
    size, the lines that fit, the last of them ending in `ellipsis` after a
    whole word."""
    text = drawable(text, fonts)
    ellipsis = drawable(ellipsis, fonts)
    for size in sizes:
        face = font(fonts, size, bold=bold)
        line_height = round(size * LINE_SPACING)
        room = max(1, height // line_height)
        if max_lines:
            room = min(room, max_lines)
        lines, broken = wrap(text, face, width, limit=room)
        if len(lines) <= room and (not broken or size == sizes[-1]):
            return Fitted(tuple(lines), face, line_height)
    kept = lines[:room]
    kept[-1] = _shortened(kept[-1], face, width, ellipsis)
    return Fitted(tuple(kept), face, line_height, shortened=True)


def shorten_words(text: str, limit: int) -> str:
    """`text` (whitespace collapsed) at most `limit` characters, cut after a
    whole word with "…" when it is longer: for alternative text."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return head.rstrip(",;:.·—–-") + ELLIPSIS


# --- drawing ---------------------------------------------------------------------


def canvas(stripe: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A blank card with the tone's band on its left edge."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, STRIPE - 1, HEIGHT - 1), fill=stripe)
    return image, draw


def draw_text(draw: ImageDraw.ImageDraw, fitted: Fitted, *, x: int, y: int, fill: str) -> int:
    """The lines from (x, y), their tops at each line height; the y below them."""
    for number, line in enumerate(fitted.lines):
        draw.text((x, y + number * fitted.line_height), line, font=fitted.font, fill=fill, anchor="la")
    return y + fitted.height


def draw_pill(draw: ImageDraw.ImageDraw, fitted: Fitted, *, x: int, y: int, tone: Tone) -> int:
    """One line of text in a rounded badge of the tone, as the pages' verdict
    badge; the y below it."""
    pad_x, pad_y = 28, 14
    text_width = round(_width(fitted.lines[0], fitted.font))
    size = fitted.font.size
    box = (x, y, x + text_width + 2 * pad_x, y + size + 2 * pad_y)
    draw.rounded_rectangle(box, radius=(box[3] - box[1]) // 2, fill=tone.background, outline=tone.text, width=3)
    draw.text((x + pad_x, (box[1] + box[3]) // 2), fitted.lines[0], font=fitted.font, fill=tone.text, anchor="lm")
    return box[3]


def draw_footer(draw: ImageDraw.ImageDraw, newsroom: str, *, fonts: Fonts, right: int = WIDTH - MARGIN) -> None:
    """A rule and the newsroom's name along the bottom."""
    top = HEIGHT - 86
    draw.line((MARGIN, top, right, top), fill=RULE, width=2)
    name = fit(newsroom, fonts=fonts, sizes=(34, 32, 30, 28, 26), width=right - MARGIN, height=40, bold=True, max_lines=1)
    draw_text(draw, name, x=MARGIN, y=top + 22, fill=INK)


def cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """`image` scaled and centre-cropped to fill `size` (a lead image's panel)."""
    width, height = size
    scale = max(width / image.width, height / image.height)
    scaled = image.convert("RGB").resize((max(width, round(image.width * scale)), max(height, round(image.height * scale))))
    left, top = (scaled.width - width) // 2, (scaled.height - height) // 2
    return scaled.crop((left, top, left + width, top + height))


class _Count:
    """How many cards this process has drawn: an unchanged version stamp
    must not draw its card again (the tests read it)."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def add(self) -> None:
        with self._lock:
            self.value += 1


drawn = _Count()


def png(image: Image.Image, *, photo: bool = False) -> bytes:
    """The finished card as PNG bytes. Text on flat colours keeps its looks
    in a 256-colour palette at less than half the bytes; a photo (a lead
    image) stays in full colour."""
    if not photo:
        image = image.quantize(256, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    drawn.add()
    return buffer.getvalue()

"""The verdict palette in one stylesheet: static/css/verdict.css holds the
badge tones of every Verdict.Colour, light and dark, and the badge's shape;
no other stylesheet defines them; every kind of page that shows verdicts
gets it (the reader, desk and admin pages link it, the embed inlines it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.test import Client

from factcheck.models import Claim, Verdict
from tests.csp import directives, sha256_source
from tests.editors import make_editor
from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.embeds.options import EMBED_STYLESHEET

CSS = Path(settings.BASE_DIR) / "static" / "css"
COLOURS = Verdict.Colour.values
ROOT = ("", ":root")
DARK_THEME = ("", "html.theme-dark")
DARK_SYSTEM = ("@media (prefers-color-scheme: dark)", "html:not(.theme-light):not([data-theme])")
# A tone: "var(--v-light, #light) var(--v-dark, #dark)".
TONE = re.compile(r"^var\(--v-light, (#[0-9a-f]{6})\) var\(--v-dark, (#[0-9a-f]{6})\)$")
# A selector that names a badge (not .verdict-box and the like).
BADGE = re.compile(r"\.verdict(?![-\w])|\.verdict--")
COLOUR_PROPERTIES = {"background", "background-color", "color", "border-color"}


def rules(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """(enclosing at-rule or "", selector, declarations) of each rule; enough
    CSS for our own stylesheets (no strings holding braces or semicolons)."""
    found = []

    def walk(text: str, context: str) -> None:
        pos = 0
        while (opening := text.find("{", pos)) >= 0:
            head, depth, end = text[pos:opening].strip(), 1, opening + 1
            while depth:
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            body = text[opening + 1 : end - 1]
            if head.startswith("@"):
                walk(body, " ".join(head.split()))
            else:
                pairs = (part.partition(":") for part in body.split(";"))
                found.append(
                    (context, " ".join(head.split()), {k.strip(): v.strip() for k, _, v in pairs if k.strip()})
                )
            pos = end

    walk(re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL), "")
    return found


def palette() -> dict[tuple[str, str], dict[str, str]]:
    found: dict[tuple[str, str], dict[str, str]] = {}
    for context, selector, declarations in rules((CSS / "verdict.css").read_text()):
        found.setdefault((context, selector), {}).update(declarations)
    return found


def tones(mode: str) -> dict[str, str]:
    """Every --v-<colour>(-bg) property's value in `mode` ("light" or "dark")."""
    index = {"light": 0, "dark": 1}[mode]
    found = {}
    for name, value in palette()[ROOT].items():
        if match := TONE.match(value):
            found[name] = match.group(index + 1)
    return found


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- the stylesheet ------------------------------------------------------------


def test_verdict_css_writes_each_tone_once_light_and_dark_side_by_side():
    names = {f"--v-{c}{part}" for c in COLOURS for part in ("", "-bg")}
    assert set(tones("light")) == names == set(tones("dark"))
    rules_ = palette()
    # Dark mode only flips the two switches, in both places it comes from.
    switched_on = {"--v-light": "", "--v-dark": "initial"}
    assert rules_[DARK_THEME] == switched_on
    assert rules_[DARK_SYSTEM] == switched_on
    assert {k: rules_[ROOT][k] for k in ("--v-light", "--v-dark")} == {"--v-light": "initial", "--v-dark": ""}
    for colour in COLOURS:
        assert rules_[("", f".verdict--{colour}")] == {
            "background": f"var(--v-{colour}-bg)",
            "color": f"var(--v-{colour})",
        }


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_each_tone_meets_wcag_aa_contrast(mode):
    palette_ = tones(mode)
    for colour in COLOURS:
        ratio = contrast(palette_[f"--v-{colour}"], palette_[f"--v-{colour}-bg"])
        assert ratio >= 4.5, f"{colour}: {ratio:.2f}:1"


@pytest.mark.parametrize("path", sorted(p.name for p in CSS.glob("*.css") if p.name != "verdict.css"))
def test_no_other_stylesheet_defines_a_verdict_colour(path):
    for context, selector, declarations in rules((CSS / path).read_text()):
        assert not [name for name in declarations if name.startswith("--v-")], f"{path}: {selector} defines the palette"
        for colour in COLOURS:
            assert not re.search(rf"\.verdict--{colour}(?![-\w])", selector), f"{path}: {selector}"
        # Sizes are a page's own business; colours are verdict.css's
        # (print, which drops them, aside).
        if BADGE.search(selector) and context != "@media print":
            assert not COLOUR_PROPERTIES & set(declarations), f"{path}: {selector} colours the badge"


# --- the pages ---------------------------------------------------------------------

TIMELINE = "/timelines/milei-trump/"
EMBED = "/embed/timelines/milei-trump/"


def stylesheet_links(html: str) -> list[str]:
    tags = re.findall(r"<link\b[^>]*>", html)
    return [re.search(r'href="([^"]+)"', tag).group(1) for tag in tags if 'rel="stylesheet"' in tag]


def assert_links_palette_first(response, then: str):
    assert response.status_code == 200
    links = stylesheet_links(response.content.decode())
    assert static("css/verdict.css") in links, links
    assert links.index(static("css/verdict.css")) < links.index(static(then)), links


@pytest.fixture
def editor(seeded):
    client = Client()
    client.force_login(make_editor("palette-editor", staff=True))
    return client


@pytest.mark.django_db
def test_reader_pages_link_the_palette_before_site_css(seeded, client):
    claim = Claim.objects.filter(published=True).order_by("pk").first()
    for url in ("/", TIMELINE, claim.get_absolute_url()):
        assert_links_palette_first(client.get(url), then="css/site.css")


@pytest.mark.django_db
def test_desk_pages_link_the_palette_before_site_css(editor):
    claim = Claim.objects.order_by("pk").first()
    for url in ("/editor/", f"/editor/claims/{claim.pk}/", "/editor/ingest/"):
        assert_links_palette_first(editor.get(url), then="css/site.css")


@pytest.mark.django_db
def test_admin_pages_with_verdicts_link_the_palette_before_admin_css(editor):
    claim = Claim.objects.order_by("pk").first()
    for url in (
        "/admin/factcheck/claim/",
        f"/admin/factcheck/claim/{claim.pk}/change/",
        "/admin/factcheck/verdictchange/",
        "/admin/factcheck/verdict/",
    ):
        assert_links_palette_first(editor.get(url), then="css/admin.css")


def served(name: str) -> str:
    from django.contrib.staticfiles.storage import staticfiles_storage

    return Path(staticfiles_storage.path(staticfiles_storage.stored_name(name))).read_text(encoding="utf-8")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["", "?theme=light", "?theme=dark", "?theme=nope"], ids=["auto", "light", "dark", "error"]
)
def test_the_embed_inlines_the_palette_then_its_card_in_one_style_its_policy_allows(seeded, client, query):
    assert EMBED_STYLESHEET == ("css/verdict.css", "css/embed.css")
    response = client.get(EMBED + query)
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL)
    assert styles == [served("css/verdict.css") + "\n" + served("css/embed.css")]
    assert stylesheet_links(response.content.decode()) == []
    assert sha256_source(styles[0]) in directives(response["Content-Security-Policy"])["style-src"]

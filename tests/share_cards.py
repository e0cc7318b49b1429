"""Reading a share card and a page's sharing tags, for the card tests."""

import io
import re

from PIL import Image


def opened(response) -> Image.Image:
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    return image


def meta(html: str) -> dict[str, str]:
    """The page's Open Graph and Twitter tags: property or name → content (first of each)."""
    found: dict[str, str] = {}
    for key, value in re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', html):
        found.setdefault(key, value)
    return found

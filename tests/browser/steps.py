"""Steps more than one browser test takes."""

import re

from tests.timeline.ingest.articles import SEED


def paste_the_seed(page, base_url: str) -> str:
    """The ingest review of the seed article: its path."""
    page.goto(base_url + "/editor/ingest/")
    page.locator("#id_headline").fill("Milei's ties to Trump bring Argentina into the spotlight")
    page.locator("#id_outlet").fill("Courthouse News")
    page.locator("#id_published_0").fill("2025-01-22")
    page.locator("#id_text").fill(SEED)
    page.locator("form.ingest-article-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/editor/ingest/[\w-]+/$"))
    return page.url.removeprefix(base_url)

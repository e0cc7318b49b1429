"""The seed article as the ingest tests paste it: its text and the fields
the article form would give."""

import datetime
from pathlib import Path

from timeline.dates import FuzzyDate
from timeline.ingest.draft import DraftArticle

SEED = (Path(__file__).resolve().parents[3] / "seeds" / "article.txt").read_text(encoding="utf-8")
ARTICLE = DraftArticle(
    headline="Milei's ties to Trump bring Argentina into the spotlight",
    outlet="Courthouse News",
    byline="",
    url="https://example.org/milei-trump",
    published=FuzzyDate(datetime.date(2025, 1, 22)),
    published_estimated=True,
    language="en",
)

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


def article_form(**changes) -> dict:
    """The ingest form's fields for the seed article (`ARTICLE`, `SEED`), with `changes`."""
    data = {
        "headline": "Milei's ties to Trump bring Argentina into the spotlight",
        "outlet": "Courthouse News",
        "byline": "",
        "url": "https://example.org/milei-trump",
        "published_0": "2025-01-22",
        "published_1": "",
        "published_estimated": "on",
        "language": "en",
        "text": SEED,
    }
    data.update(changes)
    return data


# A date-dense article of any length, from sentences written for these
# tests (invented councils and figures: no fact is claimed).
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_TOWNS = ("Norvale", "Easton Ridge", "Port Calder", "Millbrook", "Ashford Vale", "Lindenfield")
_SENTENCES = (
    "On {day} {month} {year} the council of {town} approved budget {n}, the mayor said.",
    "In {month} {year} the {town} water board said that spending rose by {pct}% in a year.",
    "The {town} transport office reported in {year} that {n} buses were out of service.",
    "According to the auditor, the {town} hospital lost {n} beds between {month} {year} and the next spring.",
    "“We have cut waiting lists by {pct}%,” the {town} health director said on {day} {month} {year}.",
)


def date_dense(chars: int) -> str:
    """At least `chars` characters of dated sentences, in paragraphs of five, cut to `chars`."""
    parts, length, n = [], 0, 0
    while length < chars:
        template = _SENTENCES[n % len(_SENTENCES)]
        sentence = template.format(
            day=1 + n % 28, month=_MONTHS[n % 12], year=1990 + n % 34, town=_TOWNS[n % len(_TOWNS)],
            n=100 + n, pct=2 + n % 40,
        )
        parts.append(sentence + ("\n\n" if n % 5 == 4 else " "))
        length += len(parts[-1])
        n += 1
    return "".join(parts)[:chars].rsplit(" ", 1)[0].strip()

"""What a TimelineJS file reads into, shared by the readers and the import.

`ImportedTimeline` and its `ImportedEvent`s are what `reading.parse_json` and
`sheets.parse_csv` return and `services.timeline_import` writes; a file that
cannot be read raises `TimelineFormatError` with every problem found. Notes
count what was read but has no place here (eras, groups, times of day...),
for the import's report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from timeline.dates import FuzzyDate

# The most events one file may bring in.
MAX_EVENTS = 20000
# Our export's title slide `unique_id` is this and the timeline's slug.
TITLE_ID_PREFIX = "timeline-"

# What was read but left out, counted by a phrase ("eras ignored").
Notes = Counter

# A source as read from a file: (title, url); the url may be "".
ImportedSource = tuple[str, str]


class TimelineFormatError(ValueError):
    """The file cannot be imported; `errors` lists every reason, each naming
    the event or row it is on."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportedEvent:
    where: str
    uid: str
    title: str
    summary: str
    when: FuzzyDate
    until: FuzzyDate | None
    sources: list[ImportedSource]
    # None: the file does not say (an update keeps what is there).
    location: str | None = None
    actors: list[str] | None = None


@dataclass
class ImportedTimeline:
    title: str
    description: str
    slug_hint: str
    events: list[ImportedEvent]
    notes: Notes = field(default_factory=Counter)

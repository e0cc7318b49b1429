"""Date mentions in news text, resolved against the publication date.

`extract_dates(text, published=..., language="en")` returns every mention of
a day, a month or a year with its character span, the date it stands for (the
first day of the period) and its precision.

How it works, sentence by sentence (the text is split once, by
timeline.ingest.sentences):

1. Candidates are found with patterns assembled from dateparser's own
   language data (grammar.py, with the phrasing in words.py).
2. What looks like a date but is not is dropped (matching.py): money ("$57
   billion"), percentages, counts ("47 million", "13 of the 14"), scores
   ("7-2"), the modal "may", the verb "march", names.
3. Each candidate is resolved by its kind (resolvers.py), read by
   dateparser (reading.py) relative to the publication date. The direction
   of a date without a year comes from the candidate itself ("last", "next",
   "pasado") or else from the sentence's tense (tense.py): "is expected in
   June" is next June, "met in November" last November; "since" is the
   past; a month that names a thing ("the March report") takes the tense of
   the clause that describes it, else the past; "este jueves" on a Thursday
   is that day; with no clue, the nearest. A range shares its year ("del 12
   de junio al 12 de julio de 2020"), a day with "del año pasado" is one
   mention, "the day before" counts from the day last named, and digits
   glued to a word ("since 2017when") are still read. Decades ("the
   1990s", "los años noventa", "la década de 1980") give no date: there is
   no decade precision to give them.

Work is bounded: the text is limited to MAX_TEXT_CHARS (checks.py),
sentences are cut at MAX_SENTENCE_CHARS, a sentence yields at most
MAX_MENTIONS_PER_SENTENCE mentions, and dateparser only ever sees a
candidate of at most MAX_CANDIDATE_CHARS characters: no input can make it
run away.

The names other code uses are imported here, so
`from timeline.ingest.extraction import extract_dates` keeps working.
"""

from timeline.ingest.extraction.checks import (
    LANGUAGES,
    MAX_TEXT_CHARS,
    ExtractionError,
    check_language,
    check_published,
    check_text,
)
from timeline.ingest.extraction.extractor import DateMention, extract_dates, load
from timeline.ingest.extraction.matching import MAX_MENTIONS_PER_SENTENCE
from timeline.ingest.extraction.reading import MAX_CANDIDATE_CHARS

__all__ = [
    "LANGUAGES",
    "MAX_CANDIDATE_CHARS",
    "MAX_MENTIONS_PER_SENTENCE",
    "MAX_TEXT_CHARS",
    "DateMention",
    "ExtractionError",
    "check_language",
    "check_published",
    "check_text",
    "extract_dates",
    "load",
]

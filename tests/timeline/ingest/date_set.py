"""The labelled date-mention sets and their scorer.

date_mentions.toml is the set the extractor was developed on;
date_mentions_classes.toml holds texts for each class of error found in
issue 12, labelled before the extractor was changed for them;
date_mentions_unseen.toml is held out: written and labelled before the
extractor was ever run on it, and not to be tuned against.

A predicted mention is right when its span overlaps a labelled one and it
names the same period (date and precision). Each labelled mention counts
once. Precision = right / predicted, recall = right / labelled.

Run it to print the figures for our extractor and for raw dateparser:
    python -m tests.timeline.ingest.date_set
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SET_FILE = Path(__file__).with_name("date_mentions.toml")
UNSEEN_FILE = Path(__file__).with_name("date_mentions_unseen.toml")
# Texts for the classes of error found in issue 12, labelled before the fix.
CLASSES_FILE = Path(__file__).with_name("date_mentions_classes.toml")
_MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]*)\]\]")


@dataclass(frozen=True)
class Labelled:
    start: int
    end: int
    text: str
    date: str  # ISO at its precision: "2018", "2024-11", "2024-02-24"


@dataclass(frozen=True)
class Sample:
    id: str
    language: str
    published: datetime.date
    text: str
    mentions: tuple[Labelled, ...]


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    date: str


def _from_markup(body: str) -> tuple[str, list[Labelled]]:
    out, mentions, position = [], [], 0
    length = 0
    for match in _MARK.finditer(body):
        out.append(body[position : match.start()])
        length += match.start() - position
        words, date = match.group(1), match.group(2)
        mentions.append(Labelled(length, length + len(words), words, date))
        out.append(words)
        length += len(words)
        position = match.end()
    out.append(body[position:])
    return "".join(out), mentions


def _from_list(text: str, pairs: list[list[str]]) -> list[Labelled]:
    mentions, position = [], 0
    for words, date in pairs:
        start = text.index(words, position)
        mentions.append(Labelled(start, start + len(words), words, date))
        position = start + len(words)
    return mentions


def load_samples(path: Path | None = None) -> list[Sample]:
    """The texts of one labelled set: SET_FILE unless told otherwise."""
    data = tomllib.loads((path or SET_FILE).read_text(encoding="utf-8"))
    samples = []
    for entry in data["text"]:
        if "file" in entry:
            text = (ROOT / entry["file"]).read_text(encoding="utf-8")
            mentions = _from_list(text, entry["mentions"])
        else:
            text, mentions = _from_markup(entry["body"].strip())
        samples.append(
            Sample(entry["id"], entry["language"], datetime.date.fromisoformat(entry["published"]), text, tuple(mentions))
        )
    return samples


@dataclass
class Score:
    right: int = 0
    predicted: int = 0
    labelled: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.predicted += other.predicted
        self.labelled += other.labelled

    def line(self, name: str) -> str:
        return (
            f"{name:<34} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"({self.right} right of {self.predicted} found, {self.labelled} labelled)"
        )


def score_sample(sample: Sample, found: list[Found], *, misses: list[str] | None = None) -> Score:
    score = Score(predicted=len(found), labelled=len(sample.mentions))
    used: set[int] = set()
    for prediction in found:
        for index, label in enumerate(sample.mentions):
            if index in used:
                continue
            if prediction.start < label.end and label.start < prediction.end and prediction.date == label.date:
                used.add(index)
                score.right += 1
                break
        else:
            if misses is not None:
                misses.append(f"{sample.id}: wrong {sample.text[prediction.start:prediction.end]!r} -> {prediction.date}")
    if misses is not None:
        for index, label in enumerate(sample.mentions):
            if index not in used:
                misses.append(f"{sample.id}: missed {label.text!r} = {label.date}")
    return score


Extractor = Callable[[Sample], list[Found]]


def score_all(extractor: Extractor, samples: list[Sample], *, misses: list[str] | None = None) -> dict[str, Score]:
    """Scores per language and overall ("all")."""
    scores = {"all": Score()}
    for sample in samples:
        score = score_sample(sample, extractor(sample), misses=misses)
        scores.setdefault(sample.language, Score()).add(score)
        scores["all"].add(score)
    return scores


def ours(sample: Sample) -> list[Found]:
    from timeline.ingest.extraction import extract_dates

    return [
        Found(m.start, m.end, m.when.iso)
        for m in extract_dates(sample.text, published=sample.published, language=sample.language)
    ]


def raw_search_dates(prefer: str | None = None) -> Extractor:
    """dateparser's `search_dates` as it comes (the base date set to the
    publication date), its substrings located in the text in order."""

    def extract(sample: Sample) -> list[Found]:
        from dateparser.search import search_dates

        from timeline.dates import FuzzyDate

        settings = {"RELATIVE_BASE": datetime.datetime.combine(sample.published, datetime.time())}
        if prefer:
            settings["PREFER_DATES_FROM"] = prefer
        results = search_dates(sample.text, languages=[sample.language], settings=settings, add_period=True) or []
        found, position = [], 0
        for substring, when, period in results:
            start = sample.text.find(substring, position)
            if start == -1:
                start = sample.text.find(substring)
            if start == -1:
                continue
            position = start + len(substring)
            precision = period if period in ("day", "month", "year") else "day"
            found.append(Found(start, start + len(substring), FuzzyDate.of(when.date(), precision).iso))
        return found

    return extract


def report(samples: list[Sample] | None = None) -> dict[str, dict[str, Score]]:
    samples = samples or load_samples()
    results = {
        "ours": score_all(ours, samples),
        "raw search_dates": score_all(raw_search_dates(), samples),
        "raw search_dates (prefer past)": score_all(raw_search_dates("past"), samples),
    }
    for name, scores in results.items():
        for language, score in sorted(scores.items()):
            print(score.line(f"{name} [{language}]"))
    return results


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.project.settings")
    os.environ.setdefault("DJANGO_ALLOW_INSECURE_KEY", "1")
    django.setup()
    for path in (SET_FILE, UNSEEN_FILE, CLASSES_FILE):
        print(f"== {path.name}")
        samples = load_samples(path)
        misses: list[str] = []
        print(score_all(ours, samples, misses=misses)["all"].line("ours"))
        print("\n".join(misses))
        report(samples)

"""Date extraction: quality against raw dateparser `search_dates` on the
labelled set and on the held-out (unseen) set, and time for the seed article and 10x / 100x its length.

Run with `make bench`. Figures are printed, not asserted: times as ratios
against the seed article measured in the same run.
"""

import datetime
import gc
import time
from pathlib import Path

from timeline.ingest.extraction import extract_dates, load
from timeline.ingest.extraction.reading import read

from ..timeline.ingest.date_set import UNSEEN_FILE, load_samples, ours, raw_search_dates, score_all

SEED = (Path(__file__).resolve().parents[2] / "seeds" / "article.txt").read_text(encoding="utf-8")
PUBLISHED = datetime.date(2025, 1, 22)


def _best_of(function, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()  # no collection left over from earlier work lands in the timing
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _print_quality(title: str, samples) -> list[str]:
    print(f"\n{title}: {sum(len(s.mentions) for s in samples)} labelled in {len(samples)} texts")
    misses: list[str] = []
    for name, extractor in (
        ("extractor", ours),
        ("raw search_dates", raw_search_dates()),
        ("raw search_dates, prefer past", raw_search_dates("past")),
    ):
        scores = score_all(extractor, samples, misses=misses if extractor is ours else None)
        for language in ("en", "es", "all"):
            print(scores[language].line(f"{name} [{language}]"))
    return misses


def test_quality_ours_against_raw_search_dates():
    _print_quality("Date mentions", load_samples())


def test_quality_on_the_unseen_set():
    """The held-out set, never tuned against: its misses are printed so a
    reader sees what the figure is made of, not to be fixed one by one."""
    misses = _print_quality("Unseen date mentions", load_samples(UNSEEN_FILE))
    print("\n".join(f"  {miss}" for miss in misses))


def test_extraction_time_grows_linearly_with_length():
    from dateparser.search import search_dates

    load()  # dateparser and the patterns, once per process
    extract_dates(SEED, published=PUBLISHED)  # warm

    seed = _best_of(lambda: extract_dates(SEED, published=PUBLISHED), 20)
    read.cache_clear()
    seed_cold_reads = _best_of(lambda: (read.cache_clear(), extract_dates(SEED, published=PUBLISHED)), 5)
    settings = {"RELATIVE_BASE": datetime.datetime(2025, 1, 22)}
    search_dates(SEED, languages=["en"], settings=settings)
    raw = _best_of(lambda: search_dates(SEED, languages=["en"], settings=settings), 5)

    print(f"\nseed article ({len(SEED):,} chars), warm: {seed * 1000:.1f} ms")
    print(f"seed article, dateparser reads not cached: {seed_cold_reads * 1000:.1f} ms ({seed_cold_reads / seed:.1f}x)")
    print(f"raw search_dates on the seed article: {raw * 1000:.1f} ms ({raw / seed:.1f}x ours)")
    for factor in (10, 100):
        text = "\n".join([SEED] * factor)
        elapsed = _best_of(lambda: extract_dates(text, published=PUBLISHED), 3)
        count = len(extract_dates(text, published=PUBLISHED))
        print(
            f"{factor}x the seed ({len(text):,} chars, {count} mentions): {elapsed * 1000:.0f} ms = "
            f"{elapsed / seed:.1f}x the seed, {elapsed / seed / factor:.2f} per copy"
        )

import statistics
import time

import pytest

# One Chromium for the whole bench run (a second sync Playwright in the same
# thread is refused), and the browser tests' live server.
from tests.browser.conftest import browser, seeded_live_server, static_files_as_in_production  # noqa: F401


def median_seconds(call, *, repeat: int, warmup: int = 3) -> float:
    """Median wall time of `call()` over `repeat` runs, after a warm-up."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


@pytest.fixture
def report():
    """Collects lines and prints them together after the benchmark, so the
    figures stand as one block in `make bench` output."""
    lines: list[str] = []
    yield lines.append
    print("\n" + "\n".join(lines))

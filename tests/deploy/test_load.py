"""Readers and editors at once against the site as deployed: gunicorn with
2 workers (`make serve`), PostgreSQL and Redis, on 127.0.0.1 (see
`scenarios.steady_load`). Shortened here (LOAD_SECONDS, 10 s); the full
60 s run with its figures is `make bench` (tests/perf/bench_load.py)."""

import os

import pytest

from .scenarios import steady_load

pytestmark = pytest.mark.serving
SECONDS = float(os.environ.get("LOAD_SECONDS", "10"))


def test_readers_and_editors_at_once_get_no_error_and_every_save_has_its_history_row(stack, figures):
    run = steady_load(stack, seconds=SECONDS, tag="test")
    figures(run.lines)
    assert not run.problems, "\n".join(run.problems)

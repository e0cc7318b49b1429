"""The serving tests (marker `serving`: load, Redis stopped, PostgreSQL
restarted) start their own PostgreSQL, Redis and `make serve`
(`services.py`), stop and start those services, and run LAST, after every
other test of the run, whatever order pytest collected them in.

Which runs have them: with DATABASE_URL on PostgreSQL (CI's second pass,
`.ci/run`), or SERVING_TESTS=1 on any run; SERVING_TESTS=0 leaves them out.
They never use the run's own database or Redis, so once per CI run is enough;
on SQLite they are deselected (and the summary says so).
"""

from __future__ import annotations

import os

import pytest

from .services import serving_stack

MARKER = "serving"
_figures: list[str] = []
_deselected: list[str] = []


def serving_wanted() -> bool:
    wanted = os.environ.get("SERVING_TESTS", "").strip()
    if wanted:
        return wanted not in {"0", "no", "false", "off"}
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    serving = [item for item in items if item.get_closest_marker(MARKER)]
    if not serving:
        return
    others = [item for item in items if not item.get_closest_marker(MARKER)]
    if serving_wanted():
        items[:] = others + serving  # last, in their own order: load, then the outages
        return
    items[:] = others
    config.hook.pytest_deselected(items=serving)
    _deselected.extend(item.nodeid for item in serving)


def pytest_terminal_summary(terminalreporter):
    if _figures:
        terminalreporter.section("serving figures (own PostgreSQL, Redis and gunicorn)")
        for line in _figures:
            terminalreporter.write_line(line)
    if _deselected:
        terminalreporter.write_line(
            f"NOTE: {len(_deselected)} serving tests (load, outages) were deselected: they run with "
            "DATABASE_URL=postgres://... (CI's second pass) or SERVING_TESTS=1."
        )


@pytest.fixture(scope="session")
def stack():
    """PostgreSQL, Redis and `make serve` of their own, with four editors."""
    with serving_stack(needs="The serving tests need:") as running:
        yield running


@pytest.fixture
def figures():
    """Lines for the summary at the end of the run (and -s output)."""

    def add(lines: list[str]) -> None:
        print("\n" + "\n".join(lines))
        _figures.extend(lines)

    return add

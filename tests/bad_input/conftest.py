"""Bad input: hypothesis profiles, and the count of cases each target tried.

Two profiles, picked by HYPOTHESIS_PROFILE (default "ci"):

- "ci": enough cases that the whole suite tries a few thousand, quickly
  enough for every `make test`;
- "fuzz": 1,000 cases per target (`make fuzz`).

The profile is loaded here, before the suite's modules are imported, so
every `@given` in them takes it; tests elsewhere name their own numbers.

At the end of a run that ran any of these tests, the terminal summary lists
the cases each target tried (the figures the README quotes).
"""

import os
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.statistics import collector

PROFILES = {"ci": 100, "fuzz": 1000}
# The client, database and seed fixtures are set up once per target, and
# every case rolls its writes back itself (`checks.rolled_back`).
_SHARED = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "print_blob": True,
}
for _name, _examples in PROFILES.items():
    settings.register_profile(_name, max_examples=_examples, **_SHARED)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)

# nodeid -> cases run (passing or failing) in every phase hypothesis went through.
_cases: dict[str, int] = defaultdict(int)


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_call(item):
    """Inside hypothesis's own wrapper: read its statistics for this test
    as they are handed to its pytest plugin, and pass them on."""
    passed_on = collector.value

    def note(stats):
        for key, phase in stats.items():
            if key.endswith("-phase") and isinstance(phase, dict):
                _cases[item.nodeid] += sum(
                    1 for case in phase.get("test-cases", []) if case.get("status") in ("valid", "interesting")
                )
        if passed_on is not None:
            passed_on(stats)

    with collector.with_value(note):
        yield


def pytest_terminal_summary(terminalreporter):
    if not _cases:
        return
    terminalreporter.section(f"bad input: cases tried (hypothesis profile “{PROFILE}”)")
    width = max(len(nodeid) for nodeid in _cases)
    for nodeid, count in sorted(_cases.items()):
        terminalreporter.write_line(f"{nodeid:<{width}}  {count:>6,}")
    terminalreporter.write_line(f"{'total: ' + str(len(_cases)) + ' targets':<{width}}  {sum(_cases.values()):>6,}")

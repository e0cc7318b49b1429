"""Run the load (`locustfile.py`, locust headless in its own process) against
a `services.Site`, and read what every request got.

`start_load(...)` returns at once (the test does its fault meanwhile);
`LoadRun.finish()` waits for locust and reads the records into a `Result`:
per endpoint, requests per second, p50, p99 and the worst time; errors
(anything but the expected answers); 409 conflicts, counted apart; the
styled 503s; and the tokens of the saves that were answered 200.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .services import ROOT, Site, Stack, write_json

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
SAVE = "editor: save verdict"
READS = ("timeline page", "claim page", "embed", "TimelineJS API", "healthz")
ORDER = (*READS, "editor: claim page", SAVE, "sign-in page", "sign in")


@dataclass(frozen=True)
class Record:
    start: float  # wall clock, seconds
    ms: float  # response time
    name: str
    status: int
    kind: str  # ok | saved | conflict | unavailable | error
    token: str
    detail: str

    @property
    def end(self) -> float:
        return self.start + self.ms / 1000


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Result:
    records: list[Record]
    seconds: float
    users: int
    log: str = ""
    app_cpu: float = 0.0  # CPU seconds the gunicorn workers used during the run
    load_average: tuple[float, float] = (0.0, 0.0)  # the machine's, before and after
    by_name: dict[str, list[Record]] = field(init=False)

    def __post_init__(self):
        self.by_name = defaultdict(list)
        for record in self.records:
            self.by_name[record.name].append(record)

    def of(self, *kinds: str, names=None, start=None, end=None) -> list[Record]:
        return [
            r for r in self.records
            if r.kind in kinds and (names is None or r.name in names)
            and (start is None or r.start >= start) and (end is None or r.start < end)
        ]

    @property
    def errors(self) -> list[Record]:
        return self.of("error")

    @property
    def acknowledged(self) -> set[str]:
        return {r.token for r in self.of("saved")}

    @property
    def refused(self) -> set[str]:
        return {r.token for r in self.of("conflict", "unavailable", "error", names={SAVE})}

    @property
    def span(self) -> float:
        """Seconds from the first request's start to the last one's end."""
        return max(r.end for r in self.records) - min(r.start for r in self.records)

    def table(self, records: list[Record] | None = None, seconds: float | None = None) -> list[str]:
        """One line per endpoint: requests, req/s, p50, p99, worst, and what they got."""
        groups = defaultdict(list)
        for record in self.records if records is None else records:
            groups[record.name].append(record)
        seconds = seconds or self.span
        lines = [f"  {'endpoint':<22}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}  answers"]
        total = 0
        for name in sorted(groups, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER)):
            rows = groups[name]
            total += len(rows)
            times = [r.ms for r in rows]
            kinds = Counter(r.kind for r in rows)
            answers = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
            lines.append(
                f"  {name:<22}{len(rows):>9}{len(rows) / seconds:>8.1f}{percentile(times, 0.5):>8.0f}"
                f"{percentile(times, 0.99):>8.0f}{max(times):>8.0f}  {answers}"
            )
        lines.append(f"  {'all':<22}{total:>9}{total / seconds:>8.1f}")
        return lines

    def error_lines(self, limit: int = 10) -> str:
        return "\n".join(f"{r.name}: {r.detail}" for r in self.errors[:limit])


@dataclass
class LoadRun:
    process: subprocess.Popen
    folder: Path
    seconds: float
    users: int
    started: float
    site: Site
    cpu_before: float
    load_before: float

    def abort(self) -> None:
        """Stop locust now (the test failed before the run's end)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def end(self, at: float) -> Result:
        """Stop the load at wall-clock time `at` (or its time limit, if sooner)."""
        time.sleep(max(0.0, at - time.time()))
        (self.folder / "stop").touch()
        return self.finish()

    def finish(self) -> Result:
        try:
            self.process.wait(timeout=self.seconds + 200)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        log = (self.folder / "locust.log").read_text(errors="replace")
        events = self.folder / "events.jsonl"
        if not events.exists():
            raise RuntimeError(f"locust wrote no records (exit {self.process.returncode}):\n{log[-3000:]}")
        records = [Record(*json.loads(line)) for line in events.read_text().splitlines() if line]
        return Result(records=records, seconds=self.seconds, users=self.users, log=log,
                      app_cpu=self.site.cpu_seconds() - self.cpu_before,
                      load_average=(self.load_before, os.getloadavg()[0]))


def start_load(
    stack: Stack, *, seconds: float, readers: int = 12, editors: int = 4, tag: str, open_ended: bool = False
) -> LoadRun:
    """Start locust against the stack's site; returns while it runs. An
    open-ended run goes on past `seconds` (at most two minutes more) until
    `LoadRun.end()`: an outage test keeps the load on until it has seen the
    site recover, however long the service took to come back."""
    folder = stack.root / f"load-{tag}"
    folder.mkdir()
    accounts = stack.site.editors[:editors]
    if len(accounts) < editors:
        accounts += stack.site.make_editors(editors - len(accounts))
    claims = stack.claims()
    # Three claims for four editors: now and then two save the same one.
    plan = {
        "editors": accounts,
        "editor_count": editors,
        "read_claims": claims["read"],
        "edit_claims": claims["edit"][:3],
        "token_prefix": f"load-{tag}-",
    }
    env = dict(os.environ)
    env.update(
        LOAD_PLAN=str(write_json(folder / "plan.json", plan)),
        LOAD_EVENTS=str(folder / "events.jsonl"),
        LOAD_STOP=str(folder / "stop"),
        PYTHONPATH=str(ROOT),
    )
    users = readers + editors
    run_time = round(seconds) + (120 if open_ended else 0)
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", stack.site.base,
        "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{run_time}s",
        # Each user finishes the request it is making: no save is cut off
        # between the server's commit and its answer.
        "--stop-timeout", "15", "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
    ]
    cpu_before, load_before = stack.site.cpu_seconds(), os.getloadavg()[0]
    with open(folder / "locust.log", "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return LoadRun(process=process, folder=folder, seconds=seconds, users=users, started=time.time(),
                   site=stack.site, cpu_before=cpu_before, load_before=load_before)


def run_load(stack: Stack, *, seconds: float, tag: str, **kwargs) -> Result:
    return start_load(stack, seconds=seconds, tag=tag, **kwargs).finish()

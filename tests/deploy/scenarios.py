"""The three runs, shared by the tests (short, in `make test`) and the
benchmark (60 s each, `make bench`): what happens, what must hold, and the
figures.

1. `steady_load`: readers and editors at once. No error; no 503; the
   verdict history gained exactly one row per save answered 200 (each save
   changes only the rationale), and none for a save refused.
2. `redis_stopped`: Redis shut down in the middle of the load, then started
   again. Every page keeps answering (uncached): no error and no 503 for
   the load, and a walk over every kind of page, signing in and saving
   included, gets the usual answers; once Redis is back, the site fills it again.
3. `redis_hung`: Redis stopped with SIGSTOP (connections open, no answer)
   under the load. The site waits one short timeout, then skips the cache
   for a few seconds at a time: throughput stays at least half of before,
   no page waits more than `CACHE_WAIT_MS` longer than the slowest before,
   and nothing errors.
4. `postgres_restarted`: PostgreSQL stopped as by a crash (`pg_ctl stop -m
   immediate`) in the middle of the load, started again a few seconds later.
   Meanwhile every answer is a success or the styled 503 with Retry-After,
   quickly (no 500, no hang); the same gunicorn workers serve again within
   seconds of PostgreSQL's return; every save answered 200 is in the history.

Each puts the service back even when something fails (try/finally).
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field

from .load import READS, SAVE, Result, start_load
from .pages import HttpClient, failures, walk
from .services import Stack

# Within this many seconds of PostgreSQL accepting connections again, the
# site answers normally.
RECOVERY_LIMIT = 5.0
# The load goes on at least this long after the service is back, however
# long it took to come back: PostgreSQL's recovery plus normal traffic;
# a few seconds of Redis in use again.
AFTER_POSTGRES_RETURN = RECOVERY_LIMIT + 4
AFTER_REDIS_RETURN = 3
# With Redis hung, a page may wait at most this much longer than the slowest
# page before (the cache's short socket timeout, once per retry period).
CACHE_WAIT_MS = 500
# With Redis hung, throughput stays at least this share of before.
HUNG_THROUGHPUT_SHARE = 0.5
# A 503 must come quickly: PostgreSQL's connect timeout in settings is 3 s.
SLOWEST_503_MS = 5000


@dataclass
class Run:
    result: Result
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def check(self, condition: bool, problem: str) -> None:
        if not condition:
            self.problems.append(problem)


def _history(stack: Stack, run: Run, prefix: str, *, exact: bool) -> None:
    """Nothing acknowledged lost: every save answered 200 has its row."""
    result = run.result
    rows = stack.history_notes(prefix)
    acknowledged = result.acknowledged
    lost = acknowledged - set(rows)
    unacknowledged = set(rows) - acknowledged
    conflicts = {r.token for r in result.of("conflict")}
    run.lines.append(
        f"  saves answered 200: {len(acknowledged)}; verdict-history rows added: {len(rows)}; "
        f"rows lost: {len(lost)}; 409 conflicts (expected, not errors): {len(conflicts)}"
    )
    run.check(bool(acknowledged), "no save succeeded: the editors' part of the load did not run")
    run.check(not lost, f"{len(lost)} saves answered 200 have no history row: {sorted(lost)[:5]}")
    run.check(len(rows) == len(set(rows)), "a save added more than one history row")
    run.check(not (set(rows) & conflicts), "a save answered 409 left a history row")
    if exact:
        run.check(not unacknowledged, f"history rows for saves not answered 200: {sorted(unacknowledged)[:5]}")
    elif unacknowledged:
        # A commit whose answer the outage cut off: saved, though the editor saw a 503.
        run.lines.append(f"  saved although the editor got a 503 (committed, then the outage): {len(unacknowledged)}")


def _common(run: Run, *, allow_503: bool) -> None:
    result = run.result
    run.lines += result.table()
    run.lines.append(
        f"  the site's own cost: the 2 gunicorn workers used {result.app_cpu:.1f} CPU-seconds, "
        f"{len(result.records) / max(result.app_cpu, 0.01):.0f} requests per CPU-second; "
        f"machine load average {result.load_average[0]:.1f} before, {result.load_average[1]:.1f} after"
    )
    errors = result.errors
    first = f" (first: {errors[0].name}: {errors[0].detail[:200]})" if errors else ""
    run.lines.append(f"  errors: {len(errors)}{first}")
    run.check(not errors, f"{len(errors)} errors:\n{result.error_lines()}")
    if not allow_503:
        unavailable = result.of("unavailable")
        run.check(not unavailable, f"{len(unavailable)} answers were 503")
    for name in (*READS, "editor: claim page", SAVE):
        run.check(bool(result.by_name.get(name)), f"no request to {name}")


def steady_load(stack: Stack, *, seconds: float, tag: str) -> Run:
    run = Run(start_load(stack, seconds=seconds, tag=tag).finish())
    users = run.result.users
    run.lines.insert(0, f"Load, {seconds:.0f} s: {users} users (4 editors), gunicorn 2 workers, PostgreSQL, Redis")
    _common(run, allow_503=False)
    _history(stack, run, f"load-{tag}-", exact=True)
    return run


def redis_stopped(stack: Stack, *, seconds: float, stop_at: float, down_for: float, tag: str) -> Run:
    walker = stack.site.make_editors(1, admin=True, prefix=f"walk-{tag}")[0]
    claims = stack.claims()
    walk_claim = claims["edit"][3]
    load = start_load(stack, seconds=seconds, tag=tag, open_ended=True)
    try:
        time.sleep(stop_at)
        down = time.time()
        stack.redis.stop()
        seen = walk(HttpClient(stack.site.base), username=walker["username"], password=walker["password"],
                    claim=walk_claim, token=f"walk-{tag}")
        time.sleep(max(0.0, down + down_for - time.time()))
        stack.redis.start()
        up = time.time()
    except BaseException:
        load.abort()
        raise
    finally:
        stack.redis.ensure_running()
    result = load.end(max(load.started + seconds, up + AFTER_REDIS_RETURN))
    run = Run(result)
    run.lines.append(
        f"Redis shut down {stop_at:.0f} s into a {result.span:.0f} s load, started again {up - down:.1f} s later"
    )
    _common(run, allow_503=False)
    during = result.of("ok", "saved", "conflict", "error", "unavailable", start=down, end=up)
    begin, finish = min(r.start for r in result.records), max(r.start for r in result.records)
    phases = ((begin, down), (down, up), (up, finish))
    rates = [len([r for r in result.records if a <= r.start < b]) / (b - a) for a, b in phases]
    run.lines.append("  req/s before, while Redis was down, after: " + ", ".join(f"{rate:.0f}" for rate in rates))
    run.lines.append(f"  while Redis was down ({up - down:.1f} s):")
    run.lines += result.table(during, up - down)
    bad = failures(seen)
    run.lines.append(f"  pages walked while Redis was down: {len(seen)}, not as expected: {len(bad)}")
    run.check(not bad, "pages not as expected while Redis was down:\n" + "\n".join(bad))
    run.check(len(during) > 0, "no request was made while Redis was down")
    log = stack.site.log.read_text(errors="replace")
    run.check("cache unavailable" in log, "the site never noticed Redis was down (no warning logged)")
    # Back: the next shared response is kept in Redis again (a variant no
    # worker holds in its own memory yet: a height asked for only here).
    client = HttpClient(stack.site.base)
    client.get(f"/embed/timelines/milei-trump/?theme=light&order=newest&height={random.randint(400, 3000)}")
    run.check(stack.redis.keys() > 0, "nothing was cached once Redis was back")
    _history(stack, run, f"load-{tag}-", exact=False)
    run.check(stack.history_notes(f"walk-{tag}") == [f"walk-{tag}"], "the walk's save left no history row")
    return run


def redis_hung(stack: Stack, *, seconds: float, stop_at: float, hung_for: float, tag: str) -> Run:
    load = start_load(stack, seconds=seconds, tag=tag, open_ended=True)
    try:
        time.sleep(stop_at)
        hung = time.time()
        stack.redis.pause()
        time.sleep(hung_for)
        stack.redis.resume()
        back = time.time()
    except BaseException:
        load.abort()
        raise
    finally:
        stack.redis.ensure_running()
    result = load.end(max(load.started + seconds, back + AFTER_REDIS_RETURN))
    run = Run(result)
    run.lines.append(f"Redis hung (SIGSTOP) {stop_at:.0f} s into a {result.span:.0f} s load, for {back - hung:.1f} s")
    _common(run, allow_503=False)
    begin = min(r.start for r in result.records)
    before = [r for r in result.records if r.start < hung]
    during = [r for r in result.records if hung <= r.start < back]
    rate_before, rate_during = len(before) / (hung - begin), len(during) / (back - hung)
    # Readers' pages (signing in hashes a password: slow by design).
    slowest_before = max(r.ms for r in before if r.name in READS)
    slowest_during = max((r.ms for r in during if r.name in READS), default=0.0)
    run.lines.append(
        f"  req/s before, while hung: {rate_before:.1f}, {rate_during:.1f} ({rate_during / rate_before:.2f} of before); "
        f"slowest reader page before, while hung: {slowest_before:.0f} ms, {slowest_during:.0f} ms"
    )
    run.lines += result.table(during, back - hung)
    run.check(len(during) > 0, "no request was made while Redis was hung")
    # The shared pages each worker served last stay in its memory
    # (factcheck/web/near_cache.py), so most readers never reach Redis.
    run.check(
        rate_during >= HUNG_THROUGHPUT_SHARE * rate_before,
        f"throughput fell to {rate_during / rate_before:.2f} of before while Redis was hung "
        f"(at least {HUNG_THROUGHPUT_SHARE} expected)",
    )
    run.check(
        slowest_during <= slowest_before + CACHE_WAIT_MS,
        f"a page waited {slowest_during:.0f} ms while Redis was hung (slowest before: {slowest_before:.0f} ms)",
    )
    log = stack.site.log.read_text(errors="replace")
    run.check(log.count("cache unavailable (") >= 1, "the site never noticed Redis was hung (no warning logged)")
    return run


def postgres_restarted(stack: Stack, *, seconds: float, stop_at: float, down_for: float, tag: str) -> Run:
    master, workers = stack.site.master_pid(), stack.site.worker_pids()
    load = start_load(stack, seconds=seconds, tag=tag, open_ended=True)
    try:
        time.sleep(stop_at)
        down = time.time()
        stack.postgres.stop("immediate")
        stopped = time.time()
        time.sleep(down_for)
        restart = time.time()
        stack.postgres.start()
        back = time.time()
    except BaseException:
        load.abort()
        raise
    finally:
        stack.postgres.ensure_running()
    result = load.end(max(load.started + seconds, back + AFTER_POSTGRES_RETURN))
    run = Run(result)
    run.lines.append(
        f"PostgreSQL stopped (immediate: like a crash) {stop_at:.0f} s into a {result.span:.0f} s load, "
        f"accepting connections again {back - down:.1f} s later (pg_ctl stop took {stopped - down:.1f} s, "
        f"then {down_for:.0f} s down, pg_ctl start with crash recovery {back - restart:.1f} s)"
    )
    _common(run, allow_503=True)
    unavailable = result.of("unavailable")
    run.check(bool(unavailable), "no request saw the outage: nothing was tested")
    if unavailable:
        first = min(r.start for r in unavailable)
        last = max(r.end for r in unavailable)
        slowest = max(r.ms for r in unavailable)
        after = [r for r in result.records if r.start > back + RECOVERY_LIMIT]
        # Recovery: from PostgreSQL accepting connections again (pg_ctl start
        # returned) until every reader endpoint has answered normally and
        # the last 503 is out.
        first_ok = {
            name: min((r.end for r in result.of("ok", names={name}, start=back)), default=math.inf) for name in READS
        }
        late_503s = [r for r in unavailable if r.end > back]
        recovered = max(max(first_ok.values()), last) - back
        run.lines.append(
            f"  styled 503s (with Retry-After): {len(unavailable)}; outage seen by clients: {last - first:.1f} s "
            f"(first 503 to last; PostgreSQL down {back - down:.1f} s); slowest 503: {slowest:.0f} ms"
        )
        run.lines.append(
            f"  recovery: every reader endpoint answered normally {recovered:.2f} s after PostgreSQL was back "
            f"(timeline page first: {first_ok['timeline page'] - back:.2f} s); "
            f"503s answered after it was back: {len(late_503s)}"
        )
        # (A request may have waited for a worker since before the stop; its answer may not come before it.)
        run.check(min(r.end for r in unavailable) >= down, "a 503 answered before PostgreSQL stopped")
        run.check(recovered <= RECOVERY_LIMIT, f"not recovered {RECOVERY_LIMIT:.0f} s after PostgreSQL was back")
        run.check(slowest <= SLOWEST_503_MS, f"a 503 took {slowest:.0f} ms: requests hang on the outage")
        run.check(bool(after) and all(r.kind != "unavailable" for r in after), "no normal answers after the recovery")
        for name in READS:
            run.check(any(r.name == name and r.kind == "ok" for r in after), f"{name} did not recover")
        run.check(any(r.kind == "saved" and r.start > back for r in result.records), "no save after the recovery")
    run.check(stack.site.master_pid() == master, "gunicorn was restarted")
    run.check(stack.site.worker_pids() == workers, "gunicorn's workers were replaced: they did not recover themselves")
    run.check(stack.site.healthy(), "/healthz is not 200 after the outage")
    _history(stack, run, f"load-{tag}-", exact=False)
    return run

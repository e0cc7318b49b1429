"""The site as it is deployed, on services of its own, for the load and
outage tests (`tests/deploy/test_load.py`, `test_outages.py`) and their full
runs in `make bench` (`tests/perf/bench_load.py`).

- `Postgres`: a PostgreSQL server of its own, made with `initdb` in a
  temporary folder and controlled with `pg_ctl`, PostgreSQL's own control
  command (start, stop, status). It listens on 127.0.0.1 only.
- `Redis`: a redis-server of its own (`redis-server ... --daemonize yes`,
  stopped with `redis-cli shutdown nosave`), keeping nothing on disk.
- `Site`: `make serve` (migrations, the seed, collectstatic, then gunicorn
  with `factcheck/project/gunicorn.conf.py`, 2 workers) on those two.

Nothing here touches the machine's shared PostgreSQL (5432) or Redis (6379):
other people's tests run against them while these stop and start their own.
Ports: SERVING_PG_PORT (5437), SERVING_REDIS_PORT (6387) and SERVING_APP_PORT
(8070), or a free port when that one is taken (another run on the machine).
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "factcheck"
EDITOR_PASSWORD_BYTES = 18


# The machine's shared PostgreSQL and Redis: never ours to start or stop.
SHARED_PORTS = {5432, 6379}


def free_port(preferred: int) -> int:
    """`preferred` when nothing listens there, else one the system picks."""
    for port in (preferred, 0):
        if port in SHARED_PORTS:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            # As the servers do: a port whose last connections linger in
            # TIME_WAIT is free for a new listener.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port")


def port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for(what: str, ready, *, timeout: float, interval: float = 0.05) -> float:
    """Poll `ready()` until it is true; the seconds it took."""
    start = time.monotonic()
    while not ready():
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{what}: not ready after {timeout:.0f} s")
        time.sleep(interval)
    return time.monotonic() - start


def missing_tools() -> list[str]:
    """The programs these tests need that the machine lacks."""
    missing = []
    if Postgres.bindir() is None:
        missing.append("PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    for tool in ("redis-server", "redis-cli"):
        if shutil.which(tool) is None:
            missing.append(f"{tool}: apt-get install redis-server")
    if shutil.which("make") is None:
        missing.append("make")
    return missing


class Postgres:
    """A PostgreSQL server in `root/pgdata`, run by the `postgres` user when
    we are root (PostgreSQL refuses to run as root)."""

    def __init__(self, root: Path, port: int):
        self.root = root
        self.port = port
        self.data = root / "pgdata"
        self.socket_dir = root / "pgsocket"
        self.log = root / "postgres.log"
        self.url = f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"

    @staticmethod
    def bindir() -> Path | None:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
        if candidates:
            return Path(candidates[-1]).parent
        pg_ctl = shutil.which("pg_ctl")
        return Path(pg_ctl).parent if pg_ctl and shutil.which("initdb") else None

    def _run(self, *command: str, check: bool = True, timeout: float = 90) -> subprocess.CompletedProcess:
        program = [str(self.bindir() / command[0]), *command[1:]]
        if os.geteuid() == 0:
            program = ["runuser", "-u", "postgres", "--", *program]
        done = subprocess.run(program, capture_output=True, text=True, check=False, timeout=timeout, cwd="/")
        if check and done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{command[0]} {command[-1]} failed: {done.stdout}{done.stderr}\n{log}")
        return done

    def create(self) -> None:
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket_dir, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C",
                  "--no-sync")
        self.start()
        import psycopg

        with psycopg.connect(self.admin_dsn(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")

    def admin_dsn(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database} connect_timeout=3"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """`fast`: a clean shutdown; `immediate`: like a crash (the next start recovers from the WAL)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def pid(self) -> int:
        return int((self.root / "redis.pid").read_text())

    def pause(self) -> None:
        """Hung, not down: SIGSTOP keeps its connections open, unanswered."""
        os.kill(self.pid(), signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.pid(), signal.SIGCONT)

    def ensure_running(self) -> None:
        if (self.root / "redis.pid").exists():
            try:
                self.resume()
            except ProcessLookupError:
                pass
        if not self.running():
            self.start()

    def query(self, sql: str, *params) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.admin_dsn(DATABASE)) as connection:
            return connection.execute(sql, params).fetchall()

    def destroy(self) -> None:
        if self.data.exists() and self.running():
            self.stop("fast")


class Redis:
    def __init__(self, root: Path, port: int):
        self.root = root
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"

    def cli(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        return subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(self.port), *args],
                              capture_output=True, text=True, timeout=10, check=check)

    def running(self) -> bool:
        return self.cli("ping").stdout.strip() == "PONG"

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "yes", "--dir", str(self.root), "--logfile", str(self.root / "redis.log"),
                "--pidfile", str(self.root / "redis.pid"),
            ],
            check=True, capture_output=True, timeout=10,
        )
        wait_for("redis-server", self.running, timeout=10)

    def stop(self) -> None:
        self.cli("shutdown", "nosave")
        wait_for("redis-server to stop", lambda: not port_open(self.port), timeout=10)

    def pid(self) -> int:
        return int((self.root / "redis.pid").read_text())

    def pause(self) -> None:
        """Hung, not down: SIGSTOP keeps its connections open, unanswered."""
        os.kill(self.pid(), signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.pid(), signal.SIGCONT)

    def ensure_running(self) -> None:
        if (self.root / "redis.pid").exists():
            try:
                self.resume()
            except ProcessLookupError:
                pass
        if not self.running():
            self.start()

    def keys(self) -> int:
        return int(self.cli("dbsize", check=True).stdout.strip())


@dataclass
class Site:
    """`make serve` on the two services above: the figures are the site's own."""

    root: Path
    port: int
    postgres: Postgres
    redis: Redis
    process: subprocess.Popen | None = None
    editors: list[dict] = field(default_factory=list)
    made: int = 0
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pidfile(self) -> Path:
        return self.root / "gunicorn.pid"

    @property
    def log(self) -> Path:
        return self.root / "serve.log"

    def environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("DJANGO_", "MAKE", "MFLAGS", "GUNICORN_", "PYTEST"))}
        env.update(
            DJANGO_SETTINGS_MODULE="factcheck.project.settings",
            DJANGO_SECRET_KEY=self.secret_key,
            DJANGO_DEBUG="0",
            # Plain HTTP on 127.0.0.1; behind a TLS proxy this stays on (docs/deployment.md).
            DJANGO_HTTPS="0",
            DJANGO_LOG_LEVEL="WARNING",
            DATABASE_URL=self.postgres.url,
            REDIS_URL=self.redis.url,
            BIND=f"127.0.0.1:{self.port}",
            WEB_CONCURRENCY="2",
            # No recycling of workers: the outage test shows that the same
            # workers recover, with no restart of any kind.
            GUNICORN_MAX_REQUESTS="0",
            # After a Redis outage the cache is tried again within a second
            # (the runs check it is used again soon after Redis is back).
            CACHE_RETRY_SECONDS="1",
            GUNICORN_ACCESS_LOG=str(self.root / "access.log"),
            GUNICORN_CMD_ARGS=f"--pid {self.pidfile}",
            PYTHONPATH=str(ROOT),
        )
        return env

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", "serve"],
                cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        try:
            wait_for("make serve", self.healthy, timeout=180, interval=0.2)
        except TimeoutError:
            raise RuntimeError(f"make serve did not come up:\n{self.log_tail()}") from None

    def healthy(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"make serve exited with {self.process.returncode}:\n{self.log_tail()}")
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                return response.status == 200
        except (OSError, urllib.error.HTTPError):
            return False

    def log_tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def master_pid(self) -> int:
        return int(self.pidfile.read_text().strip())

    def worker_pids(self) -> set[int]:
        command = ["ps", "-o", "pid=", "--ppid", str(self.master_pid())]
        out = subprocess.run(command, capture_output=True, text=True, check=False).stdout
        return {int(pid) for pid in out.split()}

    def cpu_seconds(self) -> float:
        """CPU time the gunicorn workers have used: the site's own cost,
        whatever else runs on the machine."""
        total = 0
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")

    def make_editors(self, count: int, *, admin: bool = False, prefix: str = "load-editor") -> list[dict]:
        """Editors made the way a newsroom makes them: `manage.py create_editor`
        (panel only, unless `admin`), several at once. Load editors (the
        default prefix) are kept in `self.editors` for later runs."""
        env = self.environment()
        running = []
        for _ in range(count):
            self.made += 1
            editor = {"username": f"{prefix}-{self.made}", "password": secrets.token_urlsafe(EDITOR_PASSWORD_BYTES)}
            options = [] if admin else ["--no-admin"]
            process = subprocess.Popen(
                [sys.executable, "manage.py", "create_editor", editor["username"], "--password-stdin", *options],
                cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )
            process.stdin.write(editor["password"] + "\n")
            process.stdin.close()
            running.append((editor, process))
        made = []
        for editor, process in running:
            output = process.stdout.read()
            if process.wait(timeout=60) != 0:
                raise RuntimeError(f"create_editor failed: {output}")
            made.append(editor)
        if prefix == "load-editor":
            self.editors.extend(made)
        return made

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(OSError, ValueError):
            os.kill(self.master_pid(), signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        self.process = None


@dataclass
class Stack:
    root: Path
    postgres: Postgres
    redis: Redis
    site: Site

    def claims(self) -> dict[str, list[int]]:
        """Claims readers can open, and the ones editors change: those whose
        rationale alone may change under the desk's rule (a final verdict
        needs a rationale and a source), so each save adds one history row."""
        readable = [pk for (pk,) in self.postgres.query(
            "SELECT id FROM factcheck_claim WHERE published ORDER BY id")]
        editable = [pk for (pk,) in self.postgres.query(
            "SELECT c.id FROM factcheck_claim c JOIN factcheck_verdict v ON v.id = c.verdict_id "
            "WHERE c.rationale <> '' AND (NOT v.is_final OR EXISTS "
            "(SELECT 1 FROM factcheck_claimsource s WHERE s.claim_id = c.id)) ORDER BY c.id")]
        return {"read": readable, "edit": editable}

    def history_notes(self, prefix: str) -> list[str]:
        """Notes of the verdict-history rows whose note starts with `prefix`."""
        return [note for (note,) in self.postgres.query(
            "SELECT note FROM factcheck_verdictchange WHERE note LIKE %s", prefix + "%")]


def start_stack() -> Stack:
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="claim-timeline-serving-"))
    os.chmod(root, 0o755)
    postgres = Postgres(root, free_port(int(os.environ.get("SERVING_PG_PORT", "5437"))))
    redis = Redis(root, free_port(int(os.environ.get("SERVING_REDIS_PORT", "6387"))))
    site = Site(root, free_port(int(os.environ.get("SERVING_APP_PORT", "8070"))), postgres, redis)
    stack = Stack(root, postgres, redis, site)
    try:
        postgres.create()
        redis.start()
        site.start()
    except BaseException:
        stop_stack(stack)
        raise
    return stack


def stop_stack(stack: Stack) -> None:
    """Stop everything this stack started, whatever state it is in."""
    for stop in (stack.site.stop, stack.redis.stop if stack.redis.running() else None, stack.postgres.destroy):
        if stop is not None:
            with contextlib.suppress(Exception):
                stop()
    if os.environ.get("SERVING_KEEP"):
        print(f"kept {stack.root}")
        return
    shutil.rmtree(stack.root, ignore_errors=True)


@contextlib.contextmanager
def serving_stack(*, needs: str, editors: int = 4):
    """A stack with `editors` editors for the length of the block, stopped
    whatever happens; fails (never skips) when a tool is missing, saying
    `needs` what."""
    missing = missing_tools()
    if missing:
        pytest.fail(f"{needs} " + "; ".join(missing))
    running = start_stack()
    try:
        running.site.make_editors(editors)
        yield running
    finally:
        stop_stack(running)


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data))
    return path

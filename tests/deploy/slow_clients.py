"""Slow clients held open against a server while the site is asked for
`/healthz` and the timeline page: what a reader sees while they trickle."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class SlowClients:
    """`count` connections: half send a request's headers one byte a second,
    half connect and send nothing (an idle socket, a headless browser's)."""

    base: str
    count: int
    _sockets: list[socket.socket] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> SlowClients:
        address = urlsplit(self.base)
        for index in range(self.count):
            sock = socket.create_connection((address.hostname, address.port), timeout=5)
            if index % 2 == 0:
                sock.sendall(b"GET /timelines/milei-trump/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            self._sockets.append(sock)
        self._thread = threading.Thread(target=self._trickle, daemon=True)
        self._thread.start()
        return self

    def _trickle(self) -> None:
        while not self._stop.wait(1.0):
            for index, sock in enumerate(self._sockets):
                if index % 2 == 0:
                    try:
                        sock.sendall(b"x")
                    except OSError:
                        pass

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for sock in self._sockets:
            sock.close()


@dataclass
class Probe:
    path: str
    times: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def probe(base: str, paths: list[str], *, seconds: float, every: float = 0.5, timeout: float = 5.0) -> list[Probe]:
    """Ask each path in turn for `seconds`; each answer's time, or why it failed."""
    probes = [Probe(path) for path in paths]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for item in probes:
            start = time.monotonic()
            try:
                with urllib.request.urlopen(base + item.path, timeout=timeout) as response:
                    response.read()
                    status = response.status
            except (urllib.error.URLError, OSError) as error:
                item.failures.append(f"{item.path}: {error}")
                continue
            item.times.append(time.monotonic() - start)
            if status != 200:
                item.failures.append(f"{item.path}: {status}")
        time.sleep(every)
    return probes


def summary(probes: list[Probe], label: str) -> list[str]:
    lines = [label]
    for item in probes:
        slowest = max(item.times, default=float("nan")) * 1000
        lines.append(f"  {item.path:<26} answers {len(item.times):>3}, slowest {slowest:.0f} ms, failures {len(item.failures)}")
    return lines

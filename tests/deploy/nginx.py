"""Debian's nginx, run from the documented server block (docs/nginx.conf) on
ports and folders of the test's own, in front of the serving stack's
gunicorn."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .services import ROOT, free_port, port_open, wait_for

DOCUMENTED = ROOT / "docs" / "nginx.conf"

# The example values of the documented block, and what the test puts there.
EXAMPLE_UPSTREAM = "server 127.0.0.1:8000;"
EXAMPLE_LISTEN = "listen 80;"
EXAMPLE_STATIC = "/srv/claim-timeline/staticfiles/"
EXAMPLE_MEDIA = "/srv/claim-timeline/media/"


def server_block(*, upstream_port: int, port: int, media: Path) -> str:
    text = DOCUMENTED.read_text()
    for example in (EXAMPLE_UPSTREAM, EXAMPLE_LISTEN, EXAMPLE_STATIC, EXAMPLE_MEDIA):
        assert example in text, f"docs/nginx.conf no longer has {example!r}: update tests/deploy/nginx.py"
    return (
        text.replace(EXAMPLE_UPSTREAM, f"server 127.0.0.1:{upstream_port};")
        .replace(EXAMPLE_LISTEN, f"listen 127.0.0.1:{port};")
        .replace(EXAMPLE_STATIC, f"{ROOT / 'staticfiles'}/")
        .replace(EXAMPLE_MEDIA, f"{media}/")
    )


@dataclass
class Nginx:
    root: Path
    upstream_port: int
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def conf(self) -> Path:
        return self.root / "nginx.conf"

    def write(self) -> None:
        (self.root / "tmp").mkdir(parents=True, exist_ok=True)
        (self.root / "media").mkdir(exist_ok=True)
        temp = "\n".join(
            f"  {kind}_temp_path {self.root / 'tmp' / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        block = server_block(upstream_port=self.upstream_port, port=self.port, media=self.root / "media")
        self.conf.write_text(
            f"pid {self.root / 'nginx.pid'};\nerror_log {self.root / 'error.log'} warn;\nworker_processes 1;\n"
            "events { worker_connections 1024; }\n"
            f"http {{\n  include /etc/nginx/mime.types;\n  access_log {self.root / 'access.log'};\n{temp}\n"
            f"{block}\n}}\n"
        )

    def start(self) -> None:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.port = self.port or free_port(0)
        self.write()
        subprocess.run([binary, "-t", "-q", "-c", str(self.conf), "-p", str(self.root)], check=True,
                       capture_output=True, timeout=30)
        subprocess.run([binary, "-c", str(self.conf), "-p", str(self.root)], check=True, capture_output=True, timeout=30)
        wait_for("nginx", lambda: port_open(self.port), timeout=10)

    def stop(self) -> None:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        subprocess.run([binary, "-s", "stop", "-c", str(self.conf), "-p", str(self.root)], capture_output=True, timeout=30)
        wait_for("nginx to stop", lambda: not port_open(self.port), timeout=10)

"""The layout docs/architecture.md describes,
held against the code: the folders show the architecture.

- The top level is the design card's.
- The domain (the modules at the roots of `factcheck/` and `timeline/`) is at
  the bottom: it imports no feature, no shared web helper, no plumbing.
- Features (sub-packages) import the domain and the shared helpers
  (`factcheck.web`), never the plumbing (`factcheck.project`), and no two of
  them import each other in a circle.
- No module over 450 lines, no function over 80 (migrations and tests
  aside), at most 24 modules at the two packages' roots.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("factcheck", "timeline")
# Sub-packages that are a Django convention rather than a room of their own:
# they sit with their app, and may use its features (a command runs an import).
APP_PARTS = ("migrations", "management", "templatetags")
PLUMBING = "factcheck.project"
SHARED = "factcheck.web"
TOP_LEVEL = {
    "manage.py", "factcheck", "timeline", "seeds", "templates", "tests", "requirements.txt", "README.md",
    "static", "locale", "docs", "Makefile", ".ci",
    # Tooling files beside them.
    ".gitignore", "pyproject.toml", "requirements-dev.txt",
}
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80
MAX_ROOT_MODULES = 24


def _modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _room(dotted: str) -> str:
    """The room a module belongs to: a feature sub-package ("timeline.ingest"),
    the domain of its app ("timeline"), or an app part ("timeline.management")."""
    parts = dotted.split(".")
    if len(parts) == 1 or (ROOT / parts[0] / f"{parts[1]}.py").exists():
        return parts[0]
    return ".".join(parts[:2])


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in PACKAGES}


def _room_imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in _modules():
        room = _room(_dotted(path))
        for name in _imports(path):
            target = _room(name) if (ROOT / name.split(".")[0]).is_dir() else name
            if target != room:
                graph.setdefault(room, set()).add(target)
    return graph


def _is_feature(room: str) -> bool:
    return "." in room and room.split(".")[1] not in APP_PARTS and room not in (PLUMBING, SHARED)


def test_the_top_level_is_the_design_cards():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    top = {line.split("/")[0] for line in tracked.splitlines() if line}
    assert top <= TOP_LEVEL, sorted(top - TOP_LEVEL)
    assert {"manage.py", "factcheck", "timeline", "seeds", "templates", "tests", "requirements.txt", "README.md"} <= top


def test_there_are_feature_rooms():
    features = {_room(_dotted(p)) for p in _modules()}
    features = {room for room in features if _is_feature(room)}
    assert len(features) >= 4, features


def test_the_domain_imports_no_feature_helper_or_plumbing():
    graph = _room_imports()
    for domain in PACKAGES:
        upward = sorted(room for room in graph.get(domain, ()) if room not in PACKAGES)
        assert not upward, f"{domain}'s domain modules import {upward}"


def test_features_do_not_import_the_plumbing():
    graph = _room_imports()
    offenders = sorted(room for room, targets in graph.items() if _is_feature(room) and PLUMBING in targets)
    assert not offenders


def test_no_two_features_import_each_other_in_a_circle():
    graph = {room: {t for t in targets if _is_feature(t)} for room, targets in _room_imports().items() if _is_feature(room)}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    circles = sorted(room for room in graph if reaches(room, room, {room}))
    assert not circles, {room: sorted(graph[room]) for room in circles}


def test_claims_build_on_events_never_the_reverse():
    """A claim may be about an event, so the fact-check domain imports the
    events domain; the events domain never imports the fact-check one."""
    graph = _room_imports()
    assert "factcheck" not in graph.get("timeline", set())


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_and_functions_stay_short(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long


def test_few_modules_at_the_packages_roots():
    roots = [p for package in PACKAGES for p in (ROOT / package).glob("*.py")]
    assert len(roots) <= MAX_ROOT_MODULES, sorted(str(p.relative_to(ROOT)) for p in roots)

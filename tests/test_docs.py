"""The README and docs/ say only what works: every `make` target they name
exists, every `manage.py` command they show exists and takes the options
shown, their links to other files resolve, and the README stays a front
page. (`make run`, `make test` and the `.env` they rely on are run by CI and
tests/deploy/test_settings.py; the commands themselves by their own tests.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class

ROOT = Path(settings.BASE_DIR)
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MAKE = re.compile(r"(?<![\w-])make ([a-z][a-z-]+)")
MANAGE = re.compile(r"manage\.py ([a-z_]+)((?: +(?:--?[a-z][\w-]*|\[--?[a-z][\w-]*))*)")
OPTION = re.compile(r"--?[a-z][\w-]*")


def text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def makefile_targets() -> set[str]:
    names = set()
    for line in (ROOT / "Makefile").read_text().splitlines():
        match = re.match(r"^([a-z][\w.-]*(?: [a-z][\w.-]*)*):(?!=)", line)
        if match:
            names.update(match.group(1).split())
    return names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_make_target_named_exists(page):
    targets = makefile_targets()
    named = {m.group(1) for m in MAKE.finditer(text(page))} - {"the", "a", "it", "sure", "them", "one", "no", "any", "sense"}
    assert named <= targets, f"{page.name} names make targets the Makefile lacks: {sorted(named - targets)}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_manage_command_shown_exists_with_its_options(page):
    commands = get_commands()
    for match in MANAGE.finditer(text(page)):
        name, rest = match.group(1), match.group(2)
        assert name in commands, f"{page.name}: no manage.py command {name!r}"
        parser = load_command_class(commands[name], name).create_parser("manage.py", name)
        known = {option for action in parser._actions for option in action.option_strings}
        for option in OPTION.findall(rest):
            assert option in known, f"{page.name}: manage.py {name} has no option {option}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_to_files_resolve(page):
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)|src=\"([^\"]+)\"", text(page)):
        target = next(t for t in target if t) if isinstance(target, tuple) else target
        if re.match(r"[a-z]+:", target):
            continue
        assert (page.parent / target).exists(), f"{page.name} links to {target}, which does not exist"


def test_the_readme_is_a_front_page():
    readme = text(ROOT / "README.md")
    assert len(readme.splitlines()) <= 300
    for must in ("make run", "make test", "create_editor", "docs/editors-guide.md", "docs/deployment.md"):
        assert must in readme


def test_the_commands_shown_use_the_virtualenv():
    for page in PAGES:
        for line in text(page).splitlines():
            assert not re.search(r"(^|[\s`|(&;])python manage\.py", line), f"{page.name}: {line.strip()}"

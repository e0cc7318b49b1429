"""The W3C Nu HTML validator (npm `vnu-jar`, in tests/browser/package.json),
run once over many documents: one Java start for a whole walk.

Without Java the validity test is skipped with a plain message, unless
REQUIRE_VALIDATOR=1 (as in .ci/run, which installs Debian's
`default-jre-headless` where missing), which makes it a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

VNU_JAR = Path(__file__).resolve().parent / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# A fragment (what htmx swaps in) is checked inside the smallest whole page.
_FRAGMENT_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fragment</title></head><body>{}</body></html>'


@dataclass(frozen=True)
class Problem:
    name: str  # what was fetched: "GET /timelines/… (htmx)"
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.name}, line {self.line}: {self.message}\n    {self.extract.strip()[:160]}"


def java() -> str:
    found = shutil.which("java")
    if found is None or not VNU_JAR.is_file():
        what = "Java (apt-get install default-jre-headless)" if found is None else f"{VNU_JAR} (make test installs it)"
        message = f"The HTML validity test needs {what}: not run."
        if os.environ.get("REQUIRE_VALIDATOR") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return found


# A fragment whose first element only stands inside another (an event's
# <li>, a table row) is checked inside that parent, as htmx puts it there.
_PARENTS = {"li": ("<ul>", "</ul>"), "tr": ("<table>", "</table>"), "option": ("<select>", "</select>")}
_FIRST_TAG = re.compile(r"<([a-z]+)[\s>]")


def as_document(html: str) -> str:
    if html.lstrip()[:15].lower().startswith("<!doctype html"):
        return html
    first = _FIRST_TAG.search(html)
    before, after = _PARENTS.get(first.group(1), ("", "")) if first else ("", "")
    return _FRAGMENT_PAGE.format(before + html + after)


def validate(documents: dict[str, str]) -> list[Problem]:
    """Every error the validator reports in `documents` (name: HTML)."""
    command = java()
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{number}.html"
            path.write_text(as_document(html), encoding="utf-8")
            names[path.name] = name
        result = subprocess.run(
            [command, "-Xss1m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", "--stdout", *sorted(
                str(Path(folder) / f"{number}.html") for number in range(len(documents))
            )],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
    problems = []
    for message in json.loads(result.stdout)["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "?")
        name = names.get(url.rsplit("/", 1)[-1], url)
        problems.append(Problem(name, message.get("lastLine", 0), message.get("message", ""), message.get("extract", "")))
    return problems

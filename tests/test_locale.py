"""The Spanish catalogue (locale/es): complete, compiled, and up to date
with every translatable string in the templates and the code.

The compiled .mo is committed (so `make run` needs no GNU gettext); these
tests fail when it disagrees with the .po, when an entry is untranslated or
fuzzy, or when a string in a template or module is missing from the .po.
`make messages` refreshes both files.
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "es" / "LC_MESSAGES" / "django.po"
MO = LOCALE / "es" / "LC_MESSAGES" / "django.mo"


def catalogue_of(po: polib.POFile) -> dict:
    """The .po's translations keyed as Python's gettext keys a compiled catalogue."""
    entries = {}
    for entry in po.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                entries[(key, int(index))] = text
        else:
            entries[key] = entry.msgstr
    return entries


def test_every_entry_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(PO))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "es"


def test_the_compiled_catalogue_is_the_po_file():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected = catalogue_of(polib.pofile(str(PO)))
    actual = {key: value for key, value in compiled._catalog.items() if key != ""}
    assert actual == expected, "locale/es: the .mo is out of date; run `make messages`"


def test_every_string_in_the_templates_and_code_is_in_the_catalogue(tmp_path):
    """Run the extraction `make messages` runs, on a copy of the project, and
    compare: a new string, or one changed, shows up here."""
    if shutil.which("xgettext") is None:
        message = "GNU gettext is needed to check the catalogue: apt-get install gettext"
        if os.environ.get("REQUIRE_GETTEXT") == "1":  # set by .ci/run
            pytest.fail(message)
        pytest.skip(message)
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules", "*.sqlite3")
    for name in ("factcheck", "timeline", "templates", "locale"):
        shutil.copytree(base / name, copy / name, ignore=ignore)
    shutil.copy(base / "manage.py", copy / "manage.py")
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "factcheck.project.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--add-location=file", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    refreshed = polib.pofile(str(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(PO))

    def ids(po):
        return {(e.msgctxt, e.msgid, e.msgid_plural) for e in po if not e.obsolete}

    missing = sorted(msgid for _, msgid, _ in ids(refreshed) - ids(committed))
    stale = sorted(msgid for _, msgid, _ in ids(committed) - ids(refreshed))
    untranslated = [e.msgid for e in refreshed.untranslated_entries() + refreshed.fuzzy_entries()]
    assert (missing, stale, untranslated) == ([], [], []), "run `make messages` and translate the new entries"

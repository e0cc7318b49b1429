"""export_newsroom / import_newsroom: a restore into an empty database gives
back exactly what was exported."""

import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection

from factcheck.models import Claim, Verdict
from factcheck.services import SourceInput, claim_publish, claim_set_status, claim_set_summary
from tests.editors import editors_group

pytestmark = pytest.mark.django_db


def manage(*args, database_url: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SECRET_KEY": "test-only", "REDIS_URL": ""}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, input=stdin,
                          capture_output=True, timeout=120)


def _server() -> dict:
    params = connection.settings_dict
    return dict(host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432, user=params["USER"],
                password=params["PASSWORD"] or None, dbname="postgres", autocommit=True)


@contextmanager
def _postgres_database(prefix: str, *, template: str | None = None):
    """A database of its own on the server under test (a copy of
    `template` if given), dropped afterwards: its name and URL."""
    import psycopg

    server = _server()
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield name, f"postgres://{server['user']}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(**server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """One database migrated for the module (by `manage.py migrate`, in its
    own process): each test's empty database is a copy of it, not migrated
    anew (a second of work each). A SQLite file's path, or a PostgreSQL
    database's name."""
    if connection.vendor != "postgresql":
        path = tmp_path_factory.mktemp("backup") / "migrated.sqlite3"
        assert manage("migrate", "--noinput", database_url=f"sqlite:///{path}").returncode == 0
        yield path
        return
    with _postgres_database("restore_template") as (name, url):
        assert manage("migrate", "--noinput", database_url=url).returncode == 0
        yield name


@pytest.fixture
def empty_database(migrated, tmp_path):
    """A brand-new database of the kind under test, migrated and empty."""
    if connection.vendor != "postgresql":
        path = tmp_path / "restore.sqlite3"
        shutil.copyfile(migrated, path)
        yield f"sqlite:///{path}"
        return
    with _postgres_database("restore", template=migrated) as (_, url):
        yield url


@pytest.fixture
def newsroom(seeded):
    """The seed plus an editor's work: a verdict changed, sourced and published, and a short summary."""
    editor = User.objects.create_user("ana", first_name="Ana", password="pw-unused-123")
    editor.groups.add(editors_group())  # the services let editors only change a claim
    claim = Claim.objects.get(uid="seed-claim-05")
    claim.assigned_to = editor
    claim.save()
    claim = claim_set_status(claim=claim, editor=editor, expected_version=claim.version,
                             verdict=Verdict.objects.get(slug="in-review"), rationale="Looking for the video.",
                             sources=[SourceInput("CPAC 2024 video", "https://example.org/cpac")], note="Started")
    claim = claim_publish(claim=claim, editor=editor, note="Public while in review")
    claim_set_summary(claim=claim, editor=editor, summary=SUMMARY, expected_summary="")


SUMMARY = "Milei is one of the few who can make Argentina great again"


def export_text() -> str:
    out = io.StringIO()
    from factcheck.backup import newsroom_export

    newsroom_export(stream=out)
    return out.getvalue()


def test_export_import_into_an_empty_database_export_is_identical(newsroom, empty_database, tmp_path):
    exported = export_text()
    (tmp_path / "newsroom.json").write_text(exported, encoding="utf-8")

    restored = manage("import_newsroom", str(tmp_path / "newsroom.json"), database_url=empty_database)
    assert restored.returncode == 0, restored.stderr.decode()
    again = manage("export_newsroom", "-", database_url=empty_database)
    assert again.returncode == 0, again.stderr.decode()
    assert again.stdout.decode() == exported


def test_times_under_a_millisecond_past_the_second_round_trip_too(newsroom, empty_database, tmp_path):
    # Kept to the millisecond, 23:33:49.000412 was exported as ".000Z" and
    # came back as 23:33:49 exactly, exported without its ".000".
    Claim.objects.update(changed_at=datetime.datetime(2025, 1, 22, 23, 33, 49, 412, tzinfo=datetime.UTC))
    exported = export_text()
    assert '"changed_at": "2025-01-22T23:33:49.000412Z"' in exported
    (tmp_path / "newsroom.json").write_text(exported, encoding="utf-8")
    assert manage("import_newsroom", str(tmp_path / "newsroom.json"), database_url=empty_database).returncode == 0
    again = manage("export_newsroom", "-", database_url=empty_database)
    assert again.stdout.decode() == exported


def test_the_export_holds_every_kind_of_record_and_no_password(newsroom):
    document = json.loads(export_text())
    models = {record["model"] for record in document["records"]}
    assert models >= {"auth.user", "factcheck.verdict", "timeline.actor", "timeline.article", "timeline.event",
                      "timeline.eventsource", "timeline.timeline", "timeline.timelineentry", "factcheck.claim",
                      "factcheck.claimsource", "factcheck.verdictchange"}
    users = [record for record in document["records"] if record["model"] == "auth.user"]
    assert [u["fields"]["username"] for u in users] == ["ana"]
    assert "password" not in users[0]["fields"]


def test_the_short_summary_and_its_history_are_restored(newsroom, empty_database, tmp_path):
    path = tmp_path / "newsroom.json"
    path.write_text(export_text(), encoding="utf-8")
    assert manage("import_newsroom", str(path), database_url=empty_database).returncode == 0
    restored = json.loads(manage("export_newsroom", "-", database_url=empty_database).stdout)["records"]
    claims = {r["fields"]["uid"]: r["fields"] for r in restored if r["model"] == "factcheck.claim"}
    assert claims["seed-claim-05"]["summary"] == SUMMARY
    assert {fields["summary"] for uid, fields in claims.items() if uid != "seed-claim-05"} == {""}
    changes = [r["fields"] for r in restored if r["model"] == "factcheck.verdictchange" and r["fields"]["action"] == "summary"]
    assert [(c["from_text"], c["to_text"], c["editor"]) for c in changes] == [("", SUMMARY, ["ana"])]


def test_import_refuses_a_database_with_content_and_changes_nothing(newsroom, tmp_path):
    path = tmp_path / "newsroom.json"
    path.write_text(export_text(), encoding="utf-8")
    verdicts = list(Verdict.objects.values_list("pk", "slug"))
    with pytest.raises(CommandError, match="already holds"):
        call_command("import_newsroom", str(path))
    assert list(Verdict.objects.values_list("pk", "slug")) == verdicts


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not json at all", "Not a JSON file"),
        (b'{"format": "something-else"}', "Not a newsroom export"),
        (b'{"format": "claim-timeline-newsroom", "version": 99, "records": []}', "Unsupported export version"),
        (b'{"format": "claim-timeline-newsroom", "version": 1, "records": [{"model": "timeline.event", "pk": 1, '
         b'"fields": {"title": "x", "date": "not a date"}}]}', "Could not restore"),
        (b"\xff\xfe\x00binary", "Not a JSON file"),
    ],
)
def test_a_bad_file_is_a_clear_error_and_nothing_is_imported(content, message, empty_database, tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = manage("import_newsroom", str(path), database_url=empty_database)
    assert result.returncode != 0
    assert message in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    check = manage("export_newsroom", "-", database_url=empty_database)
    assert [r["model"] for r in json.loads(check.stdout)["records"]] == ["factcheck.verdict"] * 8

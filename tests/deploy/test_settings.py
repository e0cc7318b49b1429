"""Production settings: `check --deploy` is clean with the production
environment, and the site refuses to start without a secret key; the `.env`
that `make run` writes gives local development to every command."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment["DJANGO_ENV_FILE"] = ""  # no developer's .env unless a test names one
    environment.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=environment,
                          capture_output=True, text=True, timeout=120)


PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "timeline.example.org",
    "SITE_URL": "https://timeline.example.org",
}


def test_check_deploy_asks_for_the_site_address():
    without = {key: value for key, value in PRODUCTION.items() if key != "SITE_URL"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **without)
    assert result.returncode != 0
    assert "project.W001" in result.stdout + result.stderr


def test_a_site_url_with_a_path_is_refused_in_one_line():
    result = manage("check", **PRODUCTION | {"SITE_URL": "https://timeline.example.org/news/"})
    assert result.returncode != 0
    assert "SITE_URL must be a scheme and host" in result.stderr


def test_check_deploy_reports_nothing_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_production_refuses_to_start():
    result = manage("check", DJANGO_ALLOWED_HOSTS="timeline.example.org")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_a_missing_setting_is_said_in_one_line_not_a_traceback():
    result = manage("check")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "make run" in result.stderr


def written_env_file(folder) -> str:
    """The .env exactly as `make run` writes it (the Makefile's own rule)."""
    subprocess.run(["make", "-s", "-f", str(settings.BASE_DIR / "Makefile"), ".env"], cwd=folder,
                   check=True, capture_output=True, timeout=60)
    return str(folder / ".env")


SHOW = "from django.conf import settings as s; print(s.DEBUG, len(s.SECRET_KEY), s.SECRET_KEY.startswith('insecure'))"


def test_the_env_file_make_run_writes_gives_every_command_local_development(tmp_path):
    env_file = written_env_file(tmp_path)
    assert "DJANGO_SECRET_KEY=" in (tmp_path / ".env").read_text()
    assert "SITE_URL=http://127.0.0.1:8000" in (tmp_path / ".env").read_text()
    result = manage("shell", "--no-imports", "-c", SHOW, DJANGO_ENV_FILE=env_file)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "67", "False"]  # a generated key, not the fallback one


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = written_env_file(tmp_path)
    result = manage("shell", "--no-imports", "-c", SHOW, DJANGO_ENV_FILE=env_file, DJANGO_DEBUG="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_every_page_carries_the_hardening_headers(client, db):
    response = client.get("/healthz")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]

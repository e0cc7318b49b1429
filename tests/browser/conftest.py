"""Playwright against the system Chromium (Debian's `chromium` package);
never a downloaded browser.

Without Chromium the browser tests are skipped with a plain message, unless
REQUIRE_BROWSER=1 (as in .ci/run), which makes a missing browser a failure.

Which browser tests a run has: all of them, unless BROWSER_TESTS says
otherwise. CI runs each browser test once, not in both database passes:
BROWSER_TESTS=a (the modules in HALF_A) beside SQLite and BROWSER_TESTS=b
(every other module) beside PostgreSQL and Redis. A browser test checks what
Chromium does with the pages; the database under the live server is what the
rest of the suite checks twice. `none` leaves them all out.
"""

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# made by the test itself (fixtures, assertions) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


# The half CI runs beside the SQLite pass: about half of the browser tests'
# time (the PostgreSQL pass's own tests take longer, so it gets less of it).
HALF_A = {
    "test_accessibility.py",
    "test_date_widget.py",
    "test_csp.py",
    "test_widths.py",
    "test_stored_markup.py",
    "test_request_limits.py",
    "test_summary_counter.py",
    "test_reader_language.py",
}
_left_out: list[str] = []


def wanted_modules() -> Callable[[str], bool]:
    """Whether a browser test module is in this run, by BROWSER_TESTS."""
    wanted = os.environ.get("BROWSER_TESTS", "all").strip() or "all"
    if wanted not in {"all", "none", "a", "b"}:
        raise pytest.UsageError(f"BROWSER_TESTS={wanted!r}: use all, none, a or b")
    missing = sorted(name for name in HALF_A if not (Path(__file__).parent / name).is_file())
    if missing:  # a renamed module would silently leave half A
        raise pytest.UsageError(f"HALF_A names browser tests that are not there: {', '.join(missing)}")
    return {
        "all": lambda module: True,
        "none": lambda module: False,
        "a": lambda module: module in HALF_A,
        "b": lambda module: module not in HALF_A,
    }[wanted]


def pytest_collection_modifyitems(config, items):
    in_this_run = wanted_modules()
    kept, left_out = [], []
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if not in_this_run(item.path.name):
                left_out.append(item)
                continue
        kept.append(item)
    if left_out:
        items[:] = kept
        config.hook.pytest_deselected(items=left_out)
        _left_out.extend(item.nodeid for item in left_out)


def pytest_terminal_summary(terminalreporter):
    if _left_out:
        terminalreporter.write_line(
            f"NOTE: {len(_left_out)} browser tests were deselected (BROWSER_TESTS="
            f"{os.environ.get('BROWSER_TESTS')}): CI runs the other half beside the other database."
        )


@pytest.fixture(scope="session", autouse=True)
def static_files_as_in_production():
    """Serve /static/ in the live server the way production does: whitenoise,
    from the collected, hashed files (site.<hash>.css). pytest-django's live
    server would otherwise answer /static/ itself through the finders, which
    know no hashed names, so every stylesheet and script was a 404."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    original = StaticFilesHandler._should_handle
    StaticFilesHandler._should_handle = lambda self, path: False
    yield
    StaticFilesHandler._should_handle = original


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = "No Chromium found (set CHROMIUM_PATH or `apt-get install chromium`): browser tests not run."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def load_the_seed() -> None:
    call_command("load_seeds", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def seeded_live_server(live_server, transactional_db):
    load_the_seed()
    return live_server


@pytest.fixture(scope="module")
def seeded_site_for_module(django_db_setup, django_db_blocker):
    """A live server on the seed, loaded once for a module whose tests only
    look at it (accessibility, screenshots): loading and emptying the
    database for each test was most of what those tests cost on
    PostgreSQL. Its own server, not pytest-django's `live_server`, since a
    test that names that one gets the database emptied after it. After the
    module the database is emptied and given what `migrate` gives, as a
    transactional test leaves it.

    A test names `seeded_site`; a module fixture that adds what the
    module's tests need names this one and `django_db_blocker`."""
    from pytest_django.live_server_helper import LiveServer

    from tests.conftest import restore_migration_data

    with django_db_blocker.unblock():
        load_the_seed()
        server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
    server._live_server_modified_settings.enable()  # its host is allowed, as pytest-django does per test
    try:
        yield server
    finally:
        server._live_server_modified_settings.disable()
        server.stop()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            restore_migration_data()
            connections.close_all()  # as a test's teardown leaves them (none held open into the next)


@pytest.fixture
def seeded_site(seeded_site_for_module, db):
    """The live server of a module's one seed (`seeded_site_for_module`).
    The test's own database work is rolled back after it (`db`), so what a
    module's tests need the server to see too, such as a user to sign in
    as, is made once for the module (committed, as the seed is)."""
    return seeded_site_for_module

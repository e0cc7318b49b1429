import fcntl
import hashlib
import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def static_manifest(django_test_environment):
    """Build the hashed static files once: pages are rendered as in
    production, with whitenoise's manifest storage.

    Collecting (minifying, hashing, compressing some thousand files) costs
    seconds of CPU; a run whose STATIC_ROOT already holds what the same
    sources gave, made by an earlier run, uses it as it is. Two runs side by
    side (.ci/run's two database passes) share one folder: the first
    collects, the other waits for it and finds it done."""
    root = Path(settings.STATIC_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    # The marks live in var/ (never beside a STATIC_ROOT at the checkout's top).
    marks = Path(settings.BASE_DIR) / "var" / "collectstatic"
    marks.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    stamp = marks / f"{key}.collected"
    with open(marks / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            sources = _static_sources()
            manifest = root / "staticfiles.json"
            if not (manifest.is_file() and stamp.is_file() and stamp.read_text() == sources):
                stamp.unlink(missing_ok=True)
                call_command("collectstatic", interactive=False, verbosity=0)
                stamp.write_text(sources)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    _reload_manifest()


@pytest.fixture(scope="session", autouse=True)
def static_files_listed_once(static_manifest):
    """Whitenoise's middleware lists every collected file (some thousand
    `stat` calls and header sets) each time it is made, and Django's test
    client makes the middleware anew for every client: a fifth of a second
    per test, most of the suite's time. The listing of a folder is kept for
    the session, keyed by what shapes it (the folder's manifest as it stands,
    and the settings whitenoise reads), and given to each new middleware as
    it would have made it."""
    from whitenoise.base import WhiteNoise

    original = WhiteNoise.update_files_dictionary
    listings: dict[tuple, dict] = {}

    def update_files_dictionary(self, root, prefix):
        manifest = Path(root) / "staticfiles.json"
        version = manifest.stat().st_mtime_ns if manifest.is_file() else None
        # (The middleware's own test is a method: keyed by its function.)
        tests = [getattr(test, "__func__", test) for test in (self.add_headers_function, self.immutable_file_test)]
        key = (root, prefix, version, self.max_age, self.allow_all_origins, self.charset, self.index_file, *tests)
        if key not in listings:
            before = dict(self.files)
            original(self, root, prefix)
            listings[key] = {url: entry for url, entry in self.files.items() if before.get(url) is not entry}
        self.files.update(listings[key])

    WhiteNoise.update_files_dictionary = update_files_dictionary
    yield
    WhiteNoise.update_files_dictionary = original


def _reload_manifest() -> None:
    """The storage read its manifest when first used, maybe while another
    run was still collecting (at import): read it again, now it is whole."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    from factcheck.web.http_cache import release

    if hasattr(staticfiles_storage, "load_manifest"):
        staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = staticfiles_storage.load_manifest()
    release.cache_clear()


def _static_sources() -> str:
    """What collectstatic would read: every file the finders give (name,
    size, time), the storage that builds them, and its code."""
    from django.contrib.staticfiles import finders

    from factcheck.web import storage

    digest = hashlib.sha256(repr(settings.STORAGES).encode())
    for path in (storage.__file__, finders.__file__):
        digest.update(f"{path}:{os.stat(path).st_mtime_ns}".encode())
    for finder in finders.get_finders():
        for name, source in sorted(finder.list([]), key=lambda pair: pair[0]):
            info = os.stat(source.path(name))
            digest.update(f"{name}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The test connections commit without waiting for the disk
    (PostgreSQL's `synchronous_commit=off`, SQLite's `synchronous=OFF`): a
    crash could lose the last commits of a test database thrown away anyway,
    and every commit (the live server's writes, each database emptied
    between transactional tests) no longer waits for a flush to disk. What
    is committed and seen is the same."""
    db = settings.DATABASES["default"]
    options = db.setdefault("OPTIONS", {})
    if db["ENGINE"] == "django.db.backends.postgresql":
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()
    elif db["ENGINE"] == "django.db.backends.sqlite3":
        options["init_command"] = ";".join(filter(None, [options.get("init_command"), "PRAGMA synchronous=OFF"]))


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(request):
    """Passwords are hashed and checked with a fast hasher: the project's
    (PBKDF2, slow on purpose) spends most of a second on every sign-in, and
    the suite signs in hundreds of times. What the tests check is who may
    sign in and what the forms do, not the hasher; the serving tests keep
    the project's, since the site they start checks passwords with it."""
    if request.node.get_closest_marker("serving"):
        yield
        return
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture
def seeded(db):
    """The seed timeline, loaded the way `make run` loads it."""
    call_command("load_seeds", verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def migration_data(request):
    """Transactional tests (live server, concurrency) empty every table
    between tests, data migrations included; put back what `migrate` gives a
    fresh install so each test starts from one."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    restore_migration_data()


def restore_migration_data() -> None:
    """What the data migrations put in a fresh database: the verdict scale
    and the editors' group."""
    from factcheck.models import Verdict
    from factcheck.scale import ensure_default_scale
    from tests.editors import editors_group

    ensure_default_scale(Verdict)
    editors_group()


@pytest.fixture(autouse=True)
def fresh_version_stamps():
    """Each test starts with no timeline version stamps remembered in this
    process (timeline.stamps) and no cached shared response from an earlier
    test, whose writes were rolled back."""
    from tests.caches import forget_shared_responses

    forget_shared_responses()  # none kept from an earlier test's content
    yield
    forget_shared_responses()

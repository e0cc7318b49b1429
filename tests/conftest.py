import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def static_manifest(django_test_environment):
    """Build the hashed static files once: pages are rendered as in
    production, with whitenoise's manifest storage."""
    call_command("collectstatic", interactive=False, verbosity=0)


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
    from factcheck.models import Verdict
    from factcheck.scale import ensure_default_scale
    from tests.editors import editors_group

    ensure_default_scale(Verdict)
    editors_group()


@pytest.fixture(autouse=True)
def fresh_version_stamps():
    """Each test starts with no timeline version stamps remembered in this
    process (timeline.stamps) from an earlier test, whose writes
    were rolled back."""
    from timeline.stamps import forget_stamps

    forget_stamps()
    yield
    forget_stamps()

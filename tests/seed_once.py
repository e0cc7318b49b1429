"""The seed timeline loaded once per test module instead of once per test.

In a module, `from tests.seed_once import seeded, seeded_module  # noqa: F401`
replaces the per-test `seeded` fixture: the seed is loaded in a transaction
that stays open for the module and is rolled back after it; each test runs
in a savepoint inside it (pytest-django's `db`), so whatever a test writes is
undone before the next one, exactly as with the per-test fixture.
"""

import os

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def seeded_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        # A test's own wrapping block, as Django's TestCase marks its blocks:
        # code under test sees autocommit (timeline.stamps bumps per change).
        atomic._from_testcase = True
        atomic.__enter__()
        try:
            with open(os.devnull, "w") as devnull:
                call_command("load_seeds", verbosity=0, stdout=devnull)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def seeded(seeded_module, db):
    """The seed, as the per-test fixture of tests/conftest.py gives it."""

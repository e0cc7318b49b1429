"""Editors for tests: users in the Editors group the migration makes."""

import itertools
import sys
from functools import cache
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from factcheck.permissions import EDITORS_GROUP

PASSWORD = "a-long-test-password-for-editors"
_counter = itertools.count(1)


def editors_group() -> Group:
    """The group the data migration makes. Tests on a live server flush every
    table when they end; then the group is made again by that migration's own
    code, as it was on the fresh database."""
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is not None:
        return group
    loader = MigrationLoader(connection)
    for key, migration in loader.disk_migrations.items():
        module = sys.modules[migration.__module__]
        if key[0] == "factcheck" and hasattr(module, "create_editors_group"):
            module.create_editors_group(loader.project_state(key).apps, SimpleNamespace(connection=connection))
            return Group.objects.get(name=EDITORS_GROUP)
    raise LookupError("No migration makes the Editors group.")


def _password_hash() -> str:
    # Hashing is slow on purpose; tests hash PASSWORD once per hasher in
    # force (tests/conftest.py's fast one, or the project's) and share it.
    return _hash_with(settings.PASSWORD_HASHERS[0])


@cache
def _hash_with(hasher: str) -> str:
    return make_password(PASSWORD)


def _make_user(username: str, **fields):
    User = get_user_model()
    return User.objects.create(**{User.USERNAME_FIELD: username}, password=_password_hash(), **fields)


def make_editor(username: str | None = None, *, staff: bool = False, **fields):
    user = _make_user(username or f"editor{next(_counter)}", is_staff=staff, **fields)
    user.groups.add(editors_group())
    return user


def make_reader(username: str | None = None, **fields):
    """Signed in, but no editor rights."""
    return _make_user(username or f"reader{next(_counter)}", **fields)


def status_post(claim) -> dict[str, str]:
    """The desk's status form for `claim`, filled to move it to In review
    (a valid save whenever the editor may make it)."""
    return {
        f"claim-{claim.pk}-verdict": "in-review",
        f"claim-{claim.pk}-rationale": "",
        f"claim-{claim.pk}-note": "",
        f"claim-{claim.pk}-version": str(claim.version),
        f"claim-{claim.pk}-sources-TOTAL_FORMS": "0",
        f"claim-{claim.pk}-sources-INITIAL_FORMS": "0",
    }

"""Editors for tests: users in the Editors group the migration makes."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from factcheck.permissions import EDITORS_GROUP

PASSWORD = "a-long-test-password-for-editors"
_counter = itertools.count(1)


def make_editor(username: str | None = None, *, staff: bool = False, **fields):
    User = get_user_model()
    username = username or f"editor{next(_counter)}"
    user = User.objects.create_user(username=username, password=PASSWORD, is_staff=staff, **fields)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


def make_reader(username: str | None = None, **fields):
    """Signed in, but no editor rights."""
    return get_user_model().objects.create_user(username=username or f"reader{next(_counter)}", password=PASSWORD, **fields)

"""Who may work on the desk.

An editor is an active user with the permission to change claims, which the
`Editors` group (made by a migration) grants; superusers have it too. Views
are guarded by `factcheck.web.guards.editor_required`; services call
`is_editor` on the acting user, so the rule holds whichever way a change
comes in. `display_name` is how the desk
names a user, in Python and (as the `display_name` filter) in templates.
"""

from __future__ import annotations

from typing import Protocol

from django.contrib.auth import get_user_model

EDITORS_GROUP = "Editors"
EDITOR_PERMISSION = "factcheck.change_claim"
# The authentication backend that grants permissions (the other one,
# django-axes's, only refuses locked-out sign-ins).
PERMISSIONS_BACKEND = "django.contrib.auth.backends.ModelBackend"


def is_editor(user) -> bool:
    """Whether `user` may change verdicts, publish and assign claims."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(EDITOR_PERMISSION)
    )


class NamedUser(Protocol):
    """A user as Django's user model names one."""

    def get_full_name(self) -> str: ...

    def get_username(self) -> str: ...


def display_name(user: NamedUser) -> str:
    """How the desk names a user: the full name, or the user name when there is none."""
    return user.get_full_name() or user.get_username()


def editors():
    """Every user who may work on the desk (active, with the permission), unordered."""
    return get_user_model().objects.with_perm(EDITOR_PERMISSION, backend=PERMISSIONS_BACKEND)

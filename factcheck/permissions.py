"""Who may work on the desk, and the guard for the editors' views.

An editor is an active user with the permission to change claims, which the
`Editors` group (made by a migration) grants; superusers have it too. Views
use `editor_required`; services call `is_editor` on the acting user, so the
rule holds whichever way a change comes in. `display_name` is how the desk
names a user, in Python and (as the `display_name` filter) in templates.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Protocol

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse

from factcheck.web.htmx import HtmxHttpRequest, page_or_partial

EDITORS_GROUP = "Editors"
EDITOR_PERMISSION = "factcheck.change_claim"
# The authentication backend that grants permissions (the other one,
# django-axes's, only refuses locked-out sign-ins).
PERMISSIONS_BACKEND = "django.contrib.auth.backends.ModelBackend"

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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


def desk_required(*permissions: str):
    """Let through active users holding `permissions` (default: the editor's
    permission). Anyone else gets no change and a clear answer:

    - signed out, reading a page (GET without HTMX): redirect to the sign-in
      page, which comes back here afterwards;
    - signed out, writing (POST) or asking for a fragment (HTMX): 403, so a
      form or fragment never lands on the sign-in page half-way through;
    - signed in without the permissions: 403.
    """
    needed = permissions or (EDITOR_PERMISSION,)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def guarded(request: HtmxHttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if user.is_authenticated and user.is_active and user.has_perms(needed):
                return view(request, *args, **kwargs)
            htmx = bool(getattr(request, "htmx", False))
            if not user.is_authenticated and request.method in SAFE_METHODS and not htmx:
                return redirect_to_login(request.get_full_path())
            return forbidden(request)

        return guarded

    return decorator


editor_required = desk_required()


def forbidden(request: HtmxHttpRequest) -> HttpResponse:
    """The 403 page, or just its message for an HTMX request."""
    response = page_or_partial(request, "403.html", "message", status=403)
    response["Cache-Control"] = "no-store"
    return response

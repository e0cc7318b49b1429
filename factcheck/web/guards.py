"""The guard on the desk's views (the editors' panel, ingest): who gets in,
and what everyone else is answered. Who counts as an editor is
`factcheck.permissions`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse

from factcheck.permissions import EDITOR_PERMISSION
from factcheck.web.htmx import HtmxHttpRequest, page_or_partial

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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

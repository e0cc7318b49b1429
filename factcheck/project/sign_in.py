"""Sign-in protection: the two pieces django-axes asks the project for.

django-axes counts failed sign-ins (the editors' page and the admin's) per
account *and* address and refuses that pair for a while after too many
(settings, "Sign-in protection"; docs/security.md, "Sign-in protection"). It needs to
know which address a request comes from, and what to answer a locked-out
client.
"""

import ipaddress

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

USERNAME_COLUMN_LENGTH = 255  # axes' AccessAttempt.username


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The account name a sign-in tried, as axes records and locks it.

    Django's sign-in forms pass names of any length on to authenticate(), and
    axes' column holds 255 characters (PostgreSQL refuses more: a 500). No
    account's name is that long (the user model allows 150), so cutting a
    longer one merges nothing an editor could sign in with.
    """
    source = credentials or request.POST
    username = source.get(settings.AXES_USERNAME_FORM_FIELD) if source else None
    return username[:USERNAME_COLUMN_LENGTH] if isinstance(username, str) else username


def client_address(request: HttpRequest) -> str | None:
    """The address the sign-in came from.

    `REMOTE_ADDR` unless the site runs behind proxies that say so
    (`TRUSTED_PROXY_COUNT`, from DJANGO_TRUSTED_PROXY_COUNT). Each proxy
    appends the address it was reached from to X-Forwarded-For, so with N
    trusted proxies the client is the N-th entry from the right; whatever
    stands further left was written by the client and proves nothing. A
    header shorter than that, or an entry that is not an address, means the
    request did not come through the proxies as configured: then the
    connection's own address counts.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote_addr
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(hops) < count:
        return remote_addr
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote_addr


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The page a locked-out sign-in gets instead of the form: 429, saying how
    long to wait. Each attempt while locked starts the wait again
    (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so the whole cool-off is
    exactly what is left."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds())
    response = render(
        request,
        "registration/locked_out.html",
        {"minutes": max(1, -(-seconds // 60))},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response

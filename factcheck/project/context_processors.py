from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest

from factcheck.web.site import absolute_url


def newsroom(request: HttpRequest) -> dict[str, str]:
    """The publishing newsroom's name, for the header and footer, and the
    page's canonical address (the site's, without the query string; none on
    the error page for a host we do not serve, when SITE_URL is unset)."""
    try:
        canonical = absolute_url(request, request.path)
    except DisallowedHost:
        canonical = ""
    return {"NEWSROOM_NAME": settings.NEWSROOM_NAME, "canonical_url": canonical}

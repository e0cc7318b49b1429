from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django_htmx.middleware import HtmxDetails

from factcheck.project import errors


class DatabaseUnavailableMiddleware:
    """Answer a styled 503 (with Retry-After) when the database cannot be
    reached, instead of a 500; the next request reconnects by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        # Rendered without the request: its context processors may need the
        # database (the signed-in user). What the page needs is given here.
        context = {"LANGUAGE_CODE": get_language(), "NEWSROOM_NAME": settings.NEWSROOM_NAME}
        response = HttpResponse(render_to_string("503.html", context), status=503)
        response["Retry-After"] = "5"
        response["Cache-Control"] = "no-store"
        return response


class PermissionsPolicyMiddleware:
    """Switch off browser features no page here uses (camera, location, ...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class PrivateResponsesMiddleware:
    """The one rule for who may keep a copy: every answer to a signed-in
    person, and every answer to a form (any POST, PUT, PATCH, DELETE),
    carries `Cache-Control: private, no-store`. They may hold a pasted
    article, a draft verdict, a CSRF token or someone's name.

    Left as they are: pages for signed-out readers (cacheable as their views
    say), and the shared responses (embed, API, oEmbed, feed: the same bytes
    for everyone, built without the session). A request without a session
    cookie is never signed in, so the session is not read for it (reading it
    would add `Vary: Cookie` to every public page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS or (
            not getattr(response, "shared_cache", False) and self._signed_in(request)
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def _signed_in(request) -> bool:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        try:
            return bool(user is not None and user.is_authenticated)
        except DatabaseError:
            # The database is down (the answer is already the 503): whoever
            # it is, nobody keeps a copy.
            return True


class RequestLimitsMiddleware:
    """A form over Django's limits (DATA_UPLOAD_MAX_MEMORY_SIZE, the number
    of fields or files) gets the 413 or 400 answer of `errors.bad_request`
    here, before the CSRF check reads it. Django would answer the same in
    production, but with DEBUG on it shows its technical error page instead,
    a whole page that an editor's in-place save would take for its answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018  (read now: what the CSRF check would read)
            except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as exception:
                request._mark_post_parse_error()
                request.htmx = HtmxDetails(request)  # the message alone for htmx
                response = errors.bad_request(request, exception)
                response["Cache-Control"] = "private, no-store"  # a form's answer
                return response
        return self.get_response(request)

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language


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

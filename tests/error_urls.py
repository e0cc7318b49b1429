"""The site's URLs plus two views that fail, for tests of the 500 page (a bug
in a view) and the 503 page (the database unreachable):
`@pytest.mark.urls("tests.error_urls")`."""

from django.db import OperationalError
from django.urls import path

from factcheck.project import urls as site_urls


def _bug(request):
    raise RuntimeError("a bug in a view")


def _database_down(request):
    raise OperationalError("could not connect to server")


urlpatterns = [
    path("test-only/bug/", _bug),
    path("test-only/database-down/", _database_down),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400

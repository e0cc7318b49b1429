"""`page_or_partial`: the whole page for a browser, one part for HTMX, the
whole page again when HTMX restores history; safe on a request that
django-htmx's middleware never saw (an error handler's)."""

import pytest
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from factcheck.web.htmx import HtmxHttpRequest, page_or_partial, wants_partial

HTMX = {"HX-Request": "true"}
RESTORE = {**HTMX, "HX-History-Restore-Request": "true"}
TEMPLATE = "400.html"  # a page with a `message` part


def request(headers: dict[str, str] | None = None, *, middleware: bool = True) -> HtmxHttpRequest:
    req = RequestFactory().get("/", headers=headers or {})
    if middleware:
        req.htmx = HtmxDetails(req)
    return req


@pytest.mark.parametrize(
    ("headers", "middleware", "expected"),
    [
        (None, True, False),
        (HTMX, True, True),
        (RESTORE, True, False),
        (HTMX, False, False),  # no request.htmx: answered as a browser's
    ],
)
def test_wants_partial(headers, middleware, expected):
    assert wants_partial(request(headers, middleware=middleware)) is expected


def is_page(response) -> bool:
    return "<html" in response.content.decode()


def test_a_browser_gets_the_whole_page():
    response = page_or_partial(request(), TEMPLATE, "message")
    assert response.status_code == 200 and is_page(response)


def test_htmx_gets_only_the_part():
    response = page_or_partial(request(HTMX), TEMPLATE, "message")
    html = response.content.decode()
    assert not is_page(response)
    assert html.startswith('<p class="error-message" role="alert" data-error-message>')


def test_a_history_restore_gets_the_whole_page():
    assert is_page(page_or_partial(request(RESTORE), TEMPLATE, "message"))


def test_no_part_named_means_the_page_even_for_htmx():
    assert is_page(page_or_partial(request(HTMX), TEMPLATE, None))


def test_a_request_without_request_htmx_gets_the_page():
    assert is_page(page_or_partial(request(HTMX, middleware=False), TEMPLATE, "message"))


def test_the_status_and_context_are_passed_either_way():
    for headers in (None, HTMX):
        response = page_or_partial(
            request(headers), "413.html", "message", {"limit_mb": "2.5", "article_limit": "1"}, status=413
        )
        assert response.status_code == 413
        assert "2.5 MB" in response.content.decode()

"""Sending bad input the way a browser or a script would, and judging the answer.

The Django test client raises any exception a view lets through (what a
server would answer with a 500), so hypothesis sees it and shrinks the
input. What comes back must be a designed answer: the status class the
target expects, a fragment (never a whole page) for an HTMX request that
failed, JSON errors from the JSON endpoints, and no payload that was sent
in a place where it would run.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from urllib.parse import parse_qsl, quote, quote_from_bytes, urlsplit

from django.db import transaction
from hypothesis import event

from .inert import assert_inert
from .payloads import MARK

HTMX = {"HX-Request": "true"}
FORM = "application/x-www-form-urlencoded"


@contextmanager
def rolled_back():
    """Whatever a case writes is undone before the next one."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def encode(pairs) -> str:
    """A query string or form body: pairs in order (repeats kept), text as
    UTF-8, bytes as they are."""

    def part(value) -> str:
        if isinstance(value, bytes):
            return quote_from_bytes(value, safe="")
        return quote(str(value), safe="")

    return "&".join(f"{part(name)}={part(value)}" for name, value in pairs)


def get(client, path: str, pairs=(), *, headers=None):
    return client.get(path, QUERY_STRING=encode(pairs), headers=headers or {})


def short_address_followed(client, response, path: str, *, headers=None):
    """A filter form's request with empty fields is redirected once to the
    same address without them (factcheck/web/queries.py): check that, and
    give the answer there; any other answer as it is."""
    if response.status_code != 302:
        return response
    location = urlsplit(response["Location"])
    assert location.path == path, response["Location"]
    assert all(value.strip() for _, value in parse_qsl(location.query, keep_blank_values=True)), response["Location"]
    followed = client.get(response["Location"], headers=headers or {})
    assert followed.status_code != 302, "redirected twice"
    return followed


def post(client, path: str, pairs=(), *, headers=None, content_type: str = FORM):
    if content_type == FORM:
        body = encode(pairs)
    elif content_type == "application/json":
        body = json.dumps({_text(name): _text(value) for name, value in pairs})
    else:
        body = "\n".join(f"{_text(name)}: {_text(value)}" for name, value in pairs)
    return client.post(path, body, content_type=content_type, headers=headers or {})


def _text(value) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def answered(response, *, classes=(2, 3, 4), htmx: bool = False, json_errors: bool = False, statuses=()):
    """The answer is one the target means to give. `classes`: the status
    classes it may answer with (2 for 2xx...); `statuses`: exact codes also
    allowed; `htmx`: the request was an HTMX one, so a failure is a fragment;
    `json_errors`: errors are JSON with an "error" member."""
    status = response.status_code
    event(f"answered {status}")  # the spread of answers: pytest --hypothesis-show-statistics
    body = response.content.decode("utf-8", "replace") if not response.streaming else ""
    assert status != 500 and (status // 100 in classes or status in statuses), f"{status}: {body[:500]}"
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html") and MARK in body:
        assert_inert(body, f"{status} answer")
    if htmx and status >= 400 and content_type.startswith("text/html"):
        assert "<html" not in body, f"an HTMX request got a whole page with its {status}"
    if json_errors and status >= 400:
        assert content_type.startswith("application/json"), content_type
        assert "error" in json.loads(body)
    return response

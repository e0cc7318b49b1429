"""Bad input on the sign-in form, the other account pages and the language
switch in every page's header.

Sign-in answers the form again with an error (200), or a redirect; after too
many failures, a refusal (4xx). The language switch always redirects (or
answers 204), to a page of this site only.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.editors import PASSWORD, make_editor

from . import strategies as s
from .checks import answered, get, post, rolled_back

pytestmark = pytest.mark.django_db

NEXT = s.Field(
    st.sampled_from(["/editor/", "/timelines/milei-trump/?q=a", ""]),
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
    "\x00/editor/",
    " //evil.example",
    "///evil.example",
    "/%2F%2Fevil.example",
    "https:evil.example",
)


@pytest.fixture
def account(db, settings):
    """An editor whose password is checked with a fast hasher: each sign-in
    case would otherwise spend most of a second hashing (what is tested is
    what the form does with its input, not the hasher)."""
    # Made before the hasher changes: tests/editors.py hashes its password
    # once for every test, with the project's hasher.
    user = make_editor("fuzz-account", email="editor@example.org")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user.set_password(PASSWORD)
    user.save()
    return user


def assert_stays_here(response):
    if response.status_code in (301, 302, 303):
        target = urlsplit(response["Location"])
        assert target.netloc in ("", "testserver") and target.scheme in ("", "http"), response["Location"]


@given(
    form=s.form(
        {
            "username": s.Field(
                st.sampled_from(["fuzz-account", "FUZZ-ACCOUNT", "nobody"]), "", "x" * 200, "fuzz-account\x00"
            ),
            "password": s.Field(st.sampled_from([PASSWORD, "wrong"]), "", "x" * 5000),
            "next": NEXT,
        }
    ),
    query=s.pairs({"next": NEXT}, max_size=2),
)
def test_signing_in(account, form, query):
    with rolled_back():
        client = Client()
        path = "/accounts/login/"
        answered(get(client, path, query), classes=(2,))
        response = answered(post(client, path, form), classes=(2, 3, 4))
        assert_stays_here(response)


@given(
    form=s.form(
        {
            "old_password": s.Field(st.sampled_from([PASSWORD, "wrong"]), "", "x" * 5000),
            "new_password1": s.Field(st.sampled_from(["a-new-long-passphrase-2026", "123"]), "", "x" * 5000),
            "new_password2": s.Field(st.sampled_from(["a-new-long-passphrase-2026", "123"]), "", "x" * 5000),
        }
    ),
    signed_in=st.booleans(),
)
def test_password_change_and_sign_out(account, form, signed_in):
    with rolled_back():
        client = Client()
        if signed_in:
            client.force_login(account)
        answered(post(client, "/accounts/password_change/", form), classes=(2, 3))
        response = answered(post(client, "/accounts/logout/", [("next", v) for _, v in form]), classes=(2, 3))
        assert_stays_here(response)


@given(
    form=s.form({"language": s.Field(st.sampled_from(["en", "es"]), "fr", "EN", "es-AR", "", "x" * 300), "next": NEXT}),
    method=st.sampled_from(["post", "post", "get"]),
    referer=st.none() | st.sampled_from(["http://testserver/timelines/milei-trump/", "https://evil.example/", "::"]),
)
def test_the_language_switch(form, method, referer):
    with rolled_back():
        client = Client()
        headers = {"Referer": referer} if referer else {}
        send = post if method == "post" else get
        response = answered(send(client, "/i18n/setlang/", form, headers=headers), classes=(2, 3))
        assert_stays_here(response)

"""Failed sign-ins are throttled per account and address (django-axes).

Five failures within 15 minutes for one account from one address lock that
account from that address: the fifth failure and every attempt after it get
a 429 page saying how long to wait, whatever the password. Other accounts
from that address, and that account from other addresses, are not
affected. A success clears the count. The editors' sign-in and the admin's
count together.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db.models import F
from django.test import Client, RequestFactory, override_settings

from factcheck.project.sign_in import client_address
from tests.editors import PASSWORD, editors_group

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/login/"
ADMIN_SIGN_IN = "/admin/login/"
# Addresses reserved for documentation (RFC 5737).
HOME = "198.51.100.7"
ELSEWHERE = "203.0.113.9"
WRONG = "not-the-password-at-all"


def sign_in(username, password, *, address=HOME, url=SIGN_IN, language="en", client=None, forwarded_for=None):
    client = client or Client()
    headers = {"Accept-Language": language}
    if forwarded_for is not None:
        headers["X-Forwarded-For"] = forwarded_for
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address, headers=headers)


def assert_signed_in(response):
    assert response.status_code == 302, response.content.decode()[:500]
    assert "_auth_user_id" in response.wsgi_request.session


def assert_refused(response):
    """The form again, with its error: not locked (yet)."""
    assert response.status_code == 200
    assert "Too many failed sign-ins" not in response.content.decode()


def assert_locked_out(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-ins" in html
    assert "Wait 15 minutes, then try again." in html
    assert 'class="site-header"' in html  # the site's own page, not a bare message
    assert response["Retry-After"] == "900"
    assert "no-store" in response["Cache-Control"]
    assert "_auth_user_id" not in response.wsgi_request.session


def fail(username, times, **kwargs):
    return [sign_in(username, WRONG, **kwargs) for _ in range(times)]


def move_attempts_back(delta):
    """What waiting does: the failure records grow older."""
    assert AccessAttempt.objects.update(attempt_time=F("attempt_time") - delta)


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """Hashing is slow on purpose, and these tests sign in some sixty times:
    they hash with a fast hasher. What is tested is the counting."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_editor(username, *, staff=False):
    # Not tests.editors.make_editor: its password hash, made once and shared,
    # must not be made with the fast hasher.
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=staff)
    user.groups.add(editors_group())
    return user


@pytest.fixture
def ana():
    return make_editor("ana")


def test_the_fifth_failure_locks_the_account_from_that_address_and_the_sixth_is_refused(ana):
    for response in fail("ana", 4):
        assert_refused(response)
        assert "Please enter a correct username and password" in response.content.decode()
    assert_locked_out(sign_in("ana", WRONG))
    assert_locked_out(sign_in("ana", WRONG))


def test_the_lockout_page_is_in_spanish_for_spanish_readers(ana):
    fail("ana", 5)
    response = sign_in("ana", WRONG, language="es")
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Demasiados intentos fallidos" in html
    assert "Espere 15 minutos y vuelva a intentarlo." in html


def test_the_right_password_is_refused_while_locked(ana):
    fail("ana", 5)
    client = Client()
    assert_locked_out(sign_in("ana", PASSWORD, client=client))
    assert client.get("/editor/").status_code == 302  # still signed out


def test_other_accounts_from_that_address_and_that_account_elsewhere_still_sign_in(ana):
    make_editor("ben")
    fail("ana", 5)
    assert_signed_in(sign_in("ben", PASSWORD, address=HOME))
    assert_signed_in(sign_in("ana", PASSWORD, address=ELSEWHERE))
    assert_locked_out(sign_in("ana", PASSWORD, address=HOME))


def test_a_success_clears_the_count(ana):
    fail("ana", 4)
    assert_signed_in(sign_in("ana", PASSWORD))
    assert not AccessAttempt.objects.exists()
    for response in fail("ana", 4):
        assert_refused(response)
    assert_locked_out(sign_in("ana", WRONG))


def test_the_lock_ends_15_minutes_after_the_last_attempt(ana):
    fail("ana", 5)
    move_attempts_back(timedelta(minutes=14))
    assert_locked_out(sign_in("ana", PASSWORD))
    # That attempt started the wait again: 28 minutes after the fifth
    # failure, 14 after the last attempt, still locked.
    move_attempts_back(timedelta(minutes=14))
    assert_locked_out(sign_in("ana", PASSWORD))
    move_attempts_back(timedelta(minutes=15, seconds=1))
    assert_signed_in(sign_in("ana", PASSWORD))


def test_the_admin_sign_in_is_throttled_too_and_counts_with_the_editors_page():
    make_editor("carla", staff=True)
    for response in fail("carla", 4, url=ADMIN_SIGN_IN):
        assert_refused(response)
    assert_locked_out(sign_in("carla", WRONG, url=ADMIN_SIGN_IN))
    assert_locked_out(sign_in("carla", PASSWORD, url=ADMIN_SIGN_IN))
    assert_locked_out(sign_in("carla", PASSWORD, url=SIGN_IN))
    assert_signed_in(sign_in("carla", PASSWORD, url=ADMIN_SIGN_IN, address=ELSEWHERE))

    make_editor("dev", staff=True)
    fail("dev", 3, url=SIGN_IN)
    fail("dev", 1, url=ADMIN_SIGN_IN)
    assert_locked_out(sign_in("dev", WRONG, url=ADMIN_SIGN_IN))


def test_unknown_accounts_are_counted_like_real_ones():
    # Otherwise the lockout would tell who has an account.
    fail("nobody", 4)
    assert_locked_out(sign_in("nobody", WRONG))


def test_a_name_longer_than_any_account_is_refused_and_counted_within_its_column():
    # Django's sign-in form passes any length on; axes' column holds 255
    # characters, and PostgreSQL answered a longer name with a 500.
    long_name = "x" * 300
    assert_refused(sign_in(long_name, WRONG))
    attempt = AccessAttempt.objects.get()
    assert attempt.username == long_name[:255]
    fail(long_name, 3)
    assert_locked_out(sign_in(long_name, WRONG))


def test_the_records_keep_no_password(ana):
    fail("ana", 2)
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == ("ana", HOME, 2)
    assert WRONG not in attempt.post_data


class TestTheAddress:
    """Which address counts: the connection's, unless proxies in front are
    declared (DJANGO_TRUSTED_PROXY_COUNT)."""

    def test_without_declared_proxies_a_forwarded_for_header_changes_nothing(self, ana):
        fail("ana", 5)
        assert_locked_out(sign_in("ana", PASSWORD, forwarded_for=ELSEWHERE))

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_the_address_it_saw_counts(self, ana):
        proxy = "10.0.0.2"
        fail("ana", 5, address=proxy, forwarded_for=HOME)
        assert AccessAttempt.objects.get().ip_address == HOME
        # What a client writes into the header itself, left of the proxy's entry, is not believed...
        assert_locked_out(sign_in("ana", PASSWORD, address=proxy, forwarded_for=f"{ELSEWHERE}, {HOME}"))
        # ...while another client behind the same proxy signs in.
        assert_signed_in(sign_in("ana", PASSWORD, address=proxy, forwarded_for=ELSEWHERE))

    @pytest.mark.parametrize(
        ("proxies", "forwarded_for", "expected"),
        [
            (0, "192.0.2.1", "10.0.0.2"),
            (1, "192.0.2.1", "192.0.2.1"),
            (1, "192.0.2.66, 192.0.2.1", "192.0.2.1"),
            (2, "192.0.2.66, 192.0.2.1, 10.0.0.1", "192.0.2.1"),
            (2, "192.0.2.1", "10.0.0.2"),  # fewer entries than proxies: not through them all
            (1, "", "10.0.0.2"),
            (1, "unknown", "10.0.0.2"),
            (1, "2001:db8::1", "2001:db8::1"),
        ],
    )
    def test_the_client_is_the_entry_the_outermost_trusted_proxy_wrote(self, settings, proxies, forwarded_for,
                                                                       expected):
        settings.TRUSTED_PROXY_COUNT = proxies
        request = RequestFactory().post(SIGN_IN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)
        assert client_address(request) == expected

"""Settings for the claim timeline and fact-check app.

Everything that differs between a laptop and production comes from the
environment (see docs/deployment.md, "Configuration"). A `.env` file at the top of the
checkout (written by `make run`: local development, never committed) fills in
what the environment leaves unset; `DJANGO_ENV_FILE` names another file, or
none when empty. Without it and without `DJANGO_DEBUG`, production is the
default. The defaults give a working local site on SQLite with the
local-memory cache.
"""

import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from environs import Env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Every setting below is read through `env`; a variable already in the
# environment wins over the file's.
env = Env(expand_vars=False)
ENV_FILE = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    env.read_env(ENV_FILE, recurse=False)


def env_bool(name: str, default: bool = False) -> bool:
    value = env.str(name, None)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env.str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("DJANGO_ALLOW_INSECURE_KEY"):
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY for production, or run `make run` once to write a local .env "
            "(development, DEBUG on)."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "template_partials",
    "axes",
    "timeline",
    "factcheck",
    "factcheck.project",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "factcheck.project.middleware.PermissionsPolicyMiddleware",
    # Near the top, so that every response gets the policy and framing
    # headers, even one a middleware below answers by itself (CommonMiddleware's
    # 400 page for a host not in ALLOWED_HOSTS).
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Shared-cache responses (embed, API, oEmbed, feed) take their language
    # from the URL: drops LocaleMiddleware's Vary: Accept-Language for them.
    "factcheck.web.http_cache.SharedCacheMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check reads a form: one over the limits gets its 413/400.
    "factcheck.project.middleware.RequestLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Answers to signed-in people and to forms: `Cache-Control: private, no-store`.
    "factcheck.project.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "factcheck.project.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.project.urls"
WSGI_APPLICATION = "factcheck.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "factcheck.project.context_processors.newsroom",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.static",
                "template_partials.templatetags.partials",
            ],
        },
    }
]

# Widget templates come from the one template tree, like every other template.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        env.str("DATABASE_URL", "") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env.str("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, for the test database: the live server's threads
    # and the outage tests see one real database. One per test process.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"claim-timeline-test-{os.getpid()}.sqlite3")
    }
    # Writes take the lock when their transaction begins and wait for it:
    # a deferred transaction that reads, then writes while another thread
    # writes, fails at once with "database is locked" (a 503).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the database is unreachable: /healthz and the 503 page
    # answer within seconds instead of hanging on a connect.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        env.str("DATABASE_CONNECT_TIMEOUT", "3")
    )

REDIS_URL = env.str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # One client per process; a hung or dead Redis is skipped for
            # CACHE_RETRY_SECONDS after one short timeout (project/cache.py).
            "BACKEND": "factcheck.project.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", "factcheck"),
            "OPTIONS": {
                "socket_connect_timeout": float(env.str("CACHE_TIMEOUT_SECONDS", "0.2")),
                "socket_timeout": float(env.str("CACHE_TIMEOUT_SECONDS", "0.2")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHE_RETRY_SECONDS = float(env.str("CACHE_RETRY_SECONDS", "5"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/editor/"
LOGOUT_REDIRECT_URL = "/"

# Sign-in protection (django-axes; docs/security.md, "Sign-in protection"). The editors'
# sign-in and the admin's: after 5 failures within 15 minutes for one account
# from one address, that account is refused from that address (whatever the
# password) until 15 minutes have passed without an attempt. Keyed on the pair,
# so nobody can lock an editor out from everywhere by typing wrong passwords
# for their name. A success clears the count. The failures are rows in the
# database, shared by every app server (Redis, only a cache, may be lost).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "factcheck.project.sign_in.locked_out"
AXES_CLIENT_IP_CALLABLE = "factcheck.project.sign_in.client_address"
AXES_USERNAME_CALLABLE = "factcheck.project.sign_in.attempted_username"
AXES_USERNAME_FORM_FIELD = "username"
# Proxies (nginx, a CDN) in front that append the client's address to
# X-Forwarded-For; 0: none, the connection's address (REMOTE_ADDR) counts.
try:
    TRUSTED_PROXY_COUNT = int(env.str("DJANGO_TRUSTED_PROXY_COUNT", "0") or "0")
except ValueError:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT must be a whole number (0: no proxy).") from None
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT must be a whole number (0: no proxy).")

# Interface in English and Spanish. The language comes from the switch (a
# cookie) or the browser's Accept-Language; URLs carry no language prefix.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["factcheck.project.formats"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
# Where collectstatic writes; its own folder for each of CI's concurrent passes.
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", "") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed files served by whitenoise; `collectstatic` builds them
# (the Makefile and the test set-up run it), minifying our own CSS and JS.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "factcheck.web.storage.MinifiedStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

# HTTPS and browser hardening. On unless DEBUG; DJANGO_HTTPS=0 turns it off
# for plain-HTTP set-ups such as the test suite.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=True)
    # TLS ends at nginx or the CDN, which says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env.str("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (hx-headers), never from the cookie
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"

# Content-Security-Policy (django-csp), on every response: everything from
# this site only, no inline script or style and no eval (htmx is configured
# for this in each page's htmx-config meta), no plugins, forms posting here
# only, and no framing (`frame-ancestors 'none'`, with X-Frame-Options: DENY
# for old browsers) except the embed pages, which replace frame-ancestors
# with EMBED_FRAME_ANCESTORS. frame-src 'self': the embed-code panel previews
# /embed/ in a frame. No nonces, so shared caches may keep any response.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Who the fact-checks are published by (ClaimReview author, feeds, oEmbed).
NEWSROOM_NAME = env.str("NEWSROOM_NAME", "Claim Timeline")
NEWSROOM_URL = env.str("NEWSROOM_URL", "")
# The site's own address ("https://facts.example.org"): every absolute URL in
# a public response (feeds, oEmbed, the API, ClaimReview, embed code,
# canonical links) is built from it, never from the request's Host header.
# `make run` sets it to the local address; `check --deploy` asks for it.
SITE_URL = env.str("SITE_URL", "").strip().rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[A-Za-z0-9.\-\[\]:]+", SITE_URL):
    raise ImproperlyConfigured(f"SITE_URL must be a scheme and host such as https://facts.example.org, not {SITE_URL!r}.")
# Embeds and caching (docs/embedding.md). Who may frame /embed/ pages:
# CSP frame-ancestors sources separated by spaces or commas ("*": anyone).
EMBED_FRAME_ANCESTORS = env.str("EMBED_FRAME_ANCESTORS", "*").replace(",", " ").split() or ["*"]
# Cache-Control max-age (seconds) of the embed, API, oEmbed and feed responses.
HTTP_CACHE_MAX_AGE = int(env.str("HTTP_CACHE_MAX_AGE", "60"))
# Each process remembers a timeline's version stamp this long (seconds), so a
# popular embed's conditional GETs cost no query; changes saved in the same
# process are seen at once, others within this delay. 0: read it every time.
HTTP_STAMP_MEMO_SECONDS = float(env.str("HTTP_STAMP_MEMO_SECONDS", "1"))
# Each worker also keeps the shared responses it served last in its own
# memory, up to this many MiB (factcheck/web/near_cache.py); 0 turns it off.
RESPONSE_MEMORY_CACHE_MB = float(env.str("RESPONSE_MEMORY_CACHE_MB", "32"))
# How often an open embed asks (with a conditional request) whether it changed.
EMBED_POLL_SECONDS = int(env.str("EMBED_POLL_SECONDS", "30"))
# Events per embed page: a long timeline's embed is paged, each page its own
# cached response, so its cost does not grow with the timeline.
EMBED_PAGE_SIZE = int(env.str("EMBED_PAGE_SIZE", "50"))
# The TimelineJS API streams a timeline of more events than this in parts
# (bounded memory) instead of building its JSON whole and caching it.
API_STREAM_FROM_EVENTS = int(env.str("API_STREAM_FROM_EVENTS", "1000"))
# oEmbed `cache_age`, and the max-age of the stable loader script /embed.js.
OEMBED_CACHE_AGE = int(env.str("OEMBED_CACHE_AGE", "3600"))
EMBED_LOADER_MAX_AGE = int(env.str("EMBED_LOADER_MAX_AGE", "3600"))
# Names this deployment in ETags, so a new release is never answered 304 with
# the old page (optional; the static files' manifest hash is always included).
RELEASE = env.str("RELEASE", "")
# Events per page of a timeline (the next page loads as the reader reaches it).
TIMELINE_PAGE_SIZE = int(env.str("TIMELINE_PAGE_SIZE", "20"))
# The timeline `/` shows when no timeline is marked featured.
DEFAULT_TIMELINE_SLUG = env.str("DEFAULT_TIMELINE_SLUG", "milei-trump")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", "WARNING")},
}

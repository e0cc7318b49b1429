"""Settings for `make bench` only: the site's settings plus a URLconf with
a bare baseline view. Never used in production."""

from factcheck.project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "tests.perf.bench_urls"

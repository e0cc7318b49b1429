"""Bad input on what other sites call: the embed and its options, the
embed-code generator, oEmbed and the TimelineJS API.

The embed answers a bad option with its own small error page (400); oEmbed
and the API answer JSON errors with the status that says why; oEmbed asked
for another format answers 501, as the oEmbed specification says.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.seed_once import seeded, seeded_module  # noqa: F401

from . import strategies as s
from .checks import answered, get, rolled_back

pytestmark = pytest.mark.django_db

VERDICT_LISTS = st.lists(st.sampled_from(["false", "accurate", "mixed", "unverified", "in-review"]), max_size=4).map(
    ",".join
)
OPTIONS = {
    "theme": s.Field(st.sampled_from(["auto", "light", "dark"]), "neon", "DARK", ""),
    "verdict": s.Field(VERDICT_LISTS, "nope", "FALSE", "a b", ",,,", ",".join(["false"] * 40), "false,no-such-verdict"),
    "order": s.Field(st.sampled_from(["oldest", "newest"]), "random", "-date"),
    "lang": s.Field(st.sampled_from(["en", "es"]), "fr", "EN", "es-AR"),
    "height": s.Field(st.integers(min_value=300, max_value=2000).map(str), "-1", "0", "99", "100000", "4e2", "٣٠٠"),
    "childId": s.Field(st.sampled_from(["embed-1", "claim-timeline-0"])),
}
SLUGS = st.one_of(
    st.just("milei-trump"),
    st.sampled_from(["no-such-timeline", "milei-trump-", "MILEI-TRUMP"]),
    st.from_regex(r"\A[-a-zA-Z0-9_]{1,120}\Z"),
)


@given(slug=SLUGS, query=s.form(OPTIONS), headers=s.conditional_headers)
def test_the_embed_and_its_options(seeded, client, slug, query, headers):
    with rolled_back():
        answered(get(client, f"/embed/timelines/{slug}/", query, headers=headers), classes=(2, 3, 4))


@given(
    query=s.form({f"embed_{name}": strategy for name, strategy in OPTIONS.items()}),
    panel=st.booleans(),
)
def test_the_embed_code_generator(seeded, client, query, panel):
    path = "/embed/timelines/milei-trump/code/" + ("panel/" if panel else "")
    with rolled_back():
        answered(get(client, path, query), classes=(2,))


OUR_PAGES = ["/", "/timelines/milei-trump/", "/embed/timelines/milei-trump/"]
OTHER_PAGES = [
    "/timelines/nope/",
    "/claims/1/",
    "/oembed/",
    "/embed/timelines/nope/",
    "/api/timelines/milei-trump.json",
]
OUR_HOSTS = ["testserver", "TESTSERVER", "localhost"]
OTHER_HOSTS = [
    "testserver:99999999",
    "[::1]",
    "[::1",
    "evil.example",
    "testserver@evil.example",
    "evil.example#@testserver",
    "",
    "testserver:",
    "xn--80ak6aa92e.com",
    "127.0.0.1:0",
    "testserver:80",
]
embed_query = st.one_of(
    st.just(""),
    s.pairs(OPTIONS, max_size=4).map(lambda pairs: urlencode([(n, v) for n, v in pairs if isinstance(v, str)])),
)


def page_url(schemes, hosts, paths):
    return st.builds(
        lambda scheme, host, path, query: f"{scheme}://{host}{path}" + (f"?{query}" if query else ""),
        st.sampled_from(schemes),
        st.sampled_from(hosts),
        paths,
        embed_query,
    )


OEMBED_URL = s.Field(
    page_url(["http", "https"], OUR_HOSTS, st.sampled_from(OUR_PAGES)),
    *[f"http://{host}{page}" for host in OTHER_HOSTS for page in OUR_PAGES[:2]],
    *[f"http://testserver{page}" for page in OTHER_PAGES],
    "ftp://testserver/",
    "javascript:alert(1)//testserver/timelines/milei-trump/",
    "/timelines/milei-trump/",
    "testserver",
)


@given(
    query=s.form(
        {
            "url": OEMBED_URL,
            "format": s.Field(st.just("json"), "xml", "JSON", ""),
            "maxwidth": s.Field(st.integers(min_value=1, max_value=2000).map(str), "0", "-5", "10000000", "1.5", "١٠٠"),
            "maxheight": s.Field(st.integers(min_value=1, max_value=2000).map(str), "0", "-5", "10000000", "1e3"),
        }
    ),
    headers=s.conditional_headers,
)
def test_oembed(seeded, client, query, headers):
    with rolled_back():
        response = answered(
            get(client, "/oembed/", query, headers=headers), classes=(2, 3, 4), statuses=(501,), json_errors=True
        )
        if response.status_code == 200:
            assert response.json()["type"] == "rich"


@given(
    slug=SLUGS,
    query=s.form({"lang": s.Field(st.sampled_from(["en", "es", ""]), "fr", "EN", " es", "x" * 300)}),
    headers=s.conditional_headers,
)
def test_the_timelinejs_api(seeded, client, slug, query, headers):
    with rolled_back():
        response = answered(
            get(client, f"/api/timelines/{slug}.json", query, headers=headers), classes=(2, 3, 4), json_errors=True
        )
        if response.status_code == 200:
            assert response.json()["events"]

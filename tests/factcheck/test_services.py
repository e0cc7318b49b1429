"""Changing a claim keeps its history and refuses stale versions."""

import pytest

from factcheck.models import AppendOnlyError, Verdict, VerdictChange
from factcheck.services import ClaimConflict, SourceInput, claim_publish, claim_set_status, claim_unpublish
from tests.factories import make_article, make_claim, make_event, make_timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    article = make_article()
    timeline = make_timeline()
    make_event(timeline, article=article)
    return make_claim(article=article)


def test_each_changed_aspect_appends_one_history_row_and_bumps_the_version_once(claim, admin_user):
    accurate = Verdict.objects.get(slug="accurate")
    version = claim.version
    updated = claim_set_status(
        claim=claim, editor=admin_user, expected_version=version, verdict=accurate,
        rationale="Official figures agree.", sources=[SourceInput("Statistics office", "https://example.org/")],
        note="Checked",
    )
    assert updated.version == version + 1
    rows = VerdictChange.objects.filter(claim=claim, claim_version=updated.version)
    assert sorted(rows.values_list("action", flat=True)) == ["rationale", "sources", "verdict"]
    assert all(row.editor == admin_user and row.note == "Checked" for row in rows)


def test_a_save_from_an_old_version_is_a_conflict_and_changes_nothing(claim, admin_user):
    false = Verdict.objects.get(slug="false")
    with pytest.raises(ClaimConflict) as conflict:
        claim_set_status(claim=claim, editor=admin_user, expected_version=claim.version - 1,
                         verdict=false, rationale="x", sources=[])
    assert conflict.value.current.version == claim.version
    claim.refresh_from_db()
    assert claim.verdict.slug == "unverified"


def test_readers_see_the_verdict_only_once_it_is_published(claim, admin_user):
    accurate = Verdict.objects.get(slug="accurate")
    published_before = claim.published_verdict
    claim = claim_set_status(claim=claim, editor=admin_user, expected_version=claim.version, verdict=accurate,
                             rationale="Yes.", sources=[SourceInput("Office")])
    assert claim.published_verdict == published_before
    claim = claim_publish(claim=claim, editor=admin_user, expected_version=claim.version, note="Rated")
    assert claim.published_verdict == accurate
    assert claim.published_sources == [{"title": "Office", "url": ""}]
    correction = claim.history.corrections().first()
    assert (correction.from_verdict.slug, correction.to_verdict.slug) == ("unverified", "accurate")


def test_publishing_bumps_the_version_stamp_of_timelines_showing_the_claim(claim, admin_user):
    timeline = claim.article.events.get().timelines.get()
    stamp = timeline.content_version
    claim_unpublish(claim=claim, editor=admin_user)
    timeline.refresh_from_db()
    assert timeline.content_version == stamp + 1


def test_history_rows_cannot_be_edited_or_deleted(claim):
    row = claim.history.first()
    row.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        VerdictChange.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        VerdictChange.objects.update(note="x")


@pytest.mark.django_db
def test_a_withdrawal_note_over_the_limit_is_refused_and_nothing_changes(seeded):
    from django.core.exceptions import ValidationError

    from factcheck.models import NOTE_MAX_LENGTH, Claim
    from factcheck.services import claim_unpublish

    claim = Claim.objects.get(uid="seed-claim-09")
    with pytest.raises(ValidationError) as refused:
        claim_unpublish(claim=claim, editor=None, note="x" * (NOTE_MAX_LENGTH + 1))
    assert "note" in refused.value.message_dict
    claim.refresh_from_db()
    assert claim.published and not claim.history.filter(action="unpublish").exists()
    claim_unpublish(claim=claim, editor=None, note="x" * NOTE_MAX_LENGTH)
    assert claim.history.get(action="unpublish").note == "x" * NOTE_MAX_LENGTH

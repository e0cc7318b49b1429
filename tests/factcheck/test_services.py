"""Changing a claim keeps its history and refuses stale versions."""

import pytest
from django.core.exceptions import ValidationError

from factcheck.models import AppendOnlyError, Verdict, VerdictChange
from factcheck.services import (
    ClaimConflict,
    SourceInput,
    claim_publish,
    claim_save_and_publish,
    claim_set_status,
    claim_unpublish,
)
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


class TestSaveAndPublish:
    """"Publish changes" with unsaved edits: the typed draft is saved and
    published in one transaction, or nothing happens at all."""

    def test_saves_the_typed_draft_then_publishes_it(self, claim, admin_user):
        accurate = Verdict.objects.get(slug="accurate")
        version = claim.version
        done = claim_save_and_publish(
            claim=claim, editor=admin_user, expected_version=version, verdict=accurate,
            rationale="Typed, never saved before.", sources=[SourceInput("Office")],
            note="Checked", publish_note="Rated",
        )
        assert (done.saved, done.published) == (True, True)
        assert done.claim.version == version + 2
        assert done.claim.published_verdict == accurate
        assert done.claim.published_rationale == "Typed, never saved before."
        assert done.claim.published_sources == [{"title": "Office", "url": ""}]
        actions = list(claim.history.order_by("claim_version", "action").values_list("action", "note"))
        assert actions[-4:] == [("rationale", "Checked"), ("sources", "Checked"), ("verdict", "Checked"),
                                ("publish", "Rated")]

    def test_with_nothing_typed_it_only_publishes_the_saved_draft(self, claim, admin_user):
        accurate = Verdict.objects.get(slug="accurate")
        claim = claim_set_status(claim=claim, editor=admin_user, expected_version=claim.version, verdict=accurate,
                                 rationale="Saved earlier.", sources=[SourceInput("Office")])
        done = claim_save_and_publish(claim=claim, editor=admin_user, expected_version=claim.version,
                                      verdict=accurate, rationale="Saved earlier.", sources=[SourceInput("Office")])
        assert (done.saved, done.published) == (False, True)
        again = claim_save_and_publish(claim=done.claim, editor=admin_user, expected_version=done.claim.version,
                                       verdict=accurate, rationale="Saved earlier.", sources=[SourceInput("Office")])
        assert (again.saved, again.published) == (False, False)
        assert again.claim.version == done.claim.version

    def test_from_an_old_version_it_is_a_conflict_and_neither_saves_nor_publishes(self, claim, admin_user):
        accurate = Verdict.objects.get(slug="accurate")
        before = (claim.version, claim.rationale, claim.published_rationale)
        with pytest.raises(ClaimConflict):
            claim_save_and_publish(claim=claim, editor=admin_user, expected_version=claim.version - 1,
                                   verdict=accurate, rationale="Mine.", sources=[SourceInput("Office")])
        claim.refresh_from_db()
        assert (claim.version, claim.rationale, claim.published_rationale) == before

    def test_a_draft_that_breaks_the_desk_rule_is_neither_saved_nor_published(self, claim, admin_user):
        accurate = Verdict.objects.get(slug="accurate")
        before = (claim.version, claim.verdict_id, claim.published_verdict_id, claim.history.count())
        with pytest.raises(ValidationError) as refused:
            claim_save_and_publish(claim=claim, editor=admin_user, expected_version=claim.version,
                                   verdict=accurate, rationale="No source given.", sources=[])
        assert "sources" in refused.value.message_dict
        claim.refresh_from_db()
        assert (claim.version, claim.verdict_id, claim.published_verdict_id, claim.history.count()) == before

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

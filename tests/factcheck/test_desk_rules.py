"""The desk's rule (a final verdict needs a rationale and a source; workflow
states need neither), bad input and who may act, as the services enforce
them: whichever way a change comes in, it holds."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck.models import Claim, Verdict, VerdictChange
from factcheck.rules import MAX_SOURCES
from factcheck.services import SourceInput, claim_assign, claim_publish, claim_set_status, claim_unpublish
from tests.editors import make_reader
from tests.factories import make_article, make_claim
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db

SOURCE = SourceInput("Statistics office, 2024 report", "https://example.org/report")


@pytest.fixture
def claim():
    return make_claim(article=make_article())


def verdict(slug):
    return Verdict.objects.get(slug=slug)


def set_status(claim, editor, **changes):
    values = dict(verdict=verdict("accurate"), rationale="Official figures agree.", sources=[SOURCE])
    values.update(changes)
    return claim_set_status(claim=claim, editor=editor, expected_version=claim.version, **values)


def assert_nothing_saved(claim):
    before = (claim.version, claim.verdict_id, claim.rationale, claim.history.count())
    claim.refresh_from_db()
    assert (claim.version, claim.verdict_id, claim.rationale, claim.history.count()) == before


class TestFinalVerdicts:
    @pytest.mark.parametrize("slug", ["accurate", "mostly-accurate", "mixed", "misleading", "false"])
    def test_need_a_rationale(self, claim, editor, slug):
        with pytest.raises(ValidationError) as error:
            set_status(claim, editor, verdict=verdict(slug), rationale="   ")
        assert "rationale" in error.value.message_dict
        assert_nothing_saved(claim)

    def test_need_a_source(self, claim, editor):
        with pytest.raises(ValidationError) as error:
            set_status(claim, editor, sources=[])
        assert error.value.message_dict == {"sources": ["A final verdict needs at least one source."]}
        assert_nothing_saved(claim)

    def test_with_both_are_saved(self, claim, editor):
        updated = set_status(claim, editor)
        assert updated.verdict.slug == "accurate" and updated.sources.get().url == SOURCE.url

    def test_cannot_be_published_without_them(self, claim, editor):
        # A draft that breaks the rule can only come from curated data.
        claim = claim_set_status(claim=claim, editor=None, expected_version=None, verdict=verdict("false"),
                                 rationale="Curated.", sources=[])
        with pytest.raises(ValidationError, match="at least one source"):
            claim_publish(claim=claim, editor=editor, expected_version=claim.version)
        claim.refresh_from_db()
        assert claim.published_verdict.slug == "unverified"


class TestWorkflowStates:
    @pytest.mark.parametrize("slug", ["unverified", "in-review", "not-checkable"])
    def test_need_neither_rationale_nor_source(self, claim, editor, slug):
        set_status(claim, editor, verdict=verdict("in-review"), rationale="", sources=[])
        claim.refresh_from_db()
        updated = set_status(claim, editor, verdict=verdict(slug), rationale="", sources=[])
        assert updated.verdict.slug == slug
        claim_publish(claim=updated, editor=editor, expected_version=updated.version)


class TestBadInput:
    def test_a_rationale_over_the_limit(self, claim, editor):
        with pytest.raises(ValidationError) as error:
            set_status(claim, editor, rationale="x" * 5001)
        assert "at most 5000 characters" in error.value.message_dict["rationale"][0]
        assert_nothing_saved(claim)

    @pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/file", "data:text/html,hi", "example"])
    def test_a_source_link_that_is_not_http(self, claim, editor, url):
        with pytest.raises(ValidationError) as error:
            set_status(claim, editor, sources=[SourceInput("A source", url)])
        assert "must start with http:// or https://" in error.value.message_dict["sources"][0]
        assert_nothing_saved(claim)

    def test_a_source_without_a_citation(self, claim, editor):
        with pytest.raises(ValidationError, match="no citation"):
            set_status(claim, editor, sources=[SourceInput("  ", "https://example.org/")])

    def test_too_many_sources(self, claim, editor):
        with pytest.raises(ValidationError, match="at most"):
            set_status(claim, editor, sources=[SourceInput(f"Source {i}") for i in range(MAX_SOURCES + 1)])

    def test_curated_data_is_checked_for_bad_input_too(self, claim):
        with pytest.raises(ValidationError):
            claim_set_status(claim=claim, editor=None, expected_version=None, verdict=verdict("unverified"),
                             rationale="", sources=[SourceInput("x", "javascript:alert(1)")])


class TestCuratedSeedData:
    def test_claim_13_loads_as_accurate_without_a_source_as_facts_md_gives_it(self, seeded):
        claim = Claim.objects.get(uid="seed-claim-13")
        assert claim.published_verdict.slug == "accurate" and claim.published_sources == []
        assert claim.history.filter(editor__isnull=True).count() == claim.history.count()

    def test_an_editor_who_later_edits_claim_13_must_add_a_source(self, seeded, editor):
        claim = Claim.objects.get(uid="seed-claim-13")
        with pytest.raises(ValidationError, match="at least one source"):
            claim_set_status(claim=claim, editor=editor, expected_version=claim.version, verdict=claim.verdict,
                             rationale=claim.rationale + " Edited.", sources=[])
        # Saving it unchanged (a note only) is not a change and is not refused.
        same = claim_set_status(claim=claim, editor=editor, expected_version=claim.version, verdict=claim.verdict,
                                rationale=claim.rationale, sources=[], note="Looked again")
        assert same.version == claim.version


class TestWhoMayAct:
    def test_someone_without_editor_rights_changes_nothing(self, claim):
        reader = make_reader()
        with pytest.raises(PermissionDenied):
            set_status(claim, reader)
        with pytest.raises(PermissionDenied):
            claim_publish(claim=claim, editor=reader)
        with pytest.raises(PermissionDenied):
            claim_unpublish(claim=claim, editor=reader)
        with pytest.raises(PermissionDenied):
            claim_assign(claim=claim, editor=reader, assignee=None)
        assert_nothing_saved(claim)

    def test_who_may_add_claims_may_publish_one_just_added_and_unrated_only(self, editor):
        from django.contrib.auth.models import Permission

        ingester = make_reader("ingester")
        ingester.user_permissions.add(Permission.objects.get(codename="add_claim"))
        fresh = make_claim(article=make_article(), publish=False)
        published = claim_publish(claim=fresh, editor=ingester, expected_version=fresh.version)
        assert published.published and published.published_verdict.slug == "unverified"
        with pytest.raises(PermissionDenied):
            claim_unpublish(claim=published, editor=ingester)
        rated = make_claim(article=make_article(), publish=False)
        rated = set_status(rated, editor)
        with pytest.raises(PermissionDenied):
            claim_publish(claim=rated, editor=ingester, expected_version=rated.version)

    def test_each_history_row_names_the_editor(self, claim, editor):
        updated = set_status(claim, editor, note="Checked the report")
        rows = VerdictChange.objects.filter(claim=claim, claim_version=updated.version)
        assert {row.editor for row in rows} == {editor}
        assert {row.note for row in rows} == {"Checked the report"}


class TestAssignment:
    def test_assigns_to_an_editor_without_touching_version_or_history(self, claim, editor, other_editor):
        before = (claim.version, claim.history.count())
        updated = claim_assign(claim=claim, editor=editor, assignee=other_editor)
        assert updated.assigned_to == other_editor
        assert (updated.version, updated.history.count()) == before
        assert claim_assign(claim=claim, editor=editor, assignee=None).assigned_to is None

    def test_only_to_an_editor(self, claim, editor):
        with pytest.raises(ValidationError, match="is not an editor"):
            claim_assign(claim=claim, editor=editor, assignee=make_reader("ola"))

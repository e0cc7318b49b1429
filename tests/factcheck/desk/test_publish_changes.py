"""The "Publish changes" button beside an open claim form never loses
typing: it belongs to the claim's form, so what the editor typed is sent with
it, saved and published in one step through the save's version check. A
conflict keeps the typing (409); bad input shows the field errors and
publishes nothing (422). With HTMX the card answers in place; without
JavaScript the same form posts."""

import re

import pytest

from factcheck.models import Claim
from tests.factcheck.desk.desk_client import HTMX, cards, rate, seed_claim
from tests.html import form_fields
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db

SAVED_RATIONALE = "Test rationale: saved as a draft, not yet published."
TYPED_RATIONALE = "Test rationale: typed into the form and never saved."
TYPED = dict(
    verdict="mostly-accurate",
    rationale=TYPED_RATIONALE,
    sources__0__title="Test citation: gala coverage",
    sources__0__url="https://example.org/gala",
    note="Typed note for the history",
    publish__note="Typed note for readers",
)
PLAIN = {}  # no HX-Request: a browser without JavaScript


def claim_page_form(client, claim, **changes) -> dict[str, str]:
    """The claim's form on its editor page, with the fields that belong to it
    (the note beside "Publish changes" included), some of them changed."""
    html = client.get(f"/editor/claims/{claim.pk}/").content.decode()
    data = form_fields(html, form_id=f"claim-{claim.pk}-form")
    prefix = f"claim-{claim.pk}-"
    for name, value in changes.items():
        data[prefix + name.replace("__", "-")] = value
    return data


def holds_unsaved_typing(html: str, claim) -> bool:
    """Whether the claim's form comes marked as holding typing not saved
    (static/js/unsaved.js then asks before the page is left)."""
    tag = re.search(rf'<form id="claim-{claim.pk}-form"[^>]*>', html)
    assert tag and "data-warn-unsaved=" in tag.group(0)
    return " data-unsaved" in tag.group(0)


def publish(client, claim, data, *, headers=HTMX):
    return client.post(f"/editor/claims/{claim.pk}/publish/", data, headers=headers)


def with_saved_draft(client):
    """Seed claim 6 with a saved draft that readers do not see yet: the case
    where "Publish changes" used to publish this draft and drop the typing."""
    claim = seed_claim(6)
    rate(client, claim, verdict="accurate", rationale=SAVED_RATIONALE, sources__0__title="Test citation: saved draft")
    claim.refresh_from_db()
    assert claim.has_draft_changes
    return claim


class TestTheButtonBelongsToTheForm:
    def test_beside_an_open_claim_form_publish_submits_that_form_to_the_publish_address(self, editor_client, seeded):
        claim = seed_claim(6)  # published, nothing changed yet: typing would make changes to publish
        html = editor_client.get(f"/editor/claims/{claim.pk}/").content.decode()
        owner = f'form="claim-{claim.pk}-form"'
        assert f'{owner} formaction="/editor/claims/{claim.pk}/publish/"' in html
        assert f'<input type="text" {owner} name="claim-{claim.pk}-publish-note"' in html
        assert "Saves what you changed in the form first." in html
        # The claim's form, not a form of its own: no second copy of the version to go stale.
        assert f' action="/editor/claims/{claim.pk}/publish/"' not in html

    def test_in_the_queue_a_closed_card_keeps_its_own_publish_form(self, editor_client, seeded):
        claim = with_saved_draft(editor_client)
        html = editor_client.get("/editor/").content.decode()
        data = form_fields(html, action=f"/editor/claims/{claim.pk}/publish/")
        assert f"claim-{claim.pk}-verdict" not in data and f"claim-{claim.pk}-publish-version" in data

    def test_a_card_opened_in_the_queue_publishes_with_its_form(self, editor_client, seeded):
        claim = seed_claim(6)
        html = editor_client.get(
            f"/editor/claims/{claim.pk}/", {"edit": "1", "next": "/editor/"}, headers=HTMX
        ).content.decode()
        assert f'form="claim-{claim.pk}-form" formaction="/editor/claims/{claim.pk}/publish/"' in html


class TestPublishingWhatWasTyped:
    @pytest.mark.parametrize("headers", [HTMX, PLAIN], ids=["htmx", "no-javascript"])
    def test_the_typed_draft_is_saved_then_published(self, client, editor_client, seeded, headers):
        claim = with_saved_draft(editor_client)
        data = claim_page_form(editor_client, claim, **TYPED)
        response = publish(editor_client, claim, data, headers=headers)

        if headers is HTMX:
            assert response.status_code == 200
            html = response.content.decode()
            assert cards(html) == [str(claim.pk)]
            assert "Saved and published “the only sitting president" in html
            assert "readers now see Mostly accurate." in html
            assert not holds_unsaved_typing(html, claim)  # saved: leaving the page asks nothing
        else:
            assert response.status_code == 303
            assert response["Location"] == f"/editor/claims/{claim.pk}/"
            page = editor_client.get(response["Location"]).content.decode()
            assert "Saved and published “the only sitting president" in page

        claim.refresh_from_db()
        assert (claim.verdict.slug, claim.rationale) == ("mostly-accurate", TYPED_RATIONALE)
        assert (claim.published_verdict.slug, claim.published_rationale) == ("mostly-accurate", TYPED_RATIONALE)
        assert claim.published_sources == [{"title": "Test citation: gala coverage", "url": "https://example.org/gala"}]
        latest = claim.history.order_by("-claim_version", "action")
        assert latest[0].action == "publish" and latest[0].note == "Typed note for readers"
        assert {row.note for row in latest[1:4]} == {"Typed note for the history"}

        public = client.get(f"/claims/{claim.pk}/").content.decode()
        assert TYPED_RATIONALE in public and SAVED_RATIONALE not in public
        assert "Typed note for readers" in public

    def test_with_nothing_typed_it_publishes_the_saved_draft(self, editor_client, seeded):
        claim = with_saved_draft(editor_client)
        response = publish(editor_client, claim, claim_page_form(editor_client, claim))
        assert response.status_code == 200
        assert "Published “the only sitting president" in response.content.decode()
        claim.refresh_from_db()
        assert claim.published_rationale == SAVED_RATIONALE and not claim.has_draft_changes

    def test_with_nothing_to_publish_it_says_so_and_changes_nothing(self, editor_client, seeded):
        claim = seed_claim(6)
        version = claim.version
        response = publish(editor_client, claim, claim_page_form(editor_client, claim))
        assert response.status_code == 200
        assert "Nothing to publish: readers already see “the only sitting president" in response.content.decode()
        assert Claim.objects.get(pk=claim.pk).version == version


class TestAConflictKeepsTheTyping:
    @pytest.mark.parametrize("headers", [HTMX, PLAIN], ids=["htmx", "no-javascript"])
    def test_someone_saved_first_nothing_is_saved_or_published_and_the_typing_is_kept(
        self, editor_client, other_client, seeded, headers
    ):
        claim = with_saved_draft(editor_client)
        mine = claim_page_form(editor_client, claim, **TYPED)  # loaded before Ben saves
        rate(other_client, claim, verdict="in-review", rationale="Ben's rationale.", note="Ben is on it")
        ben = Claim.objects.get(pk=claim.pk)

        response = publish(editor_client, claim, mine, headers=headers)
        assert response.status_code == 409
        html = response.content.decode()
        assert "Not published: someone changed this claim first" in html
        assert "Ben Okafor changed it" in html
        assert "Nothing was saved or published. Your changes are kept in the form below" in html
        p = f"claim-{claim.pk}-"
        kept = form_fields(html, form_id=f"claim-{claim.pk}-form")
        assert kept[p + "rationale"] == TYPED_RATIONALE
        assert kept[p + "sources-0-title"] == "Test citation: gala coverage"
        assert kept[p + "publish-note"] == "Typed note for readers"
        assert kept[p + "version"] == str(ben.version)  # set to re-apply over Ben's version
        assert holds_unsaved_typing(html, claim)  # leaving the page asks first

        claim.refresh_from_db()
        assert (claim.version, claim.rationale, claim.published_rationale) == (
            ben.version,
            "Ben's rationale.",
            ben.published_rationale,
        )

        # Publishing the kept form again is a deliberate choice over Ben's version.
        assert publish(editor_client, claim, kept).status_code == 200
        claim.refresh_from_db()
        assert claim.published_rationale == TYPED_RATIONALE


class TestBadInputPublishesNothing:
    @pytest.mark.parametrize("headers", [HTMX, PLAIN], ids=["htmx", "no-javascript"])
    def test_a_final_verdict_without_a_source_shows_the_field_errors(self, client, editor_client, seeded, headers):
        claim = with_saved_draft(editor_client)
        before = Claim.objects.get(pk=claim.pk)
        data = claim_page_form(editor_client, claim, **TYPED)
        data[f"claim-{claim.pk}-sources-0-title"] = ""
        data[f"claim-{claim.pk}-sources-0-url"] = ""

        response = publish(editor_client, claim, data, headers=headers)
        assert response.status_code == 422
        html = response.content.decode()
        assert "Not saved. Please correct:" in html
        assert "A final verdict needs at least one source." in html
        kept = form_fields(html, form_id=f"claim-{claim.pk}-form")
        assert kept[f"claim-{claim.pk}-rationale"] == TYPED_RATIONALE
        assert kept[f"claim-{claim.pk}-publish-note"] == "Typed note for readers"
        assert holds_unsaved_typing(html, claim)

        after = Claim.objects.get(pk=claim.pk)
        assert (after.version, after.rationale, after.published_rationale) == (
            before.version,
            SAVED_RATIONALE,
            before.published_rationale,
        )
        assert TYPED_RATIONALE not in client.get(f"/claims/{claim.pk}/").content.decode()

    def test_a_note_for_readers_over_its_limit_is_a_field_error_and_nothing_is_saved(self, editor_client, seeded):
        claim = with_saved_draft(editor_client)
        version = Claim.objects.get(pk=claim.pk).version
        data = claim_page_form(editor_client, claim, **TYPED)
        data[f"claim-{claim.pk}-publish-note"] = "n" * 1001

        response = publish(editor_client, claim, data)
        assert response.status_code == 422
        html = response.content.decode()
        assert "Note for readers: Ensure this value has at most 1000 characters" in html
        assert form_fields(html, form_id=f"claim-{claim.pk}-form")[f"claim-{claim.pk}-rationale"] == TYPED_RATIONALE
        after = Claim.objects.get(pk=claim.pk)
        assert (after.version, after.rationale) == (version, SAVED_RATIONALE)

    def test_a_version_that_is_not_a_number_is_a_clear_error_not_a_500(self, editor_client, seeded):
        claim = with_saved_draft(editor_client)
        data = claim_page_form(editor_client, claim, **TYPED)
        data[f"claim-{claim.pk}-version"] = "x"
        response = publish(editor_client, claim, data)
        assert response.status_code == 422
        assert "The claim version in this form is not valid" in response.content.decode()
        assert Claim.objects.get(pk=claim.pk).rationale == SAVED_RATIONALE

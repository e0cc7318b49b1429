"""The admin as the desk's back office: edits of a claim's status go through
the same services as the panel (history, version, rules, conflicts), bulk
actions too, and the history is read-only for everyone."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from factcheck.models import Claim, Verdict, VerdictChange
from factcheck.services import claim_set_status
from tests.editors import PASSWORD, make_editor
from tests.html import form_fields
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(seeded):
    user = make_editor("desk", staff=True, first_name="Dee")
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def superuser_client(seeded):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", password=PASSWORD))
    return client


def seed_claim(n):
    return Claim.objects.get(uid=f"seed-claim-{n:02d}")


def change_form(client, claim):
    response = client.get(f"/admin/factcheck/claim/{claim.pk}/change/")
    assert response.status_code == 200
    return form_fields(response.content.decode(), form_id="claim_form")


def save(client, claim, data):
    return client.post(f"/admin/factcheck/claim/{claim.pk}/change/", {**data, "_save": "Save"})


def slug_pk(slug):
    return str(Verdict.objects.get(slug=slug).pk)


RATING = {
    "rationale": "Test rationale: checked against the gala coverage.",
    "sources-0-title": "Test citation: gala coverage",
    "sources-0-url": "https://example.org/gala",
    "note": "Rated in the back office",
}


class TestChangingAClaim:
    def test_a_status_edit_goes_through_the_service_with_history_and_version(self, desk):
        claim = seed_claim(6)
        data = change_form(desk, claim)
        data.update(RATING, verdict=slug_pk("mostly-accurate"))
        response = save(desk, claim, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        claim.refresh_from_db()
        assert claim.verdict.slug == "mostly-accurate" and claim.version == seed_claim(6).version
        rows = claim.history.filter(claim_version=claim.version)
        assert sorted(r.action for r in rows) == ["rationale", "sources", "verdict"]
        assert {(r.editor, r.note) for r in rows} == {(desk.user, "Rated in the back office")}
        assert claim.published_verdict.slug == "unverified"  # a draft until published

    def test_publishing_from_the_admin_is_the_services_publish(self, desk, client):
        claim = seed_claim(6)
        data = change_form(desk, claim)
        data.update(RATING, verdict=slug_pk("mostly-accurate"), publication="publish")
        assert save(desk, claim, data).status_code == 302
        claim.refresh_from_db()
        assert claim.published_verdict.slug == "mostly-accurate"
        publication = claim.history.corrections().first()
        assert (publication.from_verdict.slug, publication.to_verdict.slug) == ("unverified", "mostly-accurate")
        assert "rating changed from Unverified to Mostly accurate" in client.get(f"/claims/{claim.pk}/").content.decode()

    def test_unpublishing_with_a_note_over_the_limit_is_a_field_error_and_changes_nothing(self, desk):
        claim = seed_claim(6)
        assert claim.published
        data = change_form(desk, claim)
        data.update(publication="unpublish", note="x" * 1001)
        response = save(desk, claim, data)
        assert response.status_code == 200
        assert "Ensure this value has at most 1000 characters (it has 1001)." in response.content.decode()
        claim.refresh_from_db()
        assert claim.published and not claim.history.filter(action="unpublish").exists()

    def test_unpublishing_with_a_note_leaves_a_withdrawn_page_that_gives_it(self, desk, client):
        claim = seed_claim(6)
        data = change_form(desk, claim)
        data.update(publication="unpublish", note="Withdrawn from the back office: the source retracted it.")
        assert save(desk, claim, data).status_code == 302
        page = client.get(f"/claims/{claim.pk}/").content.decode()
        assert "This fact-check was withdrawn" in page
        assert "Withdrawn from the back office: the source retracted it." in page

    def test_descriptive_fields_change_without_touching_status_or_history(self, desk, other_editor):
        claim = seed_claim(6)
        before = (claim.version, claim.history.count())
        data = change_form(desk, claim)
        data["assigned_to"] = str(other_editor.pk)
        assert save(desk, claim, data).status_code == 302
        claim.refresh_from_db()
        assert claim.assigned_to == other_editor and (claim.version, claim.history.count()) == before

    def test_an_edit_from_an_old_version_is_refused_and_changes_nothing(self, desk, editor):
        claim = seed_claim(6)
        data = change_form(desk, claim)
        claim_set_status(claim=claim, editor=editor, expected_version=claim.version,
                         verdict=Verdict.objects.get(slug="in-review"), rationale="", sources=[])
        data.update(RATING, verdict=slug_pk("mostly-accurate"))
        response = save(desk, claim, data)
        assert response.status_code == 200
        assert "Not saved: ana changed this claim at" in response.content.decode()
        claim.refresh_from_db()
        assert claim.verdict.slug == "in-review"

    def test_the_desks_rule_shows_as_errors(self, desk):
        claim = seed_claim(6)
        data = change_form(desk, claim)
        data.update(verdict=slug_pk("false"), rationale="")
        html = save(desk, claim, data).content.decode()
        assert "A final verdict needs a rationale" in html
        assert "A final verdict needs at least one source." in html
        assert Claim.objects.get(pk=claim.pk).verdict.slug == "unverified"

    def test_a_source_link_that_is_not_http_is_a_field_error(self, desk):
        claim = seed_claim(6)
        data = change_form(desk, claim)
        data.update(RATING, verdict=slug_pk("accurate"), **{"sources-0-url": "javascript:alert(1)"})
        html = save(desk, claim, data).content.decode()
        assert "Enter a web address starting with http:// or https://." in html
        assert not Claim.objects.get(pk=claim.pk).sources.exists()

    def test_adding_a_claim_records_its_status_through_the_service(self, desk):
        article = seed_claim(1).article
        response = desk.get("/admin/factcheck/claim/add/")
        data = form_fields(response.content.decode(), form_id="claim_form")
        data.update(RATING, quote="Argentina's 47 million citizens", article=str(article.pk),
                    verdict=slug_pk("accurate"))
        response = desk.post("/admin/factcheck/claim/add/", {**data, "_save": "Save"})
        assert response.status_code == 302, response.content.decode()[:3000]
        claim = Claim.objects.latest("pk")
        assert claim.verdict.slug == "accurate" and claim.quote_start is not None
        assert sorted(claim.history.values_list("action", flat=True)) == ["rationale", "sources", "verdict"]
        assert claim.history.first().editor == desk.user


class TestBulkActions:
    def bulk(self, client, action, claims):
        return client.post("/admin/factcheck/claim/", {"action": action, "_selected_action": [c.pk for c in claims]},
                           follow=True)

    def test_set_in_review_keeps_rationale_and_sources_and_logs_each(self, desk):
        claims = [seed_claim(9), seed_claim(10)]
        html = self.bulk(desk, "set_in_review", claims).content.decode()
        assert "2 claims set to In review." in html
        for claim in claims:
            updated = Claim.objects.get(pk=claim.pk)
            assert updated.verdict.slug == "in-review" and updated.rationale == claim.rationale
            assert updated.history.first().action == "verdict" and updated.history.first().editor == desk.user
        assert Claim.objects.get(pk=claims[0].pk).sources.count() == 3

    def test_publish_and_unpublish(self, desk, client):
        claim = seed_claim(10)
        self.bulk(desk, "set_in_review", [claim])
        html = self.bulk(desk, "publish_selected", [claim, seed_claim(12)]).content.decode()
        assert "1 claim published. 1 was already so." in html
        assert Claim.objects.get(pk=claim.pk).published_verdict.slug == "in-review"
        self.bulk(desk, "unpublish_selected", [claim])
        withdrawn = client.get(f"/claims/{claim.pk}/")
        assert withdrawn.status_code == 200 and "This fact-check was withdrawn" in withdrawn.content.decode()
        assert f'id="claim-{claim.pk}"' not in client.get("/timelines/milei-trump/").content.decode()

    def test_publishing_a_draft_that_breaks_the_rule_is_refused_with_a_reason(self, desk, editor):
        claim = seed_claim(13)  # curated Accurate without a source
        self.bulk(desk, "unpublish_selected", [claim])
        html = self.bulk(desk, "publish_selected", [claim]).content.decode()
        assert "Not changed:" in html and "A final verdict needs at least one source." in html
        assert not Claim.objects.get(pk=claim.pk).published


class TestHistoryIsReadOnly:
    @pytest.fixture(params=["desk", "superuser_client"])
    def staff(self, request):
        return request.getfixturevalue(request.param)

    def test_nobody_edits_or_deletes_a_history_row_in_the_admin(self, staff):
        row = VerdictChange.objects.first()
        assert staff.get("/admin/factcheck/verdictchange/").status_code == 200
        page = staff.get(f"/admin/factcheck/verdictchange/{row.pk}/change/").content.decode()
        assert 'name="_save"' not in page
        assert staff.post(f"/admin/factcheck/verdictchange/{row.pk}/change/", {"note": "x"}).status_code == 403
        assert staff.post(f"/admin/factcheck/verdictchange/{row.pk}/delete/", {"post": "yes"}).status_code == 403
        assert staff.get("/admin/factcheck/verdictchange/add/").status_code == 403
        row.refresh_from_db()
        assert row.note != "x"

    def test_the_claims_history_inline_is_read_only(self, staff):
        claim = seed_claim(13)
        page = staff.get(f"/admin/factcheck/claim/{claim.pk}/change/").content.decode()
        assert "history (read-only)" in page.lower() or "History (read-only)" in page
        assert 'name="history-0-note"' not in page and 'name="history-0-DELETE"' not in page


class TestBackOffice:
    def test_claims_list_with_badges_filters_and_search(self, desk):
        html = desk.get("/admin/factcheck/claim/?q=Panama").content.decode()
        assert '<span class="verdict verdict--red verdict--final">False</span>' in html
        assert "css/admin" in html
        assert 'id="changelist-filter"' in html
        assert "1 result" in html

    def test_claims_appear_under_their_article_and_event(self, desk):
        claim = seed_claim(4)
        article = desk.get(f"/admin/timeline/article/{claim.article_id}/change/").content.decode()
        inline = article[article.index('id="claims-group"'):]
        assert inline.count('<tr class="form-row has_original"') == 14
        assert "Trump and Milei had first met face-to-face" in inline
        event = desk.get(f"/admin/timeline/event/{claim.event_id}/change/").content.decode()
        inline = event[event.index('id="claims-group"'):]
        assert inline.count('<tr class="form-row has_original"') == 2  # the CPAC claims
        assert "Trump and Milei had first met face-to-face" in inline
        assert 'class="verdict verdict--green verdict--final">Accurate</span>' in inline
        # Not on the add pages, where there is nothing to list yet.
        assert 'id="claims-group"' not in desk.get("/admin/timeline/event/add/").content.decode()

    def test_actors_and_events_are_picked_by_autocomplete(self, desk):
        response = desk.get("/admin/autocomplete/", {"app_label": "factcheck", "model_name": "claim",
                                                     "field_name": "claimant", "term": "Schap"})
        assert [r["text"] for r in response.json()["results"]] == ["Martín Schapiro"]
        response = desk.get("/admin/autocomplete/", {"app_label": "factcheck", "model_name": "claim",
                                                     "field_name": "event", "term": "CPAC"})
        assert len(response.json()["results"]) == 1


class TestBadInput:
    """The back office answers bad input with its own errors, never a server error."""

    @pytest.mark.parametrize("bad_id", ["x", "9" * 25, "-1"])
    def test_an_id_that_is_not_one_in_an_autocomplete_field_is_a_field_error(self, superuser_client, bad_id):
        claim = seed_claim(6)
        data = change_form(superuser_client, claim)
        data["claimant"] = bad_id
        response = superuser_client.post(f"/admin/factcheck/claim/{claim.pk}/change/", data)
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()

    def test_an_actor_id_past_the_columns_range_is_a_field_error(self, superuser_client):
        response = superuser_client.post("/admin/timeline/event/add/", {"title": "Gala", "when_0": "2018",
                                                                        "actors": ["9" * 25]})
        assert response.status_code == 200
        assert "is not a valid value" in response.content.decode()

    def test_a_change_list_reads_only_the_filters_it_offers(self, superuser_client):
        # Django's list hands any other lookup to the database: a pattern it
        # cannot compile, a year out of range, failed only when the list was read.
        for url in ("/admin/factcheck/claim/?quote__regex=(", "/admin/timeline/event/?date__year=10000"):
            response = superuser_client.get(url, follow=True)
            assert response.redirect_chain[0][0].endswith("?e=1")
            assert "The whole list is shown" in response.content.decode()
        response = superuser_client.get("/admin/factcheck/claim/", {"published__exact": "1", "o": "-2"})
        assert response.status_code == 200
        assert response.context["cl"].result_count == Claim.objects.filter(published=True).count()

    @pytest.mark.parametrize("selected", ["", "x", "9" * 25])
    def test_a_bulk_action_on_a_selection_that_names_no_claim_changes_nothing(self, superuser_client, selected):
        before = list(Claim.objects.values_list("pk", "version"))
        response = superuser_client.post(
            "/admin/factcheck/claim/", {"action": "publish_selected", "_selected_action": selected, "index": "0"}, follow=True
        )
        assert response.status_code == 200
        assert "Nothing was changed" in response.content.decode()
        assert list(Claim.objects.values_list("pk", "version")) == before

    def test_a_search_of_a_pasted_paragraph_reads_its_first_words(self, superuser_client):
        # Each word is a condition per search field: a thousand of them made
        # a query deeper than the database takes.
        response = superuser_client.get("/admin/factcheck/claim/", {"q": "Panama " + "0 " * 1000})
        assert response.status_code == 200
        # And a pasted page: one word longer than SQLite's LIKE takes.
        response = superuser_client.get("/admin/factcheck/verdict/", {"q": "00\U00010000" * 8334})
        assert response.status_code == 200
        response = superuser_client.get("/admin/factcheck/claim/", {"q": "Panama Canal"})
        assert "Panama Canal" in response.content.decode()


def test_deleting_a_claim_with_a_history_is_refused_for_what_it_is_not_for_the_account(superuser_client):
    claim = seed_claim(1)
    html = superuser_client.get(f"/admin/factcheck/claim/{claim.pk}/delete/").content.decode()
    assert "would require deleting the following protected related objects" in html
    assert "its verdict history, which is kept for good" in html
    assert "account doesn" not in html and "permission to delete" not in html
    superuser_client.post(f"/admin/factcheck/claim/{claim.pk}/delete/", {"post": "yes"})
    assert Claim.objects.filter(pk=claim.pk).exists()

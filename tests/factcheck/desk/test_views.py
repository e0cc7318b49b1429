"""The editors' panel through the Django test client: the queue and its
filters, saving a verdict in place, publishing, assigning, and every kind of
bad input answered with a clear fragment and nothing saved."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from factcheck.models import Claim, ClaimSource, Verdict
from factcheck.services import claim_unpublish
from tests.factcheck.desk.desk_client import HTMX, cards, rate, seed_claim, status_form
from tests.factories import make_event, make_timeline
from tests.html import form_fields
from tests.seed_once import seeded, seeded_module  # noqa: F401  (the seed, loaded once per module)

pytestmark = pytest.mark.django_db

MARAGO_RATING = dict(
    verdict="mostly-accurate",
    rationale="Test rationale: checked against the gala coverage.",
    sources__0__title="Test citation: gala coverage",
    sources__0__url="https://example.org/gala",
    note="Checked for the test",
)


class TestQueue:
    def test_lists_each_claim_with_its_verdicts_article_timeline_last_change_and_assignee(self, editor_client, seeded):
        html = editor_client.get("/editor/").content.decode()
        assert len(cards(html)) == 14
        assert "<h1>Work queue</h1>" in html
        card = html[html.index(f'id="claim-{seed_claim(12).pk}"'):]
        card = card[: card.index("</article>")]
        assert "the Panama Canal, which Trump claimed" in card
        assert card.count('class="verdict verdict--red verdict--final">False</span>') == 2  # draft and published
        assert "<cite><bdi>Milei&#x27;s ties to Trump bring Argentina into the spotlight</bdi></cite>" in card
        assert 'href="/timelines/milei-trump/"><bdi>Milei and Trump: a timeline</bdi></a>' in card
        assert "seed data" in card and "nobody" in card

    def test_counts_claims_per_verdict(self, editor_client, seeded):
        html = editor_client.get("/editor/").content.decode()
        counts = dict(re.findall(r'>([^<>]+)</span> <span class="desk-counts__n">(\d+)</span>', html))
        assert counts == {"Accurate": "4", "Mostly accurate": "4", "Mixed": "0", "Misleading": "0", "False": "1",
                          "Not checkable": "1", "In review": "0", "Unverified": "4"}

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("verdict=unverified", {5, 6, 10, 11}),
            ("verdict=false", {12}),
            ("q=IMF", {9, 14}),
            ("q=schapiro", {13, 14}),
            ("timeline=milei-trump&verdict=not-checkable", {14}),
            ("published=no", set()),
            ("published=yes&verdict=false", {12}),
            ("assignee=nobody&verdict=false", {12}),
            ("assignee=me", set()),
        ],
    )
    def test_filters_are_query_parameters(self, editor_client, seeded, query, expected):
        html = editor_client.get(f"/editor/?{query}").content.decode()
        assert {Claim.objects.get(pk=pk).uid for pk in cards(html)} == {f"seed-claim-{n:02d}" for n in expected}

    def test_filters_by_article_assignee_and_date_of_last_change(self, editor_client, editor, other_editor, seeded):
        article = seed_claim(1).article
        assert len(cards(editor_client.get(f"/editor/?article={article.uid}").content.decode())) == 14
        Claim.objects.filter(uid__in=["seed-claim-05", "seed-claim-06"]).update(assigned_to=editor)
        Claim.objects.filter(uid="seed-claim-10").update(assigned_to=other_editor)
        mine = cards(editor_client.get("/editor/?assignee=me").content.decode())
        assert {Claim.objects.get(pk=pk).uid for pk in mine} == {"seed-claim-05", "seed-claim-06"}
        bens = cards(editor_client.get("/editor/?assignee=ben").content.decode())
        assert [Claim.objects.get(pk=pk).uid for pk in bens] == ["seed-claim-10"]

        Claim.objects.exclude(uid="seed-claim-08").update(changed_at=timezone.now() - datetime.timedelta(days=30))
        since = (timezone.now() - datetime.timedelta(days=2)).date().isoformat()
        recent = cards(editor_client.get(f"/editor/?changed_since={since}").content.decode())
        assert [Claim.objects.get(pk=pk).uid for pk in recent] == ["seed-claim-08"]

    def test_a_bad_filter_value_is_reported_and_left_out(self, editor_client, seeded):
        response = editor_client.get("/editor/?verdict=bogus&changed_since=yesterday-ish&page=99")
        assert response.status_code == 200
        html = response.content.decode()
        assert len(cards(html)) == 14
        assert "Select a valid choice. bogus is not one of the available choices." in html
        assert "Enter a valid date." in html

    def test_pages_keep_the_filters(self, editor_client, seeded):
        article = seed_claim(1).article
        Claim.objects.bulk_create(
            Claim(quote="Argentina's 47 million citizens", article=article, verdict=Verdict.default())
            for _ in range(60)
        )
        html = editor_client.get("/editor/?verdict=unverified&sort=article").content.decode()
        assert len(cards(html)) == 50
        assert "64 claims" in html
        assert 'href="?verdict=unverified&amp;sort=article&amp;page=2"' in html
        second = editor_client.get("/editor/?verdict=unverified&sort=article&page=2").content.decode()
        assert len(cards(second)) == 14

    def test_filtering_with_htmx_swaps_only_the_results_and_announces_the_count(self, editor_client, seeded):
        response = editor_client.get("/editor/?verdict=unverified", headers={**HTMX, "HX-Target": "queue-results"})
        html = response.content.decode()
        assert "<html" not in html and "<h1>" not in html
        assert len(cards(html)) == 4
        assert '<div data-hx-swap-oob="innerHTML:#desk-announcer">4 claims match.</div>' in html

    def test_the_number_of_queries_does_not_grow_with_the_number_of_claims(self, editor_client, editor, seeded):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                assert editor_client.get("/editor/").status_code == 200
            return len(captured)

        few = queries()
        article, timeline = seed_claim(1).article, make_timeline()
        events = [make_event(timeline, article=article) for _ in range(20)]
        claims = Claim.objects.bulk_create(
            Claim(quote="Argentina's 47 million citizens", article=article, event=events[i % 20],
                  verdict=Verdict.default(), assigned_to=editor if i % 2 else None)
            for i in range(80)
        )
        ClaimSource.objects.bulk_create(ClaimSource(claim=c, title="A source") for c in claims)
        assert queries() == few


def test_a_verdict_save_runs_the_same_queries_however_many_claims_and_events(editor_client, seeded):
    claim = seed_claim(10)

    def save_queries(verdict):
        data = status_form(editor_client, claim)
        data[f"claim-{claim.pk}-verdict"] = verdict
        with CaptureQueriesContext(connection) as captured:
            assert rate_post(editor_client, claim, data).status_code == 200
        return len(captured)

    few = save_queries("in-review")
    timeline = make_timeline()
    events = [make_event(timeline, article=claim.article) for _ in range(20)]
    Claim.objects.bulk_create(
        Claim(quote="Argentina's 47 million citizens", article=claim.article, event=events[i % 20],
              verdict=Verdict.default()) for i in range(80)
    )
    assert save_queries("unverified") == few


def rate_post(client, claim, data):
    return client.post(f"/editor/claims/{claim.pk}/status/", data, headers=HTMX)


class TestSavingAVerdict:
    def test_htmx_save_swaps_only_that_claims_card_announces_it_and_keeps_focus_on_the_claim(
        self, editor_client, editor, seeded
    ):
        claim = seed_claim(6)
        response = rate(editor_client, claim, **MARAGO_RATING)
        assert response.status_code == 200
        html = response.content.decode()
        assert cards(html) == [str(claim.pk)]
        assert html.lstrip().startswith(f'<article class="desk-claim" id="claim-{claim.pk}"')
        assert '<div data-hx-swap-oob="innerHTML:#desk-announcer">Saved “the only sitting president' in html
        assert "the draft verdict is Mostly accurate, not yet published." in html
        assert "<summary autofocus>" in html

        claim.refresh_from_db()
        assert claim.verdict.slug == "mostly-accurate"
        assert claim.rationale == MARAGO_RATING["rationale"]
        assert [s.as_dict() for s in claim.sources.all()] == [
            {"title": "Test citation: gala coverage", "url": "https://example.org/gala"}
        ]
        rows = claim.history.filter(claim_version=claim.version)
        assert sorted(r.action for r in rows) == ["rationale", "sources", "verdict"]
        assert {(r.editor, r.note) for r in rows} == {(editor, "Checked for the test")}
        # Readers still see the published verdict.
        assert claim.published_verdict.slug == "unverified"

    def test_without_javascript_the_same_form_posts_and_redirects_back(self, editor_client, seeded):
        claim = seed_claim(6)
        page = "/editor/?verdict=unverified"
        response = rate(editor_client, claim, page=page, headers={}, **MARAGO_RATING)
        assert response.status_code == 303
        assert response["Location"] == f"{page}#claim-{claim.pk}"
        html = editor_client.get(response["Location"]).content.decode()
        assert "Saved “the only sitting president" in html
        claim.refresh_from_db()
        assert claim.verdict.slug == "mostly-accurate"

    def test_a_redirect_never_leaves_the_site(self, editor_client, seeded):
        claim = seed_claim(6)
        data = status_form(editor_client, claim)
        data["next"] = "https://evil.example/"
        data[f"claim-{claim.pk}-verdict"] = "in-review"
        response = editor_client.post(f"/editor/claims/{claim.pk}/status/", data)
        assert response["Location"] == f"/editor/claims/{claim.pk}/"

    def test_saving_nothing_new_changes_nothing(self, editor_client, seeded):
        claim = seed_claim(6)
        response = rate(editor_client, claim)
        assert "Nothing to save" in response.content.decode()
        claim.refresh_from_db()
        assert claim.version == seed_claim(6).version

    def test_a_source_can_be_removed(self, editor_client, seeded):
        claim = seed_claim(9)  # three sources
        response = rate(editor_client, claim, sources__1__DELETE="on")
        assert response.status_code == 200
        assert [s.title for s in claim.sources.all()] == ["IMF press release, 20 June 2018", "AP, 26 October 2018"]
        row = claim.history.filter(action="sources").first()  # the newest
        assert "IMF press release, 26 October 2018" in row.from_text
        assert row.to_text == "IMF press release, 20 June 2018\nAP, 26 October 2018"

    def test_a_source_link_without_a_citation_is_cited_by_its_address(self, editor_client, seeded):
        claim = seed_claim(10)
        rate(editor_client, claim, verdict="in-review", sources__0__url="https://example.org/order")
        assert claim.sources.get().as_dict() == {"title": "https://example.org/order", "url": "https://example.org/order"}

    @pytest.mark.parametrize(
        "changes, field, message",
        [
            (dict(verdict="pants-on-fire"), "verdict", "“pants-on-fire” is not on the verdict scale"),
            (dict(verdict=""), "verdict", "Choose a verdict from the scale."),
            (dict(MARAGO_RATING, rationale="x" * 5001), "rationale", "at most 5000 characters (it has 5001)"),
            (dict(MARAGO_RATING, sources__0__url="javascript:alert(1)"), "sources-0-url",
             "Enter a web address starting with http:// or https://."),
            (dict(MARAGO_RATING, sources__0__url="ftp://example.org/x"), "sources-0-url",
             "Enter a web address starting with http:// or https://."),
            (dict(MARAGO_RATING, sources__0__title="", sources__0__url=""), "sources",
             "A final verdict needs at least one source."),
            (dict(MARAGO_RATING, rationale="  "), "rationale", "A final verdict needs a rationale"),
            (dict(MARAGO_RATING, version=""), "version", "does not say which version of the claim it edits"),
            (dict(MARAGO_RATING, version="abc"), "version", "The claim version in this form is not valid"),
        ],
    )
    def test_bad_input_gets_a_422_fragment_that_says_what_is_wrong_and_keeps_what_was_typed(
        self, editor_client, seeded, changes, field, message
    ):
        claim = seed_claim(6)
        before = (claim.version, claim.history.count(), claim.verdict_id)
        response = rate(editor_client, claim, **changes)
        assert response.status_code == 422
        html = response.content.decode()
        assert cards(html) == [str(claim.pk)]
        assert 'class="error-summary" role="alert"' in html and "autofocus" in html
        assert message in html
        assert "Not saved:" in html  # the live region says so too
        if field not in ("version", "sources"):
            assert 'aria-invalid="true"' in html and f'id="id_claim-{claim.pk}-{field}_error"' in html
        if changes.get("rationale", "").strip():
            assert changes["rationale"][:100] in html
        claim.refresh_from_db()
        assert (claim.version, claim.history.count(), claim.verdict_id) == before

    def test_every_problem_is_reported_at_once(self, editor_client, seeded):
        claim = seed_claim(11)
        response = rate(editor_client, claim, verdict="false", rationale="", sources__0__url="javascript:alert(1)")
        html = response.content.decode()
        summary = html[html.index('class="error-summary"'):html.index("</ul>", html.index('class="error-summary"'))]
        assert "Rationale: A final verdict needs a rationale" in summary
        assert "Source 1, Link: Enter a web address starting with http:// or https://." in summary
        # The row with the bad link counts as the editor's source: one problem, not two.
        assert "needs at least one source" not in summary

    def test_without_javascript_bad_input_shows_the_claims_page_with_the_errors(self, editor_client, seeded):
        claim = seed_claim(6)
        response = rate(editor_client, claim, headers={}, verdict="false", rationale="")
        assert response.status_code == 422
        html = response.content.decode()
        assert "<h1 class=\"desk-page__quote\">" in html
        assert "A final verdict needs a rationale" in html and "A final verdict needs at least one source." in html

    def test_get_is_not_a_way_to_write(self, editor_client, seeded):
        assert editor_client.get(f"/editor/claims/{seed_claim(6).pk}/status/").status_code == 405


class TestPublishing:
    def test_publishing_shows_readers_the_draft_with_a_corrections_log(self, client, editor_client, seeded):
        claim = seed_claim(6)
        rate(editor_client, claim, **MARAGO_RATING)
        assert "Mostly accurate" not in client.get(f"/claims/{claim.pk}/").content.decode()

        html = editor_client.get("/editor/").content.decode()
        data = form_fields(html, action=f"/editor/claims/{claim.pk}/publish/")
        data[f"claim-{claim.pk}-publish-note"] = "Rated after checking the gala coverage."
        response = editor_client.post(f"/editor/claims/{claim.pk}/publish/", data, headers=HTMX)
        assert response.status_code == 200
        assert "Published “the only sitting president" in response.content.decode()

        public = client.get(f"/claims/{claim.pk}/").content.decode()
        assert ">Mostly accurate</span>" in public
        assert MARAGO_RATING["rationale"] in public
        assert 'href="https://example.org/gala"' in public
        assert "rating changed from Unverified to Mostly accurate" in public
        assert "Rated after checking the gala coverage." in public
        timeline = client.get("/timelines/milei-trump/").content.decode()
        item = timeline[timeline.index(f'id="claim-{claim.pk}"'):]
        assert ">Mostly accurate</span>" in item[: item.index("</li>")]

    def test_unpublishing_takes_the_claim_off_the_timeline_and_leaves_a_withdrawn_page(self, client, editor_client, seeded):
        claim = seed_claim(14)
        html = editor_client.get("/editor/").content.decode()
        data = form_fields(html, action=f"/editor/claims/{claim.pk}/unpublish/")
        assert editor_client.post(f"/editor/claims/{claim.pk}/unpublish/", data, headers=HTMX).status_code == 200
        page = client.get(f"/claims/{claim.pk}/")  # withdrawn: the page stays and says so
        assert page.status_code == 200 and "This fact-check was withdrawn" in page.content.decode()
        assert "The IMF has been overwhelmingly positive" not in client.get("/timelines/milei-trump/").content.decode()
        assert claim.history.filter(action="unpublish").count() == 1

    def test_a_draft_that_breaks_the_desk_rule_cannot_be_published(self, editor_client, editor, seeded):
        claim = seed_claim(13)  # curated: Accurate with no source
        claim_unpublish(claim=claim, editor=editor)
        html = editor_client.get("/editor/").content.decode()
        data = form_fields(html, action=f"/editor/claims/{claim.pk}/publish/")
        response = editor_client.post(f"/editor/claims/{claim.pk}/publish/", data, headers=HTMX)
        assert response.status_code == 422
        assert "A final verdict needs at least one source." in response.content.decode()
        assert not Claim.objects.get(pk=claim.pk).published

    def test_a_curated_final_verdict_without_a_source_says_what_a_change_will_need(self, editor_client, seeded):
        html = editor_client.get(f"/editor/claims/{seed_claim(13).pk}/").content.decode()
        assert "This final verdict lists no source" in html
        assert "This final verdict lists no source" not in editor_client.get(
            f"/editor/claims/{seed_claim(12).pk}/").content.decode()

    def test_the_claims_editor_page_shows_draft_and_published_side_by_side_with_the_whole_history(
        self, editor_client, seeded
    ):
        claim = seed_claim(6)
        rate(editor_client, claim, **MARAGO_RATING)
        html = editor_client.get(f"/editor/claims/{claim.pk}/").content.decode()
        table = html[html.index('<div class="desk-compare"'):]
        table = table[: table.index("</table>")]
        assert "Draft (editors)" in table and "Published (readers)" in table
        assert ">Mostly accurate</span>" in table and ">Unverified</span>" in table
        assert MARAGO_RATING["rationale"] in table and "The organisation&#x27;s name is America First" in table
        history = html[html.index('class="desk-history"'):]
        assert history.count('<li class="desk-change') == claim.history.count() == 5
        assert "Checked for the test" in history and "Ana Ruiz" in history and "Seed data" in history


class TestAssigning:
    def test_assigning_puts_the_claim_under_mine_for_that_editor(self, editor_client, other_client, seeded):
        claim = seed_claim(10)
        html = editor_client.get("/editor/").content.decode()
        data = form_fields(html, action=f"/editor/claims/{claim.pk}/assign/")
        data[f"claim-{claim.pk}-assign-assignee"] = "ben"
        response = editor_client.post(f"/editor/claims/{claim.pk}/assign/", data, headers=HTMX)
        assert response.status_code == 200
        assert "Assigned “Trump" in response.content.decode() and "Ben Okafor" in response.content.decode()
        assert cards(other_client.get("/editor/?assignee=me").content.decode()) == [str(claim.pk)]
        assert cards(editor_client.get("/editor/?assignee=me").content.decode()) == []

    def test_without_javascript_a_bad_assignee_shows_the_claims_page(self, editor_client, seeded):
        claim = seed_claim(10)
        response = editor_client.post(f"/editor/claims/{claim.pk}/assign/", {f"claim-{claim.pk}-assign-assignee": "x"})
        assert response.status_code == 422
        html = response.content.decode()
        assert "“x” is not an editor" in html and f'id="claim-{claim.pk}-form"' in html

    def test_only_to_an_editor(self, editor_client, seeded):
        claim = seed_claim(10)
        response = editor_client.post(
            f"/editor/claims/{claim.pk}/assign/", {f"claim-{claim.pk}-assign-assignee": "nobody-here"}, headers=HTMX
        )
        assert response.status_code == 422
        assert "“nobody-here” is not an editor" in response.content.decode()
        assert Claim.objects.get(pk=claim.pk).assigned_to is None


def test_the_card_can_be_reloaded_as_a_fragment(editor_client, seeded):
    claim = seed_claim(6)
    response = editor_client.get(f"/editor/claims/{claim.pk}/", headers=HTMX)
    assert cards(response.content.decode()) == [str(claim.pk)]
    assert "<html" not in response.content.decode()


def test_every_htmx_request_carries_the_csrf_token(editor_client, seeded):
    html = editor_client.get("/editor/").content.decode()
    assert re.search(r"""data-hx-headers='\{"X-CSRFToken": "[\w-]+"\}'""", html)
    assert 'name="htmx-config"' in html and '"includeIndicatorStyles":false' in html
    assert "<script>" not in html and 'style="' not in html


def test_opening_a_claims_form_in_the_queue_fetches_it_as_the_claim_is_now(editor_client, seeded):
    claim = seed_claim(6)
    html = editor_client.get("/editor/?verdict=unverified").content.decode()
    assert f'id="claim-{claim.pk}-form"' not in html
    assert f'data-hx-get="/editor/claims/{claim.pk}/?edit=1&amp;next=/editor/%3Fverdict%3Dunverified"' in html
    # Without JavaScript, the form is on the claim's page, which comes back here.
    assert f'href="/editor/claims/{claim.pk}/?next=/editor/%3Fverdict%3Dunverified"' in html
    card = editor_client.get(f"/editor/claims/{claim.pk}/?edit=1", headers=HTMX).content.decode()
    assert cards(card) == [str(claim.pk)]
    assert f'id="claim-{claim.pk}-form"' in card
    assert re.search(rf'<select name="claim-{claim.pk}-verdict"[^>]* autofocus', card)

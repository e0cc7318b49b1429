"""/editor/ingest/ publishes nothing by accident, decides several proposals
at once, takes a paste once, and keeps its review bounded whatever the paste.

Signed-out readers never find what ingest saved until an editor publishes
it; the review of a long article is a page of the strongest proposals, the
rest a link away."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.models import Claim
from tests.timeline.ingest.articles import article_form, date_dense
from tests.timeline.ingest.test_ingest_views import (
    accept_claim,
    accept_event,
    analyse,
    claim_proposal,
    draft_of,
    event_proposal,
    make_editor,
)
from timeline.ingest.review import OPEN, PAGE_SIZE
from timeline.models import Event, Timeline

HTMX = {"HX-Request": "true"}
HEADLINE = "Milei's ties to Trump bring Argentina into the spotlight"


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_editor())
    return client


def bulk(client, draft_id, kind, how, selected=(), htmx=True, page=1):
    url = reverse("ingest:bulk", args=[draft_id, kind])
    data = {"bulk": how, "selected": [str(s) for s in selected], "page": page}
    return client.post(url, data, headers=HTMX if htmx else {})


# --- defaults that publish nothing --------------------------------------------


def test_the_paste_form_offers_a_new_timeline_for_the_article_as_the_default(editor_client, db):
    Timeline.objects.create(slug="old", title="An older timeline", published=True)
    html = editor_client.get("/editor/ingest/").content.decode()
    new = re.search(r'<option value="new"[^>]*>', html)
    assert new and "selected" in new.group(0)
    assert "An older timeline" in html


def test_the_review_proposes_events_unpublished_on_the_new_timeline_and_claims_unpublished(editor_client, db):
    Timeline.objects.create(slug="old", title="An older timeline", published=True)
    review_url, _ = analyse(editor_client, timeline="new")
    html = editor_client.get(review_url).content.decode()
    assert re.search(r'<option value="new" selected>A new timeline: “Milei', html)
    # No box ticked: neither "Publish on the timeline" nor "Show it to readers".
    assert re.findall(r'<input type="checkbox" name="(?:event|claim)-\d+-publish"[^>]*>', html)
    assert not re.search(r'<input type="checkbox" name="(?:event|claim)-\d+-publish"[^>]*checked', html)


def test_accepting_an_event_creates_the_articles_timeline_unpublished_once(editor_client, db):
    _, draft_id = analyse(editor_client, timeline="new")
    draft = draft_of(editor_client, draft_id)
    for mention in ("in February", "In November"):
        response = accept_event(editor_client, draft_id, event_proposal(draft, mention), None, publish="")
        assert response.status_code == 200, response.content.decode()[:500]
    timeline = Timeline.objects.get()
    assert (timeline.title, timeline.slug, timeline.published) == (
        HEADLINE,
        "mileis-ties-to-trump-bring-argentina-into-the-spotlight",
        False,
    )
    assert timeline.events.count() == 2 and not Event.objects.filter(published=True).exists()
    # The next proposal's form now offers that timeline, not another new one.
    html = editor_client.get(reverse("ingest:review", args=[draft_id])).content.decode()
    assert f'<option value="{timeline.pk}" selected>' in html and 'value="new"' not in html


def test_a_second_article_with_the_same_headline_gets_a_timeline_of_its_own(editor_client, db):
    Timeline.objects.create(slug="mileis-ties-to-trump-bring-argentina-into-the-spotlight", title="Taken")
    _, draft_id = analyse(editor_client, timeline="new")
    bulk(editor_client, draft_id, "event", "accept-all")
    assert Timeline.objects.get(title=HEADLINE).slug == "mileis-ties-to-trump-bring-argentina-into-the-spotlight-2"


def test_an_existing_timeline_can_be_chosen_on_the_paste_form(editor_client, db):
    chosen = Timeline.objects.create(slug="chosen", title="Chosen", published=True)
    _, draft_id = analyse(editor_client, timeline=str(chosen.pk))
    bulk(editor_client, draft_id, "event", "accept-all")
    assert Timeline.objects.count() == 1 and chosen.events.count() == 5


def test_a_claim_is_tied_to_the_event_of_its_sentence_whichever_is_accepted_first(editor_client, db):
    _, draft_id = analyse(editor_client)
    draft = draft_of(editor_client, draft_id)
    gala = event_proposal(draft, "In November")
    only = claim_proposal(draft, "only sitting president")
    assert only["event"] == gala["id"]  # proposed with the event of its sentence
    accept_claim(editor_client, draft_id, only, publish="")  # the claim first: no event saved yet
    assert Claim.objects.get().event is None
    accept_event(editor_client, draft_id, gala, None, publish="")
    claim = Claim.objects.get()
    assert claim.event == Event.objects.get() and not claim.published


def test_the_picker_ties_a_claim_to_another_event_or_to_none(editor_client, db):
    _, draft_id = analyse(editor_client)
    draft = draft_of(editor_client, draft_id)
    imf = event_proposal(draft, "in 2018")
    accept_event(editor_client, draft_id, imf, None)
    html = editor_client.get(reverse("ingest:review", args=[draft_id])).content.decode()
    only = claim_proposal(draft, "only sitting president")
    picker = re.search(rf'<select name="claim-{only["id"]}-event"[^>]*>(.*?)</select>', html, re.DOTALL).group(1)
    assert "No event" in picker and f'value="{imf["id"]}"' in picker and "(saved)" in picker
    accept_claim(editor_client, draft_id, only, event=imf["id"])
    assert Claim.objects.get().event.title == Event.objects.get().title
    citizens = claim_proposal(draft, "47 million")
    accept_claim(editor_client, draft_id, citizens, event="")
    assert Claim.objects.get(quote__contains="47 million").event is None


def test_a_picker_value_that_is_no_event_of_the_draft_is_a_field_error(editor_client, db):
    _, draft_id = analyse(editor_client)
    only = claim_proposal(draft_of(editor_client, draft_id), "only sitting president")
    response = accept_claim(editor_client, draft_id, only, event="999")
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Claim.objects.exists()


# --- bulk decisions -------------------------------------------------------------


def test_accept_all_saves_every_pending_proposal_unpublished_and_answers_with_the_list(editor_client, db):
    _, draft_id = analyse(editor_client)
    response = bulk(editor_client, draft_id, "event", "accept-all")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="event-list"' in html and "<html" not in html
    assert "5 accepted, not published." in html and html.count("Saved as the event") == 5
    response = bulk(editor_client, draft_id, "claim", "accept-all")
    assert response.status_code == 200
    draft = draft_of(editor_client, draft_id)
    assert all(p["state"] == "accepted" for p in draft["events"] + draft["claims"])
    assert Event.objects.count() == 5 and Claim.objects.count() == len(draft["claims"])
    assert not Event.objects.filter(published=True).exists() and not Claim.objects.filter(published=True).exists()
    # Claims tied to their sentence's event, now that both are saved.
    assert Claim.objects.get(quote__contains="only sitting president").event.quote.count("Mar-a-Lago")


def test_the_selected_are_rejected_and_the_others_stay_pending(editor_client, db):
    _, draft_id = analyse(editor_client)
    draft = draft_of(editor_client, draft_id)
    chosen = [c["id"] for c in draft["claims"][:3]]
    response = bulk(editor_client, draft_id, "claim", "reject-selected", chosen)
    assert response.status_code == 200 and "3 rejected." in response.content.decode()
    states = {c["id"]: c["state"] for c in draft_of(editor_client, draft_id)["claims"]}
    assert [states[i] for i in chosen] == ["rejected"] * 3
    assert all(state == "pending" for i, state in states.items() if i not in chosen)
    assert not Claim.objects.exists()


def test_without_javascript_a_bulk_decision_is_a_form_post_and_a_redirect(editor_client, db):
    review_url, draft_id = analyse(editor_client)
    response = bulk(editor_client, draft_id, "event", "accept-selected", [0, 1], htmx=False)
    assert response.status_code == 302 and response["Location"] == f"{review_url}?events=1#events-heading"
    assert Event.objects.count() == 2
    # The boxes belong to the bulk form, wherever they stand on the page.
    html = editor_client.get(review_url).content.decode()
    assert re.search(r'<form method="post" action="[^"]+/event/bulk/"[^>]*id="event-bulk"', html)
    assert re.search(r'name="selected" value="\d+" form="claim-bulk"', html)


@pytest.mark.parametrize(
    "how, selected, message",
    [
        ("accept-selected", [999], "This proposal is not in the draft"),
        ("accept-selected", ["1x"], "This proposal is not in the draft"),
        ("accept-selected", [0, 2**70], "This proposal is not in the draft"),
        ("accept-selected", [], "Select the proposals first"),
        ("explode", [0], "Choose what to do"),
    ],
)
def test_a_bulk_decision_with_foreign_or_stale_indexes_changes_nothing_and_says_why(
    editor_client, db, how, selected, message
):
    _, draft_id = analyse(editor_client)
    for htmx in (True, False):
        response = bulk(editor_client, draft_id, "event", how, selected, htmx=htmx)
        assert response.status_code == 400 and message in response.content.decode()
    assert all(e["state"] == "pending" for e in draft_of(editor_client, draft_id)["events"])
    assert not Event.objects.exists()


def test_a_replayed_bulk_decision_changes_nothing_more_and_says_so(editor_client, db):
    _, draft_id = analyse(editor_client)
    bulk(editor_client, draft_id, "event", "accept-selected", [0, 1])
    response = bulk(editor_client, draft_id, "event", "reject-selected", [0, 1])
    assert response.status_code == 200
    assert "0 rejected. 2 already decided, left as they were." in response.content.decode()
    assert Event.objects.count() == 2
    assert [e["state"] for e in draft_of(editor_client, draft_id)["events"][:2]] == ["accepted", "accepted"]


def test_a_bulk_decision_on_a_gone_draft_is_a_404_that_says_so(editor_client, db):
    response = bulk(editor_client, "gone", "event", "accept-all")
    assert response.status_code == 404 and "This draft has expired" in response.content.decode()


# --- the paste is sent once -------------------------------------------------------


def test_the_paste_form_shows_progress_and_disables_itself_from_a_script_file(editor_client, db):
    html = editor_client.get("/editor/ingest/").content.decode()
    assert "data-sends-once" in html and 'class="ingest-progress" role="status"' in html
    assert re.search(r'<script src="/static/js/ingest\.[0-9a-f]+\.js" defer></script>', html)


def test_the_same_paste_sent_twice_is_one_draft(editor_client, db):
    first = editor_client.post("/editor/ingest/", article_form())
    second = editor_client.post("/editor/ingest/", article_form())
    assert first["Location"] == second["Location"]
    assert len(editor_client.session["ingest_drafts"]) == 1
    # Another text, or the same one after decisions, is a draft of its own.
    other = editor_client.post("/editor/ingest/", article_form(headline="Another headline"))
    assert other["Location"] != first["Location"]


# --- a bounded review ------------------------------------------------------------


@pytest.fixture
def long_draft(editor_client):
    """A date-dense paste with several pages of each kind of proposal."""
    review_url, draft_id = analyse(editor_client, text=date_dense(14_000), url="", timeline="new")
    draft = draft_of(editor_client, draft_id)
    assert len(draft["events"]) > 3 * PAGE_SIZE and len(draft["claims"]) > 2 * PAGE_SIZE
    return review_url, draft_id, draft


def forms_on(html):
    return len(re.findall(r'class="form proposal__form"', html))


def test_a_long_paste_shows_a_page_of_the_strongest_proposals_the_rest_folded(editor_client, long_draft):
    review_url, _draft_id, draft = long_draft
    html = editor_client.get(review_url).content.decode()
    shown = re.findall(r'<article class="proposal proposal--\w+[^"]*" id="(event|claim)-\d+"', html)
    assert shown.count("event") == PAGE_SIZE and shown.count("claim") == PAGE_SIZE
    assert forms_on(html) == 2 * OPEN
    assert html.count("proposal--folded") == 2 * (PAGE_SIZE - OPEN)
    # Day-dated events first; claims by score.
    first_event = re.search(r'id="event-(\d+)"', html).group(1)
    assert next(e for e in draft["events"] if e["id"] == int(first_event))["precision"] == "day"
    top_claim = max(draft["claims"], key=lambda c: c["score"])
    assert re.search(r'id="claim-(\d+)"', html).group(1) == str(top_claim["id"])
    # Every date in the article links to its proposal, on its page when not on this one.
    assert re.search(r'<a class="hl-date" href="\?claims=1&amp;events=\d+#event-\d+">', html)


def test_the_next_page_and_a_folded_proposal_open_with_and_without_htmx(editor_client, long_draft):
    review_url, draft_id, _draft = long_draft
    html = editor_client.get(f"{review_url}?events=2").content.decode()
    assert "Page 2 of" in html
    fragment = editor_client.get(reverse("ingest:list", args=[draft_id, "event"]) + "?page=3", headers=HTMX)
    assert fragment.status_code == 200 and "Page 3 of" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    folded = re.findall(r'id="event-(\d+)"[^>]*>\s*<header[^>]*>.*?Open to edit and decide', html, re.DOTALL)
    index = int(re.findall(r'proposal--folded" id="event-(\d+)"', html)[0])
    opened = editor_client.get(reverse("ingest:proposal", args=[draft_id, "event", index]), headers=HTMX)
    assert opened.status_code == 200 and f'name="event-{index}-title"' in opened.content.decode()
    plain = editor_client.get(reverse("ingest:proposal", args=[draft_id, "event", index]))
    assert plain.status_code == 302 and f"open=event-{index}" in plain["Location"]
    page = editor_client.get(plain["Location"]).content.decode()
    assert f'name="event-{index}-title"' in page
    assert folded is not None


def test_the_review_reads_the_database_the_same_few_times_whatever_the_paste(editor_client, long_draft):
    review_url, _draft_id, _draft = long_draft
    seed_url, _ = analyse(editor_client, url="https://example.org/seed")
    counts = []
    for url in (seed_url, review_url):
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1] and counts[1] <= 8, counts


def test_one_decision_answers_with_its_proposal_alone_in_a_few_queries(editor_client, long_draft):
    _review_url, draft_id, draft = long_draft
    counts = []
    for proposal in draft["events"][:2]:
        url = reverse("ingest:decide", args=[draft_id, "event", proposal["id"], "reject"])
        with CaptureQueriesContext(connection) as captured:
            response = editor_client.post(url, headers=HTMX)
        html = response.content.decode()
        assert response.status_code == 200 and html.count('<article class="proposal') == 1 and "Rejected." in html
        counts.append(len(captured))
    assert counts[0] == counts[1] and counts[0] <= 16, counts


# --- done when: a new timeline stays unpublished and unfound ---------------------


def test_a_pasted_article_on_a_new_timeline_after_bulk_accept_is_found_by_no_signed_out_visitor(editor_client, seeded):
    analysed = editor_client.post(
        "/editor/ingest/",
        article_form(headline="A new story of the desk", url="https://example.org/new-story", text=date_dense(3_000)),
    )
    draft_id = analysed["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert bulk(editor_client, draft_id, "event", "accept-all").status_code == 200
    assert bulk(editor_client, draft_id, "claim", "accept-all").status_code == 200
    timeline = Timeline.objects.get(title="A new story of the desk")
    assert not timeline.published and timeline.events.count() > 10
    events = list(timeline.events.all())
    claims = list(Claim.objects.filter(article__url="https://example.org/new-story"))
    assert claims and not any(e.published for e in events) and not any(c.published for c in claims)

    visitor = Client()
    slug = timeline.slug
    for url in (
        f"/timelines/{slug}/",
        f"/embed/timelines/{slug}/",
        f"/api/timelines/{slug}.json",
        f"/oembed/?url=http://testserver/timelines/{slug}/&format=json",
    ):
        assert visitor.get(url).status_code == 404, url
    for claim in claims:
        for url in (f"/claims/{claim.pk}/", f"/embed/claims/{claim.pk}/"):
            assert visitor.get(url).status_code == 404, url
    home = visitor.get("/").content.decode()
    feed = visitor.get("/feeds/verdicts/").content.decode()
    for page in (home, feed):
        assert "A new story of the desk" not in page and slug not in page
        assert not any(f"/claims/{c.pk}/" in page for c in claims)
    listing = visitor.get("/timelines/")
    assert listing.status_code == 404 or "A new story of the desk" not in listing.content.decode()

"""/editor/ingest/: an editor pastes an article, reviews the proposals and
accepts or rejects them one by one; nothing is saved until accepted."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from factcheck.models import Claim
from tests.timeline.ingest.articles import article_form
from timeline.ingest.storage import draft_get
from timeline.models import Actor, Article, Event, Timeline

START = "/editor/ingest/"


def make_editor(username="editor", perms=("timeline.add_article", "timeline.add_event", "factcheck.add_claim")):
    user = User.objects.create_user(username, password="correct horse battery")
    for perm in perms:
        app, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    return user


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_editor())
    return client


@pytest.fixture
def timeline(db):
    return Timeline.objects.create(slug="milei-trump-ingest", title="Ingested", published=True)


def analyse(client, **changes):
    response = client.post(START, article_form(**changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    review_url = response["Location"]
    return review_url, review_url.rstrip("/").rsplit("/", 1)[-1]


def draft_of(client, draft_id):
    return draft_get(client.session, draft_id).to_json()


def event_proposal(draft, mention):
    return next(e for e in draft["events"] if e["mention"] == mention)


def claim_proposal(draft, words):
    return next(c for c in draft["claims"] if words in c["quote"])


def accept_event(client, draft_id, proposal, timeline, htmx=True, **changes):
    prefix = f"event-{proposal['id']}"
    data = {
        f"{prefix}-title": proposal["title"],
        f"{prefix}-when_0": proposal["date"][: {"year": 4, "month": 7, "day": 10}[proposal["precision"]]],
        f"{prefix}-when_1": "",
        f"{prefix}-quote": proposal["quote"],
        f"{prefix}-timeline": "new" if timeline is None else timeline.pk,
        f"{prefix}-publish": "on",
    }
    data.update({f"{prefix}-{k}": v for k, v in changes.items()})
    url = reverse("ingest:decide", args=[draft_id, "event", proposal["id"], "accept"])
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url, data, headers=headers)


def accept_claim(client, draft_id, proposal, htmx=True, **changes):
    prefix = f"claim-{proposal['id']}"
    data = {f"{prefix}-quote": proposal["quote"], f"{prefix}-claimant": proposal["claimant"], f"{prefix}-publish": "on",
            f"{prefix}-event": "" if proposal["event"] is None else proposal["event"]}
    data.update({f"{prefix}-{k}": v for k, v in changes.items()})
    url = reverse("ingest:decide", args=[draft_id, "claim", proposal["id"], "accept"])
    return client.post(url, data, headers={"HX-Request": "true"} if htmx else {})


# --- who may use it ---------------------------------------------------------


def test_anonymous_readers_are_sent_to_sign_in(client, db):
    response = client.get(START)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/editor/ingest/")


def test_anonymous_posts_and_htmx_requests_are_refused_and_change_nothing(client, db, timeline):
    assert client.post(START, article_form()).status_code == 403
    assert client.get(START, headers={"HX-Request": "true"}).status_code == 403
    url = reverse("ingest:decide", args=["abc", "event", 0, "accept"])
    assert client.post(url, {}).status_code == 403
    assert not Article.objects.exists() and not Event.objects.exists()


def test_signed_in_users_without_the_rights_get_403(client, db):
    client.force_login(make_editor("reader", perms=("timeline.add_event",)))
    assert client.get(START).status_code == 403
    assert client.post(START, article_form()).status_code == 403


# --- analysing the article ---------------------------------------------------


def test_the_seed_article_proposes_its_dated_events_at_their_precision_and_saves_nothing(editor_client, timeline):
    review_url, draft_id = analyse(editor_client)
    draft = draft_of(editor_client, draft_id)
    events = {(e["mention"], e["date"], e["precision"]) for e in draft["events"]}
    assert events == {
        ("in February", "2024-02-01", "month"),  # CPAC; "about a year ago" is the same event
        ("In November", "2024-11-01", "month"),  # Mar-a-Lago dinner
        ("in 2018", "2018-01-01", "year"),  # IMF loan
        ("in 2024", "2024-01-01", "year"),  # Paris Agreement stance
        ("Earlier this week", "2025-01-01", "month"),  # Rubio
    }
    assert "CPAC" in event_proposal(draft, "in February")["title"]
    assert "Mar-a-Lago" in event_proposal(draft, "In November")["title"]
    assert claim_proposal(draft, "one of the few who can make Argentina great again")["claimant"] == "Donald Trump"
    assert len(draft["claims"]) >= 13

    page = editor_client.get(review_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert '<a class="hl-date" href="#event-' in html
    assert '<time datetime="2024-02">February 2024</time>' in html
    assert "one of the few who can make Argentina great again" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline script"
    assert "style=" not in html
    assert not Article.objects.exists() and not Event.objects.exists() and not Claim.objects.exists()


def test_accepting_an_event_saves_the_article_and_the_event_on_the_chosen_timeline(editor_client, timeline):
    review_url, draft_id = analyse(editor_client)
    draft = draft_of(editor_client, draft_id)
    cpac = event_proposal(draft, "in February")
    response = accept_event(editor_client, draft_id, cpac, timeline, title="Milei speaks at CPAC")
    assert response.status_code == 200
    assert "Saved as the event “Milei speaks at CPAC”" in response.content.decode()

    article = Article.objects.get()
    assert article.published_on.isoformat() == "2025-01-22" and article.published_estimated
    event = Event.objects.get()
    assert (event.title, event.when.iso, event.article_date_precision) == ("Milei speaks at CPAC", "2024-02", "month")
    assert event.article == article and event.published
    assert article.body[event.quote_start : event.quote_end] == cpac["quote"]
    assert list(event.timelines.all()) == [timeline]
    timeline.refresh_from_db()
    assert timeline.content_version > 1  # readers' caches see the change (each saved row bumps it)
    page = editor_client.get(f"/timelines/{timeline.slug}/")
    assert "Milei speaks at CPAC" in page.content.decode()
    assert '<time datetime="2024-02">February 2024</time>' in page.content.decode()


def test_the_editor_can_correct_the_date_and_its_precision(editor_client, timeline):
    _, draft_id = analyse(editor_client)
    cpac = event_proposal(draft_of(editor_client, draft_id), "in February")
    accept_event(editor_client, draft_id, cpac, timeline, when_0="24 February 2024")
    assert Event.objects.get().when.iso == "2024-02-24"


def test_accepting_a_claim_saves_it_unverified_with_its_span_and_claimant(editor_client, timeline):
    Actor.objects.create(name="Martín Schapiro")
    _, draft_id = analyse(editor_client)
    draft = draft_of(editor_client, draft_id)
    proposal = claim_proposal(draft, "has yet to take concrete action")
    response = accept_claim(editor_client, draft_id, proposal)
    assert response.status_code == 200
    claim = Claim.objects.get()
    assert claim.verdict.slug == "unverified"
    assert claim.article.body[claim.quote_start : claim.quote_end] == proposal["quote"]
    assert claim.claimant.name == "Martín Schapiro"  # the stored actor, not a copy
    assert claim.published and claim.published_verdict.slug == "unverified"
    assert Actor.objects.count() == 1


def test_a_claim_of_an_accepted_events_sentence_is_about_that_event(editor_client, timeline):
    _, draft_id = analyse(editor_client)
    draft = draft_of(editor_client, draft_id)
    accept_event(editor_client, draft_id, event_proposal(draft, "In November"), timeline)
    accept_claim(editor_client, draft_id, claim_proposal(draft, "only sitting president"))
    claim = Claim.objects.get()
    assert claim.event == Event.objects.get()


def test_rejecting_saves_nothing_and_can_be_undone(editor_client, timeline):
    _, draft_id = analyse(editor_client)
    proposal = event_proposal(draft_of(editor_client, draft_id), "in 2018")
    url = reverse("ingest:decide", args=[draft_id, "event", proposal["id"], "reject"])
    response = editor_client.post(url, headers={"HX-Request": "true"})
    assert "Rejected." in response.content.decode()
    assert event_proposal(draft_of(editor_client, draft_id), "in 2018")["state"] == "rejected"
    assert not Article.objects.exists() and not Event.objects.exists()
    restore = reverse("ingest:decide", args=[draft_id, "event", proposal["id"], "restore"])
    editor_client.post(restore, headers={"HX-Request": "true"})
    assert event_proposal(draft_of(editor_client, draft_id), "in 2018")["state"] == "pending"


def test_without_htmx_the_forms_post_and_come_back_to_the_review(editor_client, timeline):
    review_url, draft_id = analyse(editor_client)
    proposal = event_proposal(draft_of(editor_client, draft_id), "in 2018")
    response = accept_event(editor_client, draft_id, proposal, timeline, htmx=False)
    assert response.status_code == 302 and response["Location"] == f"{review_url}#event-{proposal['id']}"
    assert Event.objects.get().when.iso == "2018"


def test_a_quote_that_is_not_in_the_article_is_a_field_error_and_saves_nothing(editor_client, timeline):
    _, draft_id = analyse(editor_client)
    proposal = event_proposal(draft_of(editor_client, draft_id), "in 2018")
    response = accept_event(editor_client, draft_id, proposal, timeline, quote="Words the article never used")
    assert response.status_code == 200
    assert "is not in the article" in response.content.decode()
    assert not Event.objects.exists()


def test_accepting_twice_or_re_ingesting_does_not_duplicate(editor_client, timeline):
    _, draft_id = analyse(editor_client)
    draft = draft_of(editor_client, draft_id)
    accept_event(editor_client, draft_id, event_proposal(draft, "In November"), timeline)
    accept_claim(editor_client, draft_id, claim_proposal(draft, "47 million"))
    # The same article again, by its address and by its text (no address).
    for changes in ({}, {"url": ""}):
        review_url, again = analyse(editor_client, **changes)
        second = draft_of(editor_client, again)
        assert second["existing_article"]["id"] == Article.objects.get().pk
        assert event_proposal(second, "In November")["state"] == "accepted"
        assert claim_proposal(second, "47 million")["state"] == "accepted"
        assert "already stored" in editor_client.get(review_url).content.decode()
        accept_event(editor_client, again, event_proposal(second, "In November"), timeline)
    # A pending proposal of the second draft that repeats a saved one.
    accept_event(editor_client, draft_id, event_proposal(draft, "In November"), timeline)
    assert Article.objects.count() == 1
    assert Event.objects.count() == 1
    assert Claim.objects.count() == 1


# --- bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"text": ""}, "text", "Paste the article"),
        ({"text": "   \n  "}, "text", "Paste the article"),
        ({"text": "Hola."}, "text", "too short"),
        ({"text": "word " * 25_000}, "text", "the limit is 100,000"),
        ({"text": "In 2018 \x00\x01\x02 binary" * 10}, "text", "Null characters are not allowed"),
        ({"text": "JFIF\x01\x02\x03\x04\x05\x06\x07\x08 data" * 40}, "text", "garbled"),
        ({"text": "PK\x03\x04\x14\x06\ufffd\ufffd\ufffd garbled zip" * 50}, "text", "garbled"),
        ({"language": "fr"}, "language", "Select a valid choice"),
        ({"published_0": "2999-01-01"}, "published", "in the future"),
        ({"published_0": "the 45th of Smarch"}, "published", "Could not read"),
        ({"published_0": "2025-13-45"}, "published", "not a real date"),
        ({"url": "javascript:alert(1)"}, "url", "http"),
        ({"headline": ""}, "headline", "required"),
    ],
)
def test_bad_input_is_a_clear_field_error(editor_client, changes, field, message):
    response = editor_client.post(START, article_form(**changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    assert not Article.objects.exists()


def test_a_5mb_paste_is_refused_with_the_limit_not_a_500(editor_client):
    response = editor_client.post(START, article_form(text="In 2018 the loan was signed. " * 180_000))
    assert response.status_code == 413
    body = response.content.decode()
    assert "over the limit" in body and "100,000 characters" in body
    assert not Article.objects.exists()


def test_an_expired_draft_is_a_404_that_says_so(editor_client):
    response = editor_client.get(reverse("ingest:review", args=["gone"]))
    assert response.status_code == 404


def test_a_decision_on_a_gone_draft_or_proposal_is_a_404_fragment_for_htmx(editor_client, timeline):
    # The review page swaps 404 answers into the proposal: a fragment that
    # says what happened, never the whole 404 page inside the list.
    _, draft_id = analyse(editor_client)
    for args, message in (
        (["gone", "event", 0, "accept"], "This draft has expired"),
        ([draft_id, "claim", 999, "reject"], "This proposal is not in the draft"),
    ):
        url = reverse("ingest:decide", args=args)
        response = editor_client.post(url, headers={"HX-Request": "true"})
        assert response.status_code == 404
        html = response.content.decode()
        assert "<html" not in html and f'id="{args[1]}-{args[2]}"' in html and message in html
        assert editor_client.post(url).status_code == 404


def test_a_text_with_the_url_of_another_stored_article_is_refused(editor_client, timeline):
    Article.objects.create(headline="Other", outlet="X", published_on="2024-01-01", body="Other text.", url="https://example.org/milei-trump")
    response = editor_client.post(START, article_form())
    assert response.status_code == 400
    assert "already stored" in " ".join(response.context["form"].errors["url"])


def test_spanish_article(editor_client, timeline):
    text = (
        "El presidente viajó el jueves 14 de noviembre a Florida, donde participó en una gala. "
        "En febrero había asistido a la CPAC. Según el Indec, la pobreza alcanzó al 52% de la población."
    )
    _, draft_id = analyse(editor_client, text=text, language="es", url="", published_0="2025-01-22")
    draft = draft_of(editor_client, draft_id)
    assert {(e["mention"], e["date"]) for e in draft["events"]} == {
        ("el jueves 14 de noviembre", "2024-11-14"),
        ("En febrero", "2024-02-01"),
    }
    assert claim_proposal(draft, "pobreza")["claimant"] == "el Indec"


# --- decisions the proposal's state does not allow -----------------------------


def test_a_second_click_shows_the_proposal_as_it_stands_and_saves_nothing_more(editor_client, timeline):
    _, draft_id = analyse(editor_client)
    proposal = event_proposal(draft_of(editor_client, draft_id), "in 2018")
    assert accept_event(editor_client, draft_id, proposal, timeline).status_code == 200
    again = accept_event(editor_client, draft_id, proposal, timeline, title="Another title")
    assert again.status_code == 200 and "Saved as the event" in again.content.decode()
    reject = reverse("ingest:decide", args=[draft_id, "event", proposal["id"], "reject"])
    response = editor_client.post(reject, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Saved as the event" in response.content.decode()
    assert event_proposal(draft_of(editor_client, draft_id), "in 2018")["state"] == "accepted"
    assert Event.objects.count() == 1 and Event.objects.get().title == proposal["title"]


def test_without_htmx_a_form_error_is_the_review_again_with_400(editor_client, timeline):
    _, draft_id = analyse(editor_client)
    proposal = event_proposal(draft_of(editor_client, draft_id), "in 2018")
    response = accept_event(editor_client, draft_id, proposal, timeline, htmx=False, quote="Words never used")
    assert response.status_code == 400
    html = response.content.decode()
    assert "<html" in html and "is not in the article" in html
    assert event_proposal(draft_of(editor_client, draft_id), "in 2018")["state"] == "pending"


def test_a_decision_is_only_ever_posted(editor_client, timeline):
    _, draft_id = analyse(editor_client)
    url = reverse("ingest:decide", args=[draft_id, "event", 0, "reject"])
    response = editor_client.get(url)
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert draft_of(editor_client, draft_id)["events"][0]["state"] == "pending"


def test_every_label_of_the_paste_form_names_its_field(editor_client):
    html = editor_client.get("/editor/ingest/").content.decode()
    assert 'for=""' not in html
    assert '<label for="id_published_0">' in html and 'id="id_published_0"' in html

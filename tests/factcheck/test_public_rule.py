"""The one rule for what readers see (`public()` on events, claims, actors),
state by state, and what it costs."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.models import Claim
from factcheck.services import claim_unpublish
from tests.factories import make_article, make_claim, make_event, make_timeline
from timeline.models import Actor, Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    shown, hidden = make_timeline(), make_timeline(published=False)
    article, other_article = make_article(), make_article()
    w = {
        "shown": shown,
        "hidden": hidden,
        "public": make_event(shown, article=article),
        "unpublished": make_event(shown, published=False),
        "stranded": make_event(hidden, article=other_article),  # published, on the unpublished timeline only
        "lone": make_event(),  # published, on no timeline
        "both": make_event(shown),
    }
    TimelineEntry = shown.entries.model
    TimelineEntry.objects.create(timeline=hidden, event=w["both"])
    w["article"], w["other_article"] = article, other_article
    return w


def test_an_event_is_public_when_published_on_a_published_timeline(world):
    assert set(Event.objects.public()) == {world["public"], world["both"]}
    assert set(Event.objects.public(on=world["shown"])) == {world["public"], world["both"]}
    assert not Event.objects.public(on=world["hidden"]).exists()


def test_a_claim_is_public_when_published_and_readers_reach_it(world):
    about_public = make_claim(event=world["public"], reachable=False)
    about_unpublished = make_claim(event=world["unpublished"], reachable=False)
    about_stranded = make_claim(event=world["stranded"], reachable=False)
    about_lone = make_claim(event=world["lone"], reachable=False)
    in_shown_article = make_claim(article=world["article"], reachable=False)
    in_hidden_article = make_claim(article=world["other_article"], reachable=False)
    about_nothing = make_claim(reachable=False)
    draft = make_claim(event=world["public"], reachable=False, publish=False)
    assert set(Claim.objects.public()) == {about_public, in_shown_article}
    assert set(Claim.objects.public(on=world["shown"])) == {about_public, in_shown_article}
    assert not Claim.objects.public(on=world["hidden"]).exists()
    assert {about_unpublished, about_stranded, about_lone, in_hidden_article, about_nothing, draft}.isdisjoint(
        Claim.objects.on_record()
    )


def test_a_claim_about_an_unpublished_event_stays_hidden_even_when_its_article_is_on_the_timeline(world):
    event = make_event(world["shown"], article=world["article"], published=False)
    claim = make_claim(event=event, article=world["article"], reachable=False)
    assert claim not in Claim.objects.public()


def test_a_withdrawn_claim_is_on_record_while_readers_could_reach_it(world):
    claim = make_claim(event=world["public"], reachable=False)
    claim_unpublish(claim=claim, editor=None, note="Why.")
    assert claim not in Claim.objects.public()
    assert list(Claim.objects.withdrawn()) == [claim] == list(Claim.objects.on_record())
    stranded = make_claim(event=world["stranded"], reachable=False)
    claim_unpublish(claim=stranded, editor=None)
    assert stranded not in Claim.objects.on_record()


def test_an_actor_is_public_on_a_public_event_or_as_a_public_claims_claimant(world):
    on_public, on_unpublished, claimant, hidden_claimant, nobody = (
        Actor.objects.create(name=name) for name in ("On public", "On unpublished", "Claimant", "Hidden claimant", "No one")
    )
    world["public"].actors.add(on_public)
    world["unpublished"].actors.add(on_unpublished)
    world["stranded"].actors.add(on_unpublished)
    make_claim(event=world["public"], claimant=claimant, reachable=False)
    make_claim(event=world["unpublished"], claimant=hidden_claimant, reachable=False)
    assert set(Actor.objects.public()) == {on_public, claimant}
    assert set(Actor.objects.public(on=world["shown"])) == {on_public, claimant}
    assert not Actor.objects.public(on=world["hidden"]).exists()
    assert nobody not in Actor.objects.public()


def test_each_rule_is_one_query_of_exists_subqueries(world):
    for n in range(30):
        make_claim(event=make_event(world["shown"]), reachable=False)
    for queryset in (Claim.objects.public(), Event.objects.public(), Actor.objects.public()):
        with CaptureQueriesContext(connection) as queries:
            list(queryset)
        assert len(queries) == 1
        assert "EXISTS" in queries[0]["sql"].upper()


def test_a_timelines_events_are_read_without_other_timelines_rows(world):
    sql = str(Event.objects.public(on=world["shown"]).query).upper()
    assert "EXISTS" not in sql and f"TIMELINE_ID\" = {world['shown'].pk}" in sql.replace("`", '"')

"""Every change readers can see bumps the version stamp of the timelines
that show it (what ETags and open embeds check); draft work does not."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from factcheck.models import Claim, Verdict
from factcheck.services import SourceInput, claim_publish, claim_set_status, claim_unpublish
from tests.seed_once import seeded, seeded_module  # noqa: F401
from timeline.models import Actor, Article, Event, EventSource, Timeline, TimelineEntry


def version() -> int:
    return Timeline.objects.get(slug="milei-trump").content_version


@pytest.fixture
def stamp(seeded):
    """Asserts on how the seed timeline's version moves."""

    class Stamp:
        def __init__(self):
            self.last = version()

        def bumped(self) -> bool:
            now = version()
            moved, self.last = now > self.last, now
            return moved

    return Stamp()


@pytest.mark.django_db
class TestWhatBumpsTheStamp:
    def test_publishing_and_unpublishing_a_claim(self, stamp):
        claim = Claim.objects.get(quote__contains="Panama Canal")
        claim = claim_set_status(
            claim=claim, editor=None, expected_version=None, verdict=Verdict.objects.get(slug="misleading"),
            rationale="Changed.", sources=[SourceInput(title="A source")],
        )
        assert not stamp.bumped()  # a draft
        claim = claim_publish(claim=claim, editor=None)
        assert stamp.bumped()
        claim_unpublish(claim=claim, editor=None)
        assert stamp.bumped()

    def test_editing_an_event(self, stamp):
        event = Event.objects.get(uid="cpac-2024")
        event.title = "Milei speaks at CPAC"
        event.save()
        assert stamp.bumped()
        event.published = False
        event.save()
        assert stamp.bumped()

    def test_event_sources_and_actors(self, stamp):
        event = Event.objects.get(uid="cpac-2024")
        source = EventSource.objects.create(event=event, title="New source")
        assert stamp.bumped()
        source.delete()
        assert stamp.bumped()
        event.actors.add(Actor.objects.create(name="Someone New"))
        assert stamp.bumped()
        event.actors.clear()
        assert stamp.bumped()

    def test_adding_and_removing_events_and_editing_the_timeline(self, stamp):
        timeline = Timeline.objects.get(slug="milei-trump")
        TimelineEntry.objects.filter(timeline=timeline).first().delete()
        assert stamp.bumped()
        timeline.title = "Milei and Trump"
        timeline.save()
        assert stamp.bumped()

    def test_saving_a_timeline_loaded_earlier_never_reuses_a_version(self, stamp):
        loaded_before = Timeline.objects.get(slug="milei-trump")  # e.g. an admin form left open
        claim_unpublish(claim=Claim.objects.get(quote__contains="47 million"), editor=None)
        assert stamp.bumped()
        handed_out = stamp.last
        loaded_before.description = "Edited in a form opened before the unpublish."
        loaded_before.save()
        assert stamp.bumped()
        assert stamp.last > handed_out

    def test_renaming_an_actor_or_an_article(self, stamp):
        actor = Actor.objects.get(name="Martín Schapiro")
        actor.description = "Analyst"
        actor.save()
        assert stamp.bumped()
        article = Article.objects.get()
        article.headline = "A better headline"
        article.save()
        assert stamp.bumped()

    def test_editing_a_published_claim_in_the_admin_way(self, stamp):
        claim = Claim.objects.get(quote__contains="47 million")
        claim.claimant = Actor.objects.get(name="Javier Milei")
        claim.save()
        assert stamp.bumped()

    def test_relabelling_the_verdict_scale(self, stamp):
        verdict = Verdict.objects.get(slug="false")
        verdict.label = "Wrong"
        verdict.save()
        assert stamp.bumped()

    def test_other_timelines_are_left_alone(self, stamp):
        other = Timeline.objects.create(slug="other", title="Other", published=True)
        before = Timeline.objects.get(pk=other.pk).content_version
        event = Event.objects.get(uid="cpac-2024")
        event.title = "Changed"
        event.save()
        assert Timeline.objects.get(pk=other.pk).content_version == before

    def test_a_change_of_a_published_event_through_the_admin(self, stamp, client):
        user = get_user_model().objects.create_superuser("desk", "desk@example.com", "a-long-test-password")
        client.force_login(user)
        event = Event.objects.get(uid="milei-wins-runoff-2023")
        data = {
            "title": "Milei wins the run-off",
            "summary": event.summary,
            "when_0": "19 November 2023",
            "when_1": "",
            "until_0": "",
            "until_1": "",
            "location": "",
            "actors": [a.pk for a in event.actors.all()],
            "article": event.article_id or "",
            "quote": event.quote,
            "article_date_precision": event.article_date_precision,
            "published": "on",
            "sources-TOTAL_FORMS": "1",
            "sources-INITIAL_FORMS": "1",
            "sources-MIN_NUM_FORMS": "0",
            "sources-MAX_NUM_FORMS": "1000",
            "sources-0-id": event.sources.first().pk,
            "sources-0-event": event.pk,
            "sources-0-title": event.sources.first().title,
            "sources-0-url": "",
            "sources-0-position": "0",
            # The claims listed under the event (none for this one).
            "claims-TOTAL_FORMS": "0",
            "claims-INITIAL_FORMS": "0",
        }
        response = client.post(f"/admin/timeline/event/{event.pk}/change/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert Event.objects.get(pk=event.pk).title == "Milei wins the run-off"
        assert stamp.bumped()
        html = client.get("/embed/timelines/milei-trump/").content.decode()
        assert "Milei wins the run-off" in html


@pytest.mark.django_db
class TestOneBumpPerTransaction:
    """`timeline.stamps.timelines_touch` bumps a timeline once per transaction,
    inside it, and forgets what this process remembered when it commits."""

    def test_many_changes_in_one_transaction_bump_once(self, stamp):
        from django.db import transaction

        event = Event.objects.get(uid="cpac-2024")
        with transaction.atomic():
            for n in range(5):
                event.title = f"Milei speaks at CPAC ({n})"
                event.save()
        assert version() == stamp.last + 1

    def test_each_transaction_bumps_again(self, stamp):
        from django.db import transaction

        event = Event.objects.get(uid="cpac-2024")
        for n in range(3):
            with transaction.atomic():
                event.title = f"Milei speaks at CPAC ({n})"
                event.save()
        assert version() == stamp.last + 3

    def test_a_bump_rolled_back_with_its_savepoint_is_made_again(self, stamp):
        from django.db import transaction

        event = Event.objects.get(uid="cpac-2024")
        with transaction.atomic():
            try:
                with transaction.atomic():
                    event.title = "Rolled back"
                    event.save()
                    raise RuntimeError("undo")
            except RuntimeError:
                pass
            assert version() == stamp.last  # the bump went with the savepoint
            event.title = "Kept"
            event.save()
        assert version() == stamp.last + 1

    def test_the_remembered_stamp_is_forgotten_on_commit(self, seeded, settings, django_capture_on_commit_callbacks):
        from django.db import transaction

        from timeline import stamps

        settings.HTTP_STAMP_MEMO_SECONDS = 60
        before = stamps.timeline_stamp("milei-trump")
        with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
            event = Event.objects.get(uid="cpac-2024")
            event.title = "Changed"
            event.save()
            # A request in this process reads the stamp before the commit.
            assert stamps.timeline_stamp("milei-trump") is not None
        assert stamps.forget_stamps in callbacks
        for callback in callbacks:
            callback()
        assert stamps.timeline_stamp("milei-trump").tag != before.tag

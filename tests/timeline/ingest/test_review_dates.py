"""Dates typed in an ingest proposal count from the pasted article's date
and follow its language; the review's date widget reads them as they will
be saved, and its reading is aimed at its own <output> whatever the
proposal form around it says."""

import pytest

from tests.timeline.ingest.test_ingest_views import (  # noqa: F401 (fixtures)
    accept_event,
    analyse,
    draft_of,
    editor_client,
    event_proposal,
    timeline,
)
from timeline.models import Event

pytestmark = pytest.mark.django_db


def test_the_review_widgets_count_from_the_article_and_aim_at_their_own_output(editor_client, timeline):
    review_url, draft_id = analyse(editor_client)
    page = editor_client.get(review_url).content.decode()
    cpac = event_proposal(draft_of(editor_client, draft_id), "in February")
    prefix = f"event-{cpac['id']}-when"
    assert f'data-hx-target="#{prefix}-reading"' in page and f'<output class="fuzzy-date__reading" id="{prefix}-reading"' in page
    assert 'data-hx-swap="innerHTML"' in page and 'data-hx-select="unset"' in page
    assert "{&quot;ref&quot;: &quot;2025-01-22&quot;, &quot;lang&quot;: &quot;en&quot;}" in page
    # The proposal's date is shown read, with the page: no request per proposal.
    assert 'data-hx-trigger="input changed delay:300ms, change"' in page
    assert '<time datetime="2024-02">February 2024</time></strong> (month)' in page


@pytest.mark.parametrize(
    "typed, language, iso, precision",
    [
        ("yesterday", "en", "2025-01-21", "day"),
        ("3/4/2024", "en", "2024-03-04", "day"),
        ("the 1990s", "en", "1990", "decade"),
    ],
)
def test_an_accepted_date_counts_from_the_article(editor_client, timeline, typed, language, iso, precision):
    _, draft_id = analyse(editor_client, language=language)
    cpac = event_proposal(draft_of(editor_client, draft_id), "in February")
    response = accept_event(editor_client, draft_id, cpac, timeline, when_0=typed)
    assert response.status_code == 200
    event = Event.objects.get()
    assert (event.when.iso, event.date_precision) == (iso, precision)


def test_words_the_article_cannot_count_to_are_a_field_error_and_save_nothing(editor_client, timeline):
    _, draft_id = analyse(editor_client)
    cpac = event_proposal(draft_of(editor_client, draft_id), "in February")
    response = accept_event(editor_client, draft_id, cpac, timeline, when_0="last week")
    assert "not a week" in response.content.decode()
    assert Event.objects.count() == 0

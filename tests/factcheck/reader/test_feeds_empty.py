"""The verdict feed of a new install (own module: the others share a seed)."""

import pytest

from tests.factcheck.reader.test_feeds import entries


@pytest.mark.django_db
def test_an_empty_feed_is_a_valid_feed(client):
    assert entries(client) == []

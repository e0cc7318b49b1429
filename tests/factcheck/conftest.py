import pytest
from django.test import Client

from tests.editors import make_editor


@pytest.fixture
def editor(db):
    return make_editor("ana", first_name="Ana", last_name="Ruiz")


@pytest.fixture
def other_editor(db):
    return make_editor("ben", first_name="Ben", last_name="Okafor")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def other_client(other_editor):
    client = Client()
    client.force_login(other_editor)
    return client

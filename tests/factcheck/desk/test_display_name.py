"""How the desk names a user: `display_name` and its template filter."""

import pytest
from django.contrib.auth import get_user_model
from django.template import engines

from factcheck.models import VerdictChange
from factcheck.permissions import display_name
from tests.factories import make_claim


def user(username: str = "ana", **names):
    return get_user_model()(username=username, **names)


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load factcheck_tags %}" + source).render(context)


def test_the_full_name_when_the_user_has_one():
    assert display_name(user(first_name="Ana", last_name="Ruiz")) == "Ana Ruiz"


def test_only_a_first_name_is_enough():
    assert display_name(user(first_name="Ana")) == "Ana"


def test_the_user_name_when_there_is_no_full_name():
    assert display_name(user("ben")) == "ben"
    assert display_name(user("ben", first_name=" ", last_name="")) == "ben"


def test_the_filter_gives_the_same_name():
    assert render("{{ u|display_name }}", u=user(first_name="Ana", last_name="Ruiz")) == "Ana Ruiz"
    assert render("{{ u|display_name }}", u=user("ben")) == "ben"


def test_the_filter_escapes_the_name():
    assert render("{{ u|display_name }}", u=user(first_name="<b>Ana</b>")) == "&lt;b&gt;Ana&lt;/b&gt;"


def test_the_filter_works_in_a_blocktranslate_with():
    source = "{% load i18n %}{% blocktranslate with who=u|display_name %}{{ who }} changed it{% endblocktranslate %}"
    assert render(source, u=user("ben")) == "ben changed it"


def test_the_history_names_its_editor_the_same_way():
    change = VerdictChange(editor=user(first_name="Ana", last_name="Ruiz"))
    assert change.editor_name == "Ana Ruiz"
    assert VerdictChange(editor=user("ben")).editor_name == "ben"


@pytest.mark.django_db
def test_the_queue_names_the_assignee_and_the_last_editor(editor_client, editor):
    claim = make_claim()
    claim.assigned_to = editor
    claim.changed_by = editor
    claim.save()
    html = editor_client.get("/editor/").content.decode()
    assert "</time> · <bdi>Ana Ruiz</bdi></dd>" in html  # the last change
    assert "<dd><bdi>Ana Ruiz</bdi></dd>" in html  # assigned to

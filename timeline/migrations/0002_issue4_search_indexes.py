"""Full-text search indexes for the reader's search (timeline/search.py),
on PostgreSQL only: one per text-search configuration the search uses.
The expressions are the ones the search's queries build, so the planner
uses them; SQLite searches without them."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

FIELDS = ("title", "summary", "location")  # timeline.selectors.EVENT_SEARCH_FIELDS
CONFIGS = ("english", "spanish", "simple")  # timeline.reader.search


def _indexes():
    return [GinIndex(SearchVector(*FIELDS, config=config), name=f"event_search_{config}") for config in CONFIGS]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in _indexes():
            schema_editor.add_index(apps.get_model("timeline", "Event"), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in _indexes():
            schema_editor.remove_index(apps.get_model("timeline", "Event"), index)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]
    operations = [migrations.RunPython(add_indexes, remove_indexes, elidable=False)]

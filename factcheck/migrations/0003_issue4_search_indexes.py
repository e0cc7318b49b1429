"""Full-text search indexes for the reader's search over published claims
(timeline/search.py), on PostgreSQL only; see timeline's migration of the
same name."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

FIELDS = ("quote", "published_rationale")  # timeline.selectors.CLAIM_SEARCH_FIELDS
CONFIGS = ("english", "spanish", "simple")


def _indexes():
    return [GinIndex(SearchVector(*FIELDS, config=config), name=f"claim_search_{config}") for config in CONFIGS]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in _indexes():
            schema_editor.add_index(apps.get_model("factcheck", "Claim"), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in _indexes():
            schema_editor.remove_index(apps.get_model("factcheck", "Claim"), index)


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0002_default_verdict_scale")]
    operations = [migrations.RunPython(add_indexes, remove_indexes, elidable=False)]

"""The `unaccent` extension, on PostgreSQL only, for accent-insensitive
search (timeline/search.py). UnaccentExtension does nothing on another
database; SQLite folds accents with a function of its own instead."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("timeline", "0003_decade_precision")]
    operations = [UnaccentExtension()]

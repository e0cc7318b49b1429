from django.db import migrations

from factcheck.scale import ensure_default_scale


def seed_scale(apps, schema_editor):
    ensure_default_scale(apps.get_model("factcheck", "Verdict"))


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0001_initial")]

    operations = [migrations.RunPython(seed_scale, migrations.RunPython.noop)]

"""The default verdict scale: five ratings and three workflow states, with
Spanish labels. Newsrooms edit it in the admin; this only seeds it."""

from django.db import migrations

# slug, English, Spanish, colour, ClaimReview rating value, final, meaning
DEFAULT_SCALE = [
    ("accurate", "Accurate", "Verdadero", "green", 5, True,
     "The claim is correct and nothing significant is missing."),
    ("mostly-accurate", "Mostly accurate", "Mayormente verdadero", "teal", 4, True,
     "The claim is correct in substance but needs clarification or a detail is off."),
    ("mixed", "Mixed", "Verdad a medias", "amber", 3, True,
     "The claim is partly correct and partly wrong."),
    ("misleading", "Misleading", "Engañoso", "orange", 2, True,
     "The claim uses facts in a way that gives a false impression."),
    ("false", "False", "Falso", "red", 1, True,
     "The claim is wrong."),
    ("not-checkable", "Not checkable", "Inchequeable", "purple", None, False,
     "An opinion, prediction or characterisation that evidence cannot settle."),
    ("in-review", "In review", "En revisión", "blue", None, False,
     "The desk is checking this claim."),
    ("unverified", "Unverified", "Sin verificar", "grey", None, False,
     "Not checked yet."),
]


def seed_scale(apps, schema_editor):
    Verdict = apps.get_model("factcheck", "Verdict")
    for position, (slug, label, label_es, colour, rating, final, meaning) in enumerate(DEFAULT_SCALE, start=1):
        Verdict.objects.get_or_create(
            slug=slug,
            defaults=dict(
                label=label,
                label_es=label_es,
                colour=colour,
                rating_value=rating,
                is_final=final,
                is_default=(slug == "unverified"),
                description=meaning,
                position=position,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0001_initial")]

    operations = [migrations.RunPython(seed_scale, migrations.RunPython.noop)]

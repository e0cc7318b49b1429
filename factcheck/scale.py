"""The default verdict scale: five ratings and three workflow states, with
Spanish labels. Newsrooms edit theirs in the admin; this only fills an empty
scale (the data migration, and `load_seeds` on a flushed database)."""


def gettext_noop(message: str) -> str:
    """Marks a string for the translation catalogue and returns it as is (as
    Django's own global settings do; this module is read before settings)."""
    return message

# slug, English, Spanish, colour, ClaimReview rating value, final, meaning.
# The meanings are marked for translation: readers in Spanish see them
# translated while a newsroom keeps the default wording.
DEFAULT_SCALE = [
    ("accurate", "Accurate", "Verdadero", "green", 5, True,
     gettext_noop("The claim is correct and nothing significant is missing.")),
    ("mostly-accurate", "Mostly accurate", "Mayormente verdadero", "teal", 4, True,
     gettext_noop("The claim is correct in substance but needs clarification or a detail is off.")),
    ("mixed", "Mixed", "Verdad a medias", "amber", 3, True,
     gettext_noop("The claim is partly correct and partly wrong.")),
    ("misleading", "Misleading", "Engañoso", "orange", 2, True,
     gettext_noop("The claim uses facts in a way that gives a false impression.")),
    ("false", "False", "Falso", "red", 1, True,
     gettext_noop("The claim is wrong.")),
    ("not-checkable", "Not checkable", "Inchequeable", "purple", None, False,
     gettext_noop("An opinion, prediction or characterisation that evidence cannot settle.")),
    ("in-review", "In review", "En revisión", "blue", None, False,
     gettext_noop("The desk is checking this claim.")),
    ("unverified", "Unverified", "Sin verificar", "grey", None, False,
     gettext_noop("Not checked yet.")),
]
DEFAULT_STATE = "unverified"


def ensure_default_scale(Verdict) -> int:
    """Fill an empty scale with the default one; returns how many verdicts it
    created. Takes the model so the data migration can pass its own."""
    if Verdict.objects.exists():
        return 0
    Verdict.objects.bulk_create(
        Verdict(
            slug=slug,
            label=label,
            label_es=label_es,
            colour=colour,
            rating_value=rating,
            is_final=final,
            is_default=(slug == DEFAULT_STATE),
            description=meaning,
            position=position,
        )
        for position, (slug, label, label_es, colour, rating, final, meaning) in enumerate(DEFAULT_SCALE, start=1)
    )
    return len(DEFAULT_SCALE)

"""The default verdict scale: five ratings and three workflow states, with
Spanish labels. Newsrooms edit theirs in the admin; this only fills an empty
scale (the data migration, and `load_seeds` on a flushed database)."""

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

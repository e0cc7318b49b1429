"""Form fields for dates typed in words, at their precision."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from timeline.dates import DateParseError, FuzzyDate, Precision, parse_fuzzy_date
from timeline.models import Event

AUTO = ""
PRECISION_CHOICES = [(AUTO, _("as typed")), *Precision.choices]


class FuzzyDateWidget(forms.MultiWidget):
    """A text box for the date in words, a precision menu, and a live reading
    of what will be saved (HTMX; without JavaScript the form shows it on error)."""

    template_name = "timeline/widgets/fuzzy_date.html"

    class Media:
        js = ["django_htmx/htmx-2.min.js"]

    def __init__(self, attrs=None):
        text_attrs = {
            "placeholder": _("e.g. 24 February 2024, November 2024, 2018, noviembre de 2024"),
            "autocomplete": "off",
            "size": 32,
        }
        super().__init__([forms.TextInput(attrs=text_attrs), forms.Select(choices=PRECISION_CHOICES)], attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["preview_url"] = reverse("timeline:date_preview")
        return context

    def decompress(self, value):
        if isinstance(value, FuzzyDate):
            with translation.override("en"):
                return [value.display(), AUTO]
        return [None, AUTO]


class FuzzyDateField(forms.MultiValueField):
    widget = FuzzyDateWidget

    def __init__(self, **kwargs):
        fields = [forms.CharField(max_length=100), forms.ChoiceField(choices=PRECISION_CHOICES, required=False)]
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not data_list[0]:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        return read_fuzzy_date(data_list[0], data_list[1] if len(data_list) > 1 else AUTO)


def read_fuzzy_date(text: str, precision: str = AUTO) -> FuzzyDate:
    """The date an editor typed, held to the precision they chose (if any)."""
    try:
        when = parse_fuzzy_date(text)
    except DateParseError as error:
        raise ValidationError(str(error), code="unparsed") from None
    if not precision or precision == when.precision:
        return when
    order = list(Precision.values)
    if order.index(precision) > order.index(when.precision):
        raise ValidationError(
            _("“%(text)s” names a %(typed)s; a %(chosen)s-precision date cannot. Remove the %(typed)s or choose “%(typed)s”."),
            code="too_precise",
            params={"text": text, "typed": Precision(when.precision).label, "chosen": Precision(precision).label},
        )
    raise ValidationError(
        _("“%(text)s” gives no %(chosen)s; type one or choose “as typed”."),
        code="not_precise_enough",
        params={"text": text, "chosen": Precision(precision).label},
    )


def fits_key(key, raw, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether `raw`, a submitted id, can be looked up in the `key` column:
    it converts, and a number is within the column's range (SQLite cannot
    even compare a larger one, and an `IN` lookup fails on it)."""
    try:
        value = key.to_python(raw)
    except ValidationError:
        return False
    if isinstance(value, int):
        low, high = connections[using].ops.integer_field_range(key.get_internal_type())
        return (low is None or low <= value) and (high is None or value <= high)
    return True


class KeyCheckedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses an id its column cannot hold as "not a valid value", where
    Django's own field lets it through to a query that fails."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        for raw in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(raw, str) and not fits_key(key, raw, self.queryset.db):
                error = self.error_messages["invalid_pk_value"]
                raise ValidationError(error, code="invalid_pk_value", params={"pk": raw})
        return super()._check_values(value)


class EventForm(forms.ModelForm):
    """Event with its dates typed in words; the date and precision columns
    are filled from what dateparser reads."""

    when = FuzzyDateField(label=_("Date"), help_text=_("Type it as you would write it; the precision follows."))
    until = FuzzyDateField(label=_("End date"), required=False)

    class Meta:
        model = Event
        fields = ["title", "summary", "when", "until", "location", "actors", "article", "quote",
                  "article_date_precision", "published"]
        field_classes = {"actors": KeyCheckedMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("when", self.instance.when)
            self.initial.setdefault("until", self.instance.until)

    def _post_clean(self):
        # Copy the typed dates onto the instance before the model validates
        # it, so its precision and range checks see them.
        when, until = self.cleaned_data.get("when"), self.cleaned_data.get("until")
        if when:
            self.instance.date, self.instance.date_precision = when.date, when.precision
        if "until" in self.cleaned_data:
            self.instance.end_date = until.date if until else None
            self.instance.end_date_precision = until.precision if until else ""
        super()._post_clean()

    def add_error(self, field, error):
        # Model errors on the stored columns belong to the typed fields.
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            mapping = {"date": "when", "date_precision": "when", "end_date": "until", "end_date_precision": "until"}
            error = ValidationError({mapping.get(name, name): errors for name, errors in error.error_dict.items()})
        super().add_error(field, error)

"""Form fields for dates typed in words, at their precision."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from timeline.dates import PRECISION_ORDER, DateParseError, DateReading, FuzzyDate, Precision, read_date
from timeline.models import Article, Event

AUTO = ""
PRECISION_CHOICES = [(AUTO, _("as typed")), *Precision.choices]


class FuzzyDateWidget(forms.MultiWidget):
    """A text box for the date in words, a precision menu, and a live reading
    of what will be saved (HTMX; without JavaScript the form shows it on error).

    The reading is rendered with the page and asked for again at each
    keystroke, with the date and language the field counts from (`ref`,
    `lang`), so it is the reading the form's clean will make."""

    template_name = "timeline/widgets/fuzzy_date.html"
    reference: datetime.date | None = None
    language: str | None = None
    article_input = ""  # a selector for the form's article field, sent along when set

    class Media:
        js = ["django_htmx/htmx-2.min.js"]

    def __init__(self, attrs=None):
        text_attrs = {
            "placeholder": _("e.g. 24 February 2024, November 2024, 2018, noviembre de 2024"),
            "autocomplete": "off",
            "size": 32,
        }
        precision = forms.Select(choices=PRECISION_CHOICES, attrs={"aria-label": _("Precision")})
        super().__init__([forms.TextInput(attrs=text_attrs), precision], attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["preview_url"] = reverse("timeline:date_preview")
        vals = {key: value for key, value in (("ref", self.reference and self.reference.isoformat()),
                                               ("lang", self.language)) if value}
        widget["preview_vals"] = json.dumps(vals)
        # What the reading asks with: this widget's inputs ("this"), and the
        # article field when set (htmx reads "this" only on its own).
        ids = [sub["attrs"].get("id") for sub in widget["subwidgets"]]
        include = ["#" + i for i in ids if i] + [self.article_input] if self.article_input and all(ids) else ["this"]
        widget["include"] = ", ".join(include)
        text, precision = (widget["subwidgets"][0]["value"] or ""), (widget["subwidgets"][1]["value"] or [AUTO])
        if isinstance(value, FuzzyDate):
            # A stored date, shown in words that read back as itself: no need to read them.
            widget["reading"] = {"text": text, "reading": DateReading(value)}
        else:
            widget["reading"] = preview_context(
                text, precision[0] if isinstance(precision, list) else precision,
                reference=self.reference, language=self.language,
            )
        return context

    def id_for_label(self, id_):
        # The label names the text box: the date is typed there (Django's
        # MultiWidget names none, which leaves `<label for="">`).
        return f"{id_}_0" if id_ else ""

    def decompress(self, value):
        if isinstance(value, FuzzyDate):
            with translation.override("en"):
                return [value.display(), AUTO]
        return [None, AUTO]


class FuzzyDateField(forms.MultiValueField):
    """A date typed in words. Words that count from a date ("yesterday")
    count from `reference`, and a numeric date whose day and month could be
    swapped is read in `language`'s order: set both with `count_from`."""

    widget = FuzzyDateWidget

    def __init__(self, *, reference: datetime.date | None = None, language: str | None = None, **kwargs):
        fields = [forms.CharField(max_length=100), forms.ChoiceField(choices=PRECISION_CHOICES, required=False)]
        super().__init__(fields, require_all_fields=False, **kwargs)
        self.count_from(reference=reference, language=language)

    def count_from(self, *, reference: datetime.date | None, language: str | None) -> None:
        self.reference, self.language = reference, language
        self.widget.reference, self.widget.language = reference, language

    def compress(self, data_list):
        if not data_list or not data_list[0]:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        precision = data_list[1] if len(data_list) > 1 else AUTO
        return read_fuzzy_date(data_list[0], precision, reference=self.reference, language=self.language)


def read_typed_date(
    text: str, precision: str = AUTO, *, reference: datetime.date | None = None, language: str | None = None
) -> DateReading:
    """The date an editor typed, held to the precision they chose (if any),
    with how it was read; a ValidationError says why it cannot be saved."""
    try:
        reading = read_date(text, reference=reference, language=language)
    except DateParseError as error:
        raise ValidationError(str(error), code="unparsed") from None
    when = reading.when
    if precision not in Precision.values or precision == when.precision:
        return reading  # as typed ("", or a value the menu does not offer: its field says so)
    if PRECISION_ORDER.index(precision) > PRECISION_ORDER.index(when.precision):
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


def read_fuzzy_date(
    text: str, precision: str = AUTO, *, reference: datetime.date | None = None, language: str | None = None
) -> FuzzyDate:
    """The date that will be saved for `text` (see `read_typed_date`)."""
    return read_typed_date(text, precision, reference=reference, language=language).when


def preview_context(
    text: str, precision: str, *, reference: datetime.date | None, language: str | None
) -> dict[str, Any]:
    """What the widget's live reading shows (timeline/date_preview.html):
    the reading the form will save, or the error it will give."""
    context: dict[str, Any] = {"text": text}
    if text.strip():
        try:
            context["reading"] = read_typed_date(text, precision, reference=reference, language=language)
        except ValidationError as error:
            context["error"] = error.messages[0]
    return context


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


def _typed_date_errors(form: forms.BaseForm, field, error) -> None:
    """`add_error` for a form with the typed dates `when` and `until`: the
    model's errors on the stored columns go to those fields."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        mapping = {"date": "when", "date_precision": "when", "end_date": "until", "end_date_precision": "until"}
        error = ValidationError({mapping.get(name, name): errors for name, errors in error.error_dict.items()})
    forms.BaseForm.add_error(form, field, error)


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
        article = self._article()
        reference, language = article_reference(article)
        for name in ("when", "until"):
            self.fields[name].count_from(reference=reference, language=language)
            # The reading asks with the article chosen in the form, as the save does.
            self.fields[name].widget.article_input = f"#{self['article'].auto_id}" if self.auto_id else ""

    def _article(self) -> Article | None:
        """The article the dates count from: the one submitted, else the event's."""
        if self.is_bound and self.add_prefix("article") in self.data:
            return submitted_article(self.data.get(self.add_prefix("article")))
        return self.instance.article if self.instance.article_id else None

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

    add_error = _typed_date_errors


def article_reference(article) -> tuple[datetime.date | None, str | None]:
    """The date words like "yesterday" count from in `article` (its
    publication day, when it is known to the day) and its language."""
    if article is None:
        return None, None
    published = article.published
    return (published.date if published.precision == Precision.DAY else None), article.language


def submitted_article(raw) -> Article | None:
    """The article a submitted id names, or None (empty, not an id, gone)."""
    raw = str(raw) if isinstance(raw, int) else raw
    if isinstance(raw, str) and raw and fits_key(Article._meta.pk, raw):
        return Article.objects.filter(pk=raw).first()
    return None


class EventDatesForm(forms.Form):
    """An event's dates alone, as the desk edits them beside a claim: typed
    in words, counted from the event's article (its day and language) as the
    back office counts them, with the `updated_at` the editor saw so a
    change made meanwhile is not overwritten."""

    when = FuzzyDateField(label=_("Date"), help_text=_("Type it as you would write it; the precision follows."))
    until = FuzzyDateField(label=_("End date"), required=False)
    seen = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, event: Event, **kwargs):
        kwargs.setdefault("prefix", f"event-{event.pk}")
        kwargs.setdefault("initial", {"when": event.when, "until": event.until, "seen": event.updated_at})
        super().__init__(*args, **kwargs)
        self.event = event
        reference, language = article_reference(event.article if event.article_id else None)
        for name in ("when", "until"):
            self.fields[name].count_from(reference=reference, language=language)

    # The model's date rules (`Event.date_errors`, raised by the service) on the typed fields.
    add_error = _typed_date_errors

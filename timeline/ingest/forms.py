"""Forms of /editor/ingest/: the pasted article, and each proposal as the
editor may change it before accepting."""

from __future__ import annotations

import datetime
import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from timeline.dates import FuzzyDate
from timeline.forms import FuzzyDateField, article_reference
from timeline.ingest.draft import MAX_ARTICLE_CHARS, DraftArticle
from timeline.ingest.extraction import ExtractionError, check_text
from timeline.ingest.services import NEW_TIMELINE, article_duplicate_error
from timeline.models import Language, Timeline, http_url


def timeline_choices() -> list[tuple[str, str]]:
    """The stored timelines as choices, read in one query."""
    return [(str(pk), title) for pk, title in Timeline.objects.order_by("title").values_list("pk", "title")]


def timeline_chosen(value: str) -> Timeline | str:
    """A timeline choice as the services take it: NEW_TIMELINE, or the stored timeline."""
    if value == NEW_TIMELINE:
        return NEW_TIMELINE
    timeline = Timeline.objects.filter(pk=int(value)).first() if value.isdigit() and len(value) < 12 else None
    if timeline is None:
        raise ValidationError(_("That timeline is not there any more: choose another."), code="invalid_choice")
    return timeline


class ArticleForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=300)
    outlet = forms.CharField(label=_("Outlet"), max_length=200)
    byline = forms.CharField(label=_("Byline"), max_length=200, required=False)
    url = forms.CharField(label=_("Web address"), max_length=500, required=False, validators=[http_url])
    published = FuzzyDateField(
        label=_("Publication date"),
        help_text=_("As the article gives it: “22 January 2025”, “2025-01-22”, “January 2025”."),
    )
    published_estimated = forms.BooleanField(
        label=_("The date is estimated"),
        required=False,
        help_text=_("The article carries no date; this one was worked out from its content."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.EN)
    timeline = forms.ChoiceField(
        label=_("Timeline"),
        initial=NEW_TIMELINE,
        required=False,
        help_text=_("Where accepted events go. A new timeline is created unpublished, titled from the headline."),
    )
    text = forms.CharField(
        label=_("Article text"),
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        strip=False,
        help_text=_("Paste the text only, up to %(limit)s characters.") % {"limit": f"{MAX_ARTICLE_CHARS:,}"},
        error_messages={"required": _("Paste the article’s text.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Short: the menu shows it whole on a phone; the help text says what the new timeline is.
        self.fields["timeline"].choices = [(NEW_TIMELINE, _("A new timeline")), *timeline_choices()]

    def clean_timeline(self) -> str:
        return self.cleaned_data["timeline"] or NEW_TIMELINE

    def clean_published(self) -> FuzzyDate:
        when = self.cleaned_data["published"]
        if when.date > datetime.date.today():
            raise ValidationError(_("The publication date is in the future."), code="future")
        return when

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].replace("\r\n", "\n").strip()
        if not text:
            raise ValidationError(_("Paste the article’s text."), code="required")
        if len(text) > MAX_ARTICLE_CHARS:
            raise ValidationError(
                _("The text is %(length)s characters long; the limit is %(limit)s. Paste one article at a time."),
                code="too_long",
                params={"length": f"{len(text):,}", "limit": f"{MAX_ARTICLE_CHARS:,}"},
            )
        try:
            check_text(text, limit=MAX_ARTICLE_CHARS)
        except ExtractionError as error:
            raise ValidationError(str(error), code="garbled") from None
        if len(text.split()) < 5:
            raise ValidationError(_("That is too short to be an article."), code="too_short")
        return text

    def clean(self) -> dict:
        cleaned = super().clean()
        text, url = cleaned.get("text"), cleaned.get("url")
        if text and url:
            error = article_duplicate_error(url=url, sha256=hashlib.sha256(text.encode()).hexdigest())
            if error:
                self.add_error("url", error)
        return cleaned

    def article_fields(self) -> DraftArticle:
        """The article as the draft keeps it."""
        data = self.cleaned_data
        return DraftArticle(
            headline=data["headline"].strip(),
            outlet=data["outlet"].strip(),
            byline=data["byline"].strip(),
            url=data["url"],
            published=data["published"],
            published_estimated=data["published_estimated"],
            language=data["language"],
        )


class EventProposalForm(forms.Form):
    """`timelines`: the choices of the timeline field (read once for the whole review);
    `article`: the pasted article, whose day and language its date counts from."""

    title = forms.CharField(label=_("Title"), max_length=300)
    when = FuzzyDateField(label=_("Date"))
    quote = forms.CharField(
        label=_("Quoted passage"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The article’s words for this event; “...” marks words left out."),
    )
    timeline = forms.ChoiceField(
        label=_("Timeline"),
        error_messages={"required": _("Choose a timeline.")},
    )
    publish = forms.BooleanField(label=_("Publish on the timeline"), required=False, initial=False)

    def __init__(self, *args, timelines: list[tuple[str, str]], article: DraftArticle | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["timeline"]
        field.choices = timelines
        # "new" stays valid once the draft's timeline exists: it is that timeline.
        offered = {value for value, _label in timelines}
        field.valid_value = lambda value: value == NEW_TIMELINE or value in offered
        # "yesterday" counts from the article's date; "3/4/2024" is read in its language.
        reference, language = article_reference(article)
        self.fields["when"].count_from(reference=reference, language=language)

    def clean_timeline(self) -> Timeline | str:
        return timeline_chosen(self.cleaned_data["timeline"])



class ClaimProposalForm(forms.Form):
    """`events`: the event proposals offered in the picker (value, label);
    `allowed`: every event proposal id a claim may be tied to."""

    quote = forms.CharField(
        label=_("Claim"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As quoted in the article; “...” marks words left out."),
    )
    claimant = forms.CharField(
        label=_("Claimant"), max_length=200, required=False,
        help_text=_("Who makes the claim; empty when it is the article’s own."),
    )
    event = forms.ChoiceField(
        label=_("About the event"), required=False,
        help_text=_("The event of the claim’s sentence or paragraph; it is linked when both are accepted."),
    )
    publish = forms.BooleanField(label=_("Show it to readers as Unverified"), required=False, initial=False)

    def __init__(self, *args, events: list[tuple[str, str]], allowed: frozenset[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed
        field = self.fields["event"]
        field.choices = [("", _("No event")), *events]
        field.valid_value = lambda value: value == "" or (value.isdigit() and len(value) < 9 and int(value) in allowed)

    def clean_event(self) -> int | None:
        value = self.cleaned_data["event"]
        return int(value) if value else None

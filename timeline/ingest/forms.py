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
from timeline.ingest.services import article_duplicate_error
from timeline.models import Language, Timeline, http_url


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
    text = forms.CharField(
        label=_("Article text"),
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        strip=False,
        help_text=_("Paste the text only, up to %(limit)s characters.") % {"limit": f"{MAX_ARTICLE_CHARS:,}"},
        error_messages={"required": _("Paste the article’s text.")},
    )

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
    title = forms.CharField(label=_("Title"), max_length=300)
    when = FuzzyDateField(label=_("Date"))
    quote = forms.CharField(
        label=_("Quoted passage"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The article’s words for this event; “...” marks words left out."),
    )
    timeline = forms.ModelChoiceField(
        label=_("Timeline"), queryset=Timeline.objects.all(), empty_label=None,
        error_messages={"required": _("Choose a timeline (create one in the admin if there is none).")},
    )
    publish = forms.BooleanField(label=_("Publish on the timeline"), required=False, initial=True)

    def __init__(self, *args, article: DraftArticle | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # "yesterday" counts from the article's date; "3/4/2024" is read in its language.
        reference, language = article_reference(article)
        self.fields["when"].count_from(reference=reference, language=language)


class ClaimProposalForm(forms.Form):
    quote = forms.CharField(
        label=_("Claim"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As quoted in the article; “...” marks words left out."),
    )
    claimant = forms.CharField(
        label=_("Claimant"), max_length=200, required=False,
        help_text=_("Who makes the claim; empty when it is the article’s own."),
    )
    publish = forms.BooleanField(label=_("Show it to readers as Unverified"), required=False, initial=True)

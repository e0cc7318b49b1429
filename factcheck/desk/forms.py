"""Forms of the editors' panel: a claim's verification status (verdict,
rationale, sources, note), its short summary, publishing, assignment, and
the queue's filters.

Every form of a claim is prefixed with the claim (`claim-12-verdict`), so a
page listing many claims has unique field ids and labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from factcheck import rules
from factcheck.models import NOTE_MAX_LENGTH, RATIONALE_MAX_LENGTH, SUMMARY_MAX_LENGTH, Claim, Verdict
from factcheck.permissions import display_name
from factcheck.services import SourceInput
from timeline.models import HttpURLFormField

VERSION_ERRORS = {
    "required": _("This form does not say which version of the claim it edits: reload the page, then save again."),
    "invalid": _("The claim version in this form is not valid: reload the page, then save again."),
    "min_value": _("The claim version in this form is not valid: reload the page, then save again."),
}


def claim_prefix(claim: Claim) -> str:
    return f"claim-{claim.pk}"


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=1, error_messages=VERSION_ERRORS, **kwargs)


class SourceForm(forms.Form):
    title = forms.CharField(label=_("Citation"), max_length=rules.SOURCE_TITLE_MAX_LENGTH, required=False)
    url = HttpURLFormField(label=_("Link"), max_length=rules.SOURCE_URL_MAX_LENGTH, required=False)

    def clean(self):
        data = super().clean()
        if data.get("url") and not data.get("title"):
            # A bare link is cited by its address.
            data["title"] = data["url"][: rules.SOURCE_TITLE_MAX_LENGTH]
        return data


class BaseSourceFormSet(forms.BaseFormSet):
    deletion_widget = forms.CheckboxInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")

    def sources(self) -> list[SourceInput]:
        """The sources as the editor left them: removed and empty rows dropped."""
        kept = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not (data.get("title") or data.get("url")):
                continue
            kept.append(SourceInput(title=data["title"], url=data.get("url") or ""))
        return kept


SourceFormSet = forms.formset_factory(
    SourceForm,
    formset=BaseSourceFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    max_num=rules.MAX_SOURCES,
    validate_max=True,
    absolute_max=rules.MAX_SOURCES + 10,
)


@dataclass(frozen=True)
class ErrorLink:
    """One line of a form's error summary, linking to the field."""

    label: str
    message: str
    anchor: str


class ClaimStatusForm(forms.Form):
    """The draft verdict, its rationale and sources, and a note for the history.

    `is_valid()` also applies the desk's rule (a final verdict needs a
    rationale and a source) so the editor sees it as field errors."""

    verdict = forms.ChoiceField(
        label=_("Verdict"),
        error_messages={
            "required": _("Choose a verdict from the scale."),
            "invalid_choice": _("“%(value)s” is not on the verdict scale: choose one from the list."),
        },
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        required=False,
        max_length=RATIONALE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the claim gets this rating. Required for a final verdict; readers see it once published."),
    )
    note = forms.CharField(
        label=_("Note for the history"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Optional: what you checked or why you changed it. Editors see it in the claim’s history."),
    )
    version = VersionField()

    def __init__(self, data=None, *, claim: Claim, scale: Sequence[Verdict], **kwargs):
        prefix = claim_prefix(claim)
        initial = {"verdict": claim.verdict.slug, "rationale": claim.rationale, "version": claim.version}
        super().__init__(data, prefix=prefix, initial=initial, label_suffix="", **kwargs)
        self.claim = claim
        self.scale = {verdict.slug: verdict for verdict in scale}
        self.fields["verdict"].choices = [
            (_("Verdicts"), [(v.slug, v.localized_label) for v in scale if v.is_final]),
            (_("Workflow states"), [(v.slug, v.localized_label) for v in scale if not v.is_final]),
        ]
        self.sources = SourceFormSet(
            data, prefix=f"{prefix}-sources", initial=[source.as_dict() for source in claim.sources.all()]
        )
        self.source_errors = ErrorList(error_class="errorlist sources-error")

    def clean_verdict(self) -> Verdict:
        return self.scale[self.cleaned_data["verdict"]]

    def is_valid(self) -> bool:
        form_valid = super().is_valid()
        sources_valid = self.sources.is_valid()
        errors: dict[str, list[str]] = {}
        if form_valid and sources_valid:
            errors = rules.input_errors(rationale=self.cleaned_data["rationale"], sources=self.sources.sources())
        verdict = self.cleaned_data.get("verdict")
        if verdict is not None and "rationale" not in self.errors:
            # The desk's rule is reported with any other problem, so the editor fixes everything at once.
            for field, messages in rules.desk_rule_errors(
                verdict=verdict, rationale=self.cleaned_data.get("rationale", ""), source_count=self._sources_typed()
            ).items():
                errors.setdefault(field, []).extend(messages)
        self.add_rule_errors(errors)
        return not self.errors and sources_valid and not self.source_errors

    def _sources_typed(self) -> int:
        """Source rows the editor filled in and kept, valid or not."""
        count = 0
        for form in self.sources.forms:
            data = getattr(form, "cleaned_data", {})
            typed = any((form.data.get(form.add_prefix(name)) or "").strip() for name in ("title", "url"))
            if typed and not data.get("DELETE"):
                count += 1
        return count

    def add_rule_errors(self, errors: dict[str, list[str]]) -> None:
        """Errors from the rules or the service, where the editor will see them."""
        for field, messages in errors.items():
            if field == "sources":
                self.source_errors.extend(messages)
            elif field in self.fields:
                self.add_error(field, messages)
            else:
                self.add_error(None, messages)

    @property
    def sources_id(self) -> str:
        return f"{self.prefix}-sources"

    def error_summary(self) -> list[ErrorLink]:
        """Every problem in this form, in reading order, for the summary at its top."""
        links = [ErrorLink("", message, f"{self.prefix}-form") for message in self.non_field_errors()]
        for name in ("verdict", "rationale", "note", "version"):
            field = self[name]
            anchor = field.id_for_label if name != "version" else f"{self.prefix}-form"
            links.extend(ErrorLink(str(field.label), message, anchor) for message in field.errors)
        links.extend(ErrorLink(str(_("Sources")), message, self.sources_id) for message in self.source_errors)
        if self.sources.is_bound:
            links.extend(ErrorLink(str(_("Sources")), message, self.sources_id) for message in self.sources.non_form_errors())
            for number, form in enumerate(self.sources.forms, start=1):
                for name, messages in form.errors.items():
                    field = form[name] if name in form.fields else None
                    label = f"{_('Source')} {number}" + (f", {field.label}" if field else "")
                    anchor = field.id_for_label if field else self.sources_id
                    links.extend(ErrorLink(label, message, anchor) for message in messages)
        return links


class PublicationForm(forms.Form):
    """Publish the draft (or take the claim off public pages) from a version."""

    note = forms.CharField(
        label=_("Note for readers"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Optional: shown in the claim’s public corrections log."),
    )
    version = VersionField()

    def __init__(self, data=None, *, claim: Claim, action: str, **kwargs):
        super().__init__(
            data, prefix=f"{claim_prefix(claim)}-{action}", initial={"version": claim.version}, label_suffix="", **kwargs
        )
        self.claim = claim
        if action == "unpublish":
            self.fields["note"].label = _("Why it is withdrawn")
            self.fields["note"].help_text = _(
                "Shown to readers on the claim’s page, which stays and says the fact-check was withdrawn."
            )


class ClaimSummaryForm(forms.Form):
    """The claim's short summary for search engines, and the summary the
    editor started from (`seen`): a save never replaces one they have not seen."""

    summary = forms.CharField(
        label=_("Short summary"),
        required=False,
        max_length=SUMMARY_MAX_LENGTH,
        strip=True,
        help_text=Claim._meta.get_field("summary").help_text,
    )
    seen = forms.CharField(required=False, strip=True, widget=forms.HiddenInput)

    def __init__(self, data=None, *, claim: Claim, **kwargs):
        initial = {"summary": claim.summary, "seen": claim.summary}
        super().__init__(data, prefix=f"{claim_prefix(claim)}-summary", initial=initial, label_suffix="", **kwargs)
        self.claim = claim
        self.fields["summary"].error_messages["max_length"] = rules.summary_too_long()

    def clean(self):
        data = super().clean()
        if "seen" in self.errors:
            del self.errors["seen"]
            self.add_error(
                None, _("This form does not say which summary it replaces: reload the page, then save again.")
            )
        return data

    @property
    def max_length(self) -> int:
        return SUMMARY_MAX_LENGTH

    @property
    def quote_too_long(self) -> bool:
        """Whether search engines would cut the quote: then the desk asks for a summary."""
        return len(self.claim.quote) > SUMMARY_MAX_LENGTH


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(
        label=_("Assigned to"),
        required=False,
        error_messages={"invalid_choice": _("“%(value)s” is not an editor: choose one from the list.")},
    )

    def __init__(self, data=None, *, claim: Claim, editors: Sequence, **kwargs):
        initial = {"assignee": claim.assigned_to.get_username() if claim.assigned_to else ""}
        super().__init__(data, prefix=f"{claim_prefix(claim)}-assign", initial=initial, label_suffix="", **kwargs)
        self.claim = claim
        self.editors = {editor.get_username(): editor for editor in editors}
        self.fields["assignee"].choices = [("", _("Nobody")), *((name, display_name(u)) for name, u in self.editors.items())]

    def clean_assignee(self):
        name = self.cleaned_data["assignee"]
        return self.editors[name] if name else None


class QueueFilterForm(forms.Form):
    """The queue's filters, all query parameters so a view can be bookmarked.

    A value the form does not accept is reported next to its field and that
    filter is left out; the queue still shows."""

    # Short enough for the menu on a phone and in the desk's side bar (a chosen option shows whole).
    SORTS = [("changed", _("Latest change first")), ("article", _("As in the article"))]

    q = forms.CharField(label=_("Search claims"), required=False, max_length=200)
    verdict = forms.ChoiceField(label=_("Verdict"), required=False)
    published = forms.ChoiceField(
        label=_("Publication"),
        required=False,
        choices=[("", _("Published or not")), ("yes", _("Published")), ("no", _("Not published"))],
    )
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    timeline = forms.ChoiceField(label=_("Timeline"), required=False)
    article = forms.ChoiceField(label=_("Article"), required=False)
    changed_since = forms.DateField(
        label=_("Changed since"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORTS)

    def __init__(self, data, *, scale, timelines, articles, editors, **kwargs):
        super().__init__(data, label_suffix="", **kwargs)
        self.fields["verdict"].choices = [("", _("Any verdict")), *((v.slug, v.localized_label) for v in scale)]
        self.fields["timeline"].choices = [("", _("Any timeline")), *((t.slug, t.title) for t in timelines)]
        self.fields["article"].choices = [
            ("", _("Any article")),
            *((a.uid, f"{a.headline} ({a.outlet})") for a in articles),
        ]
        self.fields["assignee"].choices = [
            ("", _("Anyone or nobody")),
            ("me", _("Me")),
            ("nobody", _("Nobody")),
            *((u.get_username(), display_name(u)) for u in editors),
        ]

    def values(self) -> dict[str, object]:
        """The filters that are valid, by name; invalid ones are dropped."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value not in ("", None)}

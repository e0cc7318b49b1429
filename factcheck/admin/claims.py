"""The back office: claims, the verdict scale and the verdict history.

A claim's verification status (verdict, rationale, sources, publication)
changes only through `services`, exactly as in the editors' panel: the admin
form is read, checked against the desk's rules and the claim's version, and
handed to `claim_set_status` / `claim_publish` / `claim_unpublish`, so the
history and the version stay right. History rows are read-only everywhere.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from factcheck import rules, services
from factcheck.admin.base import ADMIN_MEDIA, BackOffice
from factcheck.models import NOTE_MAX_LENGTH, Claim, ClaimSource, Verdict, VerdictChange
from factcheck.permissions import display_name, editors
from factcheck.templatetags.factcheck_tags import verdict_badge


def _editors():
    return editors().order_by("username")


class ClaimAdminForm(forms.ModelForm):
    """The claim, with its status fields checked the way the panel checks them."""

    PUBLICATION = [
        ("keep", _("Leave as it is")),
        ("publish", _("Publish: readers see the verdict, rationale and sources saved here")),
        ("unpublish", _("Unpublish: take the claim off every public page")),
    ]

    note = forms.CharField(
        label=_("Note for the history"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_(
            "Optional: recorded with this change; a note on publishing or unpublishing shows on the claim’s public page."
        ),
    )
    publication = forms.ChoiceField(
        label=_("Publication"), choices=PUBLICATION, initial="keep", widget=forms.RadioSelect
    )
    # The version the editor opened (the model's own `version` is not editable).
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = ["quote", "summary", "article", "claimant", "event", "verdict", "rationale", "assigned_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            self.fields["assigned_to"].queryset = _editors()
        if "verdict" in self.fields:
            # A required menu starts with an empty choice (valid HTML); the
            # default verdict stays chosen, and choosing none is a field error.
            self.fields["verdict"].empty_label = "---------"
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
            # What the status was when the form was built, for the formset's check.
            self.instance._status_before = (self.instance.verdict_id, self.instance.rationale)

    def status_changed(self) -> bool:
        return not self.instance.pk or bool({"verdict", "rationale"} & set(self.changed_data))

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            version = data.get("expected_version")
            current = Claim.objects.select_related("changed_by").filter(pk=self.instance.pk).first()
            if version is None:
                raise ValidationError(_("This form does not say which version of the claim it edits: reload the page."))
            if current is not None and current.version != version:
                who = current.changed_by.get_username() if current.changed_by else _("the seed data")
                raise ValidationError(
                    _(
                        "Not saved: %(who)s changed this claim at %(when)s, after you opened it. "
                        "Open it again to see the current verdict, then re-apply your changes."
                    )
                    % {"who": who, "when": date_format(current.changed_at, "DATETIME_FORMAT")},
                    code="conflict",
                )
        # The rule's other half (a source) is checked by the sources formset.
        verdict, rationale = data.get("verdict"), data.get("rationale") or ""
        if verdict is not None and verdict.is_final and not rationale.strip() and self.status_changed():
            self.add_error("rationale", rules.final_verdict_needs_rationale())
        return data


class ClaimSourceFormSet(BaseInlineFormSet):
    """Sources under a claim: the desk's rule that a final verdict has one."""

    def kept(self) -> list[services.SourceInput]:
        sources = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not (data.get("title") or data.get("url")):
                continue
            sources.append(services.SourceInput(title=data.get("title") or data["url"], url=data.get("url") or ""))
        return sources

    def clean(self):
        super().clean()
        claim = self.instance
        verdict = claim.verdict if claim.verdict_id else None
        before = getattr(claim, "_status_before", None)
        changed = before is None or before != (claim.verdict_id, claim.rationale) or self.has_changed()
        if verdict is not None and verdict.is_final and changed and not self.kept():
            raise ValidationError(rules.final_verdict_needs_source())


class ClaimSourceInline(BackOffice, admin.StackedInline):
    # Stacked: each field has its own label (a table's fields have only the column headings).
    model = ClaimSource
    formset = ClaimSourceFormSet
    fields = ["title", "url"]
    extra = 1


class VerdictChangeInline(BackOffice, admin.TabularInline):
    model = VerdictChange
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_verdict", "to_verdict", "editor", "note"]
    readonly_fields = fields
    verbose_name_plural = _("history (read-only)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(BackOffice, admin.ModelAdmin):
    form = ClaimAdminForm
    # Five columns, so that the list fits beside the admin's two side bars at
    # 1280 px: the claimant stands under the quote, who changed it last under when.
    list_display = ["claim", "draft_verdict", "public_verdict", "assigned_to", "last_change"]
    list_filter = ["published", "verdict", "article", "assigned_to", "changed_at"]
    list_select_related = ["verdict", "published_verdict", "claimant", "assigned_to", "changed_by"]
    search_fields = ["quote", "summary", "rationale", "claimant__name", "article__headline"]
    autocomplete_fields = ["article", "claimant", "event"]
    readonly_fields = ["uid", "readers_see", "changed_at", "changed_by"]
    fieldsets = [
        (None, {"fields": ["quote", "summary", "article", "claimant", "event"]}),
        (
            _("Verification status (draft)"),
            {
                "fields": ["verdict", "rationale", "note"],
                "description": _(
                    "A final verdict needs a rationale and at least one source (below). "
                    "Readers see the status once it is published."
                ),
            },
        ),
        (_("Publication"), {"fields": ["readers_see", "publication"]}),
        (_("Desk"), {"fields": ["assigned_to", "uid", "changed_at", "changed_by"]}),
    ]
    inlines = [ClaimSourceInline, VerdictChangeInline]
    # The form's hidden expected_version stands at its top, outside the
    # fieldsets, which would give it a <label> for a hidden input.
    change_form_template = "admin/factcheck/claim/change_form.html"
    actions = ["publish_selected", "unpublish_selected", "set_in_review"]

    @property
    def media(self):
        return super().media + ADMIN_MEDIA

    def get_deleted_objects(self, objs, request):
        """A claim with a history cannot be deleted by anyone, superusers
        included: the history is kept for good. Say so (as what protects
        it), not that the account lacks a permission."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        history = str(VerdictChange._meta.verbose_name)
        if history in perms_needed:
            perms_needed = perms_needed - {history}
            protected = [*protected, _("its verdict history, which is kept for good: unpublish the claim instead, "
                                       "to take it off the public pages")]
        return deleted, counts, perms_needed, protected

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = _editors()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("claim"), ordering="quote")
    def claim(self, claim):
        if claim.claimant_id:
            return format_html('{}<span class="claim-list__claimant">{}</span>', str(claim), claim.claimant)
        return str(claim)

    @admin.display(description=_("Last change"), ordering="changed_at")
    def last_change(self, claim):
        if claim.changed_at is None:
            return "-"
        who = display_name(claim.changed_by) if claim.changed_by else _("seed data")
        return format_html(
            '<time datetime="{}">{}</time><span class="claim-list__by">{}</span>',
            localtime(claim.changed_at).isoformat(timespec="seconds"),  # HTML: at most 3 fractional digits
            date_format(localtime(claim.changed_at), "j M Y, H:i"),
            who,
        )

    @admin.display(description=_("draft verdict"), ordering="verdict__position")
    def draft_verdict(self, claim):
        return verdict_badge(claim.verdict)

    @admin.display(description=_("readers see"), ordering="published_verdict__position")
    def public_verdict(self, claim):
        return verdict_badge(claim.published_verdict) if claim.published else _("not published")

    @admin.display(description=_("readers see"))
    def readers_see(self, claim):
        if not claim.pk or not claim.published:
            return _("Not published")
        return format_html(
            '{} {} <a href="{}">{}</a>',
            verdict_badge(claim.published_verdict),
            _("since %(when)s") % {"when": date_format(claim.published_at, "DATE_FORMAT")} if claim.published_at else "",
            claim.get_absolute_url(),
            _("public page"),
        )

    # Writes: the descriptive fields are saved here; the status and the short
    # summary (of an existing claim) go through the services.

    DESCRIPTIVE_FIELDS = ["quote", "quote_start", "quote_end", "article", "claimant", "event", "assigned_to"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=self.DESCRIPTIVE_FIELDS)
        else:
            obj.verdict = Verdict.default()
            obj.rationale = ""
            obj.save()

    def save_formset(self, request, form, formset, change):
        if formset.model in (ClaimSource, VerdictChange):
            # Sources go through the service in save_related; history is never
            # written here. (The admin's change message reads these.)
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        claim = form.instance
        data = form.cleaned_data
        if change and "summary" in form.changed_data:
            # As on the desk: a history row, and a new stamp for readers' pages (ClaimReview).
            services.claim_set_summary(claim=claim, editor=request.user, summary=data["summary"], expected_summary=None)
        source_formset = next((f for f in formsets if f.model is ClaimSource), None)
        if source_formset is not None:
            sources = source_formset.kept()
        else:
            sources = [services.SourceInput(**s.as_dict()) for s in claim.sources.all()]
        version = data.get("expected_version") if change else None
        claim = services.claim_set_status(
            claim=claim,
            editor=request.user,
            expected_version=version,
            verdict=data["verdict"],
            rationale=data.get("rationale") or "",
            sources=sources,
            note=data.get("note") or "",
        )
        if data.get("publication") == "publish":
            services.claim_publish(claim=claim, editor=request.user, expected_version=claim.version, note=data.get("note") or "")
        elif data.get("publication") == "unpublish":
            services.claim_unpublish(claim=claim, editor=request.user, expected_version=claim.version, note=data.get("note") or "")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The form checks the version and the rules; should a change land in
        # between, the service refuses it and the whole save is rolled back.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.ClaimConflict as conflict:
            who = conflict.current.changed_by.get_username() if conflict.current.changed_by else _("the seed data")
            self.message_user(
                request,
                _("Nothing was saved: %(who)s changed this claim meanwhile. Here it is as it is now.") % {"who": who},
                messages.ERROR,
            )
        except ValidationError as error:
            self.message_user(request, _("Nothing was saved: %s") % " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    # Bulk actions, through the same services (no version check: the list holds none).

    @admin.action(description=_("Publish the drafts of the selected claims"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, lambda claim: services.claim_publish(claim=claim, editor=request.user), _("published"))

    @admin.action(description=_("Unpublish the selected claims"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, lambda claim: services.claim_unpublish(claim=claim, editor=request.user), _("unpublished"))

    @admin.action(description=_("Set the selected claims to In review"), permissions=["change"])
    def set_in_review(self, request, queryset):
        in_review = Verdict.objects.filter(slug="in-review").first()
        if in_review is None:
            self.message_user(request, _("The scale has no “In review” state (slug in-review)."), messages.ERROR)
            return

        def review(claim):
            return services.claim_set_status(
                claim=claim,
                editor=request.user,
                expected_version=None,
                verdict=in_review,
                rationale=claim.rationale,
                sources=[services.SourceInput(**s.as_dict()) for s in claim.sources.all()],
                note=str(_("Set to In review from the back office.")),
            )

        self._bulk(request, queryset, review, _("set to In review"))

    def _bulk(self, request, queryset, change, done_label):
        done, unchanged, refused = 0, 0, []
        for claim in queryset.select_related("verdict"):
            try:
                updated = change(claim)
            except ValidationError as error:
                refused.append(f"{claim}: {' '.join(error.messages)}")
                continue
            if updated.version != claim.version:
                done += 1
            else:
                unchanged += 1
        self.message_user(
            request,
            ngettext("%(n)d claim %(what)s.", "%(n)d claims %(what)s.", done) % {"n": done, "what": done_label}
            + (" " + ngettext("%(n)d was already so.", "%(n)d were already so.", unchanged) % {"n": unchanged} if unchanged else ""),
            messages.SUCCESS if done or not refused else messages.WARNING,
        )
        if refused:
            self.message_user(request, _("Not changed: %s") % " · ".join(refused), messages.ERROR)



class _ClaimInline(BackOffice, admin.TabularInline):
    """Claims listed under their article or event. Their verification status
    is shown, not edited, here: it changes in the claim's own page or the panel."""

    model = Claim
    extra = 0
    can_delete = False
    show_change_link = True
    readonly_fields = ["status"]
    autocomplete_fields = ["claimant"]

    # Listed once the article or event exists: not on its add page.
    @staticmethod
    def _adding(request: HttpRequest) -> bool:
        match = getattr(request, "resolver_match", None)
        return bool(match and (match.url_name or "").endswith("_add"))

    def has_view_permission(self, request, obj=None):
        return not self._adding(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return not self._adding(request) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._adding(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("verdict (draft / readers)"))
    def status(self, claim):
        if not claim.pk:
            return "—"
        public = verdict_badge(claim.published_verdict) if claim.published else _("not published")
        return format_html("{} / {}", verdict_badge(claim.verdict), public)


class ArticleClaimInline(_ClaimInline):
    fk_name = "article"
    fields = ["quote", "claimant", "event", "status"]
    autocomplete_fields = ["claimant", "event"]


class EventClaimInline(_ClaimInline):
    fk_name = "event"
    fields = ["quote", "article", "claimant", "status"]
    autocomplete_fields = ["claimant", "article"]

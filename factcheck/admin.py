from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Claim, ClaimSource, Verdict, VerdictChange
from .templatetags.factcheck_tags import verdict_badge


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["label", "badge", "label_es", "rating_value", "is_final", "is_default", "position"]
    list_editable = ["position"]
    search_fields = ["label", "label_es", "slug"]

    @admin.display(description=_("badge"))
    def badge(self, verdict):
        return verdict_badge(verdict)


class ClaimSourceInline(admin.TabularInline):
    model = ClaimSource
    extra = 1


class VerdictChangeInline(admin.TabularInline):
    model = VerdictChange
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_verdict", "to_verdict", "editor", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "draft_verdict", "public_verdict", "published", "article", "changed_at"]
    list_filter = ["published", "verdict", "article"]
    search_fields = ["quote", "rationale", "claimant__name"]
    autocomplete_fields = ["article", "claimant", "event", "assigned_to"]
    readonly_fields = ["uid", "version", "published_verdict", "published_at", "changed_at", "changed_by"]
    inlines = [ClaimSourceInline, VerdictChangeInline]

    @admin.display(description=_("draft verdict"), ordering="verdict__position")
    def draft_verdict(self, claim):
        return verdict_badge(claim.verdict)

    @admin.display(description=_("published verdict"))
    def public_verdict(self, claim):
        return verdict_badge(claim.published_verdict) if claim.published else "—"


@admin.register(VerdictChange)
class VerdictChangeAdmin(admin.ModelAdmin):
    """The verdict history, read-only: rows are only ever added, by the services."""

    list_display = ["created_at", "claim", "action", "from_verdict", "to_verdict", "editor"]
    list_filter = ["action", "to_verdict"]
    search_fields = ["claim__quote", "note"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""The verdict history in the back office: read-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from factcheck.admin.base import ADMIN_MEDIA, BackOffice
from factcheck.models import VerdictChange
from factcheck.templatetags.factcheck_tags import verdict_badge


@admin.register(VerdictChange)
class VerdictChangeAdmin(BackOffice, admin.ModelAdmin):
    """The verdict history, read-only: rows are only ever added, by the services."""

    list_display = ["created_at", "claim_link", "action", "from_badge", "to_badge", "editor", "note"]
    list_filter = ["action", "to_verdict", "editor"]
    list_select_related = ["claim", "from_verdict", "to_verdict", "editor"]
    search_fields = ["claim__quote", "note"]
    date_hierarchy = "created_at"

    @property
    def media(self):
        return super().media + ADMIN_MEDIA

    @admin.display(description=_("claim"))
    def claim_link(self, change):
        return format_html('<a href="{}">{}</a>', reverse("admin:factcheck_claim_change", args=[change.claim_id]), change.claim)

    @admin.display(description=_("from"))
    def from_badge(self, change):
        return verdict_badge(change.from_verdict) or "—"

    @admin.display(description=_("to"))
    def to_badge(self, change):
        return verdict_badge(change.to_verdict) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


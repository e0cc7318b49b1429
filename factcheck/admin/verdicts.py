"""The verdict scale in the back office."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from factcheck.admin.base import ADMIN_MEDIA, BackOffice
from factcheck.models import Verdict
from factcheck.templatetags.factcheck_tags import verdict_badge


@admin.register(Verdict)
class VerdictAdmin(BackOffice, admin.ModelAdmin):
    list_display = ["label", "badge", "label_es", "rating_value", "is_final", "is_default", "position"]
    list_editable = ["position"]
    search_fields = ["label", "label_es", "slug"]

    @property
    def media(self):
        return super().media + ADMIN_MEDIA

    @admin.display(description=_("badge"))
    def badge(self, verdict):
        return verdict_badge(verdict)

"""Articles, events, actors and timelines in the back office."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from factcheck.admin.base import ADMIN_MEDIA, BackOffice
from factcheck.admin.claims import ArticleClaimInline, EventClaimInline
from timeline.dates import precision_ordering
from timeline.forms import EventForm
from timeline.models import Actor, Article, Event, EventSource, Timeline, TimelineEntry


class WithBackOfficeMedia:
    """The back office's styles and repairs (ADMIN_MEDIA) on these pages too:
    among them, change lists that fit beside the admin's side bars."""

    @property
    def media(self):
        return super().media + ADMIN_MEDIA


@admin.register(Actor)
class ActorAdmin(WithBackOfficeMedia, BackOffice, admin.ModelAdmin):
    list_display = ["name", "kind", "description"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]


@admin.register(Article)
class ArticleAdmin(WithBackOfficeMedia, BackOffice, admin.ModelAdmin):
    list_display = ["headline", "outlet", "published_on", "published_estimated", "language"]
    list_filter = ["outlet", "language", "published_estimated"]
    search_fields = ["headline", "outlet", "byline", "url"]
    date_hierarchy = "published_on"
    readonly_fields = ["uid"]
    inlines = [ArticleClaimInline]


class EventSourceInline(BackOffice, admin.TabularInline):
    model = EventSource
    extra = 1


class TimelineEntryInline(BackOffice, admin.TabularInline):
    model = TimelineEntry
    extra = 1
    autocomplete_fields = ["event"]
    verbose_name = _("event on this timeline")
    verbose_name_plural = _("events on this timeline")


@admin.register(Event)
class EventAdmin(WithBackOfficeMedia, BackOffice, admin.ModelAdmin):
    form = EventForm
    list_display = ["title", "display_when", "date_precision", "published"]
    list_filter = ["published", "date_precision", "timelines"]
    search_fields = ["title", "summary", "location", "actors__name"]
    autocomplete_fields = ["actors", "article"]
    inlines = [EventSourceInline, EventClaimInline]
    ordering = ["date", precision_ordering()]

    @admin.display(description=_("date"), ordering="date")
    def display_when(self, event):
        return event.when.display()


@admin.register(Timeline)
class TimelineAdmin(WithBackOfficeMedia, BackOffice, admin.ModelAdmin):
    list_display = ["title", "slug", "published", "featured", "content_version"]
    list_filter = ["published", "featured"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TimelineEntryInline]

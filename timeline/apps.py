from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Timelines")

    def ready(self):
        # Changes readers can see bump the timelines' version stamp.
        from django.db.backends.signals import connection_created

        from timeline import signals  # noqa: F401
        from timeline.search import register_sqlite_functions

        # SQLite searches through `search_fold` (timeline/search.py).
        connection_created.connect(register_sqlite_functions, dispatch_uid="timeline-search-fold")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Timelines")

    def ready(self):
        # Changes readers can see bump the timelines' version stamp.
        from timeline import signals  # noqa: F401

from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project's plumbing: no models, only its system checks."""

    name = "factcheck.project"
    label = "project"

    def ready(self):
        from factcheck.project import checks  # noqa: F401

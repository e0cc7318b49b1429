"""System checks for a production set-up (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    if settings.SITE_URL:
        return []
    return [
        Warning(
            "SITE_URL is not set: absolute URLs in public, cacheable responses follow the request's Host header.",
            hint="Set SITE_URL to the site's address, such as https://facts.example.org.",
            id="project.W001",
        )
    ]

"""Forget every shared response a test or benchmark could be served again:
the shared cache (Redis or local memory), this process's near cache in front
of it, and the remembered version stamps."""

from django.core.cache import cache

from factcheck.web.near_cache import responses
from timeline.stamps import forget_stamps


def forget_shared_responses() -> None:
    forget_stamps()
    cache.clear()
    responses.clear()

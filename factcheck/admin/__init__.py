"""The back office (Django admin) for every model, the timeline app's included.

Each module registers one part: `claims` (claims, their sources and their
verification status, changed only through the services), `verdicts` (the
scale), `history` (the verdict history, read-only), `events` (articles,
events, actors, timelines) and `accounts` (Django's users and groups and
django-axes' sign-in records, with the checks every list here has). `base`
holds what every page here shares.
"""

from factcheck.admin import accounts, claims, events, history, verdicts  # noqa: F401  (registers the models)

"""The back office (Django admin) for every model, the timeline app's included.

Each module registers one part: `claims` (claims, their sources and their
verification status, changed only through the services), `verdicts` (the
scale), `history` (the verdict history, read-only) and `events` (articles,
events, actors, timelines). `base` holds what every page here shares.
"""

from factcheck.admin import claims, events, history, verdicts  # noqa: F401  (registers the models)

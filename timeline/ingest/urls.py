"""/editor/ingest/: from a pasted article to reviewed events and claims.
Included by factcheck/urls.py at editor/ingest/, before any other editor/ route."""

from django.urls import path, re_path

from timeline.ingest import views as ingest_views

app_name = "ingest"

urlpatterns = [
    path("", ingest_views.ingest, name="start"),
    path("<slug:draft_id>/", ingest_views.review, name="review"),
    re_path(r"(?P<draft_id>[-\w]+)/(?P<kind>event|claim)/$", ingest_views.proposal_list, name="list"),
    re_path(r"^(?P<draft_id>[-\w]+)/(?P<kind>event|claim)/bulk/$", ingest_views.bulk, name="bulk"),
    re_path(r"(?P<draft_id>[-\w]+)/(?P<kind>event|claim)/(?P<index>\d+)/$", ingest_views.proposal, name="proposal"),
    re_path(
        r"^(?P<draft_id>[-\w]+)/(?P<kind>event|claim)/(?P<index>\d+)/(?P<action>accept|reject|restore)/$",
        ingest_views.decide,
        name="decide",
    ),
]

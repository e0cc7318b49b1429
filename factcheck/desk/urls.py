"""The editors' panel, at /editor/ (login and editor rights required)."""

from django.urls import path

from factcheck.desk import events, summary, views

app_name = "editor"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("claims/<int:pk>/status/", views.claim_status, name="claim_status"),
    path("claims/<int:pk>/publish/", views.claim_publish, name="claim_publish"),
    path("claims/<int:pk>/unpublish/", views.claim_unpublish, name="claim_unpublish"),
    path("claims/<int:pk>/assign/", views.claim_assign, name="claim_assign"),
    path("claims/<int:pk>/event/", events.claim_event_dates, name="claim_event_dates"),
    path("claims/<int:pk>/summary/", summary.claim_summary, name="claim_summary"),
]

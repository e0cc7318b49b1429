from django.urls import path

from timeline.reader import views

app_name = "timeline"

urlpatterns = [
    path("timelines/", views.timeline_list, name="list"),
    path("timelines/<slug:slug>/", views.timeline_detail, name="detail"),
    path("dates/preview/", views.date_preview, name="date_preview"),
]

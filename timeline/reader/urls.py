from django.urls import path

from timeline.reader import views

app_name = "timeline"

urlpatterns = [
    path("timelines/", views.timeline_list, name="list"),
    path("timelines/<slug:slug>/", views.timeline_detail, name="detail"),
    path("timelines/<slug:slug>/card.png", views.timeline_card, name="card"),
    path("dates/preview/", views.date_preview, name="date_preview"),
]

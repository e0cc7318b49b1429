"""Public addresses other sites use (docs/embedding.md): keep them stable."""

from django.urls import path

from timeline.embeds import views as embed_views

app_name = "embed"

urlpatterns = [
    path("embed/timelines/<slug:slug>/", embed_views.embed_timeline, name="timeline"),
    path("embed/timelines/<slug:slug>/code/", embed_views.embed_code, name="code"),
    path("embed/timelines/<slug:slug>/code/panel/", embed_views.embed_code_panel, name="code_panel"),
    path("embed.js", embed_views.embed_loader, name="loader"),
    path("oembed/", embed_views.oembed, name="oembed"),
    path("api/timelines/<slug:slug>.json", embed_views.api_timeline, name="api_timeline"),
]

from django.contrib import admin
from django.urls import include, path

from timeline import views as timeline_views

from . import views
from .feeds import VerdictChangesFeed

urlpatterns = [
    path("", timeline_views.home, name="home"),
    path("", include("timeline.urls")),
    path("", include("timeline.embed_urls")),
    path("feeds/verdicts/", VerdictChangesFeed.as_view(), name="verdict_feed"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

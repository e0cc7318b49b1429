from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from factcheck.project import health
from factcheck.reader import views
from factcheck.reader.feeds import VerdictChangesFeed, timeline_feed
from timeline.reader import views as timeline_views

urlpatterns = [
    # Before any other editor/ route.
    path("editor/ingest/", include("timeline.ingest.urls")),
    path("", timeline_views.home, name="home"),
    path("", include("timeline.reader.urls")),
    path("", include("timeline.embeds.urls")),
    path("feeds/verdicts/", VerdictChangesFeed.as_view(), name="verdict_feed"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    # Share cards (Open Graph images) and one timeline's feed (docs/embedding.md).
    path("claims/<int:pk>/card.png", views.claim_card, name="claim_card"),
    path("timelines/<slug:slug>/feed/", timeline_feed, name="timeline_feed"),
    path("healthz", health.healthz, name="healthz"),
    path("editor/", include("factcheck.desk.urls")),
    # Sign in and out, and change one's own password. No reset by e-mail: the
    # site sends no mail; an administrator sets a new password (docs/security.md).
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # The language switch is in every page's header. Without a CSRF token the
    # public pages carry no cookie and stay shareable by caches; the worst a
    # forged request can do is change someone's interface language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

# A paste over the upload limit gets a page that says what the limit is.
handler400 = "factcheck.project.errors.bad_request"

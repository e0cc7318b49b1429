"""Accounts and sign-in records in the back office: Django's own admins for
users and groups, and django-axes' for sign-in attempts, registered again
with the back office's checks (`BackOffice`), so that their change lists
answer a query string they do not offer the way every list here does."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from factcheck.admin.base import BackOffice


class UserAdmin(BackOffice, auth_admin.UserAdmin):
    pass


class GroupAdmin(BackOffice, auth_admin.GroupAdmin):
    pass


class AccessAttemptAdmin(BackOffice, axes_admin.AccessAttemptAdmin):
    pass


class AccessLogAdmin(BackOffice, axes_admin.AccessLogAdmin):
    pass


class AccessFailureLogAdmin(BackOffice, axes_admin.AccessFailureLogAdmin):
    pass


# Importing the modules above registered their admins (axes' only when
# AXES_ENABLE_ADMIN is on): each is replaced, none added.
for model, model_admin in [
    (get_user_model(), UserAdmin),
    (Group, GroupAdmin),
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, model_admin)

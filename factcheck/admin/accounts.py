"""Accounts and sign-in records in the back office: Django's own admins for
users and groups, and django-axes' for sign-in attempts, registered again
with the back office's checks (`BackOffice`), so that their change lists
answer a query string they do not offer the way every list here does."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from factcheck.admin.base import BackOffice


class PasswordChangeForm(auth_forms.AdminPasswordChangeForm):
    # Django's warning is a list inside the help text's paragraph (invalid
    # HTML: a <ul> cannot stand in a <p>); the same words, inline.
    usable_password_help_text = format_lazy(
        '{} <strong id="id_unusable_warning" class="warning">{}</strong>',
        auth_forms.SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


class ReadOnlyPassword(auth_forms.ReadOnlyPasswordHashWidget):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # A <div> that describes the password is no form control: no `disabled`.
        context["widget"]["attrs"].pop("disabled", None)
        return context


class UserChangeForm(auth_forms.UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].widget = ReadOnlyPassword()


class UserAdmin(BackOffice, auth_admin.UserAdmin):
    form = UserChangeForm
    change_password_form = PasswordChangeForm


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

"""The back office's shared ground: what every admin page here refuses or adds."""

from django import forms
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db import DEFAULT_DB_ALIAS
from django.db.models.constants import LOOKUP_SEP
from django.utils.text import smart_split
from django.utils.translation import gettext_lazy as _

from timeline.forms import fits_key

# The verdict badges (verdict.css, as on the public pages), then the back
# office's own additions.
ADMIN_MEDIA = forms.Media(css={"all": ["css/verdict.css", "css/admin.css"]})


# --- bad input in the back office ---------------------------------------------


class _KnownIdsOnly:
    """Django's autocomplete widgets look up the submitted ids to show them
    again with the form's errors; an id that is not one ("x", or a number
    past the column's range) made that lookup raise. Show only the ids the
    key can hold (the form already says the value is not a valid choice)."""

    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field
        key = target.model._meta.get_field(getattr(target, "field_name", None) or target.model._meta.pk.name)
        using = self.db or DEFAULT_DB_ALIAS
        return super().optgroups(name, [item for item in value if fits_key(key, item, using)], attr)


class SafeAutocompleteSelect(_KnownIdsOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_KnownIdsOnly, AutocompleteSelectMultiple):
    pass


class BackOffice:
    """For every ModelAdmin and inline here: bad input in a form or a change
    list is answered by the admin's own errors, never a server error.

    - autocomplete fields re-show a form holding a bad id (see `_KnownIdsOnly`);
    - change lists refuse regular-expression lookups (`?quote__regex=(`): the
      admin lets staff filter on any field, and a pattern the database cannot
      compile failed when the list was read, not when the filter was checked;
    - a bulk action on a selection that names no row ("", "x") changes nothing
      and says so, where Django's own failed building the query;
    - a search reads its first MAX_SEARCH_TERMS words of its first
      MAX_SEARCH_LENGTH characters: each word adds a condition per search
      field, and a pasted paragraph made a query too deep for the database
      (SQLite's limit is 1,000), a pasted page a pattern too long for its LIKE."""

    REFUSED_LOOKUPS = {"regex", "iregex"}
    MAX_SEARCH_TERMS = 20
    MAX_SEARCH_LENGTH = 500

    def get_search_results(self, request, queryset, search_term):
        search_term = search_term[: self.MAX_SEARCH_LENGTH]
        terms = list(smart_split(search_term))
        if len(terms) > self.MAX_SEARCH_TERMS:
            search_term = " ".join(terms[: self.MAX_SEARCH_TERMS])
        return super().get_search_results(request, queryset, search_term)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def response_action(self, request, queryset):
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
        if not all(fits_key(self.model._meta.pk, pk) for pk in selected):
            message = _("Nothing was changed: the selection names no item of this list.")
            self.message_user(request, message, messages.WARNING)
            return None
        return super().response_action(request, queryset)

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split(LOOKUP_SEP)[-1] in self.REFUSED_LOOKUPS:
            return False
        return super().lookup_allowed(lookup, value, request)


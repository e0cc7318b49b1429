"""The back office's shared ground: what every admin page here refuses or adds."""

import calendar
import re
from datetime import UTC, datetime, timedelta
from functools import cache

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, ORDER_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db import DEFAULT_DB_ALIAS
from django.utils.text import smart_split
from django.utils.timezone import make_aware
from django.utils.translation import gettext_lazy as _

from timeline.forms import fits_key

# The verdict badges (verdict.css, as on the public pages), then the back
# office's own additions.
ADMIN_MEDIA = forms.Media(css={"all": ["css/verdict.css", "css/admin.css"]}, js=["js/admin.js"])


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
    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        # Select2 names its box after what it shows: with nothing chosen, a
        # placeholder, not an empty box without a name.
        attrs["data-placeholder"] = _("None")
        return attrs

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value == "" and not label:
            # Valid HTML: an empty <option> needs a label (select2 shows its
            # placeholder instead, as before).
            option["attrs"]["label"] = "—"
        return option


class SafeAutocompleteSelectMultiple(_KnownIdsOnly, AutocompleteSelectMultiple):
    pass


_ORDER_PART = re.compile(r"-?[0-9]+")


class OfferedQueryOnly:
    """A change list that reads only the query string its own page makes.

    Django's change list hands any parameter it does not know to the
    database as a lookup (`?date__year=-1`, `?quote__regex=(`,
    `?pk__range=1`): one the database cannot run failed when the list was
    read, a server error. Here, before any query:

    - a NUL anywhere (PostgreSQL refuses it in any text);
    - a lookup that none of the list's filters takes (each filter takes
      the parameters of its own links: `published__exact`, `changed_at__gte`...);
    - a date drill-down that is not one: the year without the month and
      day before it, or a day that is not in the calendar (years 1 to 9999);
    - an ordering (`o`) naming a column the list does not have

    are the admin's "incorrect parameters" answer: a redirect to the bare
    list with `?e=1`. The values the filters take are still checked by them
    (`?published__exact=yes` is refused the same way)."""

    def get_filters(self, request):
        self._check_query_string(request)
        specs, has_filters, remaining, may_have_duplicates, has_active = super().get_filters(request)
        # What was sent and is left over was taken by no filter, no drill-down.
        unknown = sorted(set(self.get_filters_params()) & set(remaining))
        if unknown:
            raise IncorrectLookupParameters(f"No filter of this list takes {', '.join(unknown)}.")
        return specs, has_filters, remaining, may_have_duplicates, has_active

    def _check_query_string(self, request):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise IncorrectLookupParameters("A NUL character in the query string.")
        for part in filter(None, (self.params.get(ORDER_VAR) or "").split(".")):
            if not _ORDER_PART.fullmatch(part) or int(part.lstrip("-")) >= len(self.list_display):
                raise IncorrectLookupParameters(f"No column {part!r} to order by.")
        if self.date_hierarchy:
            drill_down_range(*(self.params.get(f"{self.date_hierarchy}__{part}") for part in ("year", "month", "day")))


def drill_down_range(year: str | None, month: str | None, day: str | None) -> tuple[datetime, datetime] | None:
    """The span a date drill-down (`?published_on__year=2024&…__month=2`)
    picks, as the change list computes it; IncorrectLookupParameters for
    one its links never make: a part without the one before it, a number
    out of the calendar, or a span past the last day datetime holds."""
    parts = [year, month, day]
    given = [part is not None for part in parts]
    if given != sorted(given, reverse=True):
        raise IncorrectLookupParameters("A date drill-down part without the one before it.")
    if year is None:
        return None
    if not all(part.isascii() and part.isdigit() and len(part) <= 4 for part in parts if part is not None):
        raise IncorrectLookupParameters("A date drill-down part that is not a year, month or day number.")
    y, m, d = int(year), int(month or 1), int(day or 1)
    if not (1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]):
        raise IncorrectLookupParameters("A date drill-down outside the calendar.")
    start = datetime(y, m, d)
    try:
        if day is not None:
            end = start + timedelta(days=1)
        elif month is not None:
            end = (start + timedelta(days=32)).replace(day=1)
        else:
            end = start.replace(year=y + 1)
        if settings.USE_TZ:
            # The database holds UTC: the span must still be a datetime there.
            start, end = (make_aware(moment).astimezone(UTC) for moment in (start, end))
    except (OverflowError, ValueError) as error:
        raise IncorrectLookupParameters("A date drill-down past the last day a date can hold.") from error
    return start, end


@cache
def _offered_query_only(change_list: type[ChangeList]) -> type[ChangeList]:
    if issubclass(change_list, OfferedQueryOnly):
        return change_list
    return type(change_list.__name__, (OfferedQueryOnly, change_list), {"__module__": __name__})


class BackOffice:
    """For every ModelAdmin and inline here: bad input in a form or a change
    list is answered by the admin's own errors, never a server error.

    - autocomplete fields re-show a form holding a bad id (see `_KnownIdsOnly`);
    - a change list reads only the filters, drill-down and ordering it
      offers (see `OfferedQueryOnly`), whatever ChangeList the admin uses,
      and says so when it shows itself whole instead;
    - a bulk action on a selection that names no row ("", "x") changes nothing
      and says so, where Django's own failed building the query;
    - a search reads its first MAX_SEARCH_TERMS words of its first
      MAX_SEARCH_LENGTH characters, NULs left out: each word adds a condition per search
      field, and a pasted paragraph made a query too deep for the database
      (SQLite's limit is 1,000), a pasted page a pattern too long for its LIKE."""

    MAX_SEARCH_TERMS = 20
    MAX_SEARCH_LENGTH = 500

    def get_changelist(self, request, **kwargs):
        return _offered_query_only(super().get_changelist(request, **kwargs))

    def get_changelist_instance(self, request):
        # The admin answers a list it cannot show as asked with the bare
        # list (`?e=1`); say why there.
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters:
            if ERROR_FLAG not in request.GET:
                message = _("The whole list is shown: the address asked for a filter, date or order it does not offer.")
                self.message_user(request, message, messages.WARNING)
            raise

    def get_search_results(self, request, queryset, search_term):
        # No text holds a NUL (PostgreSQL refuses one in a pattern): the
        # autocomplete fields' search comes here without the list's checks.
        search_term = search_term.replace("\x00", "")[: self.MAX_SEARCH_LENGTH]
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

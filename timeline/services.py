"""Writes to events that check who is writing and what they saw.

The back office saves events through Django's admin; the desk changes an
event's dates in place from a claim's page, through `event_set_dates`, in
one transaction that locks the event's row and refuses to write over a
change the editor has not seen."""

from __future__ import annotations

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from timeline.dates import FuzzyDate
from timeline.models import Event

CHANGE_EVENT = "timeline.change_event"


class EventChanged(Exception):
    """Someone saved the event after this editor opened it: `current` is
    the event as it stands now."""

    def __init__(self, current: Event) -> None:
        super().__init__(current.pk)
        self.current = current


@transaction.atomic
def event_set_dates(
    *,
    event: Event,
    editor: AbstractBaseUser,
    when: FuzzyDate,
    until: FuzzyDate | None,
    seen: datetime.datetime | None,
) -> Event:
    """Give `event` the dates `when` (and `until`, or none) as `editor`.

    `seen` is the event's `updated_at` as the editor's form showed it: when
    the event has been saved since, nothing is written and `EventChanged`
    says what it holds now. A model rule the dates break (an end before the
    start, a day the precision does not allow) is a ValidationError; the
    same dates again write nothing."""
    if not (editor.is_active and editor.has_perm(CHANGE_EVENT)):
        raise PermissionDenied("Changing an event's dates needs the permission to change events.")
    current = Event.objects.select_for_update().get(pk=event.pk)
    if seen is not None and current.updated_at != seen:
        raise EventChanged(current)
    dates = (when.date, when.precision, until.date if until else None, until.precision if until else "")
    if dates == (current.date, current.date_precision, current.end_date, current.end_date_precision):
        return current
    current.date, current.date_precision, current.end_date, current.end_date_precision = dates
    if errors := current.date_errors():
        raise ValidationError(errors)
    current.save(update_fields=["date", "date_precision", "end_date", "end_date_precision", "updated_at"])
    return current

"""Whole-newsroom backup and restore, inside the app.

`newsroom_export` writes every article, actor, event, timeline, claim, source,
the verdict scale and the verdict history as one JSON document, with primary
keys kept, so that export → import into an empty database → export gives the
same bytes. Editors named in the history travel as accounts without
passwords (they set a new one after a restore); no password hash leaves the
database.

It complements `pg_dump` (docs/deployment.md, "Backups"): this file is portable between
SQLite and PostgreSQL and readable by people.
"""

from __future__ import annotations

import datetime
import json
from typing import IO

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from factcheck.models import Claim, ClaimSource, Verdict, VerdictChange
from timeline.models import Actor, Article, Event, EventSource, Timeline, TimelineEntry

FORMAT = "claim-timeline-newsroom"
FORMAT_VERSION = 1
USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active")

# In dependency order: every row's foreign keys point at rows listed before it.
CONTENT_MODELS = [Verdict, Actor, Article, Event, EventSource, Timeline, TimelineEntry, Claim, ClaimSource,
                  VerdictChange]


class NewsroomImportError(Exception):
    pass


def _users_to_export():
    User = get_user_model()
    referenced = set()
    for model, fields in ((Claim, ("assigned_to", "changed_by")), (VerdictChange, ("editor",))):
        for field in fields:
            referenced.update(model.objects.exclude(**{f"{field}__isnull": True}).values_list(field, flat=True))
    return User.objects.filter(pk__in=referenced).order_by("pk")


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond. Django's encoder keeps milliseconds, so a
    time whose microseconds are under 1,000 came back without its ".000"
    and an export of the import was not the export."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _serialize(queryset, **options) -> list[dict]:
    return json.loads(serializers.serialize("json", queryset, cls=_ExactJSONEncoder, **options))


def newsroom_export(*, stream: IO[str]) -> dict[str, int]:
    """Write the newsroom to `stream`; returns the number of rows per model."""
    # Accounts are named by username, not id, so a restore never collides
    # with the ids of accounts the new database already has.
    users = _users_to_export()
    records = _serialize(users, fields=USER_FIELDS, use_natural_primary_keys=True)
    counts = {"users": len(records)}
    for model in CONTENT_MODELS:
        rows = _serialize(model.objects.order_by("pk"), use_natural_foreign_keys=True)
        counts[model._meta.label] = len(rows)
        records.extend(rows)
    json.dump({"format": FORMAT, "version": FORMAT_VERSION, "records": records}, stream, indent=1,
              ensure_ascii=False, sort_keys=True)
    stream.write("\n")
    return counts


def _check_empty() -> None:
    filled = [m._meta.verbose_name_plural for m in CONTENT_MODELS if m is not Verdict and m.objects.exists()]
    if filled:
        raise NewsroomImportError(
            f"The database already holds {', '.join(map(str, filled))}: import only into an empty database "
            "(run `migrate` on a new one)."
        )


@transaction.atomic
def newsroom_import(*, stream: IO[str]) -> dict[str, int]:
    """Restore an export into an empty database, in one transaction.

    The default verdict scale that `migrate` creates is replaced by the
    exported one. Raises NewsroomImportError, changing nothing, on a file of
    the wrong shape or a database that already has content."""
    try:
        document = json.load(stream)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise NewsroomImportError(f"Not a JSON file: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise NewsroomImportError(f"Not a newsroom export (expected format “{FORMAT}”).")
    if document.get("version") != FORMAT_VERSION:
        raise NewsroomImportError(f"Unsupported export version {document.get('version')!r}.")
    records = document.get("records")
    if not isinstance(records, list):
        raise NewsroomImportError("The export has no list of records.")

    _check_empty()
    Verdict.objects.all().delete()

    User = get_user_model()
    counts: dict[str, int] = {}
    try:
        for item in serializers.deserialize("json", json.dumps(records)):
            obj = item.object
            if isinstance(obj, User):
                if obj.pk is not None:
                    # An account of that name exists here: keep it as it is.
                    counts["users"] = counts.get("users", 0) + 1
                    continue
                obj.set_unusable_password()
            item.save()
            label = "users" if isinstance(obj, User) else obj._meta.label
            counts[label] = counts.get(label, 0) + 1
    except NewsroomImportError:
        raise
    except Exception as error:  # the deserializer raises many kinds; all mean a bad file
        raise NewsroomImportError(f"Could not restore the export: {error}") from None

    _reset_sequences(CONTENT_MODELS)
    return counts


def _reset_sequences(models) -> None:
    """After inserting explicit primary keys, point PostgreSQL's sequences past them."""
    connection = connections[DEFAULT_DB_ALIAS]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

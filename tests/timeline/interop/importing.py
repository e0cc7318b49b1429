"""What the import tests share: running `import_timeline` on a file, the
API's export of a timeline, and an empty install to import into."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from factcheck.models import Claim, ClaimSource, VerdictChange
from timeline.models import Actor, Article, Event, Timeline

CSV_HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
)


def run(path, *args) -> str:
    out = io.StringIO()
    call_command("import_timeline", str(path), *args, stdout=out)
    return out.getvalue()


def export(client, slug: str) -> bytes:
    """The TimelineJS API's answer, whole or streamed in parts (a long timeline)."""
    response = client.get(f"/api/timelines/{slug}.json")
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def wipe() -> None:
    """An empty install (the verdict scale stays)."""
    VerdictChange.objects.all()._raw_delete(VerdictChange.objects.db)
    ClaimSource.objects.all().delete()
    Claim.objects.all().delete()
    Timeline.objects.all().delete()
    Event.objects.all().delete()
    Article.objects.all().delete()
    Actor.objects.all().delete()


def errors_of(tmp_path, name: str, content: str | bytes, *args) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(path, *args)
    return str(error.value)

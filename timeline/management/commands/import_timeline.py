"""`manage.py import_timeline FILE`: a TimelineJS JSON file, or the TimelineJS
spreadsheet template as CSV, read (`timeline.interop.reading`, `sheets`) and
written (`timeline.interop.services`) all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from timeline.interop.imported import TimelineFormatError
from timeline.interop.reading import parse_json
from timeline.interop.services import timeline_import
from timeline.interop.sheets import parse_csv

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ERRORS_SHOWN = 25


class Command(BaseCommand):
    help = (
        "Import a TimelineJS timeline: its JSON, or the TimelineJS spreadsheet template exported as CSV. "
        "Events are matched by unique_id and updated; dates keep their precision. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A .json or .csv file.")
        parser.add_argument("--slug", help="The timeline to import into (default: from the file, else its title).")
        parser.add_argument("--title", default="", help="Title of a new timeline when the file has no title slide.")
        parser.add_argument("--format", choices=["json", "csv"], help="Default: from the file name's extension.")
        parser.add_argument("--language", choices=[code for code, _ in settings.LANGUAGES], default="")
        parser.add_argument("--publish", action="store_true", help="Publish the timeline (new ones start unpublished).")
        parser.add_argument(
            "--drop-times", action="store_true", help="Keep events whose dates carry a time of day, at day precision."
        )

    def handle(self, *args, file: Path, slug, title, format, language, publish, drop_times, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        if file.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"{file}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; import it in parts.")
        kind = format or file.suffix.lower().lstrip(".")
        if kind not in ("json", "csv"):
            raise CommandError(f"{file}: say --format json or --format csv (the name ends in “{file.suffix}”).")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text (byte {error.start}); save it as UTF-8.") from None
        try:
            imported = (parse_json if kind == "json" else parse_csv)(text, drop_times=drop_times)
        except TimelineFormatError as error:
            raise CommandError(self._errors(file, error.errors)) from None

        slug = slug or imported.slug_hint or slugify(title or imported.title)[:100] or slugify(file.stem)[:100]
        if not slug:
            raise CommandError(f"{file}: cannot make a slug from the file; pass --slug.")
        try:
            report = timeline_import(imported=imported, slug=slug, title=title, publish=publish, language=language)
        except TimelineFormatError as error:  # what only the database shows (a name too long)
            raise CommandError(self._errors(file, error.errors)) from None

        timeline = report.timeline
        state = "published" if timeline.published else "not published (use --publish, or publish it in the admin)"
        self.stdout.write(
            f"{file.name}: timeline “{timeline.title}” ({timeline.slug}, {'created' if report.timeline_created else 'updated'}, {state}): "
            f"{report.created} events created, {report.updated} updated"
            + (f", {report.left_alone} other events on the timeline left as they are" if report.left_alone else "")
            + "."
        )
        for note, count in sorted(report.notes.items()):
            self.stdout.write(f"  note: {count} × {note}")

    def _errors(self, file: Path, errors: list[str]) -> str:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = len(errors) - len(shown)
        lines = [f"{file}: nothing was imported:"] + [f"  {error}" for error in shown]
        if more:
            lines.append(f"  … and {more} more.")
        return "\n".join(lines)

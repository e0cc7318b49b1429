"""`python manage.py extract_dates FILE --published YYYY-MM-DD [--language en|es] --json`

Prints every date mention of the text with its span, the first day of the
period it names and its precision. FILE may be "-" for standard input. The
JSON output is a stable contract: a list of
{"start", "end", "text", "date", "precision"}.
"""

import datetime
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.ingest.extraction import LANGUAGES, MAX_TEXT_CHARS, ExtractionError, check_published, extract_dates

# UTF-8 takes at most 4 bytes a character: read no more than the limit needs.
_MAX_BYTES = MAX_TEXT_CHARS * 4


class Command(BaseCommand):
    help = "Find the date mentions in a text, resolved against its publication date."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", help='The text file (UTF-8), or "-" for standard input.')
        parser.add_argument("--published", required=True, help="Publication date, YYYY-MM-DD.")
        parser.add_argument("--language", default="en", help=f"Language of the text: {', '.join(LANGUAGES)}.")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of one line per mention.")

    def handle(self, *args, file, published, language, json: bool = False, **options):
        try:
            published_on = datetime.date.fromisoformat(published.strip())
        except ValueError:
            raise CommandError(f"--published {published!r}: give the date as YYYY-MM-DD.") from None
        try:
            check_published(published_on)
        except ExtractionError as error:
            raise CommandError(str(error)) from None
        text = self._read(file, options.get("stdin"))
        if not text.strip():
            raise CommandError("The text is empty: there is nothing to read.")
        try:
            mentions = extract_dates(text, published=published_on, language=language)
        except ExtractionError as error:
            raise CommandError(str(error)) from None
        if json:
            self.stdout.write(_json_dumps([mention.as_dict() for mention in mentions]))
            return
        for mention in mentions:
            self.stdout.write(f"{mention.start}-{mention.end}\t{mention.when.iso}\t{mention.precision}\t{mention.text}")

    def _read(self, file: str, stdin) -> str:
        if file == "-":
            stream = stdin or sys.stdin
            data = stream.buffer.read(_MAX_BYTES + 1) if hasattr(stream, "buffer") else stream.read(_MAX_BYTES + 1)
        else:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"{file}: no such file.")
            with path.open("rb") as handle:
                data = handle.read(_MAX_BYTES + 1)
        if isinstance(data, bytes):
            if len(data) > _MAX_BYTES:
                raise CommandError(f"The text is longer than the limit of {MAX_TEXT_CHARS:,} characters.")
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                raise CommandError("The file is not UTF-8 text (is it binary?).") from None
        return data.removeprefix("\ufeff")


def _json_dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)

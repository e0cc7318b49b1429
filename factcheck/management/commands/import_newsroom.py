import sys

from django.core.management.base import BaseCommand, CommandError

from factcheck.backup import NewsroomImportError, newsroom_import


class Command(BaseCommand):
    help = "Restore an export_newsroom FILE into an empty database (after `migrate`), in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export to restore; - for standard input.")

    def handle(self, *args, file, **options):
        try:
            if file == "-":
                counts = newsroom_import(stream=sys.stdin)
            else:
                with open(file, encoding="utf-8") as stream:
                    counts = newsroom_import(stream=stream)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        except NewsroomImportError as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(f"Imported {file}: {summary}")

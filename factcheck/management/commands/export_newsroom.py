import sys

from django.core.management.base import BaseCommand

from factcheck.backup import newsroom_export


class Command(BaseCommand):
    help = "Write every article, event, timeline, claim, source, the verdict scale and history to FILE (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the export; - for standard output.")

    def handle(self, *args, file, **options):
        if file == "-":
            newsroom_export(stream=sys.stdout)
            return
        with open(file, "w", encoding="utf-8") as stream:
            counts = newsroom_export(stream=stream)
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(f"Exported to {file}: {summary}")

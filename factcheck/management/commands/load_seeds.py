"""`manage.py load_seeds [FILES]`: the curated seed files (seeds/*.toml),
loaded by `factcheck.seeding`; running it twice changes nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.seeding import SeedError, load_seed_file


class Command(BaseCommand):
    help = "Load the curated seed timelines (seeds/*.toml). Running it twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help="Seed files (default: every seeds/*.toml).")

    def handle(self, *args, files, **options):
        files = files or sorted((Path(settings.BASE_DIR) / "seeds").glob("*.toml"))
        if not files:
            raise CommandError("No seed files found in seeds/.")
        for path in files:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            try:
                report = load_seed_file(path)
            except SeedError as error:
                raise CommandError(f"{path.name}: {error}") from error
            summary = ", ".join(f"{count} {what}" for what, count in sorted(report.items()))
            self.stdout.write(f"{path.name}: {summary}")

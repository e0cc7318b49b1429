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
            summary = ", ".join(counted(what, count) for what, count in sorted(report.items()))
            self.stdout.write(f"{path.name}: {summary}")


# What the seed loader counts ("actor created"), by the thing counted; the
# plural when there are several ("10 actors created").
PLURALS = {"actor": "actors", "article": "articles", "claim": "claims", "event": "events", "timeline": "timelines",
           "timeline entry": "timeline entries", "verdict": "verdicts"}
# Counts of events whose sources or actors were replaced: "sources of 2 events replaced".
OF_EVENTS = {"event sources replaced": "sources of {events} replaced", "event actors set": "actors of {events} set"}


def counted(what: str, count: int) -> str:
    """One count of the load's report, in words: "1 event created", "10 actors unchanged"."""
    if what in OF_EVENTS:
        return OF_EVENTS[what].format(events=f"{count} {'event' if count == 1 else 'events'}")
    thing, _, outcome = what.rpartition(" ")
    return f"{count} {thing if count == 1 else PLURALS.get(thing, thing)} {outcome}"

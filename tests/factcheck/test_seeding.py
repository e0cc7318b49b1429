"""load_seeds brings in FACTS.md: every event at its precision, every claim
with its seed verdict or Unverified, and loading twice changes nothing; on a
small seed file of its own, load_seed_file writes each part once, and
nothing at all when the file is wrong."""

import io

import pytest
from django.core import serializers
from django.core.management import call_command

from factcheck.models import Claim, ClaimSource, Verdict, VerdictChange
from factcheck.seeding import SeedError, load_seed_file
from timeline.models import Actor, Article, Event, EventSource, Timeline, TimelineEntry
from timeline.quotes import Span, locate_quote

pytestmark = pytest.mark.django_db

SEED_VERDICTS = {
    "seed-claim-01": "mostly-accurate", "seed-claim-02": "accurate", "seed-claim-03": "accurate",
    "seed-claim-04": "accurate", "seed-claim-05": "unverified", "seed-claim-06": "unverified",
    "seed-claim-07": "mostly-accurate", "seed-claim-08": "mostly-accurate", "seed-claim-09": "mostly-accurate",
    "seed-claim-10": "unverified", "seed-claim-11": "unverified", "seed-claim-12": "false",
    "seed-claim-13": "accurate", "seed-claim-14": "not-checkable",
}

SEED_DATES = {
    "imf-stand-by-2018": "2018-06-20", "milei-elected-deputy-2021": "2021-11-14",
    "milei-wins-runoff-2023": "2023-11-19", "milei-takes-office-2023": "2023-12-10", "cpac-2024": "2024-02-24",
    "deregulation-ministry-2024": "2024-07", "trump-wins-2024": "2024-11-05", "doge-named-2024": "2024-11-12",
    "argentina-leaves-cop29-2024": "2024-11-13", "mar-a-lago-gala-2024": "2024-11-14",
    "trump-inauguration-2025": "2025-01-20", "paris-withdrawal-panama-2025": "2025-01-20",
    "milei-meets-rubio-2025": "2025-01",
}

MODELS = [Actor, Article, Event, EventSource, Timeline, TimelineEntry, Claim, ClaimSource, Verdict, VerdictChange]


def load():
    out = io.StringIO()
    call_command("load_seeds", stdout=out)
    return out.getvalue()


def snapshot():
    return {model.__name__: serializers.serialize("json", model.objects.order_by("pk")) for model in MODELS}


def test_every_event_is_loaded_at_the_date_and_precision_of_facts_md(seeded):
    assert {e.uid: e.when.iso for e in Event.objects.all()} == SEED_DATES
    assert Timeline.objects.get(slug="milei-trump").events.count() == 13
    assert Event.objects.get(uid="cpac-2024").article_date_precision == "month"


def test_every_claim_ships_with_its_seed_verdict_or_unverified_and_is_public(seeded):
    claims = Claim.objects.select_related("published_verdict")
    assert {c.uid: c.published_verdict.slug for c in claims} == SEED_VERDICTS
    assert all(c.published and c.verdict_id == c.published_verdict_id for c in claims)


def test_every_quote_is_located_in_the_article(seeded):
    article = Article.objects.get()
    for quoted in [*Claim.objects.all(), *Event.objects.exclude(quote="")]:
        assert quoted.quote_start is not None, quoted
        located = article.body[quoted.quote_start : quoted.quote_end]
        # The stored span is exactly the passage the quote stands for.
        assert locate_quote(located, quoted.quote) == Span(0, len(located)), (quoted.quote, located)


def test_the_article_is_dated_as_estimated(seeded):
    article = Article.objects.get()
    assert (article.published.iso, article.published_estimated) == ("2025-01-22", True)


def test_no_source_is_invented(seeded):
    # FACTS.md gives citations, not links: nothing in the seed may carry a URL.
    assert not EventSource.objects.exclude(url="").exists()
    assert not ClaimSource.objects.exclude(url="").exists()
    assert Article.objects.get().url == ""


def test_the_time_bound_verdict_keeps_its_history(seeded):
    claim = Claim.objects.get(uid="seed-claim-13")
    corrections = list(claim.history.corrections().order_by("created_at", "id"))
    assert [c.to_verdict.slug for c in corrections] == ["accurate", "accurate"]
    assert "14 April 2025" in corrections[-1].note
    assert "14 April 2025" in claim.published_rationale


def test_loading_twice_changes_nothing(seeded):
    before = snapshot()
    report = load()
    assert snapshot() == before
    assert "created" not in report and "updated" not in report
    assert report.strip() == (
        "milei-trump.toml: 10 actors unchanged, 1 article unchanged, 14 claims unchanged, 13 events unchanged, "
        "1 timeline unchanged"
    )


def test_the_report_counts_in_words():
    from factcheck.management.commands.load_seeds import counted

    assert [counted("actor created", 1), counted("actor created", 10), counted("timeline entry created", 13)] == [
        "1 actor created", "10 actors created", "13 timeline entries created"
    ]
    assert counted("event sources replaced", 2) == "sources of 2 events replaced"


def test_reloading_never_overwrites_an_editors_work(seeded):
    claim = Claim.objects.get(uid="seed-claim-05")
    claim.rationale = "Work in progress"
    claim.save()
    load()
    claim.refresh_from_db()
    assert claim.rationale == "Work in progress"


SMALL_SEED = """
[article]
uid = "small-article"
file = "small.txt"
headline = "A small article"
outlet = "The Test"
published = "2025-01"

[timeline]
slug = "small"
title = "A small timeline"

[actors.Ana]
kind = "person"

[[events]]
uid = "small-event"
title = "Something happened"
date = "2024"
actors = ["Ana"]
sources = ["A citation"]

[[claims]]
uid = "small-claim"
quote = "Something happened"
claimant = "Ana"
event = "small-event"
verdict = "{verdict}"
"""


def small_seed(tmp_path, verdict: str):
    (tmp_path / "small.txt").write_text("Ana said: Something happened, in 2024.", encoding="utf-8")
    path = tmp_path / "small.toml"
    path.write_text(SMALL_SEED.format(verdict=verdict), encoding="utf-8")
    return path


def test_a_seed_file_of_its_own_loads_every_part_once(tmp_path):
    path = small_seed(tmp_path, "accurate")
    first = load_seed_file(path)
    assert first["article created"] == first["timeline created"] == first["event created"] == 1
    assert first["actor created"] == first["claim created"] == 1
    claim = Claim.objects.get(uid="small-claim")
    assert (claim.published_verdict.slug, claim.claimant.name, claim.event.uid) == ("accurate", "Ana", "small-event")
    assert [s.title for s in Event.objects.get(uid="small-event").sources.all()] == ["A citation"]
    assert Timeline.objects.get(slug="small").events.get().uid == "small-event"
    again = load_seed_file(path)
    assert not [what for what in again if "unchanged" not in what]


def test_a_verdict_not_on_the_scale_loads_nothing(tmp_path):
    with pytest.raises(SeedError, match="claim small-claim: no verdict “nope” on the scale"):
        load_seed_file(small_seed(tmp_path, "nope"))
    assert not Article.objects.filter(uid="small-article").exists()
    assert not Event.objects.filter(uid="small-event").exists()

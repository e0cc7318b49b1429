"""The date extractor: what news prose means by its dates, and what it does not."""

import datetime
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.ingest.extraction import MAX_TEXT_CHARS, ExtractionError, extract_dates

from .date_set import CLASSES_FILE, SET_FILE, UNSEEN_FILE, load_samples, ours, raw_search_dates, score_all, score_sample

SEED = (Path(__file__).resolve().parents[3] / "seeds" / "article.txt").read_text(encoding="utf-8")
PUBLISHED = datetime.date(2025, 1, 22)


def found(text, published=PUBLISHED, language="en"):
    return [(m.text, m.when.iso) for m in extract_dates(text, published=published, language=language)]


def test_the_seed_article_dates_cpac_mar_a_lago_the_imf_loan_and_the_rest_at_their_precision():
    mentions = {m.text: m for m in extract_dates(SEED, published=PUBLISHED, language="en")}
    assert {text: (m.date.isoformat(), m.precision) for text, m in mentions.items()} == {
        "about a year ago": ("2024-01-01", "year"),
        "in February": ("2024-02-01", "month"),  # CPAC
        "In November": ("2024-11-01", "month"),  # Mar-a-Lago dinner
        "in 2018": ("2018-01-01", "year"),  # IMF loan
        "in 2024": ("2024-01-01", "year"),  # Milei's Paris Agreement stance
        "Earlier this week": ("2025-01-01", "month"),  # Rubio, in the week of 20 January
    }
    for mention in mentions.values():
        assert SEED[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "text",
    [
        "Argentina took a record-breaking $57 billion loan.",
        "Inflation fell 20% and 2,018 people protested.",
        "Argentina's 47 million citizens; 13 of the 14 judges agreed.",
        "The court ruled 7-2 against the decree.",
        "The two administrations may continue to support each other.",
        "Thousands march to the square every week.",
        "Wait a second, he said, before a second Trump presidency.",
        "He rose to the presidency in less than three years.",
        "The deal must be signed within two weeks, and it will last for six months.",
        "This ideology invokes Cold War-era themes and the 1990s.",
        "Theresa May and April Dunmore met Paul Sunday of The Sunday Times.",
    ],
)
def test_money_counts_scores_modals_verbs_durations_eras_and_names_are_not_dates(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The deal is expected in June.", [("in June", "2025-06")]),
        ("Officials will decide by March.", [("by March", "2025-03")]),
        ("He will travel to Lima later this month.", [("later this month", "2025-01")]),
        ("The deal was signed in June.", [("in June", "2024-06")]),
        ("The talks broke down last December.", [("last December", "2024-12")]),
        ("Votes were counted on Nov. 5 and Tuesday, Nov. 5, 2024.", [("on Nov. 5", "2024-11-05"), ("Tuesday, Nov. 5, 2024", "2024-11-05")]),
        ("Milei met Trump on Tuesday.", [("on Tuesday", "2025-01-21")]),
        ("He resigned three years ago and came back last year.", [("three years ago", "2022"), ("last year", "2024")]),
        ("The summit, held in mid-November, ended early.", [("in mid-November", "2024-11")]),
    ],
)
def test_dates_without_a_year_read_relative_to_publication_and_the_sentence_tense(text, expected):
    assert found(text) == expected


def test_a_month_of_that_year_takes_the_year_last_mentioned():
    text = "The IMF approved the loan in 2018. In October of that year it was enlarged, and the following year it ran out."
    assert found(text) == [("in 2018", "2018"), ("In October of that year", "2018-10"), ("the following year", "2019")]


def test_spanish_dates():
    text = (
        "El jueves 14 de noviembre, Milei viajó a Florida. En febrero había estado en la CPAC. "
        "Asumió el 10 de diciembre de 2023. Hace tres años nadie lo conocía, y el año pasado ganó. "
        "La ley entrará en vigor el próximo 9 de julio."
    )
    assert found(text, language="es") == [
        ("El jueves 14 de noviembre", "2024-11-14"),
        ("En febrero", "2024-02"),
        ("el 10 de diciembre de 2023", "2023-12-10"),
        ("Hace tres años", "2022"),
        ("el año pasado", "2024"),
        ("el próximo 9 de julio", "2025-07-09"),
    ]


def test_spanish_traps_are_not_dates():
    text = (
        "Argentina tiene 47 millones de habitantes y 13 de los 14 jueces votaron. Ganó 7-2. "
        "Domingo Cavallo habló por la mañana de la Guerra Fría. Lo logró en menos de tres años, con un 5%."
    )
    assert found(text, language="es") == []


def scored(path, name: str, capsys):
    """Ours and raw search_dates on one labelled set, printed for the log."""
    samples = load_samples(path)
    assert {s.language for s in samples} == {"en", "es"}
    misses: list[str] = []
    scores = score_all(ours, samples, misses=misses)
    raw = score_all(raw_search_dates(), samples)
    with capsys.disabled():
        print()
        for language in ("en", "es", "all"):
            print(scores[language].line(f"extractor{name} [{language}]"))
        print(raw["all"].line(f"raw search_dates{name} [all]"))
    return sum(len(s.mentions) for s in samples), scores, raw, misses


def test_the_labelled_set_scores_at_least_095_f1_in_each_language_and_beats_raw_search_dates(capsys):
    labelled, scores, raw, misses = scored(SET_FILE, "", capsys)
    assert labelled >= 150
    assert scores["en"].f1 >= 0.95, misses
    assert scores["es"].f1 >= 0.95, misses
    assert scores["all"].f1 > raw["all"].f1


def test_the_unseen_set_scores_at_least_093_f1_and_beats_raw_search_dates(capsys):
    """The held-out set (date_mentions_unseen.toml) was labelled before the
    extractor ever ran on it; it checks the figure above is not just the
    extractor having learnt its own set. Not to be tuned against."""
    labelled, scores, raw, misses = scored(UNSEEN_FILE, ", unseen", capsys)
    assert labelled >= 120
    assert scores["all"].f1 >= 0.93, misses  # issue 12: it stays at least 0.93
    assert scores["all"].f1 > raw["all"].f1


@pytest.mark.parametrize("sample", load_samples(CLASSES_FILE), ids=lambda s: s.id)
def test_each_class_of_error_of_issue_12_is_read_right(sample):
    """date_mentions_classes.toml: a month the sentence places in the past, a
    weekday in its week ("este jueves" on a Thursday), a range sharing its
    year, a year glued to a word, "del año pasado" after a day, decades and
    relative words; labelled before the fix. Every mention is found, with
    its date, and nothing else is."""
    misses: list[str] = []
    score = score_sample(sample, ours(sample), misses=misses)
    assert (score.right, score.predicted) == (score.labelled, score.labelled), misses


def test_refuses_what_is_not_an_article():
    with pytest.raises(ExtractionError, match="limit"):
        extract_dates("a" * (MAX_TEXT_CHARS + 1), published=PUBLISHED)
    with pytest.raises(ExtractionError, match="binary"):
        extract_dates("In 2018\x00\x01\x02", published=PUBLISHED)
    with pytest.raises(ExtractionError, match="garbled"):
        extract_dates("In 2018 \ufffd\ufffd\ufffd\ufffd\x07\x07", published=PUBLISHED)
    with pytest.raises(ExtractionError, match="no words"):
        extract_dates("2018 2019 — 7-2", published=PUBLISHED)
    with pytest.raises(ExtractionError, match="language"):
        extract_dates("In 2018.", published=PUBLISHED, language="fr")
    assert extract_dates("", published=PUBLISHED) == []


PATHOLOGICAL = [
    "Report: " + "1" * 200_000,
    "Report: " + "2018" * 50_000,
    "May " * 50_000,
    "In " + "2018-" * 40_000,
    "on Tuesday, " * 30_000,
    ("Nov. " * 10_000) + "5",
    "hace " * 40_000 + "tres años",
    "a" * 300_000,
    "Report: " + "." * 200_000,
    "Report: " + "1/" * 100_000,
    "Report: " + "12 de " * 30_000 + "mayo",
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda t: repr(t[:12]))
def test_pathological_input_finishes(text):
    """dateparser only ever sees short candidates: long digit runs and
    repeated date words cannot make a request hang."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(extract_dates(text, published=PUBLISHED)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "extraction did not finish"
    assert result and all(text[m.start : m.end] == m.text for m in result[0])


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["en", "es"]), st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)))
def test_any_text_gives_consistent_spans_or_a_clear_refusal(text, language, published):
    try:
        mentions = extract_dates(text, published=published, language=language)
    except ExtractionError:
        return
    previous_end = 0
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        previous_end = mention.end


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("A fines del año pasado cayó la actividad.", "es", [("A fines del año pasado", "2024")]),
        ("A principios de año subió.", "es", [("A principios de año", "2025")]),
        ("At the end of last year it fell, and it may rise by the end of the year.", "en",
         [("the end of last year", "2024"), ("by the end of the year", "2025")]),
        ("He'll visit in December.", "en", [("in December", "2025-12")]),
        ("El lunes 20 de enero hubo paro y el jueves 16 llegó el ministro.", "es",
         [("El lunes 20 de enero", "2025-01-20"), ("el jueves 16", "2025-01-16")]),
    ],
)
def test_periods_of_a_year_and_weekday_numbers(text, language, expected):
    assert found(text, language=language) == expected


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("The fair ran from 3 to 9 July 2021.", "en", [("3", "2021-07-03"), ("9 July 2021", "2021-07-09")]),
        ("La feria fue del 3 al 9 de julio de 2021.", "es", [("3", "2021-07-03"), ("9 de julio de 2021", "2021-07-09")]),
        ("Votaron el 3 y el 4 de mayo de 2019.", "es", [("3", "2019-05-03"), ("4 de mayo de 2019", "2019-05-04")]),
        # Not a range: a count before a date.
        ("Some 30 to 9 May 2019 was the wait.", "en", [("9 May 2019", "2019-05-09")]),
    ],
)
def test_a_range_of_days_that_names_its_month_once_is_two_days(text, language, expected):
    assert found(text, language=language) == expected

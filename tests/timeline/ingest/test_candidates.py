"""Claim candidates: which sentences an editor is offered as checkable claims."""

import tomllib
from pathlib import Path

import pytest

from timeline.ingest.candidates import find_claims as find_claims_in
from timeline.ingest.sentences import Sentence, split_sentences
from timeline.quotes import locate_quote

ROOT = Path(__file__).resolve().parents[3]
SEED = (ROOT / "seeds" / "article.txt").read_text(encoding="utf-8")
SEED_CLAIMS = tomllib.loads((ROOT / "seeds" / "milei-trump.toml").read_text(encoding="utf-8"))["claims"]


def find_claims(text, language="en", **options):
    """The claims of `text` split as the draft splits it: once, with the language's abbreviations."""
    return find_claims_in(text, sentences=split_sentences(text, language=language), language=language, **options)


def by_text(candidates, words):
    return next(c for c in candidates if words in c.text)


@pytest.mark.parametrize("claim", SEED_CLAIMS[:13], ids=lambda c: c["quote"][:40])
def test_every_checkable_claim_of_the_seed_article_is_proposed(claim):
    span = locate_quote(SEED, claim["quote"])
    candidates = find_claims(SEED)
    assert any(c.start < span.end and span.start < c.end for c in candidates)


def test_spans_are_the_article_text():
    for candidate in find_claims(SEED):
        assert SEED[candidate.start : candidate.end] == candidate.text
        assert 0 < candidate.score <= 1


def test_attributed_speech_is_proposed_as_what_was_said_with_its_claimant():
    candidates = find_claims(SEED)
    quote = by_text(candidates, "make Argentina great again")
    assert quote.text == "one of the few who can make Argentina great again"
    assert quote.claimant == "Donald Trump"
    concrete = by_text(candidates, "has yet to take concrete action")
    assert concrete.text == "the Argentine president has yet to take concrete action"
    assert concrete.claimant == "Martín Schapiro"  # "Schapiro noted that", full name from earlier
    assert by_text(candidates, "Panama Canal").claimant == "Donald Trump"
    assert by_text(candidates, "47 million").claimant == ""  # the article's own words


def test_opinion_and_prediction_are_marked():
    candidates = find_claims(SEED)
    assert by_text(candidates, "make Argentina great again").kind == "opinion"
    assert by_text(candidates, "experts anticipate").kind == "prediction"
    assert by_text(candidates, "only sitting president").kind == "claim"
    skeptical = [c for c in find_claims(SEED, threshold=0) if "I remain somewhat skeptical" in c.text]
    assert skeptical and skeptical[0].opinion and skeptical[0].score < 0.25


def test_sentences_with_nothing_to_check_are_not_proposed():
    texts = {c.text for c in find_claims(SEED)}
    assert not any("They also oppose progressive ideology" in t for t in texts)
    assert not any("Thank you, you’ve been very generous" in t for t in texts)


def test_numbers_records_and_dates_score_higher():
    candidates = find_claims(SEED)
    loan = by_text(candidates, "record-breaking $57 billion")
    rivals = by_text(candidates, "similar political vision")
    assert loan.score > rivals.score
    assert {"figure", "superlative", "cause"} <= set(loan.reasons)
    dated = find_claims(SEED, dated_spans=[(SEED.index("in February"), SEED.index("in February") + 11)])
    assert by_text(dated, "first met").score > by_text(candidates, "first met").score


def test_spanish_claims():
    text = (
        "El ministro de Economía, Luis Caputo, aseguró que la inflación cayó al 2,7% en diciembre, la más baja en cuatro años. "
        "“Vamos a terminar con la inflación”, dijo el presidente. "
        "Según el Indec, la pobreza alcanzó al 52% de la población. "
        "Caputo cree que la economía crecerá el próximo año. "
        "Hoy hace calor en la ciudad."
    )
    candidates = find_claims(text, language="es")
    inflation = by_text(candidates, "inflación cayó")
    assert inflation.claimant == "Luis Caputo"
    assert inflation.text.startswith("la inflación cayó al 2,7%")
    assert by_text(candidates, "pobreza").claimant == "el Indec"
    assert by_text(find_claims(text, language="es", threshold=0), "crecerá").opinion  # "Caputo cree que"
    assert not any("calor" in c.text for c in candidates)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        find_claims_in("Text.", sentences=[Sentence(0, 5, "Text.")], language="fr")


def test_the_claim_finder_reads_the_sentences_it_is_given():
    # It does not split the text again: a sentence it is not given is not read.
    sentences = split_sentences(SEED, language="en")
    loan = next(s for s in sentences if "record-breaking $57 billion" in s.text)
    assert [c.text for c in find_claims_in(SEED, sentences=[loan])] == [
        c.text for c in find_claims(SEED) if loan.start <= c.start < loan.end
    ]
    assert find_claims_in(SEED, sentences=[]) == []


def test_an_abbreviated_month_does_not_cut_a_claim_in_two():
    # The language's month abbreviations ("Nov.") are in the shared split.
    text = "The ministry said on Nov. 5 that exports grew 12% in 2024, the highest in a decade."
    (claim,) = find_claims(text)
    assert "Nov. 5" in text[claim.sentence_start : claim.sentence_end]
    assert claim.sentence_start == 0


def test_a_surname_takes_the_longest_full_name_used_before_it():
    text = (
        "Paula Ortega Díaz, the inspector, visited the dam on Monday. Ortega said the spillway was 40 years old. "
        "Engineers praised Díaz’s report. The regional minister, Tomás Brenner, said repairs would cost $3 million. "
        "Brenner added that 12 of the 14 gates were rusted. Later, Díaz said the first repairs had cost twice as much."
    )
    candidates = find_claims(text)
    assert by_text(candidates, "40 years old").claimant == "Paula Ortega"
    assert by_text(candidates, "12 of the 14 gates").claimant == "Tomás Brenner"
    assert by_text(candidates, "twice as much").claimant == "Paula Ortega Díaz"
    # A surname named only after the statement keeps its short form.
    late = find_claims("Vidal said exports fell by 12% in two years. The economist Marta Vidal wrote the report.")
    assert by_text(late, "exports fell").claimant == "Vidal"


@pytest.mark.parametrize(
    "language, text, words, kind",
    [
        # A court's ruling is a fact to check, whatever words of duty it holds.
        ("en", "The Supreme Court ruled on Tuesday that the 2023 decree must be withdrawn within 30 days.",
         "decree", "claim"),
        ("es", "La Corte Suprema dictaminó que el decreto de 2023 debe ser retirado en un plazo de 30 días.",
         "decreto", "claim"),
        # A warning made in the past is a past statement, not a prediction...
        ("en", "In 2019 the central bank warned that inflation would reach 40% within two years.",
         "inflation", "claim"),
        ("es", "En 2019 el banco central advirtió que la inflación llegaría al 40% en dos años.",
         "inflación", "claim"),
        # ... while one about the future is.
        ("en", "The central bank expects that inflation will reach 40% within two years.", "inflation", "prediction"),
        ("es", "El banco central prevé que la inflación llegará al 40% en dos años.", "inflación", "prediction"),
        # An opinion stays an opinion.
        ("en", "The mayor said the 40% tax rise was a terrible idea for the city.", "tax rise", "opinion"),
    ],
)
def test_claim_kinds_follow_what_the_sentence_does(language, text, words, kind):
    assert by_text(find_claims(text, language=language, threshold=0), words).kind == kind


def test_a_claim_passage_is_not_wrapped_in_quotation_marks_of_its_own():
    text = "“Every one of the 14 bridges will be rebuilt by 2027.” The ministry published the plan on Monday."
    claim = by_text(find_claims(text, threshold=0), "14 bridges")
    assert claim.text == "Every one of the 14 bridges will be rebuilt by 2027"

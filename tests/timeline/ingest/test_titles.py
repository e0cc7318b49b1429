"""Event titles and claim passages as the review page shows them: whole
clauses, balanced quotation marks, no punctuation left behind by the date."""

import pytest

from timeline.ingest.titles import TITLE_LENGTH, balance_quotes, clean_title, event_title, trim_passage


def title(sentence, date):
    start = sentence.index(date)
    return event_title(sentence, start, start + len(date))


@pytest.mark.parametrize(
    "sentence, date, expected",
    [
        # The clause that holds the date, without it.
        ("The two sides signed the accord on Monday, ending a dispute that began in 2019.", "on Monday",
         "The two sides signed the accord"),
        # A clause that is not whole ("Ending a dispute that began") gives way to the sentence.
        ("The two sides signed the accord on Monday, ending a dispute that began in 2019.", "in 2019",
         "The two sides signed the accord on Monday, ending a dispute that began in 2019"),
        ("Having lost the vote in June, the mayor resigned.", "in June", "Having lost the vote in June, the mayor resigned"),
        ("Las partes firmaron el acuerdo el lunes, poniendo fin a una disputa que empezó en 2019.", "en 2019",
         "Las partes firmaron el acuerdo el lunes, poniendo fin a una disputa que empezó en 2019"),
        # No punctuation left where the date was, nor a quotation mark closing nothing.
        ('He said the bill grows with every storm that hits the lower district in March."', "in March",
         "He said the bill grows with every storm that hits the lower district"),
        ('The pumps in the lower district failed in May.', "in May", "The pumps in the lower district failed"),
        # A quotation cut by the clause is closed after "…", one closed by the date is tightened.
        ('Ruiz also said that flooding "has cost the city more than $40 million since 2015, and it keeps rising."',
         "since 2015", 'Ruiz also said that flooding "has cost the city more than $40 million…"'),
        ('"El agua llegó hasta el techo en marzo", dijo una vecina.', "en marzo", '"El agua llegó hasta el techo"'),
    ],
)
def test_an_event_title_is_a_whole_clause_with_balanced_quotation_marks(sentence, date, expected):
    assert title(sentence, date) == expected


def test_a_long_title_is_cut_at_a_word_and_a_quotation_it_cuts_is_closed():
    sentence = (
        "In 2021 the inspector wrote that “the eastern embankment, built in a hurry and never properly drained, "
        "will not survive another wet winter without serious and costly repairs”."
    )
    cut = title(sentence, "In 2021")
    assert len(cut) <= TITLE_LENGTH
    assert cut.endswith("…”") and cut.count("“") == cut.count("”") == 1


@pytest.mark.parametrize(
    "raw, clean",
    [
        ('said ""it works""', 'Said "it works"'),
        ("said “”nothing", "Said nothing"),
        ("the district .", "The district"),
        ("“ the plan ” failed", "“the plan” failed"),
        ("Trump’s plan", "Trump’s plan"),
    ],
)
def test_titles_lose_doubled_and_empty_quotation_marks_and_stray_punctuation(raw, clean):
    assert clean_title(raw) == clean


def test_unpaired_marks_are_dropped_or_closed():
    assert balance_quotes("the plan” failed") == "the plan failed"
    assert balance_quotes("it “has cost") == "it “has cost…”"
    assert balance_quotes("it has cost “") == "it has cost "


@pytest.mark.parametrize(
    "text, passage",
    [
        ("“We will rebuild every school by 2026.”", "We will rebuild every school by 2026"),
        ('"Exports grew 12% in a year," she said.', "Exports grew 12% in a year"),
        ("Exports grew 12% in a year.”", "Exports grew 12% in a year"),
        ("the party “won every seat” in 2019.", "the party “won every seat” in 2019"),
    ],
)
def test_a_claim_passage_drops_the_marks_that_wrap_it_or_have_no_partner(text, passage):
    end = len(text) if "she said" not in text else text.index(" she said")
    start, end = trim_passage(text, 0, end)
    assert text[start:end] == passage

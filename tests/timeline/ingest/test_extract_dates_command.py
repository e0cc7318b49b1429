"""`manage.py extract_dates`: the contract scripts rely on."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SEED = Path(__file__).resolve().parents[3] / "seeds" / "article.txt"


def run(*args, stdin=None):
    out = io.StringIO()
    call_command("extract_dates", *args, stdout=out, stdin=stdin)
    return out.getvalue()


def test_json_output_for_the_seed_article():
    mentions = json.loads(run(str(SEED), "--published", "2025-01-22", "--json"))
    assert all(set(m) == {"start", "end", "text", "date", "precision"} for m in mentions)
    by_text = {m["text"]: (m["date"], m["precision"]) for m in mentions}
    assert by_text["in February"] == ("2024-02-01", "month")
    assert by_text["In November"] == ("2024-11-01", "month")
    assert by_text["in 2018"] == ("2018-01-01", "year")
    assert by_text["about a year ago"] == ("2024-01-01", "year")
    text = SEED.read_text(encoding="utf-8")
    assert all(text[m["start"] : m["end"]] == m["text"] for m in mentions)


def test_reads_standard_input_in_spanish():
    stdin = io.StringIO("El jueves 14 de noviembre viajó a Florida.")
    mentions = json.loads(run("-", "--published", "2025-01-22", "--language", "es", "--json", stdin=stdin))
    assert mentions == [
        {"start": 0, "end": 25, "text": "El jueves 14 de noviembre", "date": "2024-11-14", "precision": "day"}
    ]


def test_plain_output_is_one_line_per_mention():
    lines = run(str(SEED), "--published", "2025-01-22").splitlines()
    assert "2024-02\tmonth\tin February" in lines[1]


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["-", "--published", "22/01/2025"], "In 2018.", "YYYY-MM-DD"),
        (["-", "--published", "2999-01-01"], "In 2018.", "future"),
        (["-", "--published", "2025-01-22", "--language", "xx"], "In 2018.", "Unknown language"),
        (["-", "--published", "2025-01-22"], "   ", "empty"),
        (["/nonexistent/article.txt", "--published", "2025-01-22"], None, "no such file"),
    ],
)
def test_bad_input_is_a_clear_command_error(args, stdin, message):
    with pytest.raises(CommandError, match=message):
        run(*args, stdin=io.StringIO(stdin) if stdin is not None else None)


def test_binary_and_oversized_files_are_refused(tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(CommandError, match="not UTF-8"):
        run(str(binary), "--published", "2025-01-22")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"In 2018. " * 600_000)  # 5.4 MB
    with pytest.raises(CommandError, match="limit"):
        run(str(huge), "--published", "2025-01-22")

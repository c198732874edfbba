"""``factx extract``: clear, typed errors on bad input, before any model is touched."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factx
from factx.cli.app import app, render
from factx.cli.dateline import dateline_reference
from factx.testing import FakeBackend, answer_choices

runner = CliRunner()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\t", "empty"),
        (b"Caf\xe9 prices rose 5% on Monday.", "not UTF-8"),
        (b"\x00" * 3000, "binary data, not text"),
        (bytes(range(256)) * 4, "binary data, not text"),
        (b"\xff\xfeH\x00i\x00", "in.txt: UTF-16"),
        (b"Prices rose\x1b[0m 5% on Monday.\x07", "control character U+001B"),
    ],
)
def test_bad_files_exit_2_with_a_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    if message == "binary data, not text":
        assert "iconv" not in result.output


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_empty_stdin() -> None:
    result = runner.invoke(app, ["extract", "-"], input="")
    assert result.exit_code == 2 and "empty" in result.output


def test_bad_reference_date(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("Prices rose 5% on Monday.")
    result = runner.invoke(app, ["extract", str(path), "--reference-date", "07/10/2025"])
    assert result.exit_code == 2 and "reference_date" in result.output


def test_unknown_model(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("Prices rose 5% on Monday.")
    result = runner.invoke(app, ["extract", str(path), "--model", "nope:x"])
    assert result.exit_code == 2 and "nope" in result.stderr  # a caller's mistake, like every other one


def test_a_date_off_the_calendar_says_why(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("Prices rose 5% on Monday.")
    result = runner.invoke(app, ["extract", str(path), "--reference-date", "2025-13-01"])
    assert result.exit_code == 2 and "not a calendar date: month must be in 1..12" in result.stderr


def test_help_shows_flags_as_flags() -> None:
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0 and "--resume" in result.stdout and "--dateline-year" in result.stdout
    assert "<bool>" not in result.stdout


def _fake_sheet(text: str, reference_date: str | None) -> factx.FactSheet:
    backend = FakeBackend(responder=answer_choices(True))
    return factx.extract_facts(text, backend=backend, strategy="choose", reference_date=reference_date)


def test_the_summary_counts_in_words_and_lists_the_facts() -> None:
    text = (
        "Rebels seized the northern town of Arvel on Tuesday, killing at least 12 soldiers and taking "
        "$1.5 million from the bank, the army said."
    )
    shown = render(_fake_sheet(text, "2025-05-14"), "summary")
    first = shown.splitlines()[0]
    assert first.startswith(("1 event,", "2 events,", "3 events,")) and "1 date," in first and "2 figures," in first
    assert "0 rejected proposals" in first
    assert '"Tuesday" 2025-05-13' in shown and '"at least 12 soldiers" 12 soldiers' in shown and "at least" in shown
    assert '"$1.5 million" 1,500,000 USD' in shown
    assert "Events (what a reader lists" in shown and "--format json" in shown


def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's own steps, with the FakeBackend in place of the model."""
    module = sys.modules["factx.cli.app"]  # ``factx.cli.app`` the attribute is the typer app
    monkeypatch.setattr(
        module, "extract_facts", lambda text, reference_date=None, **_: _fake_sheet(text, reference_date)
    )


def test_unresolved_relative_dates_warn_once_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "in.txt"
    path.write_text("Dockworkers walked out on Tuesday and talks resume next week, the union said.")
    _offline(monkeypatch)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0 and json.loads(result.stdout)["reference_source"] == "none"
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "2 relative dates left unresolved" in warnings[0]
    assert "--reference-date" in warnings[0] and "--dateline-year" in warnings[0]
    dated = runner.invoke(app, ["extract", str(path), "--reference-date", "2025-05-14"])
    assert dated.exit_code == 0 and "warning" not in dated.stderr


def test_dateline_year_comes_from_the_reference_date_or_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "LIMA, March 14 (Factx Wire) - Fishermen blocked the port on Tuesday, officials said."
    assert dateline_reference(text, dt.date(2025, 6, 1)) == dt.date(2025, 3, 14)
    assert dateline_reference(text, dt.date(2025, 2, 1)) == dt.date(2024, 3, 14)  # filed before it was saved
    assert dateline_reference("Fishermen blocked the port on Tuesday.", dt.date(2025, 6, 1)) is None
    path = tmp_path / "lima.txt"
    path.write_text(text)
    saved = dt.datetime(2025, 6, 1, 12).timestamp()
    os.utime(path, (saved, saved))
    _offline(monkeypatch)
    plain = json.loads(runner.invoke(app, ["extract", str(path)]).stdout)
    assert plain["reference_date"] is None  # never without the user's leave
    from_file = runner.invoke(app, ["extract", str(path), "--dateline-year"])
    sheet = json.loads(from_file.stdout)
    assert sheet["reference_date"] == "2025-03-14" and "warning" not in from_file.stderr
    assert any(d["span"]["text"] == "Tuesday" and d["value"] == "2025-03-11" for d in sheet["dates"])
    given = json.loads(
        runner.invoke(app, ["extract", str(path), "--dateline-year", "--reference-date", "2019-01-10"]).stdout
    )
    assert given["reference_date"] == "2018-03-14"

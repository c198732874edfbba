"""`factx eval` as a command: exit codes on bad datasets, table and JSON output."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import factx.cli.eval as cli_eval
from factx._types import DateFact, FactSheet, Span
from factx.eval.score import EvalReport

TEXT = "Prices rose on 2 May 2022."

app = typer.Typer()
app.command("eval")(cli_eval.eval_command)


@app.callback()
def _main() -> None:
    """Keep `eval` a subcommand, as in the real app."""


runner = CliRunner()


def _write(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "gold.jsonl"
    p.write_text("\n".join(lines) + "\n")
    return p


def _fake_extract(text: str, ref: dt.date | None) -> FactSheet:
    start = text.find("2 May 2022")
    dates = (DateFact(span=Span.of(text, start, start + 10), value="2022-05-02"),) if start >= 0 else ()
    return FactSheet(text=text, model="fake", dates=dates)


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    real = cli_eval.evaluate

    def patched(dataset: Any, **kw: Any) -> EvalReport:
        calls.append(kw)
        return real(dataset, **{**kw, "extract": _fake_extract})

    monkeypatch.setattr(cli_eval, "evaluate", patched)
    return calls


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2
    assert "dataset not found" in result.output


def test_bad_json_line_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps({"text": TEXT}), "{not json"])
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == 2
    assert "line 2" in result.output


def test_a_span_off_the_text_is_one_plain_line(tmp_path: Path) -> None:
    bad = {"text": TEXT, "dates": [{"start": 3, "end": len(TEXT) + 40, "value": "2025-01-01"}]}
    path = _write(tmp_path, [json.dumps(bad)])
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    line = result.stderr.strip()
    assert (
        line == f"error: bad dataset: {path}: line 1: dates: span (3, {len(TEXT) + 40}) does not fit the text "
        f"({len(TEXT)} characters)"
    ), line
    assert ": :" not in line and "Value error" not in line


def test_missing_text_exits_2(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps({"id": "x", "dates": []})])
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == 2
    assert "missing 'text'" in result.output


def test_table_and_json_output(tmp_path: Path, fake_pipeline: list[dict[str, Any]]) -> None:
    row = {
        "id": "a",
        "text": TEXT,
        "reference_date": "2022-05-03",
        "dates": [{"start": 15, "end": 25, "value": "2022-05-02"}],
    }
    path = _write(tmp_path, [json.dumps(row), json.dumps({**row, "id": "b"})])
    result = runner.invoke(app, ["eval", str(path), "--model", "openai:x", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "dates" in result.output and "1.000" in result.output and "matching rules" in result.output
    assert fake_pipeline[0]["model"] == "openai:x" and fake_pipeline[0]["limit"] == 1

    result = runner.invoke(app, ["eval", str(path), "--format", "json", "--base-url", "http://h/v1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 2 and data["scores"]["dates"]["tp"] == 2
    assert data["dataset"] == str(path)
    assert fake_pipeline[1]["base_url"] == "http://h/v1"

"""``factx extract``: clear, typed errors on bad input, before any model is touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factx.cli.app import app

runner = CliRunner()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"  \n\t", "empty"),
    (b"Caf\xe9 prices rose 5% on Monday.", "not UTF-8"),
    (b"\x00" * 3000, "binary data, not text"),
    (bytes(range(256)) * 4, "binary data, not text"),
    (b"\xff\xfeH\x00i\x00", "UTF-16"),
    (b"Prices rose\x1b[0m 5% on Monday.\x07", "control character U+001B"),
])
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
    assert result.exit_code == 2 and "unknown model" in result.output.lower() or result.exit_code == 2, result.output

"""``factx extract`` over many documents against a real local server: JSONL out, resume after a kill, cache."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from stub_server import StubServer, stub_server
from typer.testing import CliRunner

import factx
from factx.cli.app import app, render

runner = CliRunner()
SENTENCES = [
    "Dockworkers walked out on Monday, halting about 3,000 containers, the operator said.",
    "The union demanded a 9% pay rise after talks that ended last week.",
    "Officials said the port would reopen on Friday if the strike ends.",
]


@pytest.fixture
def server() -> Iterator[StubServer]:
    with stub_server(latency=0.0) as running:
        yield running


def _model(server: StubServer) -> list[str]:
    return ["--model", "openai:stub", "--base-url", server.base_url]


def _docs(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps(
            {"id": f"doc-{i}", "text": f"{SENTENCES[i % 3]} {SENTENCES[(i + 1) % 3]}", "reference_date": "2026-03-04"}
        )
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ids(path: Path) -> list[str]:
    """The ids of the written lines; a last line the writer did not finish (a kill mid-write) is not one."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines() if text.endswith("\n") else text.splitlines()[:-1]
    return [json.loads(line)["id"] for line in lines]


def test_files_directory_and_jsonl_give_one_line_each(tmp_path: Path, server: StubServer) -> None:
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCES[0])
    (folder / "b.txt").write_text(SENTENCES[1])
    (folder / ".hidden").write_text("skipped")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app,
        [
            "extract",
            str(folder),
            str(tmp_path / "bad.txt"),
            "--jsonl",
            str(_docs(tmp_path, 3)),
            "-o",
            str(out),
            *_model(server),
        ],
    )
    assert result.exit_code == 1  # one document failed
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(line["id"] for line in lines) == sorted(
        [str(folder / "a.txt"), str(folder / "b.txt"), str(tmp_path / "bad.txt"), "doc-0", "doc-1", "doc-2"]
    )
    bad = next(line for line in lines if line["id"].endswith("bad.txt"))
    assert bad["error"]["type"] == "FactxInputError" and "UTF-8" in bad["error"]["message"]
    sheet = factx.FactSheet.model_validate(next(line for line in lines if line["id"] == "doc-0")["sheet"])
    assert str(sheet.reference_date) == "2026-03-04" and sheet.dates
    assert "6 documents: 5 ok, 1 error," in result.output
    again = runner.invoke(app, ["extract", str(folder), "-o", str(out), *_model(server)])
    assert again.exit_code == 2 and "--resume" in again.output  # never overwrites a run's output


def test_single_file_prints_one_sheet_as_before(tmp_path: Path, server: StubServer) -> None:
    path = tmp_path / "in.txt"
    path.write_text(SENTENCES[0])
    result = runner.invoke(app, ["extract", str(path), "--reference-date", "2026-03-04", *_model(server)])
    expected = factx.extract_facts(
        SENTENCES[0], reference_date="2026-03-04", model="openai:stub", base_url=server.base_url
    )
    assert result.exit_code == 0 and result.stdout == render(expected, "json") + "\n"
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.strip() == f"factx {factx.__version__}"


def test_cached_rerun_makes_no_requests(tmp_path: Path, server: StubServer) -> None:
    docs = _docs(tmp_path, 5)
    args = ["extract", "--jsonl", str(docs), "--cache", str(tmp_path / "cache"), *_model(server)]
    first = runner.invoke(app, [*args, "-o", str(tmp_path / "one.jsonl")])
    sent = server.requests
    second = runner.invoke(app, [*args, "-o", str(tmp_path / "two.jsonl")])
    assert first.exit_code == second.exit_code == 0 and sent > 0 and server.requests == sent

    def facts(path: Path) -> dict[str, dict[str, object]]:
        rows = [json.loads(line) for line in path.read_text().splitlines()]
        return {r["id"]: {k: v for k, v in r["sheet"].items() if k != "usage"} for r in rows}

    assert facts(tmp_path / "one.jsonl") == facts(tmp_path / "two.jsonl")


def test_resume_after_a_kill_finishes_the_rest_without_loss_or_duplicates(tmp_path: Path) -> None:
    docs, out = _docs(tmp_path, 24), tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with stub_server(latency=0.15) as slow:
        command = [
            sys.executable,
            "-m",
            "factx.cli",
            "extract",
            "--jsonl",
            str(docs),
            "-o",
            str(out),
            "--concurrency",
            "2",
            *_model(slow),
        ]
        run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 600  # generous: a loaded machine starts spaCy slowly
        while (
            time.monotonic() < deadline
            and run.poll() is None
            and (not out.exists() or len(out.read_text().splitlines()) < 3)
        ):
            time.sleep(0.02)
        run.send_signal(signal.SIGKILL)
        run.wait()
        written = _ids(out)
        assert 3 <= len(written) < 24, "killed midway"
        with out.open("a") as cut:  # as if the kill had come in the middle of a write (it may have, too)
            cut.write('{"id": "doc-23", "sheet": {"te')
        resumed = subprocess.run([*command, "--resume"], env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    final = _ids(out)
    assert sorted(final) == sorted(f"doc-{i}" for i in range(24)) and len(final) == len(set(final))
    assert final[: len(written)] == written
    assert f"{24 - len(written)} documents" in resumed.stderr and f"{len(written)} skipped" in resumed.stderr


def test_processes_spread_the_documents_and_write_the_same_lines(tmp_path: Path, server: StubServer) -> None:
    docs = _docs(tmp_path, 4)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first = runner.invoke(app, ["extract", "--jsonl", str(docs), "-o", str(one), *_model(server)])
    spread = runner.invoke(app, ["extract", "--jsonl", str(docs), "-o", str(two), "--processes", "2", *_model(server)])
    assert first.exit_code == 0 and spread.exit_code == 0, spread.output
    assert "4 documents: 4 ok, 0 errors" in spread.output

    def sheets(path: Path) -> dict[str, Any]:
        lines = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
        return {line["id"]: {k: v for k, v in line["sheet"].items() if k != "usage"} for line in lines}

    assert sheets(one) == sheets(two)


def test_one_document_gives_the_same_bytes_to_stdout_and_to_o(tmp_path: Path, server: StubServer) -> None:
    path = tmp_path / "in.txt"
    path.write_text(SENTENCES[0])
    base = ["extract", str(path), "--reference-date", "2026-03-04", *_model(server)]
    for fmt in ([], ["--format", "json"], ["--format", "jsonl"], ["--format", "summary"]):
        shown = runner.invoke(app, [*base, *fmt])
        out = tmp_path / f"out{len(fmt)}{fmt[-1] if fmt else ''}"
        written = runner.invoke(app, [*base, *fmt, "-o", str(out)])
        assert shown.exit_code == written.exit_code == 0, written.output
        assert written.stdout == "" and out.read_text(encoding="utf-8") == shown.stdout, fmt
    jsonl = (tmp_path / "out2jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(jsonl[0])["kind"] == "sheet" and all("kind" in json.loads(line) for line in jsonl)
    assert "The whole sheet as JSON" in (tmp_path / "out2summary").read_text(encoding="utf-8")


def test_format_is_refused_not_ignored_for_many_documents(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--jsonl", str(_docs(tmp_path, 2)), "--format", "json"])
    assert result.exit_code == 2 and "--format is for one document" in result.stderr


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_resume_retries_the_documents_that_failed_and_skip_errors_leaves_them(
    tmp_path: Path, server: StubServer
) -> None:
    docs, out = _docs(tmp_path, 3), tmp_path / "out.jsonl"
    first = runner.invoke(app, ["extract", "--jsonl", str(docs), "-o", str(out), *_model(server)])
    assert first.exit_code == 0, first.output
    rows = _lines(out)
    failed = {"id": "doc-1", "error": {"type": "FactxTimeoutError", "message": "gave up after 30 s"}}
    out.write_text("".join(json.dumps(r) + "\n" for r in [failed if r["id"] == "doc-1" else r for r in rows]))
    sent = server.requests

    skipped = runner.invoke(
        app, ["extract", "--jsonl", str(docs), "-o", str(out), "--resume", "--skip-errors", *_model(server)]
    )
    assert skipped.exit_code == 0 and server.requests == sent and len(_lines(out)) == 3
    assert "0 documents: 0 ok, 0 errors" in skipped.stderr and "3 skipped" in skipped.stderr

    retried = runner.invoke(app, ["extract", "--jsonl", str(docs), "-o", str(out), "--resume", *_model(server)])
    assert retried.exit_code == 0, retried.output
    assert server.requests > sent and "1 document: 1 ok, 0 errors, 1 retried" in retried.stderr
    assert "2 skipped" in retried.stderr
    lines = _lines(out)
    assert [r["id"] for r in lines] == [r["id"] for r in rows] + ["doc-1"]
    first_of_doc1 = [r["id"] for r in rows].index("doc-1")  # lines keep the order documents finished in
    assert "error" in lines[first_of_doc1] and "sheet" in lines[-1]  # the last line of doc-1 is what counts

    again = runner.invoke(app, ["extract", "--jsonl", str(docs), "-o", str(out), "--resume", *_model(server)])
    assert again.exit_code == 0 and "0 documents" in again.stderr and len(_lines(out)) == 4

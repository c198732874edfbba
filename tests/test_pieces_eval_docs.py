"""scripts/check_eval_docs.py: every gold text through the code path, untyped exceptions reported."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

import factx

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_eval_docs.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_eval_docs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_eval_docs"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _write(folder: Path, name: str, rows: list[dict[str, object]]) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_no_gold_folder_skips_cleanly(script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert script.main(["--eval-dir", str(tmp_path / "absent")]) == 0
    assert "skipped" in capsys.readouterr().out


def test_documents_run_through_the_code_path(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "eval"
    _write(
        folder,
        "tempeval3_tbaq_docs.jsonl",
        [
            {
                "id": "a",
                "text": "Firefighters contained a blaze at a warehouse in Oska on Monday.",
                "reference": "2025-03-05",
            },
            {"id": "b", "text": "  "},  # no text: not a document
        ],
    )
    _write(folder, "duckling_time_en.jsonl", [{"text": "next Tuesday"}])  # a phrase file: only with --sentences
    assert script.main(["--eval-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "1 texts" in out and "0 typed errors, 0 failures" in out
    docs = list(script.documents(folder, script.DOCUMENTS + script.SENTENCES))
    assert [(d.id, d.reference) for d in docs] == [("a", "2025-03-05"), ("0", None)]


def test_an_untyped_exception_is_a_failure_and_a_typed_one_is_not(script: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "eval"
    texts = ["Police arrested two men in Vell.", "Troops left Bren on Friday.", "The port reopened."]
    _write(folder, "wikievents_dev.jsonl", [{"id": f"w{n}", "text": t} for n, t in enumerate(texts)])

    def extract(text: str, reference: str | None) -> object:
        if "Vell" in text:
            raise factx.FactxInputError("refused")
        if "Bren" in text:
            raise ValueError("span (9, 7) does not fit its text")
        return None

    count, typed, failures = script.check(script.documents(folder, script.DOCUMENTS), extract)
    assert (count, typed) == (3, 1)
    assert [f.document.id for f in failures] == ["w1"]
    assert failures[0].summary.startswith("ValueError: span (9, 7) does not fit its text at ")
    assert "extract" in failures[0].summary  # where it was raised

"""Prompt files are data: loaded and validated at import; a bad one fails loudly, naming its path."""

from __future__ import annotations

from pathlib import Path

import pytest

import factx
from factx.interpret.prompts import PROMPTS, load_prompts

GOOD = Path(__file__).resolve().parent.parent / "prompts"


def test_shipped_prompts_load() -> None:
    assert set(PROMPTS) == {"choose_events", "extract_facts", "same_event"}
    messages = PROMPTS["choose_events"].messages(sentences="[1] S.", candidates="c1: x")
    assert [m["role"] for m in messages] == ["system", "user"] and "S." in messages[1]["content"]


def _copy_good(tmp_path: Path) -> None:
    for path in GOOD.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("choose_events.yaml", "name: choose_events\nversion: 1\nsystem: s\nuser: '{sentence}'\n", "required"),
        (
            "choose_events.yaml",
            "name: choose_events\nversion: 1\nsystem: s\nuser: '{sentences} {candidates}'\ntemperature: 2\n",
            "Extra inputs",
        ),
        ("extract_facts.yaml", "name: [unclosed\n", "invalid prompt file"),
        ("same_event.yaml", "name: same_event\nversion: 1\nsystem: s\nuser: '{report_a}'\n", "required"),
    ],
)
def test_bad_prompt_file_names_its_path(tmp_path: Path, name: str, content: str, message: str) -> None:
    _copy_good(tmp_path)
    (tmp_path / name).write_text(content)
    with pytest.raises(factx.FactxConfigError, match=message) as info:
        load_prompts(tmp_path)
    assert str(tmp_path / name) in str(info.value)


def test_missing_prompt_file(tmp_path: Path) -> None:
    _copy_good(tmp_path)
    (tmp_path / "extract_facts.yaml").unlink()
    with pytest.raises(factx.FactxConfigError, match="missing"):
        load_prompts(tmp_path)

"""The README's promises that can be checked offline: its first commands, and its examples.

Every code block of the README runs here verbatim, each in a fresh namespace and a scratch folder,
unless the line before it is ``<!-- readme-test: skip, REASON -->`` (an HTML comment GitHub does not
show): a block that needs the network, your own files or an event loop says so there. A new block
without that mark is run, so an example cannot drift from what the code does.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import factx
from factx.testing import FakeBackend

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
_SKIP = re.compile(r"<!-- readme-test: skip, (.+?) -->\s*$")


@dataclass(frozen=True)
class Block:
    line: int
    language: str
    code: str
    skip: str | None  # why the block is not run


def blocks() -> list[Block]:
    """The README's fenced code blocks with a language (a block without one is a diagram)."""
    out = []
    for found in _FENCE.finditer(README):
        line = README.count("\n", 0, found.start()) + 1
        before = README[: found.start()].rstrip("\n").rsplit("\n", 1)[-1]
        mark = _SKIP.search(before)
        if found.group(1):
            out.append(Block(line, found.group(1), found.group(2), mark.group(1) if mark else None))
    return out


def test_every_code_block_is_run_or_says_why_not() -> None:
    found = blocks()
    assert len(found) >= 9 and {b.language for b in found} <= {"python", "bash"}
    run = [b for b in found if b.skip is None]
    assert len(run) >= 2, "at least the detector and FakeBackend examples run verbatim"
    assert all(b.language == "python" for b in run), "a bash block must run here or be marked"


@pytest.mark.parametrize("block", [b for b in blocks() if b.skip is None], ids=lambda b: f"README line {b.line}")
def test_readme_block_runs_verbatim(block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(block.code, f"README.md:{block.line}", "exec"), {"__name__": "readme"})


def test_use_it_loops_print_what_their_comments_say() -> None:
    """The "Use it" block's loops, verbatim, over the sample article: each comment is a line they print."""
    use_it = next(b for b in blocks() if "for d in sheet.dates:" in b.code)
    lines = use_it.code.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("for d in sheet.dates:"))
    end = next(i for i, line in enumerate(lines) if line.startswith("sheet.event_mentions"))
    loops = "\n".join(lines[start:end])
    text = (ROOT / "examples" / "sample_article.txt").read_text(encoding="utf-8")
    sheet = factx.extract_facts(text, reference_date="2025-10-08", backend=FakeBackend(responder=_yes()))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(loops, {"sheet": sheet})
    comments = [
        line.split("# ", 1)[1].strip()
        for line in lines[start:end]
        if line.lstrip().startswith("# ") or ("print(" in line and "# " in line)
    ]
    assert len(comments) == 3
    for comment in comments:
        assert comment in printed.getvalue().splitlines(), comment


def _yes() -> object:
    from factx.testing import answer_choices

    return answer_choices(True)


def test_readme_starts_with_the_install_and_test_commands() -> None:
    commands = [line for line in README.splitlines()[:20] if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    install, test = commands
    assert "pip install" in install and "factx extract examples/sample_article.txt" in install
    assert "pytest" in test
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci and "python -m pytest" in test


def test_readme_detector_examples_hold() -> None:
    (talks,) = factx.find_dates("Talks resume Tuesday afternoon.", "2013-03-20")
    assert (talks.value, talks.type) == ("2013-03-19TAF", "TIME")
    june = factx.resolve_date("June last year", "2025-10-07")
    assert june is not None and (june.value, june.grain) == ("2024-06", "month")
    troops, money = factx.find_figures("about 14,000 troops and $48.2 million")
    assert (troops.value, troops.unit, troops.approximate) == (14000, "troops", True)
    assert (money.value, money.unit) == (48_200_000, "USD")
    share = factx.parse_figure("twenty percent")
    assert share is not None and (share.value, share.unit, share.percent) == (20.0, "percent", True)


def test_readme_fake_backend_example_holds() -> None:
    text = "The council approved the budget on Monday."
    fake = FakeBackend([{"events": [{"quote": "not in the text", "trigger": "x", "description": "d"}]}] * 3)
    sheet = factx.extract_facts(text, backend=fake, strategy="extract")
    assert sheet.rejected[0].reason == "added event not supported by the text after 3 attempts"
    assert len(fake.calls) == 3
    assert [e.trigger.text for e in sheet.events if e.trigger] == ["approved"]


def test_readme_lists_every_public_name() -> None:
    documented = set(re.findall(r"factx\.(\w+)", README))
    assert {
        "extract_facts",
        "aextract_facts",
        "extract_many",
        "find_dates",
        "resolve_date",
        "find_figures",
        "parse_figure",
        "FactSheet",
    } <= documented


def test_readme_first_command_uses_the_samples_own_dateline_date() -> None:
    import json

    install = next(line for line in README.splitlines()[:20] if "factx extract examples/sample_article.txt" in line)
    given = re.search(r"--reference-date (\d{4}-\d{2}-\d{2})", install)
    gold = Path(__file__).resolve().parent.parent / "examples" / "sample_article_gold.jsonl"
    first = json.loads(gold.read_text(encoding="utf-8").splitlines()[0])
    assert given is not None and given.group(1) == first["reference_date"]

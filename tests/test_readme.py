"""The README's promises that can be checked offline: its first commands, and its examples."""

from __future__ import annotations

import re
from pathlib import Path

import factx
from factx.testing import FakeBackend

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


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
    assert {"extract_facts", "aextract_facts", "extract_many", "find_dates", "resolve_date", "find_figures",
            "parse_figure", "FactSheet"} <= documented


def test_readme_first_command_uses_the_samples_own_dateline_date() -> None:
    import json

    install = next(line for line in README.splitlines()[:20] if "factx extract examples/sample_article.txt" in line)
    given = re.search(r"--reference-date (\d{4}-\d{2}-\d{2})", install)
    gold = Path(__file__).resolve().parent.parent / "examples" / "sample_article_gold.jsonl"
    first = json.loads(gold.read_text(encoding="utf-8").splitlines()[0])
    assert given is not None and given.group(1) == first["reference_date"]

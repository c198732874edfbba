"""``factx link results.jsonl -o story.json``: a story from saved results, its HTML page, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factx.cli.app import app
from factx.linking import Story
from factx.view.story import render_story
from tests.test_link import _sheet_a, _sheet_b, _sheet_c

runner = CliRunner()


def _results(tmp_path: Path) -> Path:
    path = tmp_path / "results.jsonl"
    lines = [
        {"id": "wire-a", "sheet": _sheet_a().model_dump(mode="json")},
        {"id": "broken", "error": "FactxTimeoutError: the document ran out of time"},
        {"id": "paper-b", "sheet": _sheet_b().model_dump(mode="json")},
        {"id": "blog-c", "sheet": _sheet_c().model_dump(mode="json")},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_link_writes_the_story_and_its_page(tmp_path: Path) -> None:
    out, page = tmp_path / "story.json", tmp_path / "story.html"
    result = runner.invoke(app, ["link", str(_results(tmp_path)), "-o", str(out), "--html", str(page)])
    assert result.exit_code == 0, result.output
    story = Story.model_validate_json(out.read_text(encoding="utf-8"))
    assert story.documents == ("wire-a", "paper-b", "blog-c")  # the failed document is left out
    killed = next(e for e in story.events if e.type == "die_injure")
    assert killed.documents == ("wire-a", "paper-b") and killed.conflicts[0].kind == "figure"
    html = page.read_text(encoding="utf-8")
    assert "reports disagree on people killed" in html and 'class="doc">paper-b<' in html
    assert "3 documents" in result.output  # the closing summary on stderr


def test_link_to_stdout_is_the_json_alone(tmp_path: Path) -> None:
    result = runner.invoke(app, ["link", str(_results(tmp_path)), "--quiet"])
    assert result.exit_code == 0
    assert Story.model_validate_json(result.stdout).documents == ("wire-a", "paper-b", "blog-c")


def test_link_bad_input_exits_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["link", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["link", str(bad)])
    assert result.exit_code == 2 and "error:" in result.output


def test_link_takes_the_callers_stories_from_a_file(tmp_path: Path) -> None:
    stories = tmp_path / "stories.json"
    stories.write_text(json.dumps({"wire-a": "quake", "paper-b": "another quake"}), encoding="utf-8")
    out = tmp_path / "story.json"
    result = runner.invoke(app, ["link", str(_results(tmp_path)), "-o", str(out), "--stories", str(stories), "-q"])
    assert result.exit_code == 0, result.output
    assert all(len(e.documents) == 1 for e in Story.model_validate_json(out.read_text(encoding="utf-8")).events)
    stories.write_text("[1, 2]", encoding="utf-8")
    result = runner.invoke(app, ["link", str(_results(tmp_path)), "--stories", str(stories)])
    assert result.exit_code == 2 and "expected a JSON object" in result.output


def test_link_with_an_unknown_model_is_the_callers_mistake(tmp_path: Path) -> None:
    result = runner.invoke(app, ["link", str(_results(tmp_path)), "--quiet", "--model", "nonsense:xyz"])
    assert result.exit_code == 2 and "unknown model 'nonsense:xyz'" in result.output


def test_the_summary_says_what_the_models_votes_came_to() -> None:
    assert Story().votes_said() == ""  # no model asked
    assert Story(votes=3, model_trusted=True).votes_said() == "the model voted on 3 close merges"
    withdrawn = Story(votes=3, votes_withdrawn=2, model_trusted=True).votes_said()
    assert (
        withdrawn
        == "the model voted on 3 close merges; 2 more answers changed when asked again, and code decided those"
    )
    assert "not used" in Story(model_trusted=False).votes_said()
    assert "not used" in render_story(Story(model_trusted=False))

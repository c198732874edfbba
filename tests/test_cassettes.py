"""Replays of real HTTP exchanges with SmolLM2-135M behind ``python -m llama_cpp.server``.

Recorded by ``scripts/record_cassettes.sh`` (never by hand); replayed with record mode ``none``,
so no test here needs a network or a server. The tiny model's answers are whatever it said when
recorded: the assertions are about what factx does with them (ground, verify, reject), plus the
values code computes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FAKE_KEY, SERVER
from typer.testing import CliRunner

import factx
from factx.backends import OpenAIBackend
from factx.cli.app import app
from factx.linking.vote import CONTROLS
from factx.testing import FakeBackend, answer_choices

SHORT = (
    "VELDA, May 12 (Factx Wire) - Striking miners blocked the main road into Velda on Monday, "
    "stopping about 400 trucks, police said. The mining company offered a 6% pay rise late last week, "
    "and talks will resume on Thursday."
)


def _server() -> OpenAIBackend:
    return OpenAIBackend("smollm2", base_url=SERVER, api_key=FAKE_KEY, attempts=1, timeout=900.0, total_seconds=900.0)


def _all_spans_exact(sheet: factx.FactSheet) -> None:
    for fact in (*sheet.dates, *sheet.figures, *sheet.events):
        assert sheet.text[fact.span.start : fact.span.end] == fact.span.text


@pytest.mark.vcr
def test_choose_on_the_sample_article(sample_text: str) -> None:
    sheet = factx.extract_facts(sample_text, reference_date="2025-10-07", backend=_server(), strategy="choose")
    _all_spans_exact(sheet)
    assert sheet.model == "openai:smollm2" and sheet.usage.requests >= 1
    assert sheet.usage.prompt_tokens > 0 and sheet.usage.completion_tokens > 0
    values = {d.span.text: d.value for d in sheet.dates}
    assert values["Sep. 3"] == "2025-09-03"
    assert values["June last year"] == "2024-06"
    late = next(d for d in sheet.dates if d.span.text == "late last year")
    assert (late.value, late.mod) == ("2024", "END")
    money = next(f for f in sheet.figures if f.span.text == "$48.2 million")
    assert (money.value, money.currency) == (48_200_000, "USD")
    triggers = {e.trigger.text: e for e in sheet.event_mentions if e.trigger is not None}
    assert {"forced", "declared", "deployed", "destroyed", "burst"} <= set(triggers)  # code's mentions
    assert triggers["declared"].actors == ("Amara Lindqvist",)  # the canonical name, title aside
    assert "army" in " ".join(triggers["deployed"].actors)
    assert triggers["killed"].factuality == "reported" and triggers["killed"].source == "provincial officials"
    listed = [e.trigger.text for e in sheet.events if e.trigger is not None]
    assert {"burst", "flew", "declared", "destroyed"} <= set(listed)  # whatever the model chose
    assert not [r for r in sheet.rejected if "not supported" in r.reason]


@pytest.mark.vcr
def test_extract_strategy_grounds_or_rejects_every_quote() -> None:
    sheet = factx.extract_facts(SHORT, reference_date="2026-05-12", backend=_server(), strategy="extract")
    _all_spans_exact(sheet)
    assert sheet.usage.requests >= 1
    assert sheet.events, "code's records, kept, corrected or added to by the model under the checks"
    for event in (*sheet.events, *sheet.event_mentions):
        assert event.span.text.lower() in SHORT.lower()
        assert event.trigger is not None and event.span.start <= event.trigger.start < event.span.end
    for rejected in sheet.rejected:
        assert rejected.reason and rejected.proposed


@pytest.mark.vcr
def test_cli_against_an_openai_compatible_server(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text(SHORT, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "extract",
            str(path),
            "--reference-date",
            "2026-05-12",
            "--model",
            "openai:smollm2",
            "--base-url",
            SERVER,
            "--strategy",
            "choose",
            "--format",
            "jsonl",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert rows[0]["kind"] == "sheet" and rows[0]["reference_source"] == "given"
    kinds = {row["kind"] for row in rows}
    assert {"date", "figure", "event"} <= kinds
    monday = next(r for r in rows if r["kind"] == "date" and r["span"]["text"] == "Monday")
    assert monday["value"] == "2026-05-11"


QUAKE_WIRE = "A strong earthquake struck the mountain town of Orvel on Tuesday, killing 40 people, officials said."
QUAKE_PAPER = "The quake that hit Orvel on Tuesday killed 52 people and destroyed the old bridge, the governor said."


@pytest.mark.vcr
def test_link_puts_close_merges_to_a_real_server() -> None:
    """The votes' plumbing: controls and votes as requests, their usage and bound; no answer loses a report."""
    fake = FakeBackend(responder=answer_choices(True))
    sheets = {
        name: factx.extract_facts(text, reference_date="2026-03-05", backend=fake, strategy="choose")
        for name, text in (("wire", QUAKE_WIRE), ("paper", QUAKE_PAPER))
    }
    story = factx.link(sheets, mentions=True, backend=_server(), votes=3, vote_weight=0.5)
    assert 1 <= story.usage.requests <= 2 * 3 + 2 * CONTROLS and story.votes <= 3  # a vote turning code: asked twice
    assert story.usage.prompt_tokens > 0
    linked = sorted((r.doc, r.event_id) for e in story.events for r in e.reports)
    assert linked == sorted((doc, m.id) for doc, sheet in sheets.items() for m in sheet.event_mentions)


def test_no_cassette_holds_a_credential() -> None:
    folder = Path(__file__).resolve().parent.parent / "cassettes"
    files = sorted(folder.rglob("*.yaml"))
    assert files, "cassettes are committed"
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        assert "authorization" not in text and "api-key" not in text and "bearer " not in text, path
        assert FAKE_KEY.lower() not in text and not re.search(r"\bsk-[a-z0-9]{8,}", text), path

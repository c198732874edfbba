"""The pipeline end to end with the shipped fake backend: grounding, re-asks, rejections, usage."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import pytest

import factx
from factx.testing import FakeBackend

TEXT = (
    "MIRELA, March 4 (Factx Wire) - Dockworkers in the port of Mirela walked out on Monday, "
    "halting about 3,000 containers, the port operator said. The union demanded a 9% pay rise. "
    "Talks with the operator will resume next week."
)
REF = "2026-03-04"  # a Wednesday


def _choose_all(tool: str, messages: list[dict[str, Any]]) -> dict[str, Any]:
    listing = messages[-1]["content"]
    return {line.split(":")[0]: True for line in listing.splitlines() if line[:1] == "c"}


def test_choose_strategy_returns_grounded_linked_events() -> None:
    fake = FakeBackend(responder=_choose_all)
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=fake, strategy="choose")
    assert sheet.events, "the fake chose every candidate"
    walk = next(e for e in sheet.events if e.trigger is not None and e.trigger.text == "walked")
    assert "Dockworkers" in walk.actors
    assert walk.location == "Mirela"
    monday = next(d for d in sheet.dates if d.span.text == "Monday")
    assert monday.value == "2026-03-02"
    assert monday.id in walk.date_ids
    containers = next(f for f in sheet.figures if f.value == 3000)
    halting = next(e for e in sheet.events if e.trigger is not None and e.trigger.text == "halting")
    assert containers.id in halting.figure_ids and containers.approximate
    assert sheet.usage.requests == len(fake.calls) >= 1
    for fact in (*sheet.dates, *sheet.figures, *sheet.events):
        assert TEXT[fact.span.start:fact.span.end] == fact.span.text


def test_choose_keeps_main_clauses_and_asks_only_about_the_rest() -> None:
    fake = FakeBackend(responder=lambda tool, messages: {
        line.split(":")[0]: False for line in messages[-1]["content"].splitlines() if line[:1] == "c"})
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=fake, strategy="choose")
    triggers = [e.trigger.text for e in sheet.events if e.trigger is not None]
    assert "walked" in triggers and "demanded" in triggers  # main clauses, never asked
    assert "halting" not in triggers  # a subordinate clause the model answered false for
    assert all(call.tool == "EventChoice" for call in fake.calls)
    assert all("halting" in str(call.messages) or "resume" in str(call.messages) for call in fake.calls)


def test_hallucinated_quote_is_reasked_then_rejected() -> None:
    invented = {"quote": "Dockworkers set fire to the harbour office", "trigger": "fire",
                "description": "arson", "actors": ["Dockworkers"]}
    true_event = {"quote": "The union demanded a 9% pay rise", "trigger": "demanded",
                  "description": "the union demanded a raise", "actors": ["The union"], "figure_ids": ["f2"]}
    answer = {"events": [true_event, invented]}
    fake = FakeBackend([answer, answer, answer])
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=fake, strategy="extract", max_retries=2)
    assert len(fake.calls) == 3  # first answer + 2 re-asks
    reask = fake.calls[1].messages[-1]
    assert "is not in the passage" in str(reask["content"])
    assert [e.description for e in sheet.events] == ["the union demanded a raise"]
    assert sheet.events[0].span.text == "The union demanded a 9% pay rise"
    assert sheet.events[0].figure_ids == ("f2",)
    rejected = [r for r in sheet.rejected if r.kind == "event"]
    assert len(rejected) == 1 and "set fire" in rejected[0].proposed
    assert rejected[0].reason == "not grounded after 3 attempts"
    assert sheet.usage.requests == 3 and sheet.usage.retries == 2
    assert sheet.usage.prompt_tokens > 0 and sheet.usage.completion_tokens > 0


def test_reask_that_succeeds_keeps_the_corrected_answer() -> None:
    bad = {"events": [{"quote": "workers struck", "trigger": "struck", "description": "strike"}]}
    good = {"events": [{"quote": "walked out on Monday", "trigger": "walked", "description": "strike",
                        "date_ids": ["d2"]}]}
    fake = FakeBackend([bad, good])
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=fake, strategy="extract")
    assert [e.span.text for e in sheet.events] == ["walked out on Monday"]
    assert sheet.events[0].date_ids == ("d2",)
    assert not sheet.rejected and sheet.usage.retries == 1


def test_tolerant_alignment_is_recorded() -> None:
    answer = {"events": [{"quote": "the UNION demanded  a 9% pay rise", "trigger": "demanded",
                          "description": "pay claim"}]}
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=FakeBackend([answer]), strategy="extract")
    assert sheet.events[0].alignment == "fuzzy"
    assert sheet.events[0].span.text == "The union demanded a 9% pay rise"


def test_model_values_lose_to_code_and_disagreement_is_recorded() -> None:
    answer = {"extra_figures": [{"quote": "9% pay rise", "value": 90.0, "unit": "percent"}],
              "figure_counts": [{"figure_id": "f1", "counts": "containers"}],
              "events": [{"quote": "Dockworkers in the port of Mirela walked out", "trigger": "walked",
                          "description": "strike", "actors": ["Dockworkers", "Zorro"], "location": "Atlantis"}]}
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=FakeBackend([answer]), strategy="extract")
    assert next(f for f in sheet.figures if f.id == "f1").counts == "containers"
    event = sheet.events[0]
    assert event.actors == ("Dockworkers",) and event.location is None
    reasons = {r.reason for r in sheet.rejected}
    assert {"actor not named in the text", "location not named in the text"} <= reasons


def test_dateline_gives_the_reference_when_none_is_passed() -> None:
    text = "LISBON, June 2, 2024 - The strike ended on Tuesday after two weeks."
    sheet = factx.extract_facts(text, backend=FakeBackend(), strategy="choose")
    assert sheet.reference_source == "dateline"
    assert sheet.reference_date == dt.date(2024, 6, 2)
    assert next(d for d in sheet.dates if d.span.text == "Tuesday").value == "2024-05-28"


def test_without_any_reference_relative_dates_stay_unresolved() -> None:
    sheet = factx.extract_facts("The strike ended on Tuesday.", backend=FakeBackend(), strategy="choose")
    assert sheet.reference_source == "none" and sheet.reference_date is None
    tuesday = sheet.dates[0]
    assert tuesday.start is None and not tuesday.value.startswith("20")


@pytest.mark.parametrize("bad", ["", "   \n"])
def test_empty_text_is_a_typed_input_error(bad: str) -> None:
    with pytest.raises(factx.FactxInputError, match="empty"):
        factx.extract_facts(bad, backend=FakeBackend())


def test_bad_reference_date_is_a_typed_input_error() -> None:
    with pytest.raises(factx.FactxInputError, match="reference_date"):
        factx.extract_facts(TEXT, reference_date="last Tuesday", backend=FakeBackend())


def test_batch_with_a_bad_document_keeps_every_good_result() -> None:
    results = factx.extract_many([TEXT, "", TEXT], reference_date=REF, backend=FakeBackend(), strategy="choose")
    assert isinstance(results[0], factx.FactSheet) and isinstance(results[2], factx.FactSheet)
    assert isinstance(results[1], factx.FactxInputError) and results[1].index == 1


def test_async_entry_point() -> None:
    sheet = asyncio.run(factx.aextract_facts(TEXT, reference_date=REF, backend=FakeBackend(), strategy="choose"))
    assert sheet.reference_date == dt.date(2026, 3, 4)


def test_sheet_round_trips_and_exports_its_schema() -> None:
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=FakeBackend(responder=_choose_all),
                                strategy="choose")
    again = factx.FactSheet.model_validate_json(sheet.model_dump_json())
    assert again == sheet
    schema = factx.FactSheet.model_json_schema()
    assert {"dates", "figures", "events", "rejected", "usage"} <= set(schema["properties"])
    json.dumps(schema)
    with pytest.raises(Exception):  # noqa: B017 - frozen models refuse assignment
        sheet.events[0].description = "changed"  # type: ignore[misc]


def test_extract_passage_without_grounded_events_keeps_codes_main_clauses() -> None:
    fake = FakeBackend([{"events": []}])
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=fake, strategy="extract")
    triggers = [e.trigger.text for e in sheet.events if e.trigger is not None]
    assert "walked" in triggers and "demanded" in triggers
    assert [e.id for e in sheet.events] == [f"e{n}" for n in range(1, len(sheet.events) + 1)]

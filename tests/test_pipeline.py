"""The pipeline end to end with the shipped fake backend: grounding, re-asks, rejections, usage."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import pytest

import factx
from factx.backends.base import ModelRequest, Reply
from factx.backends.wrap import BackendWrapper
from factx.detect.events import analyse
from factx.testing import FakeBackend, answer_choices

TEXT = (
    "MIRELA, March 4 (Factx Wire) - Dockworkers in the port of Mirela walked out on Monday, "
    "halting about 3,000 containers, the port operator said. Their leaders demanded a 9% pay rise. "
    "Talks with the operator will resume next week."
)
REF = "2026-03-04"  # a Wednesday


_choose_all = answer_choices(True)


def _trigger(sheet: factx.FactSheet, word: str) -> factx.EventFact:
    return next(e for e in sheet.event_mentions if e.trigger is not None and e.trigger.text == word)


def test_choose_strategy_returns_grounded_linked_events() -> None:
    fake = FakeBackend(responder=_choose_all)
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=fake, strategy="choose")
    assert sheet.events, "code built the records"
    walk = _trigger(sheet, "walked")
    assert "Dockworkers" in walk.actors and walk.participants[0].role == "agent"
    assert walk.location == "Mirela" and walk.location_span is not None
    monday = next(d for d in sheet.dates if d.span.text == "Monday")
    assert monday.value == "2026-03-02"
    assert monday.id in walk.date_ids and walk.time is not None and walk.time.value == "2026-03-02"
    assert walk.factuality == "reported" and walk.source == "the port operator"
    containers = next(f for f in sheet.figures if f.value == 3000)
    assert containers.id in _trigger(sheet, "halting").figure_ids and containers.approximate
    assert _trigger(sheet, "said").event_class == "REPORTING"
    assert _trigger(sheet, "resume").factuality == "planned"
    assert sheet.usage.requests == len(fake.calls) >= 1
    for fact in (*sheet.dates, *sheet.figures, *sheet.events, *sheet.event_mentions):
        assert TEXT[fact.span.start : fact.span.end] == fact.span.text


def test_choose_asks_only_about_mentions_near_the_cut_in_few_requests() -> None:
    fake = FakeBackend(responder=answer_choices(False))
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=fake, strategy="choose")
    listed = [e.trigger.text for e in sheet.events if e.trigger is not None]
    asked = str([call.messages for call in fake.calls])
    assert "walked" in listed and "walked" not in asked  # far enough above the cut: no answer could drop it
    assert "Talks" in asked and "Talks" not in listed  # near the cut: asked, and the model said no
    assert "said" not in listed  # a reporting verb whose content is listed
    assert all(call.tool == "EventChoice" for call in fake.calls)
    assert len(fake.calls) <= 1, "one request covers several sentences"


def test_unsupported_added_event_is_reasked_then_rejected() -> None:
    invented = {
        "quote": "Dockworkers set fire to the harbour office",
        "trigger": "fire",
        "description": "arson",
        "actors": ["Dockworkers"],
    }
    answer = {"records": [{"id": "c1", "keep": True}], "events": [invented]}
    fake = FakeBackend([answer, answer, answer])
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=fake, strategy="extract", max_retries=2)
    assert len(fake.calls) == 3  # first answer + 2 re-asks
    assert "is not in the passage" in str(fake.calls[1].messages[-1]["content"])
    rejected = [r for r in sheet.rejected if r.kind == "event"]
    assert len(rejected) == 1 and "set fire" in rejected[0].proposed
    assert rejected[0].reason == "added event not supported by the text after 3 attempts"
    assert "walked" in [e.trigger.text for e in sheet.events if e.trigger is not None]  # code's records stand
    assert sheet.usage.requests == 3 and sheet.usage.retries == 2
    assert sheet.usage.prompt_tokens > 0 and sheet.usage.completion_tokens > 0


def test_reask_that_succeeds_keeps_the_corrected_answer() -> None:
    bad = {"records": [{"id": "c99", "keep": True}]}
    good = {"records": [{"id": "c1", "keep": True}]}
    fake = FakeBackend([bad, good])
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=fake, strategy="extract")
    assert "unknown event id 'c99'" in str(fake.calls[1].messages[-1]["content"])
    assert not sheet.rejected and sheet.usage.retries == 1


def test_added_event_with_supported_parts_becomes_a_record() -> None:
    answer = {
        "events": [
            {
                "quote": "the UNION staged  a walkout",
                "trigger": "walkout",
                "description": "The union staged a walkout",
                "actors": ["The union"],
            }
        ]
    }
    fake = FakeBackend([answer], responder=lambda tool, messages: {})
    sheet = factx.extract_facts(
        "The union staged a walkout over a 9% pay rise.", reference_date=REF, backend=fake, strategy="extract"
    )
    added = sheet.event_mentions[-1]
    assert added.alignment == "fuzzy" and added.actors == ("The union",) and added.model_verdict == "added"
    assert added in sheet.event_mentions and any(e.model_verdict == "added" for e in sheet.events)


def test_correction_the_evidence_does_not_back_is_rejected_and_codes_record_kept() -> None:
    key = next(c.key for c in analyse(TEXT).candidates if c.lemma == "resume")
    answer = {"records": [{"id": key, "keep": True, "factuality": "asserted"}]}  # "will resume": not asserted
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=FakeBackend([answer] * 3), strategy="extract")
    assert _trigger(sheet, "resume").factuality == "planned"
    assert any("cannot be 'asserted'" in (r.detail or "") for r in sheet.rejected)


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
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=FakeBackend(responder=_choose_all), strategy="choose")
    again = factx.FactSheet.model_validate_json(sheet.model_dump_json())
    assert again == sheet
    schema = factx.FactSheet.model_json_schema()
    assert {"dates", "figures", "events", "event_mentions", "zones", "rejected", "usage"} <= set(schema["properties"])
    assert '"class"' in sheet.model_dump_json()
    json.dumps(schema)
    with pytest.raises(Exception):  # noqa: B017 - frozen models refuse assignment
        sheet.events[0].description = "changed"  # type: ignore[misc]


def test_extract_with_an_empty_answer_keeps_codes_records() -> None:
    fake = FakeBackend([{"events": []}])
    sheet = factx.extract_facts(TEXT, reference_date=REF, backend=fake, strategy="extract")
    triggers = [e.trigger.text for e in sheet.events if e.trigger is not None]
    assert "walked" in triggers and "demanded" in triggers
    assert [e.id for e in sheet.events] == [f"e{n}" for n in range(1, len(sheet.events) + 1)]


class _Deadlines(BackendWrapper):
    """Notes the budget of every call's deadline, then lets the fake answer."""

    def __init__(self) -> None:
        super().__init__(FakeBackend(responder=_choose_all))
        self.seconds: list[float | None] = []

    async def request(self, req: ModelRequest[Any]) -> Reply[Any]:
        self.seconds.append(None if req.deadline is None else req.deadline.seconds)
        return await super().request(req)


def test_the_default_budget_grows_with_the_text_and_a_given_one_is_kept() -> None:
    from factx.backends import DEFAULT_TIMEOUT, TIMEOUT_CHARS, default_timeout

    assert default_timeout(0) == default_timeout(TIMEOUT_CHARS) == DEFAULT_TIMEOUT
    assert default_timeout(TIMEOUT_CHARS + 1) == 2 * DEFAULT_TIMEOUT
    assert default_timeout(5_000_000) == 20 * DEFAULT_TIMEOUT
    for timeout, expected in (("auto", DEFAULT_TIMEOUT), (30, 30.0)):
        backend = _Deadlines()
        factx.extract_facts(TEXT, reference_date=REF, backend=backend, strategy="choose", timeout=timeout)
        assert backend.seconds and set(backend.seconds) == {expected}
    with pytest.raises(factx.FactxInputError, match="'auto' or None"):
        factx.extract_facts(TEXT, timeout="soon", backend=FakeBackend())  # type: ignore[arg-type]

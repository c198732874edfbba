"""Faults over real HTTP (a scripted server on 127.0.0.1): each ends in a sheet or a typed error, in time,
with ``usage.requests`` equal to the requests the server saw.

Budgets: a document's ``timeout`` is short here; a stall or a drip never holds it past the deadline + 1 s.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
from pydantic import BaseModel

import factx
from factx.backends import Deadline, OpenAIBackend
from factx.detect.events import analyse
from tests.faultserver import (
    Clock,
    FaultServer,
    body,
    drip,
    ok,
    reset,
    serve,
    server,
    stall,
    status,
    text_only,
    truncated,
)

__all__ = ["server"]  # the fixture

TEXT = "The council approved the budget on Monday."
GOOD = {"events": [{"quote": "The council approved the budget", "trigger": "approved", "description": "approved"}]}
DEADLINE = 1.5
SLACK = 1.5
"""What a loaded CI machine may add to a bound; bounds stay under the waits a retry or a deadline causes."""


@pytest.fixture(autouse=True, scope="module")
def _parser_loaded() -> None:
    warm = "Load the parser and the detectors before any clock starts on Monday: 5 troops."
    analyse(warm)
    factx.find_figures(warm)
    factx.find_dates(warm, "2025-10-06")
    with serve() as warm_server:  # the first request of a process imports and builds the client's parts
        factx.extract_facts(TEXT, model="openai:m", base_url=warm_server.play(ok(GOOD)).url)


def run(server: FaultServer, *, timeout: float = 8.0, text: str = TEXT) -> tuple[Any, float]:
    """extract_facts against the server: the sheet or the FactxError, and the wall time."""
    with Clock() as clock:
        try:
            outcome: Any = factx.extract_facts(
                text, model="openai:m", base_url=server.url, reference_date="2025-10-06", timeout=timeout
            )
        except factx.FactxError as exc:
            outcome = exc
    return outcome, clock.seconds


def usage_of(outcome: Any) -> factx.Usage:
    usage = outcome.usage
    assert isinstance(usage, factx.Usage)
    return usage


def test_valid_tool_call(server: FaultServer) -> None:
    sheet, seconds = run(server.play(ok(GOOD)))
    assert isinstance(sheet, factx.FactSheet) and [e.trigger.text for e in sheet.events] == ["approved"]
    assert server.count == sheet.usage.requests == 1 and sheet.usage.prompt_tokens == 10
    assert seconds < 2 + SLACK


def test_429_honours_retry_after(server: FaultServer) -> None:
    sheet, seconds = run(server.play(status(429, "slow down", retry_after="1"), ok(GOOD)))
    assert isinstance(sheet, factx.FactSheet) and sheet.events
    assert server.count == sheet.usage.requests == 2 and sheet.usage.retries == 1
    assert 1.0 <= seconds < 1.0 + 2


def test_429_asking_longer_than_the_deadline_gives_up_at_once(server: FaultServer) -> None:
    error, seconds = run(server.play(status(429, "slow down", retry_after="30")), timeout=10)
    assert isinstance(error, factx.FactxTimeoutError) and error.status_code == 429
    assert server.count == usage_of(error).requests == 1
    assert seconds < 2 + SLACK


@pytest.mark.parametrize("code", [500, 502, 503])
def test_server_errors_are_retried_then_answered(server: FaultServer, code: int) -> None:
    sheet, seconds = run(server.play(*[status(code, "overloaded", retry_after="0")] * 3, ok(GOOD)))
    assert isinstance(sheet, factx.FactSheet) and sheet.events
    assert server.count == sheet.usage.requests == 4 and sheet.usage.retries == 3
    assert seconds < 2 + SLACK


def test_server_errors_without_retry_after_back_off_then_give_up(server: FaultServer) -> None:
    error, seconds = run(server.play(*[status(503, "overloaded")] * 4), timeout=20)
    assert isinstance(error, factx.FactxBackendError) and error.status_code == 503
    assert server.count == usage_of(error).requests == error.attempts == 4
    assert seconds < 1 + 2 + 4 + 1  # the random exponential backoff's caps, plus slack


def test_reset_mid_body_is_retried(server: FaultServer) -> None:
    sheet, seconds = run(server.play(reset(), ok(GOOD)))
    assert isinstance(sheet, factx.FactSheet) and sheet.events
    assert server.count == sheet.usage.requests == 2
    assert seconds < 2 + SLACK


def test_truncated_bodies_count_every_request(server: FaultServer) -> None:
    error, seconds = run(server.play(*[truncated()] * 4), timeout=20)
    assert isinstance(error, factx.FactxBackendError) and "complete message body" in str(error)
    assert server.count == usage_of(error).requests == 4 and usage_of(error).retries == 3
    assert seconds < 1 + 2 + 4 + 1


@pytest.mark.parametrize("fault", [stall, drip], ids=["stall", "drip"])
def test_stall_and_drip_end_at_the_deadline(server: FaultServer, fault: Any) -> None:
    error, seconds = run(server.play(fault()), timeout=DEADLINE)
    assert isinstance(error, factx.FactxTimeoutError) and error.seconds == DEADLINE
    assert server.count == usage_of(error).requests == 1
    assert DEADLINE - 0.1 <= seconds < DEADLINE + SLACK


def test_the_deadline_spans_every_call_of_a_document(server: FaultServer) -> None:
    long_text = " ".join([TEXT] * 80)  # several passages: several requests
    analyse(long_text)  # parsed before the clock starts (the parse is cached), so only requests take time
    first = {"events": []}
    error, seconds = run(server.play(ok(first), ok(first), drip()), timeout=3.0, text=long_text)
    assert isinstance(error, factx.FactxTimeoutError)
    assert server.count == usage_of(error).requests == 3  # the usage of the whole document so far
    assert seconds < 3.0 + SLACK


def test_invalid_json_arguments_are_reasked_then_rejected(server: FaultServer) -> None:
    sheet, _ = run(server.play(*[ok('{"events": [{"quote": ')] * 3))
    assert isinstance(sheet, factx.FactSheet)
    assert server.count == sheet.usage.requests == 3 and sheet.usage.retries == 2
    assert sheet.rejected[0].reason == "model answer unreadable after retries"
    assert [e.trigger.text for e in sheet.events] == ["approved"]  # code's main clause stands in


def test_schema_violation_is_reasked_and_corrected(server: FaultServer) -> None:
    sheet, _ = run(server.play(ok({"events": [{"quote": 7}]}), ok(GOOD)))
    assert isinstance(sheet, factx.FactSheet) and sheet.events and not sheet.rejected
    assert server.count == sheet.usage.requests == 2
    reask = server.seen[1].json["messages"]
    assert any("Validation Error" in str(m.get("content")) for m in reask)


def test_hallucinated_quote_is_rejected_never_a_fact(server: FaultServer) -> None:
    made_up = {"events": [{"quote": "The mayor resigned", "trigger": "resigned", "description": "x"}]}
    sheet, _ = run(server.play(*[ok(made_up)] * 3))
    assert isinstance(sheet, factx.FactSheet)
    assert server.count == sheet.usage.requests == 3
    assert sheet.rejected[0].reason == "added event not supported by the text after 3 attempts"
    assert all(e.trigger.text != "resigned" for e in sheet.events)


def test_huge_repetitive_output_is_cut_where_kept_and_where_sent_back(server: FaultServer) -> None:
    huge = {"events": [{"quote": "la " * 70_000, "trigger": "la", "description": "d"}]}
    sheet, _ = run(server.play(*[ok(huge)] * 3))
    assert isinstance(sheet, factx.FactSheet)
    assert server.count == sheet.usage.requests == 3
    assert all(len(r.proposed) < 13_000 for r in sheet.rejected) and "[cut:" in sheet.rejected[0].proposed
    sizes = [len(seen.body) for seen in server.seen]
    assert sizes[0] < 10_000 and max(sizes) < 40_000  # not 400 KB re-asks
    prompt = server.seen[0].json["messages"]
    assert server.seen[2].json["messages"][: len(prompt)] == prompt  # the prompt itself is never cut


def test_empty_choices_is_a_typed_backend_error(server: FaultServer) -> None:
    no_choices = {"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": []}
    error, _ = run(server.play(body(no_choices)))
    assert isinstance(error, factx.FactxBackendError) and "without any choice" in str(error)
    assert server.count == usage_of(error).requests == 1


def test_no_tool_call_is_reasked_then_rejected(server: FaultServer) -> None:
    sheet, _ = run(server.play(*[text_only("I would rather not.")] * 3))
    assert isinstance(sheet, factx.FactSheet)
    assert server.count == sheet.usage.requests == 3
    assert sheet.rejected[0].proposed == "I would rather not."


def test_finish_reason_length_is_a_model_error_kept_as_a_rejection(server: FaultServer) -> None:
    sheet, _ = run(server.play(ok('{"events": [{"quote": "The coun', finish="length")))
    assert isinstance(sheet, factx.FactSheet)
    assert server.count == sheet.usage.requests == 1
    assert sheet.rejected[0].reason == "model answer unreadable after retries"
    assert sheet.rejected[0].proposed == '{"events": [{"quote": "The coun'


@pytest.mark.parametrize(("code", "message"), [(401, "Incorrect API key"), (400, "maximum context length is 2048")])
def test_client_errors_are_not_retried(server: FaultServer, code: int, message: str) -> None:
    error, seconds = run(server.play(status(code, message)))
    assert isinstance(error, factx.FactxBackendError) and not isinstance(error, factx.FactxTimeoutError)
    assert error.status_code == code and message in str(error)
    assert server.count == usage_of(error).requests == 1
    assert seconds < 2 + SLACK


def test_one_log_line_per_retry_and_per_give_up_and_none_from_instructor(
    server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    run(server.play(*[status(500, "boom", retry_after="0")] * 4))
    factx_lines = [r for r in caplog.records if r.name == "factx"]
    assert [r.levelname for r in factx_lines] == ["INFO"] * 3 + ["WARNING"]
    assert "retry 1 of 3" in factx_lines[0].getMessage() and "after 4 attempts" in factx_lines[-1].getMessage()
    assert not [r for r in caplog.records if r.name.startswith("instructor")]


# ---- the backend's own calls, sync and async ------------------------------------------------


class Answer(BaseModel):
    city: str


MESSAGES = [{"role": "user", "content": "Where?"}]


def backend(server: FaultServer) -> OpenAIBackend:
    return OpenAIBackend("m", base_url=server.url, api_key="sk-test", attempts=4)


def test_async_retries_and_meter_match_sync(server: FaultServer) -> None:
    server.play(status(429, "slow", retry_after="0"), truncated(), ok({"city": "Lyon"}))
    reply = asyncio.run(backend(server).acomplete(Answer, MESSAGES))
    assert reply.value.city == "Lyon"
    assert server.count == reply.usage.requests == 3 and reply.usage.retries == 2


@pytest.mark.parametrize("fault", [stall, drip], ids=["stall", "drip"])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_call_ends_by_its_deadline(server: FaultServer, fault: Any, mode: str) -> None:
    server.play(fault())
    engine = backend(server)
    with Clock() as clock, pytest.raises(factx.FactxTimeoutError) as info:
        if mode == "sync":
            engine.complete(Answer, MESSAGES, deadline=Deadline(DEADLINE))
        else:
            asyncio.run(engine.acomplete(Answer, MESSAGES, deadline=Deadline(DEADLINE)))
    assert server.count == info.value.usage.requests == 1
    assert clock.seconds < DEADLINE + SLACK


def test_async_invalid_output_is_a_model_error(server: FaultServer) -> None:
    server.play(*[ok({"town": "Lyon"})] * 3)
    with pytest.raises(factx.FactxModelError) as info:
        asyncio.run(backend(server).acomplete(Answer, MESSAGES, max_retries=2))
    assert server.count == info.value.usage.requests == info.value.attempts == 3
    assert json.loads(info.value.last_output) == {"town": "Lyon"}


def test_async_many_calls_share_one_loop_and_count_apart(server: FaultServer) -> None:
    server.play(*[ok({"city": "Lyon"})] * 4)
    engine = backend(server)

    async def four() -> list[Any]:
        return await asyncio.gather(*[engine.acomplete(Answer, MESSAGES) for _ in range(4)])

    replies = asyncio.run(four())
    assert [r.usage.requests for r in replies] == [1, 1, 1, 1] and server.count == 4


@pytest.mark.parametrize("text", ["Prices rose {{ 5 }} % on {% Monday.", "The {{ passage }} {# was #} approved."])
def test_template_syntax_in_the_text_reaches_the_model_verbatim(server: FaultServer, text: str) -> None:
    sheet, _ = run(server.play(ok({"events": []})), text=text)
    assert isinstance(sheet, factx.FactSheet) and server.count == sheet.usage.requests == 1
    prompt = "\n".join(str(m["content"]) for m in server.seen[0].json["messages"])
    assert text in prompt

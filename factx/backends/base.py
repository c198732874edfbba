"""The backend interface: one request object (``ModelRequest``), one async method (``Backend.request``).

A wrapper (cache, rate limits, budget) overrides ``request`` alone; sync callers go through the one
sync adapter (``complete``, on ``portal.run_sync``). ``InstructorBackend`` is the instructor call every
model backend shares, and all retry and time policy lives there: validation failures are re-asked
by instructor (``max_retries``); transient failures (429 honouring ``Retry-After``, 5xx, resets,
truncated bodies, timeouts) back off with tenacity, at most ``attempts`` times; and the whole call
ends by its deadline (the request's, else ``total_seconds``) whatever the server does. Usage counts
every request sent. Errors are typed, carry the usage, and never quote a secret.
"""

from __future__ import annotations

import abc
import contextlib
import contextvars
import functools
import json
import re
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Generic, TypedDict, TypeVar

import instructor
from instructor.core import Hooks, IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type
from tenacity.wait import wait_random_exponential
from typing_extensions import Unpack

from factx._errors import FactxBackendError, FactxError, FactxModelError, FactxTimeoutError
from factx._types import Usage
from factx.backends.deadline import Deadline, DeadlineExceeded, run_capped
from factx.backends.failures import Redactor, first_line, is_transient, retry_after, status_of
from factx.backends.log import log, quiet_instructor
from factx.backends.meter import Meter, shorten_reasks
from factx.backends.portal import in_thread, run_sync

__all__ = ["Backend", "InstructorBackend", "Messages", "ModelRequest", "Reply", "RequestOptions", "current_request"]

M = TypeVar("M", bound=BaseModel)
Messages = list[dict[str, Any]]

KEEP_CHARS_PER_TOKEN = 8
"""Model output kept (in errors, ``rejected``, re-asks) is cut at this many characters per requested token."""

_MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class ModelRequest(Generic[M]):
    """One structured completion: fill ``response_model`` from ``messages``, validated with ``context``.

    ``max_retries`` re-asks after a failed validation; ``max_tokens`` bounds each answer; ``deadline``
    is when the request must have ended, retries included (``None``: the backend's own limit).
    """

    response_model: type[M]
    messages: Messages
    context: dict[str, Any] | None = None
    max_retries: int = 2
    max_tokens: int = 512
    deadline: Deadline | None = None

    def within(self, deadline: Deadline | None) -> ModelRequest[M]:
        """This request, due by ``deadline`` too (the sooner of the two)."""
        return self if deadline is None else replace(self, deadline=deadline.earliest(self.deadline))


class RequestOptions(TypedDict, total=False):
    """``ModelRequest``'s fields after the response model and the messages, as keywords."""

    context: dict[str, Any] | None
    max_retries: int
    max_tokens: int
    deadline: Deadline | None


@dataclass(frozen=True)
class Reply(Generic[M]):
    """A validated response and what it cost, every attempt included."""

    value: M
    usage: Usage


class Backend(abc.ABC):
    """Answers a ``ModelRequest`` with a ``Reply``, or raises a ``FactxError``: one async method, ``request``.

    Many requests may be in flight at once (``asyncio.gather``); ``complete`` is the sync adapter.
    """

    name: str = "backend"

    @abc.abstractmethod
    async def request(self, req: ModelRequest[M]) -> Reply[M]:
        """The response model filled from the messages, by the request's deadline."""

    def complete(self, response_model: type[M], messages: Messages, **options: Unpack[RequestOptions]) -> Reply[M]:
        """``request`` from sync code (any thread): run on the sync adapter's one event loop."""
        return run_sync(self.request(ModelRequest(response_model, messages, **options)))

    async def acomplete(
        self, response_model: type[M], messages: Messages, **options: Unpack[RequestOptions]
    ) -> Reply[M]:
        """``request`` with the request's fields as arguments."""
        return await self.request(ModelRequest(response_model, messages, **options))

    async def aclose(self) -> None:  # noqa: B027 - optional: most backends hold nothing per loop
        """Release what the running event loop holds for this backend (an async HTTP client's sockets)."""


class InstructorBackend(Backend):
    """Runs one structured completion through ``instructor.patch`` around a raw ``create``.

    ``acreate`` (optional) gives the raw async ``create`` for the running event loop; without it the
    blocking ``create`` runs in a worker thread. ``secrets`` are removed from every message.
    """

    name = "instructor"

    def __init__(
        self,
        create: Callable[..., Any],
        *,
        model_name: str,
        attempts: int = 1,
        total_seconds: float = 120.0,
        acreate: Callable[[], Callable[..., Awaitable[Any]]] | None = None,
        secrets: Iterable[str | None] = (),
    ) -> None:
        self._raw = create
        self._raw_async = acreate
        with quiet_instructor():
            self._create = instructor.patch(create=self._send, mode=instructor.Mode.TOOLS)
        self._model_name = model_name
        self._attempts = attempts
        self._total_seconds = total_seconds
        self._redact = Redactor(secrets)

    async def request(self, req: ModelRequest[M]) -> Reply[M]:
        call = _Call(self, req)
        with call.running():
            async for attempt in AsyncRetrying(**call.policy()):
                with attempt, call.typed():
                    return call.reply(await self._create(**call.kwargs))
        raise AssertionError("unreachable")

    def _prepare(self, kwargs: dict[str, Any], deadline: Deadline) -> dict[str, Any]:
        """Per-request arguments a backend derives from the deadline (a clipped timeout, a stop criterion)."""
        return kwargs

    async def _send(self, **kwargs: Any) -> Any:
        """The raw ``create`` instructor calls once per request: metered, capped at the deadline."""
        call = _CALL.get()
        kwargs = self._prepare(call.before_send(kwargs), call.deadline)
        try:
            response = await run_capped(lambda: self._raw_call(kwargs), call.deadline)
        except DeadlineExceeded:
            raise
        except Exception as exc:
            raise _Sent(exc) from exc
        return call.after_send(response)

    def _raw_call(self, kwargs: dict[str, Any]) -> Awaitable[Any]:
        if self._raw_async is not None:
            return self._raw_async()(**kwargs)
        return in_thread(functools.partial(self._raw, **kwargs))


def current_request() -> ModelRequest[Any]:
    """The request a raw ``create`` is answering (a fake answers by what it asks for)."""
    return _CALL.get().req


class _Retry(Exception):
    """A transient failure: tenacity retries the call."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(type(cause).__name__)
        self.cause = cause


class _Sent(Exception):
    """What the raw ``create`` raised for a request that was sent (or tried)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(type(cause).__name__)
        self.cause = cause


class _NoChoices(Exception):
    """A 200 answer without a single choice."""


_CALL: contextvars.ContextVar[_Call] = contextvars.ContextVar("factx_call")
_backoff = wait_random_exponential(multiplier=0.5, max=20)
_PARSE_ERRORS = (ValidationError, json.JSONDecodeError, ValueError, TypeError)


@functools.lru_cache(maxsize=64)
def _wrapped(response_model: type[BaseModel]) -> type[BaseModel]:
    """The model as instructor's schema class, made once per class: instructor wraps an unwrapped
    model anew on every request, so its schema cache never hits (22 ms of CPU per request)."""
    wrapped: type[BaseModel] = instructor.openai_schema(response_model)
    return wrapped


_JINJA_OPENER = re.compile(r"\{(?=[{%#])")


def _literal(messages: Messages) -> Messages:
    """The messages, safe from instructor's templating: given a ``context``, instructor renders every
    message as a Jinja template, so an article containing ``{{`` or ``{%`` would fail or be rewritten.
    Each opener's ``{`` becomes ``{{ '{' }}``, which renders back to itself; all else is unchanged."""
    return [
        {**m, "content": _JINJA_OPENER.sub("{{ '{' }}", m["content"])} if isinstance(m.get("content"), str) else m
        for m in messages
    ]


class _Call:
    """One request: its deadline, its meter, its request arguments, and how failures become errors."""

    def __init__(self, backend: InstructorBackend, req: ModelRequest[Any]) -> None:
        self.req = req
        self.name = backend.name
        self.model = req.response_model.__name__
        self.redact = backend._redact
        self.attempts = max(1, backend._attempts)
        self.deadline = Deadline(backend._total_seconds).earliest(req.deadline)
        self.meter = Meter(keep=max(2000, KEEP_CHARS_PER_TOKEN * req.max_tokens))
        self.max_tokens = req.max_tokens
        self.prompt_length = len(req.messages)
        self.out_of_time = False
        response_model: type[BaseModel] = req.response_model
        hooks = Hooks()
        hooks.on("parse:error", self._log_reask)
        self.kwargs: dict[str, Any] = {
            "response_model": _wrapped(response_model),
            "messages": _literal(req.messages) if req.context else list(req.messages),  # re-asks go to this list
            "context": req.context,
            "max_retries": req.max_retries,
            "hooks": hooks,
            "model": backend._model_name,
            "max_tokens": req.max_tokens,
            "temperature": 0,
        }

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """The call's scope: its requests find it, instructor is quiet, the last transient failure is typed."""
        token = _CALL.set(self)
        try:
            with quiet_instructor():
                yield
        except _Retry as exc:
            raise self.give_up(exc) from None
        finally:
            _CALL.reset(token)

    @contextlib.contextmanager
    def typed(self) -> Iterator[None]:
        """One attempt: whatever it raises becomes a typed error (or a ``_Retry`` for tenacity)."""
        try:
            yield
        except Exception as exc:
            raise self.failure(exc) from None

    # -- each request ----------------------------------------------------------------------

    def before_send(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        if self.deadline.expired():
            raise DeadlineExceeded
        messages = shorten_reasks(kwargs.get("messages", []), self.prompt_length, self.meter.keep, self.redact)
        self.meter.sent()
        return {**kwargs, "messages": messages}

    def after_send(self, response: Any) -> Any:
        self.meter.received(response)
        if not getattr(response, "choices", None):
            raise _NoChoices
        return response

    def reply(self, value: Any) -> Reply[Any]:
        return Reply(value=value, usage=self.meter.usage())

    # -- retries ---------------------------------------------------------------------------

    def policy(self) -> dict[str, Any]:
        """Tenacity's arguments: retry transient failures, waiting as the server asks, within attempts and time."""
        return {
            "stop": self._stop,
            "wait": self._wait,
            "retry": retry_if_exception_type(_Retry),
            "before_sleep": self._log_retry,
            "reraise": True,
        }

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc.cause) if isinstance(exc, _Retry) else None
        return min(asked, _MAX_RETRY_AFTER) if asked is not None else float(_backoff(state))

    def _stop(self, state: RetryCallState) -> bool:
        if state.attempt_number >= self.attempts:
            return True
        self.out_of_time = not self.deadline.allows(state.upcoming_sleep)
        return self.out_of_time

    def _log_retry(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        why = self.redact(self._describe(exc.cause)) if isinstance(exc, _Retry) else "?"
        log.info(
            "%s: %s; retry %d of %d in %.1f s",
            self.name,
            why,
            state.attempt_number,
            self.attempts - 1,
            state.upcoming_sleep,
        )

    def _log_reask(self, error: Exception, *, is_last_attempt: bool = False, **_: Any) -> None:
        if not is_last_attempt:  # the last failure is reported once, as the give-up
            log.info(
                "%s: %s answer failed validation (%s); re-asking",
                self.name,
                self.model,
                self.redact(first_line(error, 200)),
            )

    # -- failures --------------------------------------------------------------------------

    def failure(self, exc: Exception) -> Exception:
        """The typed error ``exc`` stands for, or a ``_Retry`` for a transient failure."""
        cause = exc.__cause__ if isinstance(exc, InstructorRetryException) and exc.__cause__ else exc
        if isinstance(cause, DeadlineExceeded) or (isinstance(cause, _Sent) and self.deadline.expired()):
            return self._given_up(self._timeout(None))
        if isinstance(cause, _Sent):
            if is_transient(cause.cause):
                return _Retry(cause.cause)
            return self._given_up(self._backend_error(self._describe(cause.cause), status_of(cause.cause)))
        if isinstance(cause, _NoChoices):
            return self._given_up(self._backend_error("the endpoint answered without any choice", None))
        if isinstance(exc, IncompleteOutputException):
            return self._given_up(self._model_error(f"output cut at max_tokens={self.max_tokens}"))
        if isinstance(exc, InstructorRetryException) and isinstance(cause, _PARSE_ERRORS):
            return self._given_up(self._model_error(f"output failed validation: {first_line(cause)}"))
        if isinstance(exc, FactxError):
            return exc
        return self._given_up(self._backend_error(first_line(cause), status_of(cause)))

    def give_up(self, exc: _Retry) -> FactxError:
        """The error after the last transient failure: out of attempts, or out of time for another."""
        why, status = self._describe(exc.cause), status_of(exc.cause)
        if self.out_of_time:
            return self._given_up(self._timeout(f"no time left to retry after: {why}", status))
        return self._given_up(self._backend_error(why, status))

    def _given_up(self, error: FactxError) -> FactxError:
        log.warning("%s", error)
        return error

    def _backend_error(self, why: str, status: int | None) -> FactxBackendError:
        return FactxBackendError(
            self.redact(f"{self.name}: {why}"),
            attempts=self.meter.requests,
            status_code=status,
            usage=self.meter.usage(),
        )

    def _timeout(self, why: str | None, status: int | None = None) -> FactxTimeoutError:
        seconds = self.deadline.seconds
        why = why or f"no complete answer within the deadline ({seconds:g} s)"
        return FactxTimeoutError(
            self.redact(f"{self.name}: {why}"),
            attempts=self.meter.requests,
            seconds=seconds,
            status_code=status,
            usage=self.meter.usage(),
        )

    def _model_error(self, why: str) -> FactxModelError:
        last = self.meter.last_output
        return FactxModelError(
            self.redact(f"{self.model}: {why}"),
            attempts=self.meter.requests,
            last_output=None if last is None else self.redact(last),
            usage=self.meter.usage(),
        )

    def _describe(self, cause: BaseException) -> str:
        """A failure in one line: ``HTTP 503: ...``, ``connection failed: ...``, ``timed out``."""
        import openai

        if isinstance(cause, openai.APIStatusError):
            body = cause.body.get("error", cause.body) if isinstance(cause.body, dict) else cause.body
            said = body.get("message") if isinstance(body, dict) else body
            return f"HTTP {cause.status_code}: {' '.join(str(said or cause.message).split())[:300]}"
        if isinstance(cause, openai.APITimeoutError):
            return "request timed out"
        if isinstance(cause, openai.APIConnectionError) and cause.__cause__ is not None:
            return f"connection failed: {first_line(cause.__cause__)}"
        return first_line(cause)

"""A shared rate limit (requests and tokens per minute) around a backend, for sync and async callers.

aiolimiter's leaky buckets live on one private event loop in a daemon thread, so worker threads and
any caller's event loop draw from the same budget. A call first takes one request and its estimated
prompt tokens (4 characters a token); what the call really cost beyond that (re-asks, completion
tokens) is taken afterwards, so the calls after it wait for it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from aiolimiter import AsyncLimiter
from pydantic import BaseModel

from factx._types import Usage
from factx.backends.base import Backend, Messages, Reply, complete_async
from factx.backends.deadline import Deadline
from factx.backends.wrap import BackendWrapper

M = TypeVar("M", bound=BaseModel)


class RateLimitedBackend(BackendWrapper):
    """At most ``requests_per_minute`` requests and ``tokens_per_minute`` tokens, over every caller."""

    def __init__(
        self, inner: Backend, *, requests_per_minute: float | None = None, tokens_per_minute: float | None = None
    ) -> None:
        super().__init__(inner)
        for name, rate in (("requests_per_minute", requests_per_minute), ("tokens_per_minute", tokens_per_minute)):
            if rate is not None and rate <= 0:
                raise ValueError(f"{name} must be positive")
        self._rates = requests_per_minute, tokens_per_minute
        self._limiters: tuple[AsyncLimiter | None, AsyncLimiter | None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._start = threading.Lock()

    def complete(
        self,
        response_model: type[M],
        messages: Messages,
        *,
        context: dict[str, Any] | None = None,
        max_retries: int = 2,
        max_tokens: int = 512,
        deadline: Deadline | None = None,
    ) -> Reply[M]:
        estimate = estimate_tokens(messages)
        self._run(self._take(1, estimate)).result()
        try:
            reply = self.inner.complete(
                response_model,
                messages,
                context=context,
                max_retries=max_retries,
                max_tokens=max_tokens,
                **self.forward(deadline),
            )
        except Exception as exc:
            self._run(self._take_spent(getattr(exc, "usage", None), estimate)).result()
            raise
        self._run(self._take_spent(reply.usage, estimate)).result()
        return reply

    async def acomplete(
        self,
        response_model: type[M],
        messages: Messages,
        *,
        context: dict[str, Any] | None = None,
        max_retries: int = 2,
        max_tokens: int = 512,
        deadline: Deadline | None = None,
    ) -> Reply[M]:
        estimate = estimate_tokens(messages)
        await asyncio.wrap_future(self._run(self._take(1, estimate)))
        try:
            reply = await complete_async(
                self.inner,
                response_model,
                messages,
                context=context,
                max_retries=max_retries,
                max_tokens=max_tokens,
                **self.forward(deadline),
            )
        except Exception as exc:
            await asyncio.wrap_future(self._run(self._take_spent(getattr(exc, "usage", None), estimate)))
            raise
        await asyncio.wrap_future(self._run(self._take_spent(reply.usage, estimate)))
        return reply

    async def _take(self, requests: float, tokens: float) -> None:
        assert self._limiters is not None
        for limiter, amount in zip(self._limiters, (requests, tokens), strict=True):
            while limiter is not None and amount > 0:  # a bucket gives at most its capacity at once
                part = min(amount, limiter.max_rate)
                await limiter.acquire(part)
                amount -= part

    async def _take_spent(self, usage: object, estimate: int) -> None:
        if isinstance(usage, Usage):
            tokens = usage.prompt_tokens + usage.completion_tokens - estimate
            await self._take(max(0, usage.requests - 1), max(0, tokens))

    def _run(self, work: Coroutine[Any, Any, None]) -> concurrent.futures.Future[None]:
        """Schedule ``work`` on the limiter's own loop (started on first use); a concurrent future."""
        with self._start:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=self._loop.run_forever, name="factx-rate-limit", daemon=True).start()
                rpm, tpm = self._rates
                self._limiters = (
                    None if rpm is None else AsyncLimiter(rpm, 60),
                    None if tpm is None else AsyncLimiter(tpm, 60),
                )
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    def close(self) -> None:
        """Stop the limiter's loop (a later call starts a new one)."""
        with self._start:
            if self._loop is not None:
                self._loop.call_soon_threadsafe(self._loop.stop)
                self._loop = None


def estimate_tokens(messages: Messages) -> int:
    """A request's prompt tokens before it is sent: about 4 characters a token."""
    return sum(len(str(m.get("content") or "")) for m in messages) // 4 + 4 * len(messages)

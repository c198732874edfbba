"""A shared rate limit (requests and tokens per minute) around a backend, for every thread and event loop.

Each limit is a leaky bucket kept under a lock, not on any one event loop: a request reserves its
share at once and sleeps (on its own loop) until the bucket has drained enough to hold it, so
requests are served in the order they asked, from any thread. A request first takes one request and
its estimated prompt tokens (4 characters a token); what it really cost beyond that (re-asks,
completion tokens) is charged afterwards, so the requests after it wait for it.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import TypeVar

from pydantic import BaseModel

from factx._errors import FactxBackendError, FactxModelError
from factx._types import Usage
from factx.backends.base import Backend, Messages, ModelRequest, Reply
from factx.backends.wrap import BackendWrapper

M = TypeVar("M", bound=BaseModel)


class Bucket:
    """``capacity`` units a minute, bursting up to ``capacity``: a level that drains at ``capacity / 60`` a second."""

    def __init__(self, capacity: float, period: float = 60.0) -> None:
        self.capacity = capacity
        self.rate = capacity / period
        self.level = 0.0
        self.at = time.monotonic()
        self._lock = threading.Lock()

    def reserve(self, amount: float) -> float:
        """Take ``amount`` now; the seconds to wait until what was taken fits in the bucket."""
        with self._lock:
            now = time.monotonic()
            self.level = max(0.0, self.level - (now - self.at) * self.rate) + amount
            self.at = now
            return max(0.0, (self.level - self.capacity) / self.rate)


class RateLimitedBackend(BackendWrapper):
    """At most ``requests_per_minute`` requests and ``tokens_per_minute`` tokens, over every caller."""

    def __init__(
        self, inner: Backend, *, requests_per_minute: float | None = None, tokens_per_minute: float | None = None
    ) -> None:
        super().__init__(inner)
        for name, rate in (("requests_per_minute", requests_per_minute), ("tokens_per_minute", tokens_per_minute)):
            if rate is not None and rate <= 0:
                raise ValueError(f"{name} must be positive")
        self._requests = None if requests_per_minute is None else Bucket(requests_per_minute)
        self._tokens = None if tokens_per_minute is None else Bucket(tokens_per_minute)

    async def request(self, req: ModelRequest[M]) -> Reply[M]:
        estimate = estimate_tokens(req.messages)
        wait = self._take(1, estimate)
        if wait > 0:
            await asyncio.sleep(wait)
        try:
            reply = await self.inner.request(req)
        except (FactxBackendError, FactxModelError) as exc:
            self._take_spent(exc.usage, estimate)
            raise
        self._take_spent(reply.usage, estimate)
        return reply

    def _take(self, requests: float, tokens: float) -> float:
        """Reserve from both buckets; the longer of the two waits."""
        waits = [
            bucket.reserve(amount)
            for bucket, amount in ((self._requests, requests), (self._tokens, tokens))
            if bucket is not None and amount > 0
        ]
        return max(waits, default=0.0)

    def _take_spent(self, usage: Usage | None, estimate: int) -> None:
        if usage is not None:
            tokens = usage.prompt_tokens + usage.completion_tokens - estimate
            self._take(max(0, usage.requests - 1), max(0, tokens))


def estimate_tokens(messages: Messages) -> int:
    """A request's prompt tokens before it is sent: about 4 characters a token."""
    return sum(len(str(m.get("content") or "")) for m in messages) // 4 + 4 * len(messages)

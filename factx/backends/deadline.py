"""The one time budget of every backend call: a deadline checked before each request and enforced during it.

Per-read timeouts (httpx's) cannot stop a server that sends a byte a second; so each request runs
under ``asyncio.wait_for``, which cancels it at the deadline (a blocking call in a worker thread is
no longer waited for). The deadline travels on the request (``ModelRequest.deadline``). The embedded
model stops generating at the deadline through llama.cpp's stopping criteria.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = ["Deadline", "DeadlineExceeded", "run_capped"]

T = TypeVar("T")


class DeadlineExceeded(Exception):
    """The deadline passed while a request was in flight (internal; backends raise FactxTimeoutError)."""


class Deadline:
    """A point in monotonic time (or none: unlimited), with the budget in seconds it was made from."""

    __slots__ = ("at", "seconds")

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = seconds
        self.at = None if seconds is None else time.monotonic() + seconds

    def remaining(self) -> float | None:
        """Seconds left (never below 0), None when unlimited."""
        return None if self.at is None else max(0.0, self.at - time.monotonic())

    def expired(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def clip(self, seconds: float) -> float:
        """``seconds``, or less when the deadline is nearer (at least a millisecond, so a timeout stays valid)."""
        left = self.remaining()
        return seconds if left is None else max(0.001, min(seconds, left))

    def allows(self, seconds: float) -> bool:
        """Whether ``seconds`` more (a wait before a retry) still ends before the deadline."""
        left = self.remaining()
        return left is None or seconds < left

    def earliest(self, other: Deadline | None) -> Deadline:
        """The sooner of two deadlines (``None`` or unlimited give way to the other)."""
        if other is None or other.at is None:
            return self
        return other if self.at is None or other.at < self.at else self

    def __repr__(self) -> str:
        left = self.remaining()
        return "Deadline(unlimited)" if left is None else f"Deadline({left:.3f} s left of {self.seconds} s)"


async def run_capped(make: Callable[[], Awaitable[T]], deadline: Deadline) -> T:
    """``await make()``, cancelled at the deadline (then ``DeadlineExceeded``)."""
    left = deadline.remaining()
    if left is None:
        return await make()
    if left <= 0:
        raise DeadlineExceeded
    try:
        return await asyncio.wait_for(make(), left)
    except asyncio.TimeoutError:  # wait_for's own: the request was cancelled at the deadline
        raise DeadlineExceeded from None

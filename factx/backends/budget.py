"""One document's time budget over all its model calls: a Backend wrapper that passes one deadline down.

``extract_facts(timeout=...)`` wraps its backend in ``Budgeted``: every request gets the same deadline,
no request starts after it, and an error that ends the document carries the usage of the whole
document so far (not only of its last call).
"""

from __future__ import annotations

import threading
from typing import TypeVar

from pydantic import BaseModel

from factx._errors import FactxBackendError, FactxModelError, FactxTimeoutError
from factx._types import Usage
from factx.backends.base import Backend, ModelRequest, Reply
from factx.backends.deadline import Deadline
from factx.backends.wrap import BackendWrapper

__all__ = ["DEFAULT_TIMEOUT", "TIMEOUT_CHARS", "Budgeted", "default_timeout"]

M = TypeVar("M", bound=BaseModel)

DEFAULT_TIMEOUT = 600.0
"""Seconds a document may take by default, every model request and retry included, per started
``TIMEOUT_CHARS`` characters (``timeout=None``: no limit)."""
TIMEOUT_CHARS = 250_000
"""A long text's default budget grows with it: a 5 MB filing read in pieces is not cut off at 600 s."""


def default_timeout(chars: int) -> float:
    """The default budget of a text of ``chars`` characters: ``DEFAULT_TIMEOUT`` per started ``TIMEOUT_CHARS``."""
    return DEFAULT_TIMEOUT * max(1, -(-chars // TIMEOUT_CHARS))


class Budgeted(BackendWrapper):
    """``backend`` with one deadline for all requests and the usage spent so far on every error that escapes.

    Safe with many requests in flight: ``spent`` is added to under a lock.
    """

    def __init__(self, backend: Backend, timeout: float | None) -> None:
        super().__init__(backend)
        self.deadline = Deadline(timeout)
        self.spent = Usage()
        self._lock = threading.Lock()

    async def request(self, req: ModelRequest[M]) -> Reply[M]:
        if self.deadline.expired():
            raise FactxTimeoutError(
                f"{self.name}: the document's time budget ({self.deadline.seconds:g} s) ran out",
                attempts=0,
                seconds=self.deadline.seconds,
                usage=self.spent,
            )
        try:
            reply = await self.inner.request(req.within(self.deadline))
        except (FactxBackendError, FactxModelError) as exc:
            self._charge(exc)
            raise
        with self._lock:
            self.spent = self.spent + reply.usage
        return reply

    def _charge(self, exc: FactxBackendError | FactxModelError) -> None:
        """A model error (the caller records its usage) counts toward ``spent``; a backend error ends the
        document, so it carries everything spent on it."""
        used = exc.usage or Usage()
        with self._lock:
            if isinstance(exc, FactxBackendError):
                exc.usage = self.spent + used
            self.spent = self.spent + used

"""One document's time budget over all its model calls: a Backend wrapper that passes one deadline down.

``extract_facts(timeout=...)`` wraps its backend in ``Budgeted``: every call gets the same deadline,
no call starts after it, and an error that ends the document carries the usage of the whole
document so far (not only of its last call).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from factx._errors import FactxBackendError, FactxModelError, FactxTimeoutError
from factx._types import Usage
from factx.backends.base import Backend, Messages, Reply, complete_async
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
    """``backend`` with one deadline for all calls and the usage spent so far on every error that escapes."""

    def __init__(self, backend: Backend, timeout: float | None) -> None:
        super().__init__(backend)
        self.deadline = Deadline(timeout)
        self.spent = Usage()

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
        options = self._options(context, max_retries, max_tokens, deadline)
        try:
            reply = self.inner.complete(response_model, messages, **options)
        except (FactxBackendError, FactxModelError) as exc:
            self._charge(exc)
            raise
        self.spent = self.spent + reply.usage
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
        options = self._options(context, max_retries, max_tokens, deadline)
        try:
            reply = await complete_async(self.inner, response_model, messages, **options)
        except (FactxBackendError, FactxModelError) as exc:
            self._charge(exc)
            raise
        self.spent = self.spent + reply.usage
        return reply

    def _options(
        self, context: dict[str, Any] | None, max_retries: int, max_tokens: int, deadline: Deadline | None
    ) -> dict[str, Any]:
        if self.deadline.expired():
            raise FactxTimeoutError(
                f"{self.name}: the document's time budget ({self.deadline.seconds:g} s) ran out",
                attempts=0,
                seconds=self.deadline.seconds,
                usage=self.spent,
            )
        return {
            "context": context,
            "max_retries": max_retries,
            "max_tokens": max_tokens,
            **self.forward(self.deadline.earliest(deadline)),
        }

    def _charge(self, exc: FactxBackendError | FactxModelError) -> None:
        """A model error (the caller records its usage) counts toward ``spent``; a backend error ends the
        document, so it carries everything spent on it."""
        used = exc.usage if isinstance(exc.usage, Usage) else Usage()
        if isinstance(exc, FactxBackendError):
            exc.usage = self.spent + used
        self.spent = self.spent + used

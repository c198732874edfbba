"""Backends around a backend (cache, rate limits): same name, both calls forwarded, one concern added."""

from __future__ import annotations

import functools
import inspect
from typing import Any, TypeVar

from pydantic import BaseModel

from factx.backends.base import Backend, Messages, Reply, complete_async
from factx.backends.deadline import Deadline

M = TypeVar("M", bound=BaseModel)


class BackendWrapper:
    """Forwards ``complete`` and ``acomplete`` to ``inner``; subclasses add one concern each."""

    def __init__(self, inner: Backend) -> None:
        self.inner = inner
        self.name = inner.name

    def forward(self, deadline: Deadline | None) -> dict[str, Deadline]:
        """``deadline=`` for the inner backend, when it was given and the inner backend takes one."""
        return {"deadline": deadline} if deadline is not None and takes_deadline(self.inner) else {}

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
        return self.inner.complete(
            response_model,
            messages,
            context=context,
            max_retries=max_retries,
            max_tokens=max_tokens,
            **self.forward(deadline),
        )

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
        return await complete_async(
            self.inner,
            response_model,
            messages,
            context=context,
            max_retries=max_retries,
            max_tokens=max_tokens,
            **self.forward(deadline),
        )


def unwrap(backend: Backend) -> Backend:
    """The backend inside every wrapper (to ask what kind of model answers)."""
    while isinstance(backend, BackendWrapper):
        backend = backend.inner
    return backend


@functools.lru_cache(maxsize=64)
def _takes(kind: type) -> bool:
    try:
        return "deadline" in inspect.signature(kind.complete).parameters  # type: ignore[attr-defined]
    except (TypeError, ValueError, AttributeError):
        return False


def takes_deadline(backend: Backend) -> bool:
    """Whether ``backend.complete`` accepts ``deadline=`` (backends written before it existed may not)."""
    return _takes(type(backend))

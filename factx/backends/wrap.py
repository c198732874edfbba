"""Backends around a backend (cache, rate limits): same name, both calls forwarded, one concern added."""

from __future__ import annotations

import asyncio
import functools
from typing import Any, TypeVar

from pydantic import BaseModel

from factx.backends.base import Backend, Messages, Reply

M = TypeVar("M", bound=BaseModel)


class BackendWrapper:
    """Forwards ``complete`` and ``acomplete`` to ``inner``; subclasses add one concern each."""

    def __init__(self, inner: Backend) -> None:
        self.inner = inner
        self.name = inner.name

    def complete(
        self,
        response_model: type[M],
        messages: Messages,
        *,
        context: dict[str, Any] | None = None,
        max_retries: int = 2,
        max_tokens: int = 512,
    ) -> Reply[M]:
        return self.inner.complete(
            response_model, messages, context=context, max_retries=max_retries, max_tokens=max_tokens
        )

    async def acomplete(
        self,
        response_model: type[M],
        messages: Messages,
        *,
        context: dict[str, Any] | None = None,
        max_retries: int = 2,
        max_tokens: int = 512,
    ) -> Reply[M]:
        return await acomplete_of(
            self.inner, response_model, messages, context=context, max_retries=max_retries, max_tokens=max_tokens
        )


async def acomplete_of(backend: Backend, response_model: type[M], messages: Messages, **options: Any) -> Reply[M]:
    """The backend's own ``acomplete`` where it has one, else its ``complete`` in a worker thread."""
    native = getattr(backend, "acomplete", None)
    if native is not None:
        reply: Reply[M] = await native(response_model, messages, **options)
        return reply
    return await asyncio.to_thread(functools.partial(backend.complete, response_model, messages, **options))


def unwrap(backend: Backend) -> Backend:
    """The backend inside every wrapper (to ask what kind of model answers)."""
    while isinstance(backend, BackendWrapper):
        backend = backend.inner
    return backend

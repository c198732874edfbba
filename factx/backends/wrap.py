"""Backends around a backend (cache, rate limits, budget): same name, one concern added in ``request``."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from factx._errors import FactxConfigError
from factx.backends.base import Backend, ModelRequest, Reply

M = TypeVar("M", bound=BaseModel)


class BackendWrapper(Backend):
    """Passes each request to ``inner``; a subclass overrides ``request`` to add its one concern."""

    def __init__(self, inner: Backend) -> None:
        if not isinstance(inner, Backend):
            raise FactxConfigError(
                f"{type(inner).__name__} is not a factx.Backend: subclass it and implement async request(req)"
            )
        self.inner = inner
        self.name = inner.name

    async def request(self, req: ModelRequest[M]) -> Reply[M]:
        return await self.inner.request(req)

    async def aclose(self) -> None:
        await self.inner.aclose()


def unwrap(backend: Backend) -> Backend:
    """The backend inside every wrapper (to ask what kind of model answers)."""
    while isinstance(backend, BackendWrapper):
        backend = backend.inner
    return backend

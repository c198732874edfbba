"""A cache of model answers on disk (diskcache): a re-run of the same requests makes none.

The key is a SHA-256 of the model's name, the messages, the response schema and the call's
parameters, so a changed prompt, schema or model misses. Only validated answers are stored; a hit is
validated again (with the call's context) and reports zero usage: nothing was sent.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import diskcache
from pydantic import BaseModel, ValidationError

from factx._types import Usage
from factx.backends.base import Backend, Messages, ModelRequest, Reply
from factx.backends.wrap import BackendWrapper

M = TypeVar("M", bound=BaseModel)


class CachedBackend(BackendWrapper):
    """Answers a request seen before from ``directory`` (a path, or an open ``diskcache.Cache``)."""

    def __init__(self, inner: Backend, directory: str | Path | diskcache.Cache) -> None:
        super().__init__(inner)
        self._owned = not isinstance(directory, diskcache.Cache)
        self.store: Any = directory if isinstance(directory, diskcache.Cache) else diskcache.Cache(str(directory))
        self.hits = self.misses = 0
        self._count = threading.Lock()

    async def request(self, req: ModelRequest[M]) -> Reply[M]:
        key = cache_key(
            self.name, req.response_model, req.messages, max_retries=req.max_retries, max_tokens=req.max_tokens
        )
        hit = self._lookup(key, req)
        if hit is not None:
            return hit
        reply = await self.inner.request(req)
        self.store.set(key, reply.value.model_dump_json())
        return reply

    def _lookup(self, key: str, req: ModelRequest[M]) -> Reply[M] | None:
        raw = self.store.get(key)
        value = None
        if isinstance(raw, str):
            try:
                value = req.response_model.model_validate_json(raw, context=req.context)
            except ValidationError:  # stored under an older schema's rules: ask again
                value = None
        with self._count:
            self.hits += value is not None
            self.misses += value is None
        return None if value is None else Reply(value=value, usage=Usage())

    def close(self) -> None:
        if self._owned:
            self.store.close()

    def __enter__(self) -> CachedBackend:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


def cache_key(model: str, response_model: type[BaseModel], messages: Messages, **parameters: Any) -> str:
    """SHA-256 of the model name, messages, response schema and parameters (canonical JSON)."""
    payload = json.dumps(
        {"model": model, "messages": messages, "schema": _schema(response_model), "parameters": parameters},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=256)
def _schema(response_model: type[BaseModel]) -> dict[str, Any]:
    return response_model.model_json_schema()

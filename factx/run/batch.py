"""Many documents: bounded concurrency, one shared backend (cache, rate limits), a deadline each.

Each document runs the ordinary ``extract_facts`` in a bounded pool of worker threads (the parse and
the checks are Python code); its model requests go through the backend's sync adapter to the one
event loop of the process, where an async HTTP client serves every document without a socket
per thread. A document that fails gives its typed error and never stops the others.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from typing_extensions import Unpack

from factx._errors import FactxError, FactxInputError, FactxTimeoutError
from factx._inputs import check_documents
from factx._types import FactSheet
from factx.backends import Backend, resolve_backend
from factx.backends.cache import CachedBackend
from factx.backends.limits import RateLimitedBackend
from factx.backends.portal import run_sync
from factx.interpret.strategies import Strategy
from factx.pipeline import extract_facts
from factx.run.documents import Document, DocumentId, as_document

__all__ = ["BatchOptions", "Outcome", "Result", "aextract_many", "extract_many", "id_of", "run_here", "run_sync"]

Result = FactSheet | FactxError
_GRACE = 1.0
"""Seconds the outer guard waits past a document's own deadline before giving up on it."""


@dataclass(frozen=True)
class Outcome:
    """One finished document: where it was in the input, its id, and its sheet or typed error."""

    index: int
    id: DocumentId
    result: Result

    @property
    def ok(self) -> bool:
        return isinstance(self.result, FactSheet)


class BatchOptions(TypedDict, total=False):
    """The keywords of ``extract_many`` and ``aextract_many``: the batch's own, then ``extract_facts``'s."""

    concurrency: int
    """Documents in flight at once (``extract_many``: 1, ``aextract_many``: 4)."""
    processes: int
    """Processes the documents are spread over: this one and up to ``processes - 1`` workers, each
    started while documents wait and a core stands idle (1: this process alone)."""
    timeout: float | None
    """Seconds each document may take (``None``: ``extract_facts``'s default budget)."""
    cache: str | Path | None
    """A directory of model answers shared by every document."""
    requests_per_minute: float | None
    tokens_per_minute: float | None
    reference_date: dt.date | str | None
    """For every document that names none itself."""
    model: str | None
    base_url: str | None
    api_key: str | None
    backend: Backend | None
    strategy: Strategy | None
    max_retries: int


def extract_many(docs: Iterable[object], **options: Unpack[BatchOptions]) -> list[Result]:
    """One result per document, in input order; a document that fails gives its typed error in its place.

    A document is a string or ``{"id", "text", "reference_date"}``; ``options`` are ``BatchOptions``.
    ``processes`` > 1 spreads the documents over this and worker processes (the parse and checks are Python
    code, one core per process), ``concurrency`` (default 1) of them in flight in all.
    """
    options.setdefault("concurrency", 1)
    outcomes = run_sync(_collect(aextract_many(docs, **options)))
    return [o.result for o in sorted(outcomes, key=lambda o: o.index)]


async def aextract_many(docs: Iterable[object], **options: Unpack[BatchOptions]) -> AsyncIterator[Outcome]:
    """Each document's ``Outcome`` as soon as it is done, at most ``concurrency`` (default 4) at a time.

    Documents are read from ``docs`` only as slots free up. ``cache`` (a directory) and the rate
    limits are shared by every document; ``timeout`` bounds each document's wall time. With
    ``processes`` > 1 the documents are spread over this and up to ``processes - 1`` worker processes (see
    ``factx.run.processes``).
    """
    settings: dict[str, Any] = dict(options)
    concurrency = settings.pop("concurrency", 4)
    processes = settings.pop("processes", 1)
    _check_count("concurrency", concurrency)
    _check_count("processes", processes)
    if processes > 1:
        from factx.run.processes import across_processes

        async for outcome in across_processes(docs, concurrency=concurrency, processes=processes, **settings):
            yield outcome
        return
    items = _numbered(enumerate(check_documents(docs)))
    timeout, cache = settings.pop("timeout", None), settings.pop("cache", None)
    async for outcome in run_here(items, concurrency=concurrency, timeout=timeout, cache=cache, **settings):
        yield outcome


async def run_here(
    items: AsyncIterator[tuple[int, object]],
    *,
    concurrency: int,
    timeout: float | None,
    cache: str | Path | None,
    requests_per_minute: float | None = None,
    tokens_per_minute: float | None = None,
    **options: Any,
) -> AsyncIterator[Outcome]:
    """The documents of ``items`` (index, document) in this process: a pool of worker threads, one backend."""
    try:
        backend: Backend | None = _shared_backend(options, requests_per_minute, tokens_per_minute)
        failed: FactxError | None = None
    except FactxError as exc:
        backend, failed = None, exc
    cached = CachedBackend(backend, cache) if backend is not None and cache is not None else None
    engine = cached or backend
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="factx-doc")
    pending: set[asyncio.Future[Outcome]] = set()
    reading: asyncio.Future[tuple[int, object]] | None = None
    source: AsyncIterator[tuple[int, object]] | None = items
    try:
        while True:
            if reading is None and source is not None and len(pending) < concurrency:
                reading = asyncio.ensure_future(anext(source))
            waiting: set[asyncio.Future[Any]] = {*pending, *([reading] if reading is not None else [])}
            if not waiting:
                return
            done, _ = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
            if reading is not None and reading in done:
                try:
                    index, item = reading.result()
                    pending.add(asyncio.ensure_future(_one(pool, engine, failed, index, item, timeout, options)))
                except StopAsyncIteration:
                    source = None
                reading = None
            finished = [task for task in pending if task in done]
            pending.difference_update(finished)
            for task in sorted(finished, key=lambda t: t.result().index):
                yield task.result()
    finally:
        for task in pending:
            task.cancel()
        if reading is not None:
            reading.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        if cached is not None:
            cached.close()


async def _numbered(pairs: Iterable[tuple[int, object]]) -> AsyncIterator[tuple[int, object]]:
    for pair in pairs:
        yield pair


def _check_count(name: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise FactxInputError(f"{name} must be a positive int, not {value!r}")


async def _one(
    pool: ThreadPoolExecutor,
    backend: Backend | None,
    failed: FactxError | None,
    index: int,
    item: object,
    timeout: float | None,
    options: dict[str, Any],
) -> Outcome:
    try:
        doc = as_document(item, index)
    except FactxInputError as exc:
        return Outcome(index, id_of(item, index), exc)
    if backend is None:
        assert failed is not None
        return Outcome(index, doc.id, failed)
    work = asyncio.get_running_loop().run_in_executor(pool, _extract, doc, backend, timeout, options)
    try:
        sheet = await (work if timeout is None else asyncio.wait_for(work, timeout + _GRACE))
    except asyncio.TimeoutError:
        late = FactxTimeoutError(
            f"document {doc.id!r}: no result within its {timeout} s deadline", attempts=0, seconds=timeout
        )
        return Outcome(index, doc.id, late)
    except FactxInputError as exc:
        return Outcome(index, doc.id, FactxInputError(str(exc), index=index))
    except FactxError as exc:
        return Outcome(index, doc.id, exc)
    except Exception as exc:  # a bug in one document must not stop the others
        return Outcome(index, doc.id, FactxError(f"{type(exc).__name__}: {exc}"))
    return Outcome(index, doc.id, sheet)


def _extract(doc: Document, backend: Backend, timeout: float | None, options: dict[str, Any]) -> FactSheet:
    opts = dict(options)
    if doc.reference_date is not None:
        opts["reference_date"] = doc.reference_date
    if timeout is not None:
        opts["timeout"] = timeout
    return extract_facts(doc.text, backend=backend, **opts)


def _shared_backend(options: dict[str, Any], rpm: float | None, tpm: float | None) -> Backend:
    """The one backend every document shares (resolved once), rate-limited when asked."""
    model, base_url, api_key = (options.pop(k, None) for k in ("model", "base_url", "api_key"))
    backend: Backend = options.pop("backend", None) or resolve_backend(model, base_url=base_url, api_key=api_key)
    if rpm is not None or tpm is not None:
        backend = RateLimitedBackend(backend, requests_per_minute=rpm, tokens_per_minute=tpm)
    return backend


def id_of(item: object, index: int) -> DocumentId:
    """The id a batch item names (its index when it names none or a bad one), for its outcome."""
    ident = item.get("id") if isinstance(item, dict) else None
    return ident if isinstance(ident, str | int) and not isinstance(ident, bool) else index


async def _collect(run: AsyncIterator[Outcome]) -> list[Outcome]:
    return [outcome async for outcome in run]

"""The sync adapter, built once: sync callers run a backend's async ``request`` on one long-lived event loop.

One daemon thread per process runs that loop (started on first use, again after a fork), so a sync
call costs two hand-offs, never a new thread or a new loop; the async HTTP client, the rate limits
and the deadlines all live on it. A backend whose model call blocks (the embedded model, the fake)
runs that call in one shared pool of worker threads, so the loop itself never blocks.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

__all__ = ["in_thread", "run_sync"]

T = TypeVar("T")

BLOCKING_THREADS = 64
"""Blocking model calls in flight at once (a batch of 16 documents never waits for a thread)."""


class _Portal:
    """The adapter's event loop and the thread that runs it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="factx-loop", daemon=True)
        self.thread.start()


_LOCK = threading.Lock()
_PORTAL: _Portal | None = None
_POOL: ThreadPoolExecutor | None = None


def _forget() -> None:
    """In a forked child the parent's threads are gone: start afresh on first use."""
    global _PORTAL, _POOL, _LOCK
    _PORTAL, _POOL, _LOCK = None, None, threading.Lock()


os.register_at_fork(after_in_child=_forget)


def _portal() -> _Portal:
    global _PORTAL
    with _LOCK:
        if _PORTAL is None:
            _PORTAL = _Portal()
        return _PORTAL


def run_sync(work: Coroutine[Any, Any, T]) -> T:
    """``work`` run to its end on the adapter's loop, for a caller in any other thread (with or without a loop)."""
    portal = _portal()
    if threading.current_thread() is portal.thread:
        work.close()
        raise RuntimeError("a sync factx call from factx's own event loop would wait for itself: await it instead")
    future = asyncio.run_coroutine_threadsafe(work, portal.loop)
    try:
        return future.result()
    except BaseException:
        future.cancel()  # the caller gave up (Ctrl-C): so does the work
        raise


def in_thread(fn: Callable[[], T]) -> asyncio.Future[T]:
    """``fn()`` in the shared pool of worker threads, awaitable from any event loop; the caller's context goes along."""
    global _POOL
    with _LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=BLOCKING_THREADS, thread_name_prefix="factx-model")
        pool = _POOL
    return asyncio.get_running_loop().run_in_executor(pool, contextvars.copy_context().run, fn)

"""How many threads the embedded model runs: the cores this process may use, shared among workers.

llama.cpp's worker threads spin while they wait for the next step, so a thread more than the free
cores stalls every step (each waits for the one the scheduler paused). Token-by-token decoding of a
small model gains little from threads and pauses between tokens for the grammar (Python), so it
runs on one thread; the prompt (one large batch) uses this process's share of the cores. A batch
over K worker processes (``processes=K``) or a Ray actor tells each process its share
(``share_among`` / ``limit_cores``) before the model is loaded.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator

from factx.backends.idle import IdleSince

__all__ = ["IdleGauge", "Share", "limit_cores", "share_among", "sharing", "thread_counts", "usable_cores"]

_MAX_THREADS = 4
"""Past four threads a 135M model's prompt gets no faster (it waits on memory, not arithmetic)."""

_share: int | None = None
_sharing: list[Share] = []


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container or ``taskset`` narrows)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def share_among(workers: int) -> None:
    """This process is one of ``workers`` processes sharing the usable cores evenly."""
    limit_cores(usable_cores() // max(1, workers))


class Share:
    """The part of the usable cores a running batch holds for this process (see ``sharing``)."""

    def __init__(self, workers: int) -> None:
        self.cores = 1
        self.among(workers)

    def among(self, workers: int) -> None:
        """This process is now one of ``workers`` sharing the usable cores."""
        self.cores = max(1, usable_cores() // max(1, workers))


@contextlib.contextmanager
def sharing(workers: int) -> Iterator[Share]:
    """This process is one of ``workers`` for a while (a batch it runs beside worker processes, which
    may change their number: ``Share.among``); batches that overlap each hold a share, the smallest counts."""
    share = Share(workers)
    _sharing.append(share)
    try:
        yield share
    finally:
        _sharing.remove(share)


def limit_cores(cores: int) -> None:
    """This process may keep ``cores`` cores busy (e.g. the CPUs Ray assigned to its actor)."""
    global _share
    _share = max(1, cores)


def thread_counts(n_threads: int | None = None, idle: int | None = None) -> tuple[int, int]:
    """(decoding threads, prompt threads): ``n_threads`` for both when given, else 1 and the share,
    of which no more than one thread plus the ``idle`` cores (when known, see ``IdleGauge``)."""
    if n_threads:
        return n_threads, n_threads
    share = min(_share or usable_cores(), usable_cores(), *(s.cores for s in _sharing))
    if idle is not None:
        share = min(share, 1 + idle)
    return 1, max(1, min(_MAX_THREADS, share))


_MIN_GAP = 0.1
"""Seconds between two calls below which the idle cores are not measured again (/proc/stat counts 10 ms ticks)."""


class IdleGauge:
    """The cores that stood idle between one model call and the next, while the pipeline's own code ran.

    A prompt thread more than the idle cores gains nothing beside busy programs (the kernel shares
    the cores between sessions first) and costs CPU: on 2 cores beside two busy loops, a 91-token
    prompt took 1.6 s of CPU on 2 threads against 0.7 s on one (0.75 and 0.65 s quiet). Between
    calls this process runs Python on one core, so on an idle machine the other cores show idle.
    """

    def __init__(self) -> None:
        self.since = IdleSince(_IMPORTED.mark)  # a first call measures from here: imports, spaCy, a parse
        self.ended = _IMPORTED_AT
        self.idle: int | None = None

    def before_call(self) -> int | None:
        """Whole cores idle since the last call ended, or since this module was imported (None: not known)."""
        if self.since.mark is not None and time.monotonic() - self.ended >= _MIN_GAP:
            idle = self.since.cores()
            self.idle = None if idle is None else int(idle + 0.5)
        return self.idle

    def after_call(self) -> None:
        self.since.mark_now()
        self.ended = time.monotonic()


_IMPORTED, _IMPORTED_AT = IdleSince.now(), time.monotonic()

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
from collections.abc import Iterator

__all__ = ["Share", "limit_cores", "share_among", "sharing", "thread_counts", "usable_cores"]

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


def thread_counts(n_threads: int | None = None) -> tuple[int, int]:
    """(decoding threads, prompt threads): ``n_threads`` for both when given, else 1 and the share."""
    if n_threads:
        return n_threads, n_threads
    share = min(_share or usable_cores(), usable_cores(), *(s.cores for s in _sharing))
    return 1, max(1, min(_MAX_THREADS, share))

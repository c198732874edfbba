"""Documents across worker processes, for batches whose own work (parse, rules, checks) fills a core.

That work is Python code: in one process it runs on one core at a time whatever the concurrency,
so past a few documents in flight the batch waits on the interpreter, not on the model. With
``processes=K`` the calling process and up to K - 1 worker processes each build their backend once
and run ``ceil(concurrency / K)`` documents at a time with ``run_here``. Documents go out on one
shared queue (so a slow document never holds up the others) and whoever is ready takes the next
one: the caller starts at once, as with one process. A worker is started beside it only while
documents wait and a core stood idle over the last half second (``factx.backends.idle``): beside busy
programs a second process of ours gets no more of the cores than the first had (Linux shares them
between sessions first) and would pay seconds of CPU to start; and only while the documents left
would outlast its start (``_Pace``): a short batch runs in the caller alone, as with one process.
Outcomes come back as they are done. Rate limits are split evenly between the processes; a
``cache`` directory is shared (diskcache is safe across processes). A worker that dies costs only
its documents in flight, each returned as a ``FactxError``; the rest of the batch goes on.

Workers fork from multiprocessing's ``forkserver`` (where the platform has one), which imports
the pipeline and loads spaCy's model once (``factx.run._warm``): a worker then starts in
milliseconds and shares the model's memory, where a ``spawn`` worker loaded its own in seconds.
Elsewhere workers are spawned. A batch that ends cleanly leaves its workers waiting for the next
batch with the same options (``_Pool``), as the caller keeps its model: a short batch then pays
nothing to start them. One pool is kept at a time; ``close_workers()`` or the process's end stops it.
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
import os
import pickle
import queue
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sized
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from factx._errors import FactxConfigError, FactxError
from factx._inputs import check_documents
from factx.backends.idle import IdleSince
from factx.backends.threads import Share, share_among, sharing
from factx.run.batch import Outcome, id_of, run_here

_POLL = 0.5
"""Seconds between checks that the workers are still alive while no outcome arrives."""
_SAMPLE = 0.5
"""Seconds over which idle cores are measured before a worker is started."""
_IDLE_CORE = 0.5
"""A worker is started when at least this much of a core stood idle (it would get that much of one)."""
START_SECONDS = 5.0
"""What a worker takes to become useful: measured 4-5 s on 2 cores (the forkserver's imports ~3 s, the
embedded model ~0.3 s, its first whole prompt 1-2 s), CPU a busy machine takes from the caller."""


_clock = time.monotonic
"""The clock a batch's pace is read on (a test sets its own)."""


class _Pace:
    """When a worker repays its start: the documents left would keep the readers busy past twice ``START_SECONDS``.

    A worker becomes useful only ``START_SECONDS`` after its start and then takes half of what is
    left, so it pays when what is left outlasts twice that. What is left is known for a sized batch
    (a list of documents); the seconds a document takes are measured between the outcomes of this
    batch (from its second one: the first carries the model's load) or taken from the batch before.
    A batch of unknown length (an iterator) is taken as long.
    """

    last: float | None = None
    """Seconds per document of the last batch of this process (one reader's pace), once measured."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.done = 0
        self.first: float | None = None
        self.latest: float | None = None

    def outcome(self) -> None:
        now = _clock()
        self.done += 1
        self.first = self.first if self.first is not None else now
        self.latest = now

    def per_document(self) -> float | None:
        if self.done >= 2 and self.first is not None and self.latest is not None:
            return (self.latest - self.first) / (self.done - 1)
        return _Pace.last

    def worth_a_worker(self, readers: int) -> bool:
        if self.total is None:
            return True
        seconds = self.per_document()
        if seconds is None:
            return False  # not known yet: the caller's first documents tell
        left = self.total - self.done - readers  # beyond the documents the readers hold
        return left * seconds / readers > 2 * START_SECONDS

    def close(self) -> None:
        seconds = self.per_document()
        if self.done >= 2 and seconds is not None:
            _Pace.last = seconds


async def across_processes(
    docs: Iterable[object], *, concurrency: int, processes: int, **settings: Any
) -> AsyncIterator[Outcome]:
    """Each document's ``Outcome`` as soon as the caller or a worker process has it (see the module docstring)."""
    settings = _split_limits(settings, processes)
    try:
        key = pickle.dumps((sorted(settings.items()), concurrency, processes))
    except Exception as exc:
        raise FactxConfigError(
            "processes > 1 needs options that can be sent to another process (model=, base_url= ..., "
            f"or a picklable backend=): {type(exc).__name__}: {exc}"
        ) from exc
    per = -(-concurrency // processes)
    pace = _Pace(len(docs) if isinstance(docs, Sized) else None)
    pool = _take_pool(key) or _Pool(key, per, settings, processes)
    batch = pool.start_batch()
    room = threading.Semaphore(2 * per * processes)  # documents sent and not yet back
    sent: dict[int, Any] = {}
    problems: list[BaseException] = []
    reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factx-outbox")
    loop = asyncio.get_running_loop()
    ended: set[int] = set()
    kept = False
    with sharing(batch.readers) as share:
        mine = _Here(pool.outbox)
        here = threading.Thread(
            target=_one_batch, args=(pool.inbox, mine, per, settings, batch.over), daemon=True, name="factx-here"
        )
        feeding = threading.Thread(
            target=_feed, args=(check_documents(docs), pool.inbox, room, sent, batch, problems), daemon=True
        )
        here.start()
        feeding.start()
        pool.grow(batch, share, lambda: len(sent) > per * batch.readers and pace.worth_a_worker(batch.readers))
        try:
            while not batch.finish(ended, pool.dead()):
                message = await loop.run_in_executor(reader, _next, pool.outbox)
                if isinstance(message, _Mark):
                    message = mine.local.get_nowait()
                if isinstance(message, _End):
                    ended.add(message.pid)
                elif isinstance(message, Outcome):
                    pace.outcome()
                    sent.pop(message.index, None)
                    room.release()
                    yield message
            feeding.join()
            if os.getpid() in ended:
                here.join()  # it has sent its end mark: only its share of the cores is left to give back
            if problems:
                raise problems[0]  # reading ``docs`` failed (as it would in one process)
            for index, item in sorted(sent.items()):
                lost = FactxError(f"document {index}: its worker process ended before the document did")
                yield Outcome(index, id_of(item, index), lost)
            if len(ended) == batch.readers and not sent and pool.usable(key):
                _keep_pool(pool)  # every worker is back at the start of its loop, its model warm
                kept = True
        finally:
            pace.close()
            batch.over.set()
            if not kept:
                pool.inbox.put(_STOP)  # the caller's own reader, if it is still reading
                pool.close()
            reader.shutdown(wait=False, cancel_futures=True)


@dataclass(frozen=True)
class _End:
    """A reader's end mark on the outbox: the process ``pid`` has finished its part of the batch."""

    pid: int


@dataclass(frozen=True)
class _Mark:
    """On the shared outbox: the caller's own reader has put its next message in ``_Here.local``."""


class _Here:
    """The caller's own reader's outbox: its outcomes stay in this process (no pickling of a whole
    sheet there and back), and a ``_Mark`` on the shared outbox keeps them in order with the workers'."""

    def __init__(self, outbox: Any) -> None:
        self.outbox = outbox
        self.local: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def put(self, message: Any) -> None:
        self.local.put(message)
        self.outbox.put(_Mark())


class _Batch:
    """One batch's readers of the shared inbox (the caller, and each worker that joins) and its end marks.

    Each reader reads up to its first end mark (``None``), so there are as many marks as readers: the
    feeder puts one per reader after the last document, and a worker that joins later adds its own.
    Once every reader has sent back its ``_End`` (or died), the batch is over and no worker joins it.
    """

    def __init__(self, inbox: Any) -> None:
        self.inbox = inbox
        self.lock = threading.Lock()
        self.members = {os.getpid()}
        self.fed = False
        self.over = threading.Event()

    @property
    def readers(self) -> int:
        return len(self.members)

    def join(self, pid: int, control: Any) -> bool:
        """The worker ``pid`` reads this batch from now on (False: the batch is over, it waits for the next)."""
        with self.lock:
            if self.over.is_set():
                return False
            control.put(_GO)
            self.members.add(pid)
            if self.fed:
                self.inbox.put(None)
            return True

    def end_marks(self) -> None:
        """After the last document: one end mark per reader."""
        with self.lock:
            self.fed = True
            for _ in self.members:
                self.inbox.put(None)

    def finish(self, ended: set[int], dead: set[int]) -> bool:
        """Whether the batch is over: every reader has ended, or died (what it held is then lost)."""
        with self.lock:
            if len(self.members & (ended | dead)) >= len(self.members):
                self.over.set()
            return self.over.is_set()


class _Pool:
    """Up to ``processes - 1`` worker processes beside the caller and their queues, kept between
    batches of the same options.

    A batch with ``processes=1`` keeps its model loaded and its prompt prefix evaluated for the next
    batch; a pool kept does the same for its workers, so a short batch no longer pays for starting
    them (loading a model, building first grammars, evaluating the shared instructions once each).
    A worker is started only while documents wait and a core stands idle (``grow``).
    """

    def __init__(self, key: bytes, per: int, settings: dict[str, Any], processes: int) -> None:
        self.context = _context()
        self.key, self.owner = key, os.getpid()
        self.inbox: Any = self.context.Queue()
        self.outbox: Any = self.context.Queue()
        self.work_args = (per, settings, processes)
        self.most = processes - 1
        self.workers: list[Any] = []
        self.controls: list[Any] = []
        self.lock = threading.Lock()
        self.growing: threading.Thread | None = None

    def start_batch(self) -> _Batch:
        """A new batch, read by the caller and every live worker."""
        if self.growing is not None:
            self.growing.join()  # the last batch's: at most one worker is being started at a time
        batch = _Batch(self.inbox)
        with self.lock:
            pairs = list(zip(self.workers, self.controls, strict=True))
        for worker, control in pairs:
            batch.join(worker.pid, control)
        return batch

    def grow(self, batch: _Batch, share: Share, waiting: Callable[[], bool]) -> None:
        """Beside the batch, start workers one at a time while documents are ``waiting`` and a core stood idle."""
        self.growing = threading.Thread(target=self._grow, args=(batch, share, waiting), daemon=True)
        self.growing.start()

    def _grow(self, batch: _Batch, share: Share, waiting: Callable[[], bool]) -> None:
        since = IdleSince.now()
        while len(self.workers) < self.most and not batch.over.wait(_SAMPLE):
            idle = since.cores_then_mark()
            if not waiting() or (idle is not None and idle < _IDLE_CORE):
                continue
            started = self._start_worker()
            if started is None:
                return
            if batch.join(*started):
                share.among(batch.readers)
            since.mark_now()  # the start itself kept a core busy

    def _start_worker(self) -> tuple[int, Any] | None:
        """A new worker (the first waits for the forkserver to import the pipeline: seconds), or None
        when it cannot start."""
        control = self.context.Queue()
        worker = self.context.Process(
            target=_work,
            args=(self.inbox, self.outbox, control, *self.work_args),
            daemon=True,
            name=f"factx-worker-{len(self.workers)}",
        )
        try:
            worker.start()
        except Exception:
            return None
        with self.lock:
            self.workers.append(worker)
            self.controls.append(control)
        return worker.pid, control

    def dead(self) -> set[int]:
        """The pids of the workers that have ended."""
        with self.lock:
            return {w.pid for w in self.workers if not w.is_alive()}

    def usable(self, key: bytes) -> bool:
        return self.key == key and self.owner == os.getpid() and not self.dead()

    def close(self) -> None:
        """Ask each worker to stop, then end those that do not within ``_POLL`` seconds."""
        if self.owner != os.getpid():
            return  # a forked copy of the process that started them: not ours to stop
        if self.growing is not None:
            self.growing.join()
        for worker, control in zip(self.workers, self.controls, strict=True):
            if worker.is_alive():
                control.put(_STOP)  # a worker between batches reads it here,
                self.inbox.put(_STOP)  # one in the middle of one here
        for worker in self.workers:
            worker.join(timeout=_POLL)
            if worker.is_alive():
                worker.terminate()


_kept: _Pool | None = None
_kept_lock = threading.Lock()


def _swap_kept(pool: _Pool | None) -> _Pool | None:
    """Put ``pool`` in the one place kept for the next batch; the pool that was there, taken out."""
    global _kept
    with _kept_lock:
        old, _kept = _kept, pool
    return old


def _take_pool(key: bytes) -> _Pool | None:
    """The kept pool when it was started for these options and all its workers live (else None, it closed)."""
    pool = _swap_kept(None)
    if pool is not None and pool.usable(key):
        return pool
    if pool is not None:
        pool.close()
    return None


def _keep_pool(pool: _Pool) -> None:
    """Keep ``pool`` for the next batch; one is kept at a time (a batch running beside it starts its own)."""
    old = _swap_kept(pool)
    if old is not None:
        old.close()


def close_workers() -> None:
    """Stop the worker processes kept for the next batch (they also end with this process)."""
    pool = _swap_kept(None)
    if pool is not None:
        pool.close()


atexit.register(close_workers)

_IDLE = object()
_GO, _STOP = "go", "stop"
"""What a worker takes from its control queue: read the next batch from the shared inbox, or end.

A worker reads the inbox only within a batch, up to its first end mark: one that finished early
never takes another worker's end mark of the same batch (which would leave that worker's documents
unreported)."""
_PRELOAD = "factx.run._warm"


def _context() -> Any:
    """``forkserver`` with the pipeline preloaded where there is one, else ``spawn``. The preload list
    is the server's default (``__main__``) plus ours; it takes effect only when the server starts."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", _PRELOAD])
    return context


def _next(outbox: Any) -> Any:
    try:
        return outbox.get(timeout=_POLL)
    except queue.Empty:
        return _IDLE


def _feed(
    items: Any,
    inbox: Any,
    room: threading.Semaphore,
    sent: dict[int, Any],
    batch: _Batch,
    problems: list[BaseException],
) -> None:
    """Send (index, document) pairs as room frees up, then the batch's end marks; once the batch is
    over (every reader gone), only note the rest (each is then reported as not done)."""
    try:
        for index, item in enumerate(items):
            while not batch.over.is_set() and not room.acquire(timeout=_POLL):
                pass
            sent[index] = item
            if not batch.over.is_set():
                inbox.put((index, item))
    except Exception as exc:
        problems.append(exc)
    finally:
        batch.end_marks()


def _split_limits(settings: dict[str, Any], processes: int) -> dict[str, Any]:
    out = dict(settings)
    for key in ("requests_per_minute", "tokens_per_minute"):
        if out.get(key) is not None:
            out[key] = out[key] / processes
    return out


def _work(inbox: Any, outbox: Any, control: Any, per: int, settings: dict[str, Any], processes: int = 1) -> None:
    """A worker process: on each ``_GO`` from ``control``, documents from ``inbox`` through ``run_here``
    until a None, outcomes to ``outbox`` and then a None; it ends on ``_STOP``.

    An embedded model loaded here takes 1/``processes`` of the cores (``factx.backends.threads``).
    """
    share_among(processes)
    stopped = False
    while not stopped and control.get() != _STOP:
        stopped = _one_batch(inbox, outbox, per, settings)


def _one_batch(
    inbox: Any, outbox: Any, per: int, settings: dict[str, Any], over: threading.Event | None = None
) -> bool:
    """One batch in a worker (or in the caller, on a thread, until the batch is ``over``); True when a
    ``_STOP`` came instead of the batch's end mark (the batch was abandoned: the worker ends)."""
    stopped = False

    async def main() -> None:
        nonlocal stopped
        loop = asyncio.get_running_loop()
        reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factx-inbox")

        async def items() -> AsyncIterator[tuple[int, object]]:
            nonlocal stopped
            while (got := await loop.run_in_executor(reader, inbox.get)) is not None:
                if stopped := got == _STOP:
                    return
                if over is not None and over.is_set():
                    return  # the caller left the batch: its documents are no one's to report
                yield got

        options = dict(settings)
        timeout, cache = options.pop("timeout", None), options.pop("cache", None)
        try:
            async for outcome in run_here(items(), concurrency=per, timeout=timeout, cache=cache, **options):
                outbox.put(outcome)
        finally:
            reader.shutdown(wait=False)

    try:
        asyncio.run(main())
    except Exception:
        if over is None or not over.is_set():
            raise
        # the caller left the batch (the program may be ending: no new executor work): no one waits for these
    finally:
        outbox.put(_End(os.getpid()))
    return stopped

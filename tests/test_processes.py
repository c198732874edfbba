"""Documents spread over worker processes: the same sheets as one process, typed errors, nothing lost."""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable

import pytest
from stub_server import stub_server_process

import factx
from factx._errors import FactxBackendError, FactxModelError, FactxTimeoutError
from factx._types import Usage
from factx.run import processes as run_processes
from factx.testing import FakeBackend

DOCS = [
    "Dockworkers in the port of Mirela walked out on Monday, halting about 3,000 containers.",
    "On March 2, 2026 the union demanded a 9% pay rise.",
    "The strike ended on Tuesday after two days, and 400 workers returned the day after.",
    "Rescuers pulled 12 people from the rubble in Tarsa on Sunday, officials said.",
]


def test_two_worker_processes_give_the_sheets_of_one_and_keep_bad_documents_typed() -> None:
    docs: list[object] = [{"id": f"d{n}", "text": t, "reference_date": "2026-03-04"} for n, t in enumerate(DOCS * 2)]
    docs.insert(3, {"id": "bad", "text": 42})
    with stub_server_process(latency=0.05) as server:
        options = {"model": "openai:stub", "base_url": server.base_url, "api_key": "sk-test"}
        one = factx.extract_many(docs, concurrency=2, **options)
        before = server.requests
        spread = factx.extract_many(docs, concurrency=4, processes=2, **options)
        assert server.requests - before == sum(r.usage.requests for r in one if isinstance(r, factx.FactSheet))
    assert len(spread) == len(docs)
    assert isinstance(spread[3], factx.FactxInputError) and "document 3" in str(spread[3])
    for a, b in zip(one, spread, strict=True):
        if isinstance(a, factx.FactSheet):
            assert isinstance(b, factx.FactSheet)
            assert a.model_copy(update={"usage": Usage()}) == b.model_copy(update={"usage": Usage()})


def test_a_backend_that_cannot_travel_to_a_process_is_a_config_error() -> None:
    with pytest.raises(factx.FactxConfigError, match="processes > 1"):
        factx.extract_many(DOCS, processes=2, backend=FakeBackend(responder=lambda tool, messages: {}))


def test_processes_must_be_a_positive_int() -> None:
    with pytest.raises(factx.FactxInputError, match="processes"):
        factx.extract_many(DOCS, processes=0)


def test_errors_keep_their_context_through_pickle() -> None:
    usage = Usage(requests=3)
    for error in (
        FactxModelError("unreadable", attempts=3, last_output="{", usage=usage),
        FactxBackendError("refused", attempts=2, status_code=503),
        FactxTimeoutError("late", attempts=1, seconds=2.0, usage=usage),
        factx.FactxInputError("empty text", index=4),
    ):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error) and back.__dict__ == error.__dict__


def test_workers_fork_from_a_server_that_has_the_pipeline_loaded() -> None:
    import multiprocessing.forkserver

    from factx.run import processes

    context = processes._context()
    if "forkserver" in multiprocessing.get_all_start_methods():
        assert context.get_start_method() == "forkserver"
        assert multiprocessing.forkserver._forkserver._preload_modules == ["__main__", "factx.run._warm"]
    else:
        assert context.get_start_method() == "spawn"


def _kept_pids() -> list[int | None]:
    """The pids of the kept workers, once the one being started (if any) is up."""
    from factx.run import processes

    pool = processes._kept
    if pool is not None and pool.growing is not None:
        pool.growing.join()
    return [] if pool is None else [w.pid for w in pool.workers]


@pytest.fixture
def idle(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Set how many cores the batch sees idle (sampled every 10 ms); these short batches take a worker as
    long ones would (``_Pace``: tested on its own below)."""
    from factx.backends import idle as cpu_idle
    from factx.run import processes

    monkeypatch.setattr(processes, "_SAMPLE", 0.01)
    monkeypatch.setattr(processes._Pace, "worth_a_worker", lambda self, readers: True)

    def cores(n: float) -> None:
        monkeypatch.setattr(cpu_idle, "idle_cores", lambda before, after: n)

    return cores


def test_workers_stay_warm_for_the_next_batch_of_the_same_options_and_are_replaced_when_one_died(
    idle: Callable[[float], None],
) -> None:
    from factx.run import processes

    idle(2.0)
    processes.close_workers()
    with stub_server_process(latency=0.2) as server:
        options = {"model": "openai:stub", "base_url": server.base_url, "api_key": "sk-test"}
        first = factx.extract_many(DOCS, concurrency=2, processes=2, **options)
        warm = _kept_pids()
        second = factx.extract_many(DOCS[::-1], concurrency=2, processes=2, **options)
        assert len(warm) == 1 and _kept_pids() == warm  # the caller and the same worker served both batches
        assert [r.text for r in second if isinstance(r, factx.FactSheet)] == DOCS[::-1]
        assert all(isinstance(r, factx.FactSheet) for r in first)

        assert processes._kept is not None
        processes._kept.workers[0].kill()  # a worker lost between batches: the next batch starts new ones
        processes._kept.workers[0].join()
        third = factx.extract_many(DOCS, concurrency=2, processes=2, **options)
        assert all(isinstance(r, factx.FactSheet) for r in third)
        assert len(_kept_pids()) == 1 and set(_kept_pids()).isdisjoint(warm)

        factx.extract_many(DOCS, concurrency=2, processes=2, reference_date="2026-03-04", **options)
        other = _kept_pids()
        assert len(other) == 1 and set(other).isdisjoint(
            warm
        )  # other options: other workers (the kept ones were stopped)
    processes.close_workers()
    assert processes._kept is None


async def _first_of(docs: list[str], **options: object) -> factx.Outcome:
    async for outcome in factx.aextract_many(docs, **options):  # type: ignore[arg-type]
        return outcome
    raise AssertionError("no outcome")


def test_an_abandoned_batch_stops_its_workers_instead_of_keeping_them() -> None:
    import asyncio

    from factx.run import processes

    processes.close_workers()
    with stub_server_process(latency=0.2) as server:
        options = {"model": "openai:stub", "base_url": server.base_url, "api_key": "sk-test"}
        outcome = asyncio.run(_first_of(DOCS * 3, concurrency=2, processes=2, **options))
    assert isinstance(outcome.result, factx.FactSheet)
    assert processes._kept is None  # its queues still held documents: no later batch may inherit them


def test_a_worker_done_early_never_takes_the_end_mark_of_one_still_working(idle: Callable[[float], None]) -> None:
    """The first document is slow (many passages), the others quick: the process that took them all
    ends its batch first, and the slow document still comes back."""
    from factx.run import processes

    idle(2.0)
    processes.close_workers()
    slow = " ".join(DOCS * 6)
    with stub_server_process(latency=0.1) as server:
        options = {"model": "openai:stub", "base_url": server.base_url, "api_key": "sk-test"}
        for _ in range(2):  # a new pool, then the kept one
            results = factx.extract_many([slow, *DOCS], concurrency=2, processes=2, **options)
            assert all(isinstance(r, factx.FactSheet) for r in results), results
    processes.close_workers()


def _without_usage(result: object) -> object:
    return result.model_copy(update={"usage": Usage()}) if isinstance(result, factx.FactSheet) else result


class _Unstartable(multiprocessing.get_context("spawn").Process):  # type: ignore[name-defined,misc]
    def start(self) -> None:
        raise OSError("no new processes here")


class _NoProcesses:
    """A multiprocessing context whose processes never start (a sandbox without fork or spawn)."""

    Process = _Unstartable

    def Queue(self) -> object:
        return multiprocessing.get_context("spawn").Queue()


def test_the_caller_is_one_of_the_processes_and_runs_the_batch_when_no_worker_starts(
    monkeypatch: pytest.MonkeyPatch, idle: Callable[[float], None]
) -> None:
    from factx.run import processes

    idle(2.0)
    processes.close_workers()
    monkeypatch.setattr(processes, "_context", _NoProcesses)
    with stub_server_process(latency=0.0) as server:
        options = {"model": "openai:stub", "base_url": server.base_url, "api_key": "sk-test"}
        one = factx.extract_many(DOCS, concurrency=2, **options)
        spread = factx.extract_many(DOCS, concurrency=2, processes=2, **options)
    assert all(isinstance(r, factx.FactSheet) for r in spread), spread
    assert [_without_usage(r) for r in one] == [_without_usage(r) for r in spread]
    assert _kept_pids() == []  # it tried, and the caller did it all


def test_no_worker_starts_while_no_core_stands_idle(idle: Callable[[float], None]) -> None:
    """Beside busy programs a second process gets no more of a core than the first had, and pays its start."""
    from factx.run import processes

    idle(0.3)
    processes.close_workers()
    with stub_server_process(latency=0.1) as server:
        options = {"model": "openai:stub", "base_url": server.base_url, "api_key": "sk-test"}
        spread = factx.extract_many(DOCS * 2, concurrency=2, processes=2, **options)
        assert _kept_pids() == []
        idle(1.0)  # a core freed: the next batch takes a worker
        again = factx.extract_many(DOCS * 2, concurrency=2, processes=2, **options)
        assert len(_kept_pids()) == 1
    processes.close_workers()
    assert [r.text for r in spread if isinstance(r, factx.FactSheet)] == DOCS * 2
    assert [r.text for r in again if isinstance(r, factx.FactSheet)] == DOCS * 2


def _paced(monkeypatch: pytest.MonkeyPatch, total: int | None, seconds: list[float]) -> run_processes._Pace:
    """A ``_Pace`` of a batch of ``total`` documents whose outcomes came at these times."""
    pace = run_processes._Pace(total)
    for at in seconds:
        monkeypatch.setattr(run_processes, "_clock", lambda at=at: at)
        pace.outcome()
    return pace


def test_a_worker_starts_only_when_the_documents_left_outlast_its_start(monkeypatch: pytest.MonkeyPatch) -> None:
    from factx.run import processes

    monkeypatch.setattr(processes._Pace, "last", None)
    assert not _paced(monkeypatch, 40, [3.0]).worth_a_worker(1)  # pace unknown yet
    assert _paced(monkeypatch, 40, [3.0, 4.0]).worth_a_worker(1)  # 37 left x 1 s
    short = _paced(monkeypatch, 4, [3.0, 4.0])
    assert not short.worth_a_worker(1)  # 1 left: the caller ends it sooner
    assert _paced(monkeypatch, None, []).worth_a_worker(1)  # a stream: long
    short.close()
    assert processes._Pace.last == 1.0  # the next batch knows the pace from its start
    enough = int(2 * processes.START_SECONDS) + 4  # at 1 s a document, more than one reader's twice the start
    assert _paced(monkeypatch, enough, []).worth_a_worker(1)
    assert not _paced(monkeypatch, enough, []).worth_a_worker(2)


def test_a_short_batch_runs_in_the_caller_alone() -> None:
    from factx.run import processes

    processes.close_workers()
    with stub_server_process(latency=0.05) as server:
        options = {"model": "openai:stub", "base_url": server.base_url, "api_key": "sk-test"}
        results = factx.extract_many(DOCS, concurrency=2, processes=2, **options)
    assert all(isinstance(r, factx.FactSheet) for r in results)
    assert _kept_pids() == []  # three quick documents: a worker would have started after they were done

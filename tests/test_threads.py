"""The embedded model's threads: one to decode, the process's share of its usable cores for the prompt."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from factx.backends import idle, threads
from factx.run import processes


@pytest.fixture(autouse=True)
def _fresh_share() -> Iterator[None]:
    saved = threads._share
    threads._share = None
    yield
    threads._share = saved


def test_usable_cores_follow_the_affinity_not_the_machine() -> None:
    assert threads.usable_cores() == len(os.sched_getaffinity(0))


def test_alone_the_prompt_takes_the_usable_cores_and_decoding_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "usable_cores", lambda: 2)
    assert threads.thread_counts() == (1, 2)
    monkeypatch.setattr(threads, "usable_cores", lambda: 16)
    assert threads.thread_counts() == (1, 4)  # past four a 135M model's prompt gets no faster
    assert threads.thread_counts(3) == (3, 3)  # an explicit count is kept as given


def test_a_prompt_takes_a_second_thread_only_when_a_core_stood_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "usable_cores", lambda: 2)
    assert threads.thread_counts(idle=None) == (1, 2)  # not known (a first call): the share
    assert threads.thread_counts(idle=1) == (1, 2)
    assert threads.thread_counts(idle=0) == (1, 1)  # busy programs beside: one thread
    assert threads.thread_counts(3, idle=0) == (3, 3)  # an explicit count is kept as given

    seen: list[float] = []
    monkeypatch.setattr(idle, "cpu_times", lambda: idle.CpuTimes(0, 0, 2))
    monkeypatch.setattr(idle, "idle_cores", lambda before, after: seen.pop(0))
    monkeypatch.setattr(threads, "_MIN_GAP", 0.0)
    gauge = threads.IdleGauge()
    seen.append(0.1)
    assert gauge.before_call() == 0  # a first call: measured since the module was imported
    gauge.after_call()
    seen.append(0.9)
    assert gauge.before_call() == 1  # 0.9 of a core idle between the calls
    gauge.after_call()
    seen.append(0.2)
    assert gauge.before_call() == 0
    gauge.after_call()
    monkeypatch.setattr(threads, "_MIN_GAP", 60.0)
    assert gauge.before_call() == 0 and seen == []  # calls back to back: the last reading stands


def test_workers_share_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "usable_cores", lambda: 8)
    threads.share_among(2)
    assert threads.thread_counts() == (1, 4)
    threads.share_among(4)
    assert threads.thread_counts() == (1, 2)
    threads.share_among(16)  # more workers than cores: one thread each, never none
    assert threads.thread_counts() == (1, 1)
    threads.limit_cores(3)  # a Ray actor with num_cpus=3
    assert threads.thread_counts() == (1, 3)


def test_the_caller_takes_its_share_for_the_length_of_a_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "usable_cores", lambda: 4)
    with threads.sharing(1) as share:
        assert threads.thread_counts() == (1, 4)  # alone until a worker joins
        share.among(2)
        assert threads.thread_counts() == (1, 2)
        with threads.sharing(4):  # a second batch beside the first: the smaller share counts
            assert threads.thread_counts() == (1, 1)
        assert threads.thread_counts() == (1, 2)
    assert threads.thread_counts() == (1, 4) and threads._share is None


def test_idle_cores_come_from_the_ticks_of_the_cores_this_process_may_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stat = tmp_path / "stat"

    def ticks(busy0: int, idle0: int, busy1: int, idle1: int) -> None:  # user nice system idle iowait ...
        stat.write_text(
            f"cpu  {busy0 + busy1} 0 0 {idle0 + idle1} 0 0 0\n"
            f"cpu0 {busy0} 0 0 {idle0} 0 0 0 0 0 0\ncpu1 {busy1} 0 0 {idle1} 0 0 0 0 0 0\nintr 5 0\n"
        )

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    ticks(100, 100, 100, 100)
    before = idle.cpu_times(stat)
    ticks(200, 100, 100, 200)  # then cpu0 was busy, cpu1 idle: one core of two stood idle
    assert idle.idle_cores(before, idle.cpu_times(stat)) == 1.0
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})  # taskset to the busy one
    assert idle.idle_cores(idle.cpu_times(stat), idle.cpu_times(stat)) is None  # no time passed
    ticks(100, 100, 100, 100)
    before = idle.cpu_times(stat)
    ticks(200, 100, 100, 200)
    assert idle.idle_cores(before, idle.cpu_times(stat)) == 0.0
    assert idle.cpu_times(tmp_path / "missing") is None  # not Linux: unknown, and workers start as before


def test_a_batch_worker_process_takes_its_share_before_any_model_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "usable_cores", lambda: 4)
    inbox: queue.Queue[object] = queue.Queue()
    outbox: queue.Queue[object] = queue.Queue()
    control: queue.Queue[object] = queue.Queue()
    control.put(processes._GO)  # one batch
    inbox.put(None)  # with no documents: the worker takes its share and waits for the next batch
    control.put(processes._STOP)  # which does not come: it ends
    processes._work(inbox, outbox, control, 1, {"model": "local"}, 2)
    assert outbox.get_nowait() == processes._End(os.getpid()) and threads.thread_counts() == (1, 2)


def test_outside_a_ray_actor_no_share_is_imposed() -> None:
    from factx.run.ray import _actor_cores

    assert _actor_cores() is None and threads._share is None


class _Context:
    """What ``_Shared.use_threads`` touches of a loaded ``Llama``: its context and its thread counts."""

    ctx = object()
    n_threads = 1
    n_threads_batch = 2


def test_each_call_sets_its_thread_counts_on_the_live_context(monkeypatch: pytest.MonkeyPatch) -> None:
    from factx.backends import llamacpp

    calls: list[tuple[object, int, int]] = []
    library = types.SimpleNamespace(llama_set_n_threads=lambda ctx, a, b: calls.append((ctx, a, b)))
    monkeypatch.setattr(llamacpp, "_llama_cpp", lambda: library)
    llm = _Context()
    shared = llamacpp._Shared(llm, (1, 2))
    shared.use_threads((1, 2))  # what it runs already: nothing to change
    assert calls == []
    shared.use_threads((1, 1))  # a worker's share, on a model loaded before the share was known
    assert calls == [(llm.ctx, 1, 1)] and (llm.n_threads, llm.n_threads_batch) == (1, 1)
    assert shared.threads == (1, 1)


@pytest.mark.parametrize(("given", "expected"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_openmp_threads_wait_asleep_unless_the_user_chose(given: str | None, expected: str) -> None:
    """libgomp prints the policy it read when it loads (``OMP_DISPLAY_ENV``); the environment is left as given."""
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    env |= {"OMP_DISPLAY_ENV": "TRUE"} | ({"OMP_WAIT_POLICY": given} if given else {})
    code = (
        "import os; from factx.backends.llamacpp import _llama_cpp; _llama_cpp(); "
        "print(os.environ.get('OMP_WAIT_POLICY'))"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert f"OMP_WAIT_POLICY = '{expected}'" in done.stderr
    assert done.stdout.strip() == str(given)

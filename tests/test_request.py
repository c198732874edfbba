"""The backend interface: one ModelRequest, one async ``request``, wrappers that override it alone, one sync
adapter (no thread per request), and many requests of one document in flight at once."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from pydantic import BaseModel

import factx
from factx.backends import Budgeted, Deadline, ModelRequest, Reply
from factx.backends.base import Backend
from factx.backends.limits import Bucket, RateLimitedBackend
from factx.backends.portal import run_sync
from factx.testing import FakeBackend


class City(BaseModel):
    city: str


class Count(BaseModel):
    n: int


ASK = [{"role": "user", "content": "Which city hosted the summit?"}]


class _Counting(Backend):
    """Answers after ``delay`` seconds of awaiting; notes the most requests in flight at once."""

    name = "counting"

    def __init__(self, delay: float = 0.05) -> None:
        self.delay, self.in_flight, self.most = delay, 0, 0

    async def request(self, req: ModelRequest[Any]) -> Reply[Any]:
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            return Reply(value=req.response_model(city="Lyon"), usage=factx.Usage(requests=1, prompt_tokens=7))
        finally:
            self.in_flight -= 1


def test_the_fake_answers_by_the_response_model_asked_for() -> None:
    fake = FakeBackend({City: {"city": "Lyon"}, "Count": [{"n": 1}, {"n": 2}]}, responder=lambda asked, m: {"n": 9})
    assert fake.complete(City, ASK).value.city == "Lyon"
    assert [fake.complete(Count, ASK).value.n for _ in range(3)] == [1, 2, 9]  # its list, then the responder
    assert [c.model for c in fake.calls] == ["City", "Count", "Count", "Count"]
    assert fake.calls[0].response_model is City and fake.calls[0].tool == "City"  # the old name still reads


def test_a_wrapper_overrides_request_alone_and_the_adapters_come_with_it() -> None:
    seen: list[ModelRequest[Any]] = []

    class Noting(Budgeted):
        async def request(self, req: ModelRequest[Any]) -> Reply[Any]:
            seen.append(req)
            return await super().request(req)

    engine = Noting(FakeBackend([{"city": "Lyon"}, {"city": "Oslo"}]), timeout=30)
    assert engine.complete(City, ASK, max_tokens=64).value.city == "Lyon"
    assert asyncio.run(engine.acomplete(City, ASK)).value.city == "Oslo"
    assert [r.max_tokens for r in seen] == [64, 512] and engine.spent.requests == 2


def test_an_object_that_is_not_a_backend_is_a_config_error() -> None:
    class OldStyle:  # the one-method protocol before ModelRequest
        name = "old"

        def complete(self, response_model: type[Any], messages: list[dict[str, Any]], **kw: Any) -> Any:
            raise AssertionError("never called")

    with pytest.raises(factx.FactxConfigError, match=r"not a factx\.Backend"):
        factx.extract_facts("The council met on Monday.", backend=OldStyle())  # type: ignore[arg-type]


def test_the_deadline_travels_on_the_request_and_the_sooner_one_holds() -> None:
    near, far = Deadline(1.0), Deadline(100.0)
    req = ModelRequest(City, ASK, deadline=far)
    assert req.within(near).deadline is near and req.within(None) is req
    assert ModelRequest(City, ASK, deadline=near).within(far).deadline is near
    slow = FakeBackend([{"city": "Lyon"}], delay=2.0)
    started = time.perf_counter()
    with pytest.raises(factx.FactxTimeoutError) as info:
        slow.complete(City, ASK, deadline=Deadline(0.3))
    assert time.perf_counter() - started < 1.5 and info.value.usage is not None and info.value.usage.requests == 1


def test_many_requests_of_one_document_in_flight_share_one_budget() -> None:
    inner = _Counting(delay=0.2)
    budget = Budgeted(inner, timeout=30)

    async def twenty() -> list[Reply[Any]]:
        gate = asyncio.Semaphore(8)

        async def one() -> Reply[Any]:
            async with gate:
                return await budget.request(ModelRequest(City, ASK))

        return await asyncio.gather(*[one() for _ in range(20)])

    started = time.perf_counter()
    replies = asyncio.run(twenty())
    assert len(replies) == 20 and inner.most == 8
    assert time.perf_counter() - started < 2.5  # 3 waves of 0.2 s, not 20 in a row (4 s)
    assert budget.spent == factx.Usage(requests=20, prompt_tokens=140)


def test_the_rate_limit_holds_under_concurrency_from_threads_and_loops() -> None:
    counting = _Counting(delay=0.0)
    limited = RateLimitedBackend(counting, requests_per_minute=120)  # a burst of 120, then 2 a second

    async def burst(n: int) -> None:
        await asyncio.gather(*[limited.request(ModelRequest(City, ASK)) for _ in range(n)])

    started = time.perf_counter()
    threads = [threading.Thread(target=lambda: asyncio.run(burst(40))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counting.most >= 40  # within the burst nobody waited: each loop's 40 were in flight together
    asyncio.run(burst(2))  # the bucket held 120 and drains 2 a second: the 122nd is due 1 s after the first
    assert time.perf_counter() - started >= 0.95


def test_a_bucket_serves_requests_in_the_order_they_asked() -> None:
    bucket = Bucket(60)  # one a second after a burst of 60
    assert [bucket.reserve(1) for _ in range(60)] == [0.0] * 60
    waits = [bucket.reserve(1) for _ in range(3)]
    assert waits == sorted(waits) and 0.9 < waits[0] < 1.1 and 2.9 < waits[2] < 3.1
    assert bucket.reserve(0) > 2.5  # what was reserved stays reserved


def test_the_sync_adapter_starts_no_thread_per_request() -> None:
    fake = FakeBackend(responder=lambda asked, messages: {"city": "Lyon"})
    fake.complete(City, ASK)  # the adapter's loop and the model pool start once
    before = threading.active_count()
    for _ in range(30):
        fake.complete(City, ASK, deadline=Deadline(60))
    assert threading.active_count() <= before + 1  # the pool may add a thread, never one per request


def test_sync_calls_work_from_a_thread_running_its_own_loop_but_not_from_the_adapters_loop() -> None:
    fake = FakeBackend(responder=lambda asked, messages: {"city": "Lyon"})

    async def inside_a_loop() -> str:
        return fake.complete(City, ASK).value.city  # blocks this loop, as any sync call would

    assert asyncio.run(inside_a_loop()) == "Lyon"

    async def on_the_adapters_loop() -> None:
        fake.complete(City, ASK)

    with pytest.raises(RuntimeError, match="await it instead"):
        run_sync(on_the_adapters_loop())

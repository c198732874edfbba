"""Many documents and long ones: pieces merged exactly, batches in order, concurrency, cache, limits, deadlines."""

from __future__ import annotations

import asyncio
import itertools
import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import factx
import factx.pipeline
from factx._types import DateFact, FigureFact, Span, Usage
from factx.backends.base import Backend, ModelRequest, Reply
from factx.backends.limits import RateLimitedBackend
from factx.detect.pieces import pieces
from factx.testing import FakeBackend, answer_choices
from factx.verify.merge import number

PARAGRAPHS = [
    "Dockworkers in the port of Mirela walked out on Monday, halting about 3,000 containers, the operator said.",
    "On March 2, 2026 the union demanded a 9% pay rise. That day the minister said talks would resume.",
    "The strike ended on Tuesday after two days, and 400 workers returned the day after.",
]


_decline = answer_choices(False)


def test_pieces_cover_the_text_within_the_limit_at_breaks() -> None:
    text = "\n\n".join(PARAGRAPHS * 20)
    spans = pieces(text, 500)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < e - s <= 500 for s, e in spans)
    assert all(text[s - 2 : s] == "\n\n" for s, _ in spans[1:])  # after a paragraph break
    one_paragraph = " ".join(PARAGRAPHS * 20)
    assert all(one_paragraph[s - 1] == " " for s, _ in pieces(one_paragraph, 500)[1:])
    assert pieces("x" * 1001, 500) == [(0, 500), (500, 1000), (1000, 1001)]  # one unbroken word


def test_long_text_in_pieces_equals_the_whole_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(p for _ in range(6) for p in PARAGRAPHS)
    ref = "2026-03-04"
    whole = factx.extract_facts(text, reference_date=ref, backend=FakeBackend(responder=_decline), strategy="choose")
    monkeypatch.setattr(factx.pipeline, "PIECE_CHARS", 400)
    cut = factx.extract_facts(text, reference_date=ref, backend=FakeBackend(responder=_decline), strategy="choose")
    assert len(pieces(text, 400)) > 4
    assert cut.text == text and cut.reference_source == "given"
    assert cut.dates == whole.dates  # 'That day' resolves against the date of the piece before, too
    assert cut.figures == whole.figures
    # Mention-level events are the same, and an event told in several pieces is one record: "the
    # strike" of every piece folds into the first strike, as in the whole reading.
    assert [(e.trigger, e.span) for e in cut.event_mentions] == [(e.trigger, e.span) for e in whole.event_mentions]
    records = [(e.trigger, e.type, e.mentions) for e in cut.events]
    assert records == [(e.trigger, e.type, e.mentions) for e in whole.events]
    assert [e.salience for e in cut.events] == [e.salience for e in whole.events]  # repeats count once
    strike = next(e for e in whole.events if e.trigger is not None and e.trigger.text == "strike")
    assert len(strike.mentions) == 6
    assert [e.id for e in cut.events] == [f"e{n}" for n in range(1, len(cut.events) + 1)]
    # a batch of choices never spans two pieces
    assert whole.usage.requests <= cut.usage.requests <= whole.usage.requests + len(pieces(text, 400))
    for fact in (*cut.dates, *cut.figures, *cut.events, *cut.event_mentions):
        assert text[fact.span.start : fact.span.end] == fact.span.text


def test_records_fold_across_pieces_only_when_nothing_tells_them_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    filler = "The weather stayed mild all week. " * 8
    text = (
        "Dockworkers in Mirela went on strike on Monday, the union said.\n\n" + filler + "\n\n"
        "In Bren, nurses began a strike on Friday over pay.\n\n" + filler + "\n\n"
        "The strike in Mirela ended on Tuesday."
    )
    monkeypatch.setattr(factx.pipeline, "PIECE_CHARS", 300)
    assert len(pieces(text, 300)) >= 3
    sheet = factx.extract_facts(text, reference_date="2026-03-04", backend=FakeBackend(responder=_decline))
    strikes = [e for e in sheet.events if e.trigger is not None and e.trigger.text == "strike"]
    by_place = {e.location: [text[m.start : m.end + 10] for m in e.mentions] for e in strikes}
    assert by_place["Bren"] == ["strike on Friday"]  # another place: another strike
    assert "strike in Mirela" in by_place["Mirela"]  # "the strike in Mirela", two pieces later, is that strike
    assert len(sheet.events) == len({e.id for e in sheet.events})


def test_number_sweep_agrees_with_all_pairs() -> None:
    rng = random.Random(7)
    text = "x" * 2000
    for _ in range(30):
        dates = []
        at = 0
        while at < 1900:
            at += rng.randint(1, 60)
            dates.append(DateFact(span=Span.of(text, at, at + rng.randint(1, 12)), value="2020"))
            at = dates[-1].span.end
        figures = [
            FigureFact(span=Span.of(text, s, s + rng.randint(1, 15)), value=1.0)
            for s in (rng.randint(0, 1980) for _ in range(80))
        ]
        _, kept = number(dates, figures)
        brute = sorted(
            (f for f in figures if not any(f.span.overlaps(d.span) for d in dates)), key=lambda f: f.span.start
        )
        assert [f.span for f in kept] == [f.span for f in brute]


def test_many_documents_in_order_with_errors_in_place_and_own_reference_dates() -> None:
    docs: list[Any] = [
        PARAGRAPHS[0],
        {"id": "b", "text": PARAGRAPHS[2], "reference_date": "2026-03-04"},
        "",
        42,
        {"id": "c", "txt": "typo"},
        PARAGRAPHS[1],
    ]
    serial = factx.extract_many(docs, backend=FakeBackend(responder=_decline), strategy="choose")
    parallel = factx.extract_many(docs, backend=FakeBackend(responder=_decline), strategy="choose", concurrency=4)
    assert [type(r) for r in serial] == [
        factx.FactSheet,
        factx.FactSheet,
        factx.FactxInputError,
        factx.FactxInputError,
        factx.FactxInputError,
        factx.FactSheet,
    ]
    assert [r.index for r in serial if isinstance(r, factx.FactxInputError)] == [2, 3, 4]
    assert isinstance(serial[1], factx.FactSheet) and str(serial[1].reference_date) == "2026-03-04"
    assert [str(r) for r in serial if isinstance(r, factx.FactxError)] == [
        str(r) for r in parallel if isinstance(r, factx.FactxError)
    ]
    sheets = [r for r in serial if isinstance(r, factx.FactSheet)]
    assert sheets == [r for r in parallel if isinstance(r, factx.FactSheet)]


class _Slow(FakeBackend):
    """Sleeps before answering the documents whose text says 'slow'; counts calls in flight."""

    def __init__(self, delay: float) -> None:
        super().__init__(responder=_decline)
        self.slow_delay, self.in_flight, self.most = delay, 0, 0
        self._guard = threading.Lock()

    async def request(self, req: ModelRequest[Any]) -> Reply[Any]:
        with self._guard:
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
        try:
            if "slow" in str(req.messages):
                await asyncio.sleep(self.slow_delay)
            return await super().request(req)
        finally:
            with self._guard:
                self.in_flight -= 1


def test_async_batch_yields_as_completed_and_a_deadline_never_stops_the_others() -> None:
    slow = "Dockers walked out on Monday. The slow talks with the operator will resume next week."  # one request
    docs = [{"id": "slow", "text": slow}, *({"id": f"d{n}", "text": PARAGRAPHS[n % 3]} for n in range(6))]
    backend = _Slow(delay=6.0)
    factx.extract_facts(PARAGRAPHS[0], backend=FakeBackend(responder=_decline), strategy="choose")  # load spaCy first

    async def run() -> list[factx.Outcome]:
        return [
            o async for o in factx.aextract_many(docs, backend=backend, strategy="choose", concurrency=3, timeout=2.0)
        ]

    started = time.perf_counter()
    outcomes = asyncio.run(run())
    assert time.perf_counter() - started < 4.5  # the outer guard gives up 1 s past the 2 s deadline (not 6 s)
    assert sorted(o.index for o in outcomes) == list(range(7))
    (late,) = [o for o in outcomes if o.id == "slow"]
    assert isinstance(late.result, factx.FactxTimeoutError)  # its own budget, or the batch's outer guard
    assert all(o.ok for o in outcomes if o.id != "slow"), [(o.id, str(o.result)[:120]) for o in outcomes if not o.ok]
    assert backend.most <= 3


def test_cached_rerun_makes_no_requests_and_returns_the_same_facts(tmp_path: Path) -> None:
    docs = ["\n\n".join(PARAGRAPHS), PARAGRAPHS[1], PARAGRAPHS[2]]
    first_backend = FakeBackend(responder=_decline)
    first = factx.extract_many(docs, backend=first_backend, strategy="choose", cache=tmp_path / "cache")
    again_backend = FakeBackend(responder=lambda tool, messages: {})  # would answer differently (invalid)
    again = factx.extract_many(docs, backend=again_backend, strategy="choose", cache=tmp_path / "cache")
    assert len(first_backend.calls) > 0 and len(again_backend.calls) == 0
    for a, b in zip(first, again, strict=True):
        assert isinstance(a, factx.FactSheet) and isinstance(b, factx.FactSheet)
        assert a.model_copy(update={"usage": Usage()}) == b and b.usage.requests == 0
    one = factx.extract_facts(docs[1], backend=FakeBackend(), strategy="choose", cache=tmp_path / "cache")
    assert one.model_dump(exclude={"usage"}) == first[1].model_dump(exclude={"usage"})


class _Echo(BaseModel):
    ok: bool = True


class _Instant(Backend):
    name = "instant"

    async def request(self, req: ModelRequest[Any]) -> Reply[Any]:
        return Reply(value=req.response_model(), usage=Usage(requests=1, prompt_tokens=10, completion_tokens=5))


def test_rate_limit_is_shared_by_threads_and_event_loops() -> None:
    limited = RateLimitedBackend(_Instant(), requests_per_minute=60)  # a burst of 60, then one a second
    started = time.perf_counter()
    threads = [threading.Thread(target=lambda: [limited.complete(_Echo, []) for _ in range(20)]) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    async def two_more() -> None:
        await asyncio.gather(limited.acomplete(_Echo, []), limited.acomplete(_Echo, []))

    asyncio.run(two_more())
    assert time.perf_counter() - started >= 1.5  # 62 requests: the last two waited for the bucket
    with pytest.raises(ValueError):
        RateLimitedBackend(_Instant(), tokens_per_minute=0)

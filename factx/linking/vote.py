"""A model's vote on close merges: asked through the backend, bounded by code in count, time and weight."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from factx._errors import FactxError
from factx._types import Usage
from factx.backends import Backend, Deadline
from factx.backends.portal import run_sync
from factx.interpret.prompts import PROMPTS
from factx.linking.cluster import average_link
from factx.linking.features import Record
from factx.linking.score import VOTE_WEIGHT

log = logging.getLogger("factx")


class SameEvent(BaseModel):
    """The model's answer: do the two reports describe one and the same real-world event?"""

    same: bool = Field(description="true when both sentences report the same happening (same time, place, people)")


def pair_messages(a: Record, b: Record) -> list[dict[str, str]]:
    """The question put to the model about one pair (``prompts/same_event.yaml``): both sentences, each
    with its event word marked and, where code knows it, when the event happened or the report is dated."""
    return PROMPTS["same_event"].messages(report_a=_shown(a), report_b=_shown(b))


def _shown(rec: Record) -> str:
    trigger = rec.event.trigger.text if rec.event.trigger else rec.event.description
    parts = [f'event word: "{trigger}"']
    if rec.start is not None:
        until = f" to {rec.end.isoformat()}" if rec.end is not None and rec.end != rec.start else ""
        parts.append(f"when: {rec.start.isoformat()}{until}")
    elif rec.doc.sheet.reference_date is not None:
        parts.append(f"report dated {rec.doc.sheet.reference_date.isoformat()}")
    return f'"{rec.event.span.text.strip()}" ({"; ".join(parts)})'


CONTROLS = 4
"""Control questions per side: merges code is sure of (``SURE``), put to the model before its first vote."""
SURE = 0.95
"""A pair code is sure of: its probability at least this (the same event) or at most 1 - this (not)."""
PASS = 0.75
"""The share of control answers that must agree with code for the model's votes to count."""


def controls(records: Sequence[Record], scores: dict[tuple[int, int], float]) -> list[tuple[tuple[int, int], bool]]:
    """Pairs across documents code is sure of, with its answer: the ``CONTROLS`` most alike, and the
    ``CONTROLS`` least alike that share their event word (a model that only matches words fails those)."""
    cross = sorted((s, pair) for pair, s in scores.items() if records[pair[0]].doc.id != records[pair[1]].doc.id)
    apart = [pair for s, pair in cross if s <= 1 - SURE and records[pair[0]].lemma == records[pair[1]].lemma]
    same = [pair for s, pair in reversed(cross) if s >= SURE]
    return [(pair, True) for pair in same[:CONTROLS]] + [(pair, False) for pair in apart[:CONTROLS]]


CONCURRENCY = 8
"""Questions in flight at once (the answers decide the clusters, not the order they arrive in)."""
PAIRS_PER_WAVE = 4000
"""A round asks one wave of ``CONCURRENCY`` questions per this many scored pairs (about one story of 150
records): in a larger input a round's questions fall in different stories and rarely bear on each other,
and each round re-clusters every record, so the rounds must not grow with the input."""


@dataclass
class Answers:
    """A ``cluster.Doubt`` from the answers given so far; the close merges it has none for, it notes."""

    weight: float
    given: dict[tuple[int, int], bool]
    threshold: float = 0.0
    unasked: set[tuple[int, int]] = field(default_factory=set)
    """Pairs code decides this round, neither asked nor noted: a request failed, an answer did not hold, or
    one waits for its swapped question."""
    noted: list[tuple[float, tuple[int, int]]] = field(default_factory=list)
    """(distance of the merge's mean from the threshold, the pair to ask), in the order the clustering met them."""
    leans: dict[tuple[int, int], bool] = field(default_factory=dict)
    """Each noted pair: whether code alone would make the merge (its mean above the threshold)."""

    def __call__(self, a: Sequence[int], b: Sequence[int], pair: tuple[int, int], mean: float) -> bool | None:
        if pair in self.unasked:
            return None
        if pair in self.given:
            return self.given[pair]
        self.noted.append((abs(mean - self.threshold), pair))
        self.leans.setdefault(pair, mean > self.threshold)
        return None

    def pick(self, room: int) -> list[tuple[int, int]]:
        """The next round's questions: half in the order the clustering met them (early merges shape the
        later ones), the rest the closest to the threshold (where an answer most likely turns a merge)."""
        picked: dict[tuple[int, int], None] = {}
        for _, pair in self.noted:
            if len(picked) >= (room + 1) // 2:
                break
            picked.setdefault(pair)
        for _, pair in sorted(self.noted):
            if len(picked) >= room:
                break
            picked.setdefault(pair)
        return list(picked)


class Votes:
    """A model's votes on close merges, bounded by code in count (``limit`` merges), time (``timeout``
    for all requests) and weight (what an answer moves a merge by).

    Clustering runs in rounds: each notes the close merges it has no answer for, and asks a round of
    them (``Answers.pick``), ``concurrency`` in flight at once; the next round clusters with every
    answer so far. A round holds one wave of ``concurrency`` questions per ``PAIRS_PER_WAVE`` scored pairs.
    Before the first vote the model answers the ``controls``; when fewer than ``PASS`` of its answers
    agree with code there, it is no better than chance on this input, and its votes are not used.
    With ``confirm``, an answer that turns code's merge (says "same" where code would keep the clusters
    apart, or "different" where it would merge them) is asked again with the two reports swapped, in the
    next round's wave, and counts only when both answers agree: a model's slip, or its bias to one
    position, then turns a merge only when it repeats; an answer that agrees with code needs no second
    ask, as code decides alike.
    """

    def __init__(
        self,
        records: Sequence[Record],
        scores: dict[tuple[int, int], float],
        backend: Backend,
        *,
        limit: int,
        timeout: float | None,
        weight: float = VOTE_WEIGHT,
        concurrency: int | None = None,
        confirm: bool = True,
    ) -> None:
        self.records, self.scores, self.backend = records, scores, backend
        self.limit, self.weight, self.confirm = limit, weight, confirm
        self.concurrency = max(1, concurrency or CONCURRENCY)
        self.round = self.concurrency * max(1, math.ceil(len(scores) / PAIRS_PER_WAVE))
        """Questions a round asks: one wave per ``PAIRS_PER_WAVE`` pairs, the clustering's cost per round."""
        self.deadline = Deadline(timeout)
        self.given: dict[tuple[int, int], bool] = {}
        self.failed: set[tuple[int, int]] = set()
        self.tried = self.asked = 0
        """Close merges put to the model, and those it answered on (a control's answer is kept as a vote too)."""
        self.rechecked = self.disputed = 0
        """Answers that turned code's merge and were asked again swapped, and those the second answer contradicted."""
        self.unconfirmed: dict[tuple[int, int], bool] = {}
        """First answers that turned code's merge, waiting for the swapped question in the next round."""
        self.usage = Usage()
        self.trusted: bool | None = None
        """None until the controls are asked (before the first vote), then whether the model passed them."""

    def cluster(self, threshold: float, missing: float | None) -> list[list[int]]:
        """``average_link`` with the model's votes on close merges."""
        n = len(self.records)
        while (self.tried < self.limit or self.unconfirmed) and not self.deadline.expired():
            round_ = Answers(self.weight, self.given, threshold, self.failed | self.unconfirmed.keys())
            average_link(n, self.scores, threshold, missing, round_)
            again = list(self.unconfirmed)[: self.round]
            pending = round_.pick(min(self.round - len(again), self.limit - self.tried))
            if not pending and not again:
                break
            if self.trusted is None:
                self.trusted = self._passes_controls()
            if not self.trusted:
                break
            todo = [pair for pair in pending if pair not in self.given]  # a control may have answered it
            self.tried += len(todo)
            self.rechecked += len(again)
            replies = self._ask_all([(j, i) for i, j in again] + todo)
            for pair, same in zip(again, replies[: len(again)], strict=True):
                self._settle(pair, same)
            for pair, same in zip(todo, replies[len(again) :], strict=True):
                self._answered(pair, same, round_.leans[pair])
        if self.rechecked:
            log.info(
                "link: %d answers turned code's merge and were asked again, the reports swapped; %d did not hold",
                self.rechecked,
                self.disputed,
            )
        used = self.given if self.trusted else {}
        return average_link(n, self.scores, threshold, missing, Answers(self.weight, used, threshold))

    def _answered(self, pair: tuple[int, int], same: bool | None, lean: bool) -> None:
        """A first answer: kept, or (turning code's merge, with ``confirm``) held for the swapped question."""
        if same is None:
            self.failed.add(pair)
        elif self.confirm and same != lean:
            self.unconfirmed[pair] = same
        else:
            self.given[pair] = same
            self.asked += 1

    def _settle(self, pair: tuple[int, int], again: bool | None) -> None:
        """The swapped question's answer: the first stands when it agrees; else code decides the merge."""
        first = self.unconfirmed.pop(pair)
        if again == first:
            self.given[pair] = first
            self.asked += 1
        else:
            self.disputed += again is not None
            self.failed.add(pair)

    def _passes_controls(self) -> bool:
        asked = controls(self.records, self.scores)
        replies = self._ask_all([pair for pair, _ in asked])
        answered = [(pair, same, sure) for (pair, sure), same in zip(asked, replies, strict=True) if same is not None]
        self.given.update((pair, same) for pair, same, _ in answered)
        agreed = sum(same == sure for _, same, sure in answered)
        if answered and agreed < PASS * len(answered):
            log.warning(
                "link: the model agreed with code on %d of %d merges code is sure of; its votes are not used",
                agreed,
                len(answered),
            )
            return False
        return True

    def _ask_all(self, pairs: Sequence[tuple[int, int]]) -> list[bool | None]:
        """The model's answers on these pairs (report A the first record), asked at once; None where a
        request failed (code's score stands)."""
        return run_sync(self._gather(pairs)) if pairs else []

    async def _gather(self, pairs: Sequence[tuple[int, int]]) -> list[bool | None]:
        gate = asyncio.Semaphore(self.concurrency)
        return list(await asyncio.gather(*(self._ask(pair, gate) for pair in pairs)))

    async def _ask(self, pair: tuple[int, int], gate: asyncio.Semaphore) -> bool | None:
        messages = pair_messages(self.records[pair[0]], self.records[pair[1]])
        try:
            async with gate:
                reply = await self.backend.acomplete(SameEvent, messages, max_tokens=16, deadline=self.deadline)
        except FactxError as exc:
            self.usage = self.usage + (getattr(exc, "usage", None) or Usage())
            log.warning("link vote failed: %s", exc)
            return None
        self.usage = self.usage + reply.usage
        return reply.value.same

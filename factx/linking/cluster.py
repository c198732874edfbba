"""Candidate pairs by blocking, and average-link clustering over the scored pairs only.

Blocking keeps cost near-linear: two records are compared only when their documents share a subject
(``subjects``) and the records share a key (a stem of
the trigger's family, a WordNet sense, a type, or a type with a named entity),
and a key held by more than ``BLOCK`` records compares each only with its ``WINDOW`` neighbours
by document group, time and document order, never all pairs.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Protocol

from factx.linking.features import Record

BLOCK = 48
"""A key held by at most this many records compares all their pairs."""
WINDOW = 24
"""Past ``BLOCK``, each record meets the next ``WINDOW`` records of the key sorted by document group, time, document."""


def _keys(rec: Record) -> Iterator[tuple[str, ...]]:
    for stem in rec.family:
        yield ("f", stem)
    for synset in rec.senses[0]:  # a shared sense; a hypernym or derivation meets through family or type
        yield ("s", synset)
    if rec.event.type != "other":
        yield ("t", rec.event.type)
        for entity in rec.entities:
            yield ("t", rec.event.type, entity)


def candidate_pairs(records: Sequence[Record]) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, worth scoring: the records share a blocking key."""
    buckets: dict[tuple[object, ...], list[Record]] = defaultdict(list)
    for rec in records:
        for key in _keys(rec):
            buckets[(rec.doc.subject, *key)].append(rec)  # two subjects' records never meet
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) <= BLOCK:
            for x, a in enumerate(members):
                for b in members[x + 1 :]:
                    pairs.add((min(a.index, b.index), max(a.index, b.index)))
            continue
        ordered = sorted(members, key=lambda r: (r.doc.group, r.start or dt.date.max, r.doc.order, r.index))
        for x, a in enumerate(ordered):
            for b in ordered[x + 1 : x + 1 + WINDOW]:
                pairs.add((min(a.index, b.index), max(a.index, b.index)))
    return pairs


class Doubt(Protocol):
    """Who settles a close merge: asked about two clusters whose mean lies within ``weight`` of the threshold."""

    weight: float

    def __call__(self, a: Sequence[int], b: Sequence[int], pair: tuple[int, int], mean: float) -> bool | None:
        """Whether clusters ``a`` and ``b`` (record indexes; ``pair`` the most alike scored pair across
        them, ``mean`` their mean pair score) tell one event; None: no answer (code decides)."""
        ...


def average_link(
    n: int,
    scores: dict[tuple[int, int], float],
    threshold: float,
    missing: float | None = 0.0,
    doubt: Doubt | None = None,
) -> list[list[int]]:
    """Merge the closest clusters while their mean pairwise score exceeds ``threshold``.

    Pairs never scored count as ``missing`` (None: the mean is over the scored pairs only); with
    0, a cluster grows only where most of its pairs were compared and found alike. With ``doubt``,
    each merge whose mean lies within ``doubt.weight`` of the threshold (one a vote could turn) is
    put to it once, before it is decided; an answer moves every pair across the two clusters by
    the weight, so the merge's mean moves by it, and stays in the sums as later merges grow.
    Clusters come back in order of their first record.
    """
    reach = threshold - doubt.weight if doubt is not None else threshold
    state = _Clusters(n, scores, missing, track=doubt is not None)
    asked: set[tuple[int, int, int, int]] = set()
    heap = [(-s, i, j) for (i, j), s in scores.items() if s > reach]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in state.members or b not in state.members:
            continue
        now = state.mean(a, b)
        if now < -neg - 1e-9:  # stale: the clusters changed since this entry was pushed
            if now > reach:
                heapq.heappush(heap, (-now, a, b))
            continue
        if doubt is not None and abs(now - threshold) < doubt.weight and _voted(doubt, state, a, b, now, asked):
            heapq.heappush(heap, (-state.mean(a, b), a, b))
            continue
        if now <= threshold:
            continue
        for c in state.merge(a, b):
            if (mean := state.mean(a, c)) > reach:
                heapq.heappush(heap, (-mean, a, c))
    return sorted((sorted(m) for m in state.members.values()), key=lambda m: m[0])


def _voted(doubt: Doubt, state: _Clusters, a: int, b: int, mean: float, asked: set[tuple[int, int, int, int]]) -> bool:
    """Put the merge of ``a`` and ``b`` to ``doubt`` once (a grown cluster makes a new merge); True: a vote moved it."""
    key = (min(a, b), max(a, b), len(state.members[a]), len(state.members[b]))
    if key in asked:
        return False
    asked.add(key)
    same = doubt(state.members[a], state.members[b], state.best[a][b], mean)
    if same is None:
        return False
    state.shift(a, b, doubt.weight if same else -doubt.weight)
    return True


class _Clusters:
    """Average link's state: each cluster's records, and the summed scores and scored pairs between clusters.

    With ``track``, also the most alike scored pair between each two clusters (``best``), kept as
    they merge, so a doubt is shown it without a scan of every pair across them.
    """

    def __init__(
        self, n: int, scores: dict[tuple[int, int], float], missing: float | None, *, track: bool = False
    ) -> None:
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}
        self.sums: dict[int, dict[int, float]] = defaultdict(dict)
        self.counts: dict[int, dict[int, int]] = defaultdict(dict)
        self.best: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
        self.scores = scores if track else None
        self.missing = missing
        for pair, s in scores.items():
            i, j = pair
            self.sums[i][j] = self.sums[j][i] = s
            self.counts[i][j] = self.counts[j][i] = 1
            if track:
                self.best[i][j] = self.best[j][i] = pair

    def mean(self, a: int, b: int) -> float:
        pairs = len(self.members[a]) * len(self.members[b])
        return _mean(self.sums[a].get(b, 0.0), self.counts[a].get(b, 0), pairs, self.missing)

    def shift(self, a: int, b: int, by: float) -> None:
        """Move the mean between two clusters by ``by``: every pair across them (or every scored one) by as much."""
        pairs = len(self.members[a]) * len(self.members[b]) if self.missing is not None else self.counts[a][b]
        self.sums[a][b] = self.sums[b][a] = self.sums[a][b] + by * pairs

    def merge(self, a: int, b: int) -> list[int]:
        """Fold cluster ``b`` into ``a``; the clusters ``a`` now has pairs with."""
        sums, counts = self.sums, self.counts
        self.members[a].extend(self.members.pop(b))
        for c, s in sums.pop(b).items():
            k = counts[b][c]
            if c == a:
                continue
            del sums[c][b]
            del counts[c][b]
            sums[a][c] = sums[c][a] = sums[a].get(c, 0.0) + s
            counts[a][c] = counts[c][a] = counts[a].get(c, 0) + k
        del counts[b]
        sums[a].pop(b, None)
        counts[a].pop(b, None)
        if self.scores is not None:
            self._keep_best(a, b)
        return list(sums[a])

    def _keep_best(self, a: int, b: int) -> None:
        """After ``b`` folded into ``a``: each cluster's most alike pair with ``a`` is the better of its two
        (ties to the larger pair, as ``max`` over (score, pair) picks)."""
        assert self.scores is not None
        best, scores = self.best, self.scores
        for c, pair in best.pop(b).items():
            if c == a:
                continue
            del best[c][b]
            old = best[a].get(c)
            if old is None or (scores[pair], pair) > (scores[old], old):
                best[a][c] = best[c][a] = pair
        best[a].pop(b, None)


def _mean(total: float, scored: int, pairs: int, missing: float | None) -> float:
    if missing is None:
        return total / scored
    return (total + missing * (pairs - scored)) / pairs


def mean_score(cluster: Sequence[int], scores: dict[tuple[int, int], float]) -> float:
    """The mean score over a cluster's pairs (unscored pairs 0; 1.0 for one record)."""
    if len(cluster) < 2:
        return 1.0
    total = sum(scores.get((min(a, b), max(a, b)), 0.0) for x, a in enumerate(cluster) for b in cluster[x + 1 :])
    return total / (len(cluster) * (len(cluster) - 1) / 2)

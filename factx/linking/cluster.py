"""Candidate pairs by blocking, and average-link clustering over the scored pairs only.

Blocking keeps cost near-linear: two records are compared only when they share a key (a stem of
the trigger's family, a WordNet sense, a type, or a type with a named entity),
and a key held by more than ``BLOCK`` records compares each only with its ``WINDOW`` neighbours
by document group, time and document order, never all pairs.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence

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
    buckets: dict[tuple[str, ...], list[Record]] = defaultdict(list)
    for rec in records:
        for key in _keys(rec):
            buckets[key].append(rec)
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


def average_link(
    n: int, scores: dict[tuple[int, int], float], threshold: float, missing: float | None = 0.0
) -> list[list[int]]:
    """Merge the closest clusters while their mean pairwise score exceeds ``threshold``.

    Pairs never scored count as ``missing`` (None: the mean is over the scored pairs only); with
    0, a cluster grows only where most of its pairs were compared and found alike. Clusters come
    back in order of their first record.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    heap: list[tuple[float, int, int]] = []
    for (i, j), s in scores.items():
        sums[i][j] = sums[j][i] = s
        counts[i][j] = counts[j][i] = 1
        if s > threshold:
            heap.append((-s, i, j))
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        mean = _mean(sums[a].get(b, 0.0), counts[a].get(b, 0), len(members[a]) * len(members[b]), missing)
        if mean < -neg - 1e-9:  # stale: the clusters changed since this entry was pushed
            if mean > threshold:
                heapq.heappush(heap, (-mean, a, b))
            continue
        if mean <= threshold:
            continue
        members[a].extend(members.pop(b))
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
        for c, s in sums[a].items():
            mean = _mean(s, counts[a][c], len(members[a]) * len(members[c]), missing)
            if mean > threshold:
                heapq.heappush(heap, (-mean, a, c))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


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

"""The pairwise score: a logistic model over the pair's features, its weights fitted on half of ECB+ dev.

``python benchmarks/bench_link.py --fit`` refits them on the odd-numbered topics (records at the
gold triggers, the candidate pairs blocking gives) and prints the table below; the even topics
are the check.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from factx.link.features import FEATURES

WEIGHTS: dict[str, float] = {
    "bias": -3.0,
    "same_lemma": 2.0,
    "same_family": 1.5,
    "same_type": 0.3,
    "doc_similarity": 4.0,
    "same_doc": 0.5,
    "shared_entity": 0.8,
    "agent_clash": -0.8,
    "same_place": 0.6,
    "place_clash": -0.6,
    "time_overlap": 0.8,
    "time_clash": -1.5,
    "shared_figure": 0.8,
    "sentence_overlap": 2.0,
    "reporting": -1.0,
}
"""Fitted weights (see the module docstring); features absent here weigh 0."""

THRESHOLD = 0.5
"""Clusters merge while their mean pair probability is above this."""


def probability(features: Sequence[float], weights: dict[str, float] | None = None) -> float:
    """The pair's probability of naming one event."""
    table = WEIGHTS if weights is None else weights
    z = sum(table.get(name, 0.0) * value for name, value in zip(FEATURES, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

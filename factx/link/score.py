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
    "bias": -3.82,
    "same_lemma": 0.9,
    "same_family": 0.57,
    "same_type": 0.37,
    "doc_similarity": 0.01,
    "same_doc": -0.11,
    "shared_entity": 0.33,
    "agent_clash": 0.1,
    "same_place": 0.23,
    "place_clash": 0.0,
    "time_overlap": -0.07,
    "time_clash": -0.31,
    "shared_figure": 0.9,
    "sentence_overlap": 1.17,
    "reporting": -1.31,
    "same_chain": 0.29,
    "lemma_x_doc": 0.71,
    "kin_x_doc": -0.71,
    "typed_entity": 0.53,
    "lemma_x_sentence": 1.41,
    "same_group": 2.54,
    "lemma_x_group": 0.47,
}
"""Fitted weights (see the module docstring); features absent here weigh 0."""

THRESHOLD = 0.5
"""Clusters merge while their mean pair probability is above this."""
MISSING: float | None = 0.0
"""What a pair blocking never compared counts for in a cluster's mean."""


def probability(features: Sequence[float], weights: dict[str, float] | None = None) -> float:
    """The pair's probability of naming one event."""
    table = WEIGHTS if weights is None else weights
    z = sum(table.get(name, 0.0) * value for name, value in zip(FEATURES, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

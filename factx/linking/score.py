"""The pairwise score: a logistic model over the pair's features, its weights fitted on half of ECB+ dev.

``python benchmarks/bench_link.py --fit`` refits them on the odd-numbered topics (records at the
gold triggers, the candidate pairs blocking gives) and prints the table below; the even topics
are the check.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from factx.linking.features import FEATURES

WEIGHTS: dict[str, float] = {
    "bias": -4.44,
    "same_lemma": 1.3,
    "same_family": 1.13,
    "same_type": 0.71,
    "doc_similarity": -0.3,
    "same_doc": -0.29,
    "shared_entity": 0.36,
    "agent_clash": 0.11,
    "same_place": 0.12,
    "place_clash": 0.03,
    "time_overlap": -0.13,
    "time_clash": -0.33,
    "shared_figure": 0.71,
    "sentence_overlap": 1.14,
    "reporting": -1.25,
    "same_chain": 0.21,
    "lemma_x_doc": 0.97,
    "kin_x_doc": 0.34,
    "typed_entity": 0.51,
    "lemma_x_sentence": 1.45,
    "same_group": 1.98,
    "lemma_x_group": 1.09,
    "synonym": 0.73,
    "synonym_x_group": 0.73,
}
"""Fitted weights (see the module docstring); features absent here weigh 0."""

THRESHOLD = 0.35
"""Clusters merge while their mean pair probability is above this."""
MISSING: float | None = 0.0
"""What a pair blocking never compared counts for in a cluster's mean."""


def probability(features: Sequence[float], weights: dict[str, float] | None = None) -> float:
    """The pair's probability of naming one event."""
    table = WEIGHTS if weights is None else weights
    z = sum(table.get(name, 0.0) * value for name, value in zip(FEATURES, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

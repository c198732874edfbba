"""The pairwise score: a logistic model over the pair's features, its weights fitted on half of ECB+ dev.

``python benchmarks/bench_link.py --fit`` refits them on the odd-numbered topics (records at the
gold triggers, the candidate pairs blocking gives), then moves each weight, within its feature's
direction (``SIGNS``), where that raises the clustering's CoNLL F1 on those topics; it prints the
table below. The even topics are the check.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from factx.linking.features import FEATURES

WEIGHTS: dict[str, float] = {
    "bias": -4.15,
    "same_lemma": 0.98,
    "same_family": 1.92,
    "same_type": 0.0,
    "doc_similarity": 0.79,
    "same_doc": -1.09,
    "shared_entity": 0.28,
    "agent_clash": -1.0,
    "same_place": 0.13,
    "place_clash": 0.0,
    "time_overlap": 1.02,
    "time_clash": -0.58,
    "shared_figure": 0.0,
    "sentence_overlap": 0.58,
    "reporting": -0.82,
    "same_chain": 0.27,
    "lemma_x_doc": 0.54,
    "kin_x_doc": -0.5,
    "typed_entity": 0.55,
    "lemma_x_sentence": 0.5,
    "same_group": 2.38,
    "lemma_x_group": 1.11,
    "synonym": 0.38,
    "synonym_x_group": 0.81,
    "sentence_cosine": 0.29,
    "lemma_x_cosine": 0.65,
    "particle_clash": -2.31,
    "both_lead": 0.39,
    "lemma_x_lead": -0.04,
    "lemma_spread": -0.24,
    "report_pair": -0.88,
    "report_same_speaker": -0.32,
    "near_cosine": 0.65,
    "lemma_x_near": 0.19,
    "name_clash": -0.58,
    "shared_name": 0.0,
    "number_clash": -0.37,
    "shared_number": 0.08,
    "same_sentence": -1.13,
}
"""Fitted weights (see the module docstring); features absent here weigh 0."""

SIGNS: dict[str, int] = {
    **dict.fromkeys(
        (
            "agent_clash",
            "place_clash",
            "time_clash",
            "particle_clash",
            "name_clash",
            "number_clash",
            "same_sentence",
            "reporting",
            "report_pair",
        ),
        -1,
    ),
    **dict.fromkeys(
        (
            "same_lemma",
            "same_family",
            "same_type",
            "shared_entity",
            "same_place",
            "time_overlap",
            "shared_figure",
            "sentence_overlap",
            "same_chain",
            "typed_entity",
            "synonym",
            "sentence_cosine",
            "near_cosine",
            "shared_name",
            "shared_number",
            "same_group",
        ),
        1,
    ),
}
"""The direction a feature may push a pair (a clash apart, a shared part together); fitting keeps to it.

Sparse features (a time, a number near both triggers) are too rare to fit alone and pick up the
sign of whatever they happen to co-occur with; their direction is the linguistics', not the sample's.
"""

THRESHOLD = 0.35
"""Clusters merge while their mean pair probability is above this."""
VOTE_WEIGHT = 0.15
"""What a model's vote moves a pair's probability by, by default: a tie-break, never a verdict."""
MAX_VOTE_WEIGHT = 0.5
"""The most a vote may move a pair (``link(vote_weight=...)``, for a capable model): code's score keeps a say."""
MISSING: float | None = 0.0
"""What a pair blocking never compared counts for in a cluster's mean."""


def probability(features: Sequence[float], weights: dict[str, float] | None = None) -> float:
    """The pair's probability of naming one event."""
    table = WEIGHTS if weights is None else weights
    z = sum(table.get(name, 0.0) * value for name, value in zip(FEATURES, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

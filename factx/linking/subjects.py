"""Subjects: the input's documents split by what they are about, each word weighed by its rarity in English.

Document groups and sentence words (``features``) weigh a word by its rarity among the input's own
documents, so they shift with what else the input holds: among many subjects, one subject's own words
("rehab", an actress's name) are rare and weigh heavily, and the two stories of one subject fall into
one group. A subject is judged by a yardstick that does not shift, the word's frequency in English at
large (``wordfreq``), and each subject is linked as if it came alone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from factx.linking.features import cluster_documents, unit

SUBJECT_THRESHOLD = 0.02
"""Documents whose mean cosine exceeds this share a subject: half the lowest at which average link cut
an odd ECB+ dev topic linked alone (0.045), as cutting a subject costs more than joining two."""
RAREST = 9.0
"""A word's weight is ``RAREST`` less its Zipf frequency (log10 of its uses per billion words): "the"
weighs 1.3, "rehab" 5.2; a word ``wordfreq`` has never seen (most names) weighs ``RAREST``."""


@lru_cache(maxsize=1 << 16)
def rarity(term: str) -> float:
    """How rare a document term (a word, or an ``@`` name) is in English at large."""
    from wordfreq import zipf_frequency

    return max(0.0, RAREST - zipf_frequency(term.lstrip("@"), "en"))


def subject_vectors(terms: Sequence[Counter[str]]) -> list[dict[str, float]]:
    """Each document's terms (``doc_terms``; sublinear counts) weighed by their rarity in English, unit length."""
    return [unit({w: (1.0 + math.log(c)) * rarity(w) for w, c in t.items()}) for t in terms]


def subjects(terms: Sequence[Counter[str]]) -> list[int]:
    """Each document's subject, from its terms (``doc_terms``): average link over the cosines of documents
    sharing a heavy term."""
    return cluster_documents(subject_vectors(terms), SUBJECT_THRESHOLD)[0]

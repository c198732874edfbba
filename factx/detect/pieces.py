"""Long texts in bounded pieces: cut at paragraph breaks, else sentence ends, else spaces (offsets kept).

Every stage then works on at most ``PIECE_CHARS`` characters at a time, so a 5 MB filing costs what
its pieces cost (linear in length) and memory is bounded by the piece, not the text. Dates are read
across the pieces with one running discourse, so 'that day' in a piece still resolves against the
last date of the piece before it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from factx._types import DateFact, Span
from factx.detect.dates.find import _fact, _scan
from factx.detect.dates.resolve import Discourse
from factx.detect.tokens import SENTENCE_BREAK

PIECE_CHARS = 20_000
"""Longest piece: spaCy parses it in well under a second and its Doc takes a few MB."""

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SPACE = re.compile(r"\s+")

Piece = tuple[int, int]


def pieces(text: str, limit: int = PIECE_CHARS) -> list[Piece]:
    """Consecutive ``(start, end)`` windows covering ``text``, each at most ``limit`` characters.

    A cut goes after the last paragraph break in the second half of the window, else after the last
    sentence end there, else after the last run of spaces, else (one unbroken word) at the limit.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    out: list[Piece] = []
    start = 0
    while len(text) - start > limit:
        out.append((start, cut := _cut(text, start + limit // 2, start + limit)))
        start = cut
    out.append((start, len(text)))
    return out


def _cut(text: str, lo: int, hi: int) -> int:
    for pattern in (_PARAGRAPH, SENTENCE_BREAK, _SPACE):
        last = None
        for last in pattern.finditer(text, lo, hi):  # noqa: B007 - the last match is the one wanted
            pass
        if last is not None:
            return last.end()
    return hi


def dates_in_pieces(text: str, spans: list[Piece], reference: dt.date | None) -> Iterator[DateFact]:
    """``find_dates`` over the pieces with one discourse carried through, spans in whole-text offsets."""
    discourse = Discourse()
    for start, end in spans:
        for frame, resolved in _scan(text[start:end], reference, discourse):
            yield _fact(resolved, Span.of(text, start + frame.start, start + frame.end))

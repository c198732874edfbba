"""Verify, step one: tie a quote the model gave to the exact characters of the source."""

from __future__ import annotations

import re

from factx._types import Alignment, Span

_WS = re.compile(r"\s+")

Window = tuple[int, int]
"""The passage a proposal is about, as (start, end) in the source: its quotes are looked for there."""


def ground(quote: str, source: str, *, start: int = 0, end: int | None = None) -> tuple[Span, Alignment] | None:
    """Find ``quote`` in ``source[start:end]``: verbatim first, then tolerant of whitespace and case.

    Returns the span in ``source`` coordinates and how it was aligned, or None when the quote
    is not in the text (the fact is then rejected, never guessed).
    """
    stop = len(source) if end is None else end
    needle = quote.strip()
    if not needle:
        return None
    at = source.find(needle, start, stop)
    if at >= 0:
        return Span.of(source, at, at + len(needle)), "exact"
    words = [re.escape(w) for w in _WS.split(needle) if w]
    if not words:
        return None
    pattern = re.compile(r"\s+".join(words), re.IGNORECASE)
    match = pattern.search(source, start, stop)
    if match is None:
        return None
    return Span.of(source, match.start(), match.end()), "fuzzy"


def contains(outer: Span, inner: Span) -> bool:
    """True when ``inner`` lies within ``outer``."""
    return outer.start <= inner.start and inner.end <= outer.end


def ground_name(name: str, source: str, *, start: int, end: int, near: int) -> Span | None:
    """A name the model gave (a participant, a place, a source) as whole words of ``source[start:end]``:
    verbatim first, then tolerant of whitespace and case; of several, the one nearest ``near`` (the
    trigger). "he" is never found inside "The", nor "Ann" inside "announced"."""
    words = [re.escape(w) for w in _WS.split(name.strip()) if w]
    if not words:
        return None
    body = r"\s+".join(words)
    for flags in (0, re.IGNORECASE):
        pattern = re.compile(rf"(?<![\w]){body}(?![\w])", flags)
        hits = [m for m in pattern.finditer(source, start, end)]
        if hits:
            best = min(hits, key=lambda m: (abs(m.start() - near), m.start()))
            return Span.of(source, best.start(), best.end())
    return None

"""Spelled-out English numbers ("twenty four", "a hundred thirty million") to values."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "naught": 0, "nought": 0, "nil": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "half": 0.5,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}

NUMBER_WORDS = frozenset(_UNITS) | frozenset(_SCALES)
_SPLIT = re.compile(r"[\s-]+")


def parse_number_words(text: str) -> float | None:
    """Value of a phrase made only of number words, or None ("fourteen thousand" -> 14000)."""
    words = [w for w in _SPLIT.split(text.lower().strip()) if w and w != "and"]
    if not words or any(w not in NUMBER_WORDS for w in words):
        return None
    if words in (["a"], ["an"]):
        return None
    total = 0.0
    current = 0.0
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[w]
            current = 0.0
    return total + current

"""Counted nouns for what people read (the page, the command line): "1 event", "2 events"."""

from __future__ import annotations

__all__ = ["counted"]

_IRREGULAR = {"person": "people", "was": "were", "is": "are", "has": "have"}


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun`` agreeing in number, digits grouped: ``counted(1, "error")`` is "1 error"."""
    if n == 1:
        return f"1 {noun}"
    return f"{n:,} {plural or _plural(noun)}"


def _plural(noun: str) -> str:
    """The regular English plural of the noun phrase's last word (its head)."""
    head, _, last = noun.rpartition(" ")
    if last in _IRREGULAR:
        word = _IRREGULAR[last]
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        word = last + "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        word = last[:-1] + "ies"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word

"""One check of what callers pass to the public entries (text, reference date, options), typed errors only.

Every public function (``extract_facts``, ``extract_many``, ``find_dates``, ``find_figures``,
``resolve_date``, ``parse_figure``, the CLI) runs its arguments through here, so bad input fails
the same way everywhere: a ``FactxInputError`` naming what is wrong, before any work is done.
Text must be a ``str``. Text for the model (``extract_facts``, the CLI) must also be real
characters: lone surrogates (not encodable) and control characters other than tab, newline,
carriage return, vertical tab and form feed (NUL, ESC ...) are rejected, never repaired silently,
so offsets into the caller's text stay true. The detectors (``find_dates``, ``find_figures``, ...)
are plain code over any ``str`` and check only the type (``characters=False``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from factx._errors import FactxInputError

__all__ = ["MAX_TEXT_CHARS", "check_documents", "check_options", "check_reference_date", "check_text"]

MAX_TEXT_CHARS: int | None = None
"""Longest text ``extract_facts`` takes: no limit, since long texts are read in pieces (``detect/pieces.py``)."""

_BAD_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_text(
    value: Any, *, name: str = "text", allow_empty: bool = False, max_chars: int | None = None, characters: bool = True
) -> str:
    """``value`` if it is usable text, else a ``FactxInputError`` saying why (type, emptiness, length, characters)."""
    if isinstance(value, bytes | bytearray | memoryview):
        kind = type(value).__name__
        raise FactxInputError(f"{name} must be a str, not {kind}: decode it first (data.decode('utf-8'))")
    if not isinstance(value, str):
        raise FactxInputError(f"{name} must be a str, not {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise FactxInputError(f"{name} is empty")
    if max_chars is not None and len(value) > max_chars:
        raise FactxInputError(f"{name} has {len(value):,} characters; at most {max_chars:,} are supported")
    bad = _BAD_CHAR.search(value) if characters else None
    if bad is not None:
        char = bad.group()
        what = "a lone surrogate (not valid Unicode)" if "\ud800" <= char <= "\udfff" else "a control character"
        raise FactxInputError(
            f"{name} contains {what} U+{ord(char):04X} at offset {bad.start()}; remove or replace it first"
        )
    return value


def check_reference_date(value: Any) -> dt.date | None:
    """A date from a ``date``, ``datetime`` or ISO string ("2025-10-07", time ignored); None stays None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise FactxInputError(
            f"reference_date must be a date or an ISO string (YYYY-MM-DD), not {type(value).__name__}"
        )
    match = _ISO_DAY.match(value.strip())
    if match is not None:
        try:
            return dt.date.fromisoformat(match.group())
        except ValueError as exc:  # the shape is right, the day is not on the calendar
            raise FactxInputError(f"reference_date {match.group()!r} is not a calendar date: {exc}") from None
    raise FactxInputError(f"reference_date {value[:40]!r} is not an ISO date (YYYY-MM-DD)")


def check_options(*, timeout: Any = None, max_retries: Any = 2) -> None:
    """The numeric options of ``extract_facts``: a positive ``timeout`` (or None, or "auto"), a ``max_retries`` >= 0."""
    if (
        timeout is not None
        and timeout != "auto"
        and (isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0 or timeout != timeout)
    ):
        raise FactxInputError(f"timeout must be a positive number of seconds, 'auto' or None, not {timeout!r:.40}")
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or not 0 <= max_retries <= 20:
        raise FactxInputError(f"max_retries must be an int from 0 to 20, not {max_retries!r:.40}")


def check_documents(texts: Any) -> Iterator[Any]:
    """An iterator over ``texts`` (each item is checked when its turn comes); a str or non-iterable is refused."""
    if isinstance(texts, str | bytes | bytearray):
        raise FactxInputError(f"texts must be an iterable of str (e.g. a list), not one {type(texts).__name__}")
    if not isinstance(texts, Iterable):
        raise FactxInputError(f"texts must be an iterable of str, not {type(texts).__name__}")
    return iter(texts)

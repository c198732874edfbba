"""Passes over the figures of one text, after the scanner: what only the neighbours or the whole
document decide (a unit shared by a list, a numeral that only refers, a currency family, magnitude)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from factx._types import FigureFact, Span
from factx.detect.figures.currency import FAMILIES

__all__ = ["refine"]

# "71 and 14 seats", "3, 5 or 7 percent": the last item's unit is everyone's.
_LIST_AND = re.compile(r"\s*,?\s+(?:and|or)\s+")
_LIST_COMMA = re.compile(r"\s*,\s*")
# "the two leaders", "its three sons": a small spelled numeral after a definite determiner refers
# back to people or things already named; it is not a new quantity.
_DEFINITE = re.compile(r"(?<![A-Za-z])(?i:the|these|those|its|their|his|her|our|your|my)\s+$")
_SPELLED_SMALL = re.compile(r"(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+[a-z][a-z-]*){0,2}")
_SAYS_AFTER = re.compile(
    r"(?:\s+(?:familiar\s+with\s+[\w\s]{3,30}?|close\s+to\s+[\w\s]{3,30}?|who\s+(?:spoke|asked)[\w\s]{0,40}?),?)?"
    r"\s+(?:said|say|says|told|tell|confirmed|added|reported|described|warned|cautioned)\b",
    re.IGNORECASE,
)
_ACCORDING_TO = re.compile(r"(?<![A-Za-z])(?:according\s+to|citing|quoting)\s+$", re.IGNORECASE)
_MAGNITUDE_BEFORE = re.compile(r"(?<![A-Za-z])(?i:magnitude)[\s-]*$")
_MAGNITUDE_AFTER = re.compile(r"[\s-]*(?i:magnitude\b|on\s+the\s+richter\s+scale\b)")


def refine(text: str, figures: list[FigureFact], *, references: bool = False) -> list[FigureFact]:
    """Apply the document-level passes; ``references=True`` keeps "the two leaders"-style numerals."""
    out = figures if references else [f for f in figures if not _is_reference(text, f)]
    out = [_magnitude(text, f) for f in out]
    out = _share_units(text, out)
    return _decide_money(text, out)


def _is_reference(text: str, f: FigureFact) -> bool:
    """A small spelled numeral that refers, not counts: "the two leaders" (after a definite determiner),
    "two diplomats said", "according to three officials" (who speaks, in a source phrase)."""
    plain = not (f.unit and f.unit != f.counts) and not (f.approximate or f.bound or f.ordinal or f.low is not None)
    if not plain or _SPELLED_SMALL.fullmatch(f.span.text) is None:
        return False
    start, end = f.span.start, f.span.end
    return (
        _DEFINITE.search(text, max(0, start - 8), start) is not None
        or (f.counts is not None and _SAYS_AFTER.match(text, end) is not None)
        or _ACCORDING_TO.search(text, max(0, start - 16), start) is not None
    )


def _magnitude(text: str, f: FigureFact) -> FigureFact:
    """ "magnitude 7.1", "a 6.4-magnitude quake", "5.8 on the Richter scale": unit ``magnitude``."""
    if f.unit is not None or f.ordinal:
        return f
    before = _MAGNITUDE_BEFORE.search(text, max(0, f.span.start - 12), f.span.start)
    after = _MAGNITUDE_AFTER.match(text, f.span.end)
    if before is None and after is None:
        return f
    start = before.start() if before else f.span.start
    end = after.end() if after else f.span.end
    return f.model_copy(update={"unit": "magnitude", "span": Span.of(text, start, end)})


def _share_units(text: str, figures: list[FigureFact]) -> list[FigureFact]:
    """A bare number listed before a figure with a unit takes that unit: "71 and 14 seats" -> 71 seats."""
    out = list(figures)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.unit is not None or a.ordinal or b.unit is None or b.ordinal:
            continue
        gap = (a.span.end, b.span.start)
        joined = _LIST_AND.fullmatch(text, *gap) or (_LIST_COMMA.fullmatch(text, *gap) and _chained(text, out, i + 1))
        if not joined:
            continue
        out[i] = a.model_copy(
            update={
                "unit": b.unit,
                "currency": b.currency,
                "percent": b.percent,
                "percentage_points": b.percentage_points,
                "counts": b.counts,
            }
        )
    return out


def _chained(text: str, figures: Sequence[FigureFact], i: int) -> bool:
    """Figure ``i`` is followed by more list items that end in "and"/"or" ("3, 5 and 7 seats")."""
    for a, b in zip(figures[i:], figures[i + 1 :], strict=False):
        if _LIST_AND.fullmatch(text, a.span.end, b.span.start):
            return True
        if not _LIST_COMMA.fullmatch(text, a.span.end, b.span.start):
            return False
    return False


@functools.lru_cache(maxsize=1)
def _cue_patterns() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Per family, (ISO code, regex of its country cues) as written in running text."""

    def form(cue: str) -> str:
        if len(cue.replace(".", "")) <= 3:
            return re.escape(cue.upper())  # "US", "U.S.", "UK", "UAE": upper case only ("us" is a pronoun)
        title = cue.title()
        return f"{re.escape(title)}|{re.escape(cue.upper())}".replace(r"\ ", r"\s+")

    return {
        family: [
            (iso, re.compile(r"(?<![A-Za-z])(?:" + "|".join(form(c) for c in cues) + r")(?![A-Za-z])"))
            for iso, cues in members.items()
        ]
        for family, members in FAMILIES.items()
    }


def _decide_money(text: str, figures: list[FigureFact]) -> list[FigureFact]:
    """A family name ("pesos") gets the one currency of its family the document points to, else stays open.

    Evidence: a country, demonym or capital of exactly one member named anywhere in the text
    ("Mexico", "Filipino"), or another amount of the same family already decided ("C$", "US$",
    "Mexican pesos", "MXN"; a bare "$" is read as USD).
    """
    open_families = {f.unit for f in figures if f.unit in FAMILIES and f.currency is None}
    if not open_families:
        return figures
    decided: dict[str, str | None] = {}
    for family in open_families:
        members = FAMILIES[family]
        named = {iso for iso, rx in _cue_patterns()[family] if rx.search(text)}
        named |= {f.currency for f in figures if f.currency in members}
        decided[family] = named.pop() if len(named) == 1 else None
    out = []
    for f in figures:
        iso = decided.get(f.unit or "") if f.currency is None else None
        out.append(f.model_copy(update={"unit": iso, "currency": iso}) if iso else f)
    return out

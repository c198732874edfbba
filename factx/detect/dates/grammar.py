"""The date grammar: the Frame an atom reads into, how frames merge, and the rule registry.

Each date form is a ``Rule`` (a pattern and its reader) registered by the ``rule`` decorator next to
its reader (``readers.py``, ``readers_relative.py``, ``readers_clock.py``); ``atom_regex`` joins them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, fields


@dataclass
class Frame:
    """What one atom (or a merged group of atoms) says about a time; None means unsaid."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    decade: str | None = None
    century: str | None = None
    rel_unit: str | None = None
    rel_n: int | None = None
    hint: int | None = None
    fin: str | None = None
    pod: str | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    mod: str | None = None
    ref: str | None = None
    dur: str | None = None
    set_: str | None = None
    anchored: bool = True
    weekend: bool = False
    ago: bool = False
    holiday: str | None = None
    past: bool = False
    shift: str | None = (
        None  # 'the day before' (D-1), 'the day after' (D+1), 'the week of' (W): of the date that follows
    )
    back: bool = False  # 'the past decade', 'the last three years': the stretch that ends at the reference
    ana: bool = False  # anaphoric: 'that day', 'the following year' resolve against the discourse date


_MERGEABLE = (
    "year",
    "month",
    "day",
    "weekday",
    "quarter",
    "half",
    "season",
    "decade",
    "century",
    "rel_unit",
    "fin",
    "pod",
    "hour",
    "mod",
    "ref",
    "dur",
    "set_",
)
_COPY = [f.name for f in fields(Frame) if f.name not in {"start", "end", "anchored"}]

Reader = Callable[[re.Match[str], str], "Frame | None"]


@dataclass(frozen=True)
class Rule:
    """One date form: its regex and the reader that turns a match into a Frame, registered together.

    ``rank`` orders the alternation: at one position the first rule that matches wins ('a quarter past
    six' is a clock time before 'a quarter' is a duration). ``lead``: a character class every match
    starts with (a digit); neighbouring rules with the same lead are tried behind one look-ahead, so a
    word start skips them all in one test (the scan's cost grows with the rules tried per position).
    """

    name: str
    rank: int
    pattern: str
    read: Reader
    lead: str | None = None


RULES: dict[str, Rule] = {}


def rule(name: str, rank: int, pattern: str, lead: str | None = None) -> Callable[[Reader], Reader]:
    """Register the decorated reader with its pattern: a new date form is written in one place."""

    def register(read: Reader) -> Reader:
        if name in RULES:
            raise ValueError(f"date rule {name!r} registered twice")
        RULES[name] = Rule(name, rank, pattern, read, lead)
        return read

    return register


def atom_regex(rules: dict[str, Rule]) -> re.Pattern[str]:
    """One compiled alternation of every registered rule, a named group each, in rank order; runs of
    neighbouring rules with one ``lead`` sit behind a single look-ahead for it."""
    ordered = sorted(rules.values(), key=lambda r: r.rank)
    branches: list[str] = []
    for _, run in itertools.groupby(ordered, key=lambda r: r.lead):
        group = list(run)
        alts = "|".join(f"(?P<{r.name}>{r.pattern})" for r in group)
        branches.append(alts if group[0].lead is None else f"(?={group[0].lead})(?:{alts})")
    return re.compile(r"(?<![\w'])(?:" + "|".join(branches) + ")", re.IGNORECASE)


def mergeable(a: Frame, b: Frame) -> bool:
    """Whether two adjacent frames describe one time (no field said twice, no closed frame)."""
    if b.mod is not None and not b.anchored:
        return False
    if a.ref or a.dur or a.set_ or b.ref or b.dur or b.set_:
        return False
    if (a.ana or b.ana) and a.hour is None and b.hour is None and a.pod is None and b.pod is None:
        return False  # 'the day Friday': two mentions, not one
    return all(getattr(a, k) is None or getattr(b, k) is None for k in _MERGEABLE if k != "mod")


def merge(a: Frame, b: Frame) -> Frame:
    """Union of two compatible frames, spanning both."""
    out = Frame(a.start, b.end, anchored=a.anchored or b.anchored)
    for k in _COPY:
        va, vb = getattr(a, k), getattr(b, k)
        setattr(out, k, va if va is not None and va is not False else vb)
    return out

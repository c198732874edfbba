"""What a date mention's sentence says about it: the clause, its tense and future cues, earnings talk,
the dates said before it (``Discourse``), and the one rule that picks past or future (``choose_direction``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from factx._types import Grain, TimexType

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|'ll|shall|next|coming|upcoming|scheduled|expected\s+to|(?:is|are|be)\s+expected|expects?|"
    r"expecting|plans?\s+to|planned|planning|due|until|payable|of\s+record|record\s+date|effective|set\s+(?:for|to)|to\s+be\s+held|"
    r"intends?\s+to|would|(?:is|are)\s+to|as\s+(?:soon|early)\s+as|ahead\s+of)\b",
    re.IGNORECASE,
)
_PAST_TENSE = re.compile(
    r"\b(?:had|was|were|did|began|took|made|came|went|rose|fell|won|lost|\w{3,}ed)\b", re.IGNORECASE
)
_SCHEDULED = re.compile(
    r"\b(?:is|are)\s+(?:(?:at|on|set|due|scheduled)\b|\w+ing\b)|\b(?:opens|starts|begins|takes\s+place|kicks\s+off)\b",
    re.IGNORECASE,
)
"""A scheduled present: 'the concert is at 8 p.m. on Friday', 'the team is playing on Sunday'."""
_BY = re.compile(r"\b(?:by|through|until|till)\s+$", re.IGNORECASE)
_PAST_CUE = re.compile(
    r"\b(?:had|previously|(?:was|were)\s+(?!planning|expected|scheduled|likely|due|set|going|to\b|about\b)\w+)\b",
    re.IGNORECASE,
)
_NOT_CUE = re.compile(
    r"\b(?:next|coming)\s+(?:to|week|weekend|month|year|quarter|decade|century|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"|\bthan\s+expected\b|\bas\s+(?:soon|early)\s+as\s+(?:next|this|the\s+end)\b",
    re.IGNORECASE,
)
_CLAUSE_CUT = re.compile(
    r"[;:()]|--|,\s|\b(?:but|while|whereas|although|though|because|after|before|since|when)\b"
    r"|\b(?:said|says|told|saying|that)\b",
    re.IGNORECASE,
)
_QUARTERLY = re.compile(
    r"quarter|\bnet\b|profit|\bearn(?:s|ed|ings)\b|revenue|\bsales\b|a\s+share|income", re.IGNORECASE
)
_EARNINGS = re.compile(r"\bnet\b|profit|\bearn(?:s|ed|ings)\b|revenue|\bsales\b|a\s+share|income", re.IGNORECASE)
_NOT_QUARTERLY = re.compile(r"\b(?:nine|six)\s+months|months\s+ended|fiscal\s+year|full\s+year|annual", re.IGNORECASE)


@dataclass(frozen=True)
class Resolved:
    """A normalized mention: TIMEX3 value, type, grain, inclusive interval and modifiers."""

    value: str
    type: TimexType
    grain: Grain
    start: dt.date | None
    end: dt.date | None
    mod: str | None
    relative: bool


def future_cue(context: str | None) -> bool:
    """Whether the text speaks of the future ('will', 'expects', 'scheduled', 'payable' ...), not in the past tense."""
    if not context or _FUTURE_CUE.search(context) is None:
        return False
    context = _NOT_CUE.sub(" ", context)
    return _FUTURE_CUE.search(context) is not None and _PAST_CUE.search(context) is None


def clause(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` holding ``sentence[start:end]``: cut at ';', ', ', 'but', 'said' ...

    A short leading phrase ('On Friday, ...') takes the clause after it, which holds its verb; another
    short piece ('... (4 a.m. Thursday)') takes its neighbours.
    """
    cuts = [(m.start(), m.end()) for m in _CLAUSE_CUT.finditer(sentence)]
    before = [c for c in cuts if c[1] <= start]
    after = [c for c in cuts if c[0] >= end]
    lo = before[-1][1] if before else 0
    hi = after[0][0] if after else len(sentence)
    if len(sentence[lo:hi].split()) <= 4:
        if not before and after and sentence[after[0][0]] == ",":
            hi = after[1][0] if len(after) > 1 else len(sentence)
        elif before and sentence[before[-1][0]] == "(":
            lo = before[-2][1] if len(before) > 1 else 0
            hi = after[1][0] if len(after) > 1 else len(sentence)
    return sentence[lo:hi]


@dataclass
class Discourse:
    """What the text said before a mention: the latest calendar date, and the latest fiscal quarter named."""

    anchor: Resolved | None = None
    quarter: tuple[int, int] | None = None


class Context:
    """The sentence around a mention, fetched only if a rule needs it (most mentions never do).

    ``get`` returns the sentence and the mention's offsets in it; ``discourse`` the dates said before.
    """

    def __init__(
        self,
        get: Callable[[], tuple[str, int, int]],
        discourse: Discourse | None = None,
        quarterly: bool | None = None,
    ) -> None:
        self._get = get
        self._quarterly = quarterly
        self._got: tuple[str, int, int] | None = None
        self.discourse = discourse or Discourse()

    @property
    def text(self) -> str:
        if self._got is None:
            self._got = self._get()
        return self._got[0]

    def future(self) -> int:
        """How strongly the mention's clause points ahead: 2 a future cue ('will', 'expects'), 1 a weak one
        ('by February', 'through January'), 0 none or a possessive ("Wednesday's ruling")."""
        text = self.text
        assert self._got is not None
        _, start, end = self._got
        if text[end : end + 2] in ("'s", "\u2019s"):
            return 0
        cl = clause(text, start, end)
        if future_cue(cl):
            return 2
        if _BY.search(text, max(0, start - 9), start) and _PAST_CUE.search(cl) is None:
            return 1
        if _PAST_TENSE.search(cl):
            return -1
        return 1 if _SCHEDULED.search(cl) else 0

    def quarterly(self) -> bool:
        """Earnings talk (document, else sentence): 'a year ago' then means that quarter a year before."""
        if self._quarterly is not None:
            return self._quarterly
        return _QUARTERLY.search(self.text) is not None and _NOT_QUARTERLY.search(self.text) is None


GOVERNED_PAST = -2
"""The cue of a mention whose own verb is in the past tense ('arrived on', 'said', 'since'): it looks back."""


def choose_direction(past_gap: int, future_gap: int, hint: int | None, cue: int, weekday: bool = False) -> int:
    """The one place that picks past (-1) or future (+1) for an unqualified weekday, month or date.

    News looks back: an explicit 'last'/'next' wins; a future cue in the clause (``cue`` 2: 'will',
    'expects', 'scheduled' ...) turns a weekday to the coming one, and a month or date to the coming
    one unless the past one is at most a month back; a weak cue (1: 'by February') when the
    coming one is at least as near; without a cue, the past unless the coming one is much nearer.
    """
    if hint is not None and hint != 0:
        return hint
    if cue == GOVERNED_PAST:
        return -1
    if weekday:  # a future cue, or a scheduled present ('the concert is on Friday') when the coming one is nearer
        return 1 if (cue == 2 and future_gap < 7) or (cue == 1 and future_gap < past_gap) else -1
    if cue == 2:
        return 1 if past_gap > 31 else -1
    if cue == 1:
        return 1 if future_gap <= past_gap else -1
    if cue < 0 and future_gap > 45:  # the clause is in the past tense and the coming one is not close
        return -1
    return 1 if future_gap * 4 <= past_gap else -1

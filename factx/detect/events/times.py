"""Which dates an event mention happened at: the date the parse hangs on it, then dates shared along the
parse (complements, temporal clauses, events inside events, fronted dates) and the story's news day.

Bounds ("since 2024", "until March") and the dates of things ("this weekend's matches") date no event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factx._types import DateFact
from factx.detect.events.find import Analysis, EventCandidate
from factx.detect.events.lexicon import ANCHORING


def event_dates(text: str, analysis: Analysis, dates: Sequence[DateFact]) -> dict[str, list[DateFact]]:
    """Candidate key -> the dates of its own time (possibly shared from a related mention)."""
    timed = [d for d in dates if d.type in ("DATE", "TIME")]
    date_owner = {d.id: analysis.owner(d.span.start, d.span.end, time=True) for d in timed}
    own: dict[str, list[DateFact]] = {}
    for cand in analysis.candidates:
        own[cand.key] = [d for d in dates if date_owner.get(d.id) == cand.key and not _since(text, d)]
    _float_dates(text, analysis, [d for d in timed if date_owner.get(d.id) is None], own)
    for cand in analysis.candidates:  # "third-quarter profit rose 11% from a year earlier": the period's change
        if cand.type != "quantity_change" or cand.pos != "VERB" or not all(_comparand(text, d) for d in own[cand.key]):
            continue
        period = [
            d
            for d in timed
            if date_owner.get(d.id) == ""
            and d.span.start < cand.trigger[0]
            and analysis.owner(d.span.start, d.span.end) == cand.key
        ]
        if period:
            own[cand.key] = period[:1]
    lift = lift_times(text, analysis, [d for d in timed if not _is_bound(text, d) and date_owner.get(d.id) != ""], own)
    for cand in analysis.candidates:  # "began to fall apart in mid-1996": the head shares its complement's time
        if cand.conj_of and own[cand.key] and not own.get(cand.conj_of):
            own[cand.conj_of] = own[cand.key]
    given = {k: [d for d in v if not _is_bound(text, d)] for k, v in own.items()}
    anchored = {c.key for c in analysis.candidates if lift.marks(c.trigger[0], ANCHORING)}
    _share_times(analysis.candidates, given, own, anchored)
    return own


_SPANS_BOTH = frozenset({"month", "season", "quarter", "half", "year", "decade", "century"})
"""Grains long enough to hold both clauses of "after"/"before" ("last November after the boat capsized")."""


_WHEN = frozenset({"as", "when", "while", "whilst"})
_BY_TIME = frozenset({"in", "during", "at", "on", "amid", "under", "over"})


def lift_times(text: str, analysis: Analysis, timed: Sequence[DateFact], own: dict[str, list[DateFact]]) -> _Lift:
    """Dates the parse hangs below an event that date the event above it too: "said Tuesday his government
    told" (a date right after the verb), "killed in an attack on Friday" (an event inside an event),
    "said as dawn broke Saturday" (a temporal clause), "November, when he was found" (a date's when-clause).
    A fronted date ("On Monday, ...") first, then ``LIFTS`` for each mention in text order. Returns the
    parse view it read, for the sharing step's anchoring conjunctions."""
    lift = _Lift.of(text, analysis, timed, own)
    for cand in analysis.candidates:
        _fronted_date(lift, cand)
    for cand in analysis.candidates:
        for rule in LIFTS:
            rule(lift, cand)
    return lift


@dataclass
class _Lift:
    """What the lifting rules read and write: the parse's heads and children by token start, the mentions by
    key, the dates, each mention's dates (``own``, written) and its dates before any lifting (``given``)."""

    text: str
    analysis: Analysis
    timed: Sequence[DateFact]
    own: dict[str, list[DateFact]]
    given: dict[str, list[DateFact]]
    children: dict[int, list[int]]
    by_key: dict[str, EventCandidate]

    @classmethod
    def of(cls, text: str, analysis: Analysis, timed: Sequence[DateFact], own: dict[str, list[DateFact]]) -> _Lift:
        children: dict[int, list[int]] = {}
        for start, (_end, head, _o, _d) in analysis.heads.items():
            if head != start:
                children.setdefault(head, []).append(start)
        given = {k: list(v) for k, v in own.items()}
        return cls(text, analysis, timed, own, given, children, {c.key: c for c in analysis.candidates})

    def word(self, start: int) -> str:
        """The lower-cased token that starts at ``start`` ("" when none does)."""
        heads = self.analysis.heads
        return self.text[start : heads[start][0]].lower() if start in heads else ""

    def head(self, start: int) -> int:
        """Where the head of the token at ``start`` starts (itself when the parse has no head for it)."""
        return self.analysis.heads.get(start, (0, start, None, None))[1]

    def marks(self, start: int, words: frozenset[str]) -> list[int]:
        """The conjunctions of ``words`` left of the token at ``start`` that depend on it."""
        return [c for c in self.children.get(start, ()) if self.word(c) in words and c < start]

    def when_marks(self, start: int) -> list[int]:
        """The temporal conjunctions ("as", "when", "while") left of the token at ``start`` that depend on it."""
        return self.marks(start, _WHEN)


def _fronted_date(lift: _Lift, cand: EventCandidate) -> None:
    """ "On Monday, ...": a date that opens the sentence before an undated mention scopes over it."""
    if lift.own[cand.key]:
        return
    sent = lift.analysis.sentences[cand.sentence]
    first = next((d for d in lift.timed if _fronted(lift.text, sent.start, d) and d.span.end < cand.trigger[0]), None)
    if first is not None:
        lift.own[cand.key] = [first]


def _date_after_verb(lift: _Lift, cand: EventCandidate) -> None:
    """ "said Tuesday", "arrived on Friday": a date right after an undated verb (after one space, or "on")."""
    if lift.given[cand.key] or cand.pos != "VERB":
        return
    after = lift.text[cand.trigger[1] : cand.trigger[1] + 5]
    gap = len(after) - len(after.lstrip())
    skips = {gap, gap + 3} if after.lstrip().lower().startswith("on ") else {gap}
    near = next((d for d in lift.timed if d.span.start - cand.trigger[1] in skips and gap), None)
    if near is not None:
        lift.own[cand.key] = [near]


def _when_clause(lift: _Lift, cand: EventCandidate) -> None:
    """ "November, when he was found": an undated when-clause takes the date it hangs on or follows."""
    marks = lift.when_marks(cand.trigger[0])
    if not marks or lift.given[cand.key]:
        return
    head = lift.head(cand.trigger[0])
    inside = next(
        (d for d in lift.timed if d.span.start <= head < d.span.end or lift.text[d.span.end : marks[0]].strip() == ","),
        None,
    )
    if inside is not None:
        lift.own[cand.key] = [inside]


def _to_governor(lift: _Lift, cand: EventCandidate) -> None:
    """A dated mention dates the undated verb above it when it is inside it ("killed in an attack on Friday":
    a noun under "in/during/at ...") or is its temporal clause ("said as dawn broke Saturday")."""
    if cand.governor is None or not lift.given[cand.key]:
        return
    above, rel = cand.governor
    if above not in lift.by_key or lift.own.get(above) or lift.by_key[above].pos != "VERB":
        return
    at = cand.trigger[0]
    inner = rel == "prep" and cand.pos == "NOUN" and lift.word(lift.head(at)) in _BY_TIME
    if inner or (rel == "advcl" and bool(lift.when_marks(at))):
        lift.own[above] = lift.given[cand.key]


LIFTS: tuple[Callable[[_Lift, EventCandidate], None], ...] = (_date_after_verb, _when_clause, _to_governor)
"""The rules run for each mention in text order, each writing a mention's dates the next ones read."""


def _comparand(text: str, date: DateFact) -> bool:
    """The time of what a figure is compared with ("up from $10 million a year ago"), not of the change."""
    before = text[max(0, date.span.start - 60) : date.span.start].lower()
    relative = date.span.text.lower().endswith(("earlier", "ago")) or date.span.text.lower().startswith("year-earlier")
    return relative and any(w in before for w in ("from ", "compared with", "than "))


def _fronted(text: str, sentence_start: int, date: DateFact) -> bool:
    """A date that opens its sentence, at most two words in, and ends in a comma ("Late last week, ...")."""
    words = text[sentence_start : date.span.start].split()
    opens = len(words) <= 2 and 0 <= date.span.start - sentence_start < 12
    return opens and text[date.span.end : date.span.end + 1] == ","


SHARES_DOWN = frozenset(
    {"advcl", "xcomp", "conj", "pcomp", "acl", "prep", "pobj", "dobj", "npadvmod", "nsubj", "nsubjpass", "attr"}
)
"""Paths by which an undated event takes the time of the event above it: "exploded on Friday, killing
three" (advcl), "agreed on Monday to pay" (xcomp), "rescued Nov. 25 while clinging" (advcl); not a
reported clause (ccomp: what is said happened at its own time) nor a relative clause."""
_BOUNDS = frozenset({"since", "until", "till", "before", "after", "by", "from", "through", "to"})


def _is_bound(text: str, date: DateFact) -> bool:
    """A date that bounds a period ("since the 1990s", "until March") rather than includes an event."""
    before = text[max(0, date.span.start - 12) : date.span.start].split()
    return bool(before and before[-1].lower() in _BOUNDS) or date.span.text.split()[0].lower() in _BOUNDS


def _since(text: str, date: DateFact) -> bool:
    """ "has cut 500 jobs since 2019": the start of a period the event falls in, never the event's time."""
    before = text[max(0, date.span.start - 8) : date.span.start].split()
    return bool(before and before[-1].lower() == "since") or date.span.text.lower().startswith("since ")


def _float_dates(text: str, analysis: Analysis, floating: Sequence[DateFact], own: dict[str, list[DateFact]]) -> None:
    """A date the parse hangs on no event ("a surge that began last fall", a date on a bare "be") dates
    the nearest undated, non-reporting event of its sentence; a bound ("the first since 2024") dates none."""
    for date in floating:
        if _is_bound(text, date):
            continue
        sentence = next((n for n, s in enumerate(analysis.sentences) if s.start <= date.span.start < s.end), None)
        near = [
            c for c in analysis.candidates if c.sentence == sentence and not own[c.key] and c.event_class != "REPORTING"
        ]
        if near:
            best = min(near, key=lambda c: min(abs(c.trigger[0] - date.span.end), abs(date.span.start - c.trigger[1])))
            own[best.key] = [date]


def news_day(timed: Sequence[DateFact], reference: dt.date | None) -> list[DateFact]:
    """The story's news day: its first day-grain date in the week up to the reference ("said Friday")."""
    for d in timed:
        if reference and d.grain == "day" and d.start and 0 <= (reference - d.start).days <= 7:
            return [d]
    return []


def _share_times(
    cands: Sequence[EventCandidate],
    given: dict[str, list[DateFact]],
    own: dict[str, list[DateFact]],
    anchored: set[str],
) -> None:
    """Undated mentions take the time of the event they depend on in the parse (SHARES_DOWN), in text
    order, so chains carry along; a clause of "after", "before", "since" or "until" (``anchored``) takes
    only a month or longer (``_SPANS_BOTH``): "on Friday, after the ferry sank" is not Friday's."""
    by_key = {c.key: c for c in cands}
    for cand in cands:
        if cand.governor is None or cand.event_class == "REPORTING":
            continue
        above, rel = cand.governor
        head = by_key.get(above)
        if head is None:
            continue
        shared = given.get(above, [])
        if cand.key in anchored:
            shared = [d for d in shared if d.grain in _SPANS_BOTH]
        if not own[cand.key] and rel in SHARES_DOWN and shared:
            own[cand.key] = given[cand.key] = shared

"""Find and normalize date and time mentions in news text, by rules (no model, no per-mention library call).

The reference date is the publication date (DCT): deictic mentions ('last week', 'Tuesday') resolve
against it. Unqualified weekdays, months and dates lean to the past unless their clause speaks of the
future (see ``choose_direction`` in ``resolve``). Anaphoric mentions ('that day', 'the
following year', 'later that week', 'two days later', 'the quarter') resolve against the discourse
date: the latest date resolved earlier in the same text (``Discourse``), else the DCT.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import replace
from functools import partial

from factx._errors import FactxInputError
from factx._inputs import check_reference_date, check_text
from factx._types import DateFact, Span
from factx.detect.dates import readers_clock, readers_relative, readers_spans  # noqa: F401  (rules register)
from factx.detect.dates.context import Context, Discourse, Resolved
from factx.detect.dates.grammar import RULES, Frame, atom_regex, merge, mergeable
from factx.detect.dates.lexicon import MENTION_REFS
from factx.detect.dates.resolve import resolve_frame
from factx.detect.tokens import SENTENCE_BREAK, sentence_bounds

__all__ = ["find_dates", "resolve_date"]

_GAP = re.compile(r"\s*-\s*|\s+|\s*,\s*|\s+(?:of|on|at)\s+|'s\s+|\s+(?:of|on|at)\s+the\s+", re.IGNORECASE)
_SINCE = re.compile(
    r"\b(?:since|ago|said|told|announced|reported|was|were|had|did|died|began|ended)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(r"(?:^|\W)(\w+)\s+\w{2,}ed\s+(?:on|in)\s+$", re.IGNORECASE)
_NOT_PAST = frozenset({"is", "are", "be", "been", "being", "will", "would", "to", "am", "get", "gets"})
_ISO_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}")
_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_YEAR_AFTER = re.compile(r"\s+(?:of\s+)?(this|last|next)\s+year\b", re.IGNORECASE)
_SENTENCE_REACH = 300  # characters looked at either side of a mention for its sentence


ATOM_RE = atom_regex(RULES)


def _atoms(text: str) -> list[Frame]:
    out: list[Frame] = []
    for m in ATOM_RE.finditer(text):
        kind = m.lastgroup
        if kind is None:
            continue
        try:
            fr = RULES[kind].read(m, text)
        except (ValueError, KeyError, IndexError, StopIteration, TypeError):  # never raise on text
            continue
        if fr is not None:
            out.append(fr)
    return out


def _looks_back(text: str, start: int) -> bool:
    """The verb right before the mention is in the past tense and governs it: "said Friday", "since March",
    "arrived on the second of August" (not "is scheduled on", "will be held in")."""
    if _SINCE.search(text, max(0, start - 16), start):
        return True
    verb = _PAST_VERB.search(text, max(0, start - 30), start)
    return verb is not None and verb.group(1).lower() not in _NOT_PAST


def _gap_ok(text: str, a: Frame, b: Frame) -> bool:
    gap = text[a.end : b.start]
    if len(gap) > 12 or _GAP.fullmatch(gap) is None:
        return False
    if "," in gap:
        # "Friday, Oct. 13", "Oct. 13, 1989", "3 p.m., Tuesday"; not "last year, Friday"
        return bool(
            a.weekday is not None
            or a.hour is not None
            or a.pod is not None
            or (b.year is not None and b.month is None and a.month is not None)
        )
    if "of" in gap.lower() or "on" in gap.lower() or "at" in gap.lower():
        return (
            bool(a.mod is not None and not a.anchored)
            or b.year is not None
            or b.decade is not None
            or b.rel_unit == "Y"
            or a.hour is not None
            or b.hour is not None
            or b.weekday is not None
            or b.month is not None
        )
    if "'" in gap:
        return a.rel_unit == "Y" and not a.weekend
    return True


def _groups(text: str, atoms: list[Frame], strict: bool = True) -> list[Frame]:
    groups: list[Frame] = []
    for fr in atoms:
        if groups and mergeable(groups[-1], fr) and (not strict or _gap_ok(text, groups[-1], fr)):
            groups[-1] = merge(groups[-1], fr)
        else:
            groups.append(fr)
    return groups


_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|to|through|until|till|and)\s*", re.IGNORECASE)
_LEAD_DAY = re.compile(
    r"(?<![\d.,/])([0-3]?\d)(?:st|nd|rd|th)?(\s*(?:-|\u2013|to|through|until|till|and)\s*)$", re.IGNORECASE
)


def _share_year(text: str, groups: list[Frame]) -> None:
    """'Aug 10 - Nov 12, 2013': the first date of a range takes the year said after the second
    (the year before when its month comes later)."""
    for a, b in itertools.pairwise(groups):
        open_day = a.year is None and a.month is not None and a.day is not None and a.rel_unit is None
        if open_day and b.year is not None and b.month is not None and _RANGE_GAP.fullmatch(text, a.end, b.start):
            a.year = b.year if (a.month or 0) <= b.month else b.year - 1


def _lead_day(text: str, fr: Frame, res: Resolved, floor: int) -> Frame | None:
    """'10 - 22 August 2012': the bare day before a ranged date is that day of the same month and year,
    a mention of its own (after ``floor``, the end of the mention before)."""
    if fr.day is None or fr.month is None or fr.holiday or fr.ana or res.grain != "day" or res.start is None:
        return None
    lead = _LEAD_DAY.search(text, max(floor, fr.start - 12), fr.start)
    if lead is None or not 1 <= int(lead.group(1)) < fr.day:
        return None
    return Frame(lead.start(1), lead.end(1), year=res.start.year, month=fr.month, day=int(lead.group(1)))


def _sentence(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence around ``text[start:end]`` and the mention's offsets in it."""
    s0, s1 = sentence_bounds(text, start, end, _SENTENCE_REACH)
    return text[s0:s1], start - s0, end - s0


def _remember(disc: Discourse, fr: Frame, res: Resolved, ref: dt.date | None) -> None:
    """A resolved calendar mention becomes the discourse date; a named, ended quarter the discourse quarter."""
    if res.start is None or res.type not in ("DATE", "TIME"):
        return
    disc.anchor = res
    if (
        fr.quarter is not None
        and _QUARTER_VALUE.fullmatch(res.value)
        and (ref is None or (res.end is not None and res.end < ref))
    ):
        disc.quarter = int(res.value[:4]), int(res.value[-1])


_CO_DAY = re.compile(
    r"\s*(?:and|or|to|through|-|\u2013)\s*([0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+((?:1[6-9]|20)\d\d)(?!\d))?"
    r"(?=\s*(?:[,.;:)\]\"']|$)|\s+(?:in|at|on|when|with|for|and|to|the|while|after|before|as|until)\b)"
)


def _co_day(text: str, fr: Frame, res: Resolved) -> Frame | None:
    """The second day of 'April 24 and 25', 'May 3-4, 1999': that day of the same month, as its own mention
    (with the year if one follows, which then holds for the first day too: ``fr.year`` is set)."""
    if fr.day is None or fr.month is None or fr.year is not None or fr.holiday or res.grain != "day":
        return None
    m = _CO_DAY.match(text, fr.end)
    if m is None or not fr.day < int(m.group(1)) <= 31:
        return None
    if m.group(2):
        fr.year = int(m.group(2))
    year = fr.year or (res.start.year if res.start else None)
    return Frame(m.start(1), m.end(), year=year, month=fr.month, day=int(m.group(1)))


def _scan(text: str, ref: dt.date | None, disc: Discourse) -> list[tuple[Frame, Resolved]]:
    """Every mention of ``text`` resolved in order; each one's discourse is what ``disc`` holds then."""
    out: list[tuple[Frame, Resolved]] = []
    groups = _groups(text, _atoms(text))
    _share_year(text, groups)
    for fr in groups:
        if not fr.anchored or (out and fr.start < out[-1][0].end):  # taken by 'April 24 and 25'
            continue
        if fr.hint is None and _looks_back(text, fr.start):
            fr.past = True  # "since March", "said Friday": the past, whatever the rest of the sentence says
        res = _resolve(fr, ref, text, disc)
        if res is None:
            continue
        co = _co_day(text, fr, res)
        if co is not None and co.year != (res.start.year if res.start else None):
            res = _resolve(fr, ref, text, disc) or res  # 'May 3-4, 1999': the year said after the second day
        lead = _lead_day(text, fr, res, out[-1][0].end if out else 0)
        lead_res = None if lead is None else _resolve(lead, ref, text, disc)
        if lead is not None and lead_res is not None:
            out.append((lead, replace(lead_res, relative=res.relative)))
        out.append((fr, res))
        _remember(disc, fr, res, ref)
        co_res = None if co is None else _resolve(co, ref, text, disc)
        if co is not None and co_res is not None:
            out.append((co, replace(co_res, relative=res.relative)))  # as relative as the day it follows
    return out


def _resolve(fr: Frame, ref: dt.date | None, text: str, disc: Discourse) -> Resolved | None:
    try:
        return resolve_frame(fr, ref, Context(partial(_sentence, text, fr.start, fr.end), disc))
    except (ValueError, OverflowError):  # an impossible calendar date: skip the mention, never raise
        return None


_DAY_STEP = re.compile(r"\s+(after|before)\b(?!\s+(?:yesterday|today|tomorrow|\d))", re.IGNORECASE)
_STORY_WORDS = {"then": "same", "day": "day", "days": "days", "weeks": "month"}
"""Words that, given as a mention, stand for the discourse date at a grain: 'days' -> '1998-10-XX'."""


def _coarsen(res: Resolved, to: str) -> Resolved | None:
    """The discourse date at the grain a vague mention allows: 'weeks' a month, 'days' some day of it.

    None when the discourse date is too coarse to say ('the weeks before' after a mere year).
    """
    if to == "same" or res.start is None or res.end is None:
        return res
    if to == "day" and res.grain in ("day", "minute", "part_of_day"):
        value = res.value.split("T")[0]
        return replace(res, value=value, type="DATE", grain="day", start=res.start, end=res.start)
    if to in ("days", "month") and res.grain in ("day", "minute", "part_of_day", "week", "month"):
        y, m = res.start.year, res.start.month
        mval = f"{y:04d}-{m:02d}" + ("-XX" if to == "days" else "")
        return replace(res, value=mval, type="DATE", grain="month", start=res.start.replace(day=1))
    return None


def _fact(res: Resolved, span: Span) -> DateFact:
    return DateFact(
        span=span,
        value=res.value,
        type=res.type,
        grain=res.grain,
        start=res.start,
        end=res.end,
        mod=res.mod,
        relative=res.relative,
    )


def find_dates(text: str, reference_date: dt.date | str | None = None) -> list[DateFact]:
    """Every date/time mention in ``text``, in order, non-overlapping, with its exact span and TIMEX3 value.

    With ``reference_date=None`` relative mentions keep X placeholders ('Tuesday' -> 'XXXX-WXX-2',
    'last year' -> 'XXXX', 'Sep. 3' -> 'XXXX-09-03'), ``relative=True`` and no interval.
    Durations and sets come back as type DURATION/SET with a period value and no interval, except a stretch
    that ends at the reference ('the past decade': P10Y, from ten years before to the reference date).
    Anaphoric mentions ('that day', 'the following year') take the latest date found before them in
    ``text`` (at that date's grain: 'that day' after 'in June 2021' is '2021-06-XX').
    """
    ref = check_reference_date(reference_date)
    if not check_text(text, allow_empty=True, characters=False):
        return []
    return [_fact(res, Span.of(text, fr.start, fr.end)) for fr, res in _scan(text, ref, Discourse())]


def _check_context(context: object, position: object) -> None:
    if context is not None:
        check_text(context, name="context", allow_empty=True, characters=False)
    if position is not None and (isinstance(position, bool) or not isinstance(position, int)):
        raise FactxInputError(f"position must be an int or None, not {type(position).__name__}")


def _locate(core: str, mention: str, context: str, position: int | None) -> int:
    """Where the mention's text is in ``context``: at ``position`` if given, else its last occurrence; -1 if absent."""
    if position is not None and 0 <= position <= len(context):
        return context.find(core, position, position + len(mention))
    at = context.rfind(core)
    return at if at >= 0 else context.lower().rfind(core.lower())


def _in_context(span: Span, mention: str, ref: dt.date | None, context: str, position: int | None) -> Resolved | None:
    """The mention as ``find_dates`` reads it in its context: for mentions that need their neighbours to be
    dates at all ('25' in 'April 24 and 25', 'eighth day' in 'today is the eighth day of ...')."""
    at = _locate(span.text, mention, context, position)
    if at < 0:
        return None
    end = at + len(span.text)
    tail = SENTENCE_BREAK.search(context, end)
    found = _scan(context[: tail.start() if tail else len(context)], ref, Discourse())
    return next((res for fr, res in found if fr.start < end and at < fr.end), None)


def _mention_context(
    mention: str, span: Span, ref: dt.date | None, context: str | None, position: int | None
) -> tuple[Context, str, str]:
    """The mention's Context within ``context`` (see ``resolve_date``), and a few characters before and after it."""
    if not context:
        return Context(lambda: (mention, span.start, span.end)), "", ""
    core = span.text
    at = _locate(core, mention, context, position)
    disc = Discourse()
    if at < 0:
        _scan(context, ref, disc)
        return Context(lambda: (context, 0, len(context)), disc), "", ""
    _scan(context[:at], ref, disc)
    end = at + len(core)
    ctx = Context(partial(_sentence, context, at, end), disc)
    return ctx, context[max(0, at - 16) : at], context[end : end + 20]


def resolve_date(
    mention: str,
    reference_date: dt.date | str | None = None,
    *,
    context: str | None = None,
    position: int | None = None,
) -> DateFact | None:
    """Normalize one already-found mention; the span covers the mention (offsets relative to it).

    ``context``: the text the mention comes from, e.g. the document up to the end of the mention's
    sentence (the preceding text plus the sentence). The mention is at ``position`` in ``context``
    (its character offset) or, without one, at its last occurrence. The dates before it anchor
    anaphoric mentions ('that day', 'the following year', 'the quarter'), and its clause informs
    past/future leaning ('will', 'expects'). When ``context`` does not contain the mention there, all
    of it counts as preceding text and as the clause. Deictic mentions ('last week', 'Tuesday') stay
    anchored to ``reference_date``. None when nothing datable is found.
    """
    ref = check_reference_date(reference_date)
    _check_context(context, position)
    if not check_text(mention, name="mention", allow_empty=True, characters=False).strip():
        return None
    lead = len(mention) - len(mention.lstrip())
    span = Span.of(mention, lead, len(mention.rstrip()))
    key = " ".join(mention.lower().split())
    if key in MENTION_REFS:
        return DateFact(span=span, value=MENTION_REFS[key], grain="unknown")
    if key in _STORY_WORDS and context:  # 'until then', 'in the days before': the story's date, coarser
        mctx, _, after = _mention_context(mention, span, ref, context, position)
        anchor = mctx.discourse.anchor
        story = None if anchor is None else _coarsen(anchor, _STORY_WORDS[key])
        step = _DAY_STEP.match(after) if key == "day" else None
        if story is not None and story.start is not None and step:  # 'the day after his death'
            day = story.start + dt.timedelta(days=1 if step.group(1).lower() == "after" else -1)
            story = replace(story, value=day.isoformat(), start=day, end=day)
        return None if story is None else _fact(story, span)
    groups = _groups(mention, _atoms(mention), strict=False)
    for g in groups:  # a lone 'mid afternoon' or 'the day' given as a mention: that day of the story, else today
        g.anchored = g.anchored or g.pod is not None or g.ana
    groups = [g for g in groups if g.anchored]
    if not groups:
        near = _in_context(span, mention, ref, context, position) if context else None
        return None if near is None else _fact(near, span)
    fr = max(groups, key=lambda g: g.end - g.start)
    ctx, before, after = _mention_context(mention, span, ref, context, position)
    preceding = before + mention[span.start : fr.start]
    if fr.hint is None and _looks_back(preceding, len(preceding)):
        fr.past = True  # "said Friday", as find_dates reads it
    year = _YEAR_AFTER.match(after)
    if year and fr.month is not None and fr.year is None and fr.rel_unit is None:
        fr.rel_unit, fr.rel_n = "Y", {"this": 0, "last": -1, "next": 1}[year.group(1).lower()]  # 'February| this year'

    try:
        res = resolve_frame(fr, ref, ctx)
    except (ValueError, OverflowError):
        return None
    if res is not None and res.type == "DURATION" and context:  # 'a year' of 'a year earlier': a date there
        near = _in_context(span, mention, ref, context, position)
        res = near if near is not None and near.type in ("DATE", "TIME") else res
    return None if res is None else _fact(res, span)

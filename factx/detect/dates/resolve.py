"""Turn a Frame into a TIMEX3 value and a calendar interval, against the publication date (DCT)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from factx.detect.dates.calendar import (
    Cal,
    _century,
    _day,
    _decade,
    _half,
    _holiday_cal,
    _holiday_date,
    _month,
    _quarter,
    _safe_date,
    _season,
    _shift_month,
    _unresolved,
    _week,
    _year,
)
from factx.detect.dates.context import (
    _EARNINGS,
    GOVERNED_PAST,
    Context,
    Discourse,
    Resolved,
    choose_direction,
)
from factx.detect.dates.grammar import Frame
from factx.detect.dates.lexicon import SEASON_START
from factx.detect.rules import first

__all__ = ["Context", "Discourse", "Resolved", "choose_direction", "resolve_frame"]

_DAY_GRAINS = frozenset({"minute", "part_of_day", "day"})
_GRAIN_RANK = {"minute": 0, "part_of_day": 0, "day": 0, "week": 1, "weekend": 1, "month": 2, "season": 3}
_UNIT_RANK = {"D": 0, "W": 1, "M": 2, "Y": 5}


def _anaphoric(fr: Frame, anchor: Resolved, ctx: Context) -> Cal | None:
    """'that day', 'the following year', 'the previous Friday': against the discourse date, at a grain it knows."""
    if anchor.start is None:
        return None
    unit = "D" if fr.weekday is not None else fr.rel_unit or "D"
    rank = _GRAIN_RANK.get(anchor.grain, 4)
    if _UNIT_RANK.get(unit, 5) < rank:  # 'that day' after 'last October': that October, day unknown
        value = anchor.value.split("T")[0]
        pad = {"month": "-XX", "year": "-XX-XX"}.get(anchor.grain, "") if unit == "D" and "X" not in value else ""
        return value + pad, anchor.grain, anchor.start, anchor.end
    return _with_ref(fr, anchor.start, ctx)


def _rel_year(fr: Frame, ref: dt.date) -> int:
    if fr.year is not None:
        return fr.year
    return ref.year + (fr.rel_n or 0) if fr.rel_unit == "Y" else ref.year


def _calendar(fr: Frame, ref: dt.date | None, ctx: Context) -> tuple[Cal, bool] | None:
    """The calendar part of a frame and whether the reference date was needed."""
    needs_ref = fr.year is None and fr.decade is None and fr.century is None
    if fr.half is not None and (fr.decade is not None or fr.century is not None):
        fr.mod = fr.mod or ("START" if fr.half == 1 else "END")  # 'the last half of the '80s'
        fr.half = None
    if fr.year is not None and fr.year < 1:  # '567 BC': TIMEX3 writes the era, no Gregorian interval
        return (f"BC{-fr.year:04d}", "year", None, None), False
    anchor = ctx.discourse.anchor
    clock = fr.hour is not None and fr.month is None and fr.weekday is None and fr.rel_unit is None and fr.year is None
    if anchor is not None and (fr.ana or (clock and anchor.grain in _DAY_GRAINS)):  # '10 p.m.': the story's day
        cal = _anaphoric(fr, anchor, ctx)
        if cal is not None:
            return cal, True
    if fr.year is not None and fr.month is not None and fr.day is not None and not fr.holiday:
        d = _safe_date(fr.year, fr.month, fr.day)
        return (_day(d), False) if d else None
    if ref is None:
        cal = _absolute(fr) if not needs_ref else _unresolved(fr)
        return (cal, needs_ref) if cal else None
    return _with_ref(fr, ref, ctx), needs_ref


def _absolute(fr: Frame) -> Cal | None:
    """A frame that names its own year, decade or century, read without a reference date."""
    y = fr.year or 0
    if fr.holiday and fr.year is not None:
        return _holiday_cal(_holiday_date(fr.year, fr.month or 1, fr.holiday), fr.holiday)
    named: tuple[tuple[object, Callable[[], Cal]], ...] = (
        (fr.month, lambda: _month(y, fr.month or 1)),
        (fr.quarter, lambda: _quarter(y, fr.quarter or 1)),
        (fr.half, lambda: _half(y, fr.half or 1)),
        (fr.season, lambda: _season(y, fr.season or "SU")),
        (fr.decade, lambda: _decade(fr.decade or "")),
        (fr.century, lambda: _century(fr.century or "")),
        (fr.year, lambda: _year(y)),
    )
    return next((build() for said, build in named if said is not None), None)


def _fiscal(fr: Frame, ref: dt.date, ctx: Context) -> Cal | None:
    """'the quarter', 'the year-ago quarter', 'the current quarter': the latest ended (or current) fiscal quarter,
    or the one the text named last."""
    unit, n = fr.rel_unit, fr.rel_n or 0
    if fr.ago and unit == "Y" and n == -1 and fr.month is None and ctx.quarterly():
        fr.fin, unit = "yago", None
    if fr.fin == "period":  # 'the 1988 period': that year's quarter in earnings talk, else the year
        fr.fin = "last" if ctx.quarterly() and ctx.discourse.quarter is not None else None
    if fr.fin == "this":  # 'this quarter': the current one, but in an earnings report the one reported
        fr.fin = "last" if _EARNINGS.search(ctx.text) else "cur"
    if fr.fin not in {"last", "yago", "cur"}:
        return None
    cur_q = (ref.month - 1) // 3 + 1
    y, q = (ref.year, cur_q) if fr.fin == "cur" else (ref.year, cur_q - 1) if cur_q > 1 else (ref.year - 1, 4)
    if fr.fin != "cur" and ctx.discourse.quarter is not None:  # 'the quarter', 'a year earlier': the one named
        y, q = ctx.discourse.quarter
    if fr.quarter is not None:
        y, q = ref.year, fr.quarter
    if fr.year is not None:
        y = fr.year
    elif unit == "Y":
        y += n
    return _quarter(y - (1 if fr.fin == "yago" else 0), q)


def _named_quarter(fr: Frame, ref: dt.date, ctx: Context) -> Cal | None:
    """'the second quarter', 'Q3 last year'."""
    return _quarter(_rel_year(fr, ref), fr.quarter) if fr.quarter is not None else None


def _relative_quarter(fr: Frame, ref: dt.date, ctx: Context) -> Cal | None:
    """'next quarter', 'last quarter': counted from the reference date's quarter."""
    if fr.rel_unit != "Q":
        return None
    cur_q = (ref.month - 1) // 3 + 1
    y, m = _shift_month(ref.year, 3 * cur_q - 2, 3 * (fr.rel_n or 0))
    return _quarter(y, (m - 1) // 3 + 1)


def _named_half(fr: Frame, ref: dt.date, ctx: Context) -> Cal | None:
    return _half(_rel_year(fr, ref), fr.half) if fr.half is not None else None


def _named_span(fr: Frame, ref: dt.date, ctx: Context) -> Cal | None:
    """A decade, century or season named outright ('the 1990s', 'the 19th century', 'last summer')."""
    if fr.decade is not None:
        return _decade(fr.decade)
    if fr.century is not None:
        return _century(fr.century)
    if fr.season is not None:
        return _season(_season_year(fr, ref), fr.season)
    return None


def _calendar_date(fr: Frame, ref: dt.date, ctx: Context) -> Cal | None:
    """A month or date ('Sep. 3'), else a weekday ('Tuesday'), else a year: the calendar names."""
    if fr.month is not None:
        return _month_day(fr, ref, ctx)
    if fr.weekday is not None:
        return _weekday(fr, ref, ctx)
    return _year(fr.year) if fr.year is not None else None


def _clock_units(fr: Frame, ref: dt.date, ctx: Context) -> Cal | None:
    """'two hours ago', '12 seconds ago': that day, at day grain (no clock in the reference)."""
    per_day = {"H": 24, "MIN": 1440, "S": 86400}.get(fr.rel_unit or "")
    return None if per_day is None else _day(ref + dt.timedelta(days=int((fr.rel_n or 0) / per_day)))


def _days_and_weeks(fr: Frame, ref: dt.date, ctx: Context) -> Cal | None:
    """'yesterday', 'in three days', 'last week', 'this weekend'."""
    unit, n = fr.rel_unit, fr.rel_n or 0
    if unit == "D" or unit is None:
        return _day(ref + dt.timedelta(days=n))
    if unit == "W":
        wk, monday, sunday = _week(ref + dt.timedelta(weeks=n))
        return wk, "week", monday, sunday
    if unit != "WE":
        return None
    n = 0 if n == -1 and ref.isoweekday() >= 6 else n
    if fr.hint is None and n == -1 and not fr.past and ctx.future() == 2:  # 'ahead of the weekend'
        n = 0
    wk, monday, _ = _week(ref + dt.timedelta(weeks=n))
    return f"{wk}-WE", "weekend", monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)


def _longer_units(fr: Frame, ref: dt.date, ctx: Context) -> Cal:
    """'last month', 'this half', 'this decade', 'next century', else 'next year': counted from the reference."""
    n = fr.rel_n or 0
    if fr.rel_unit == "M":
        return _month(*_shift_month(ref.year, ref.month, n))
    if fr.rel_unit == "H":
        return _half(ref.year, 1 if ref.month <= 6 else 2)
    if fr.rel_unit == "DE":
        return _decade(str(ref.year // 10 + n))
    if fr.rel_unit == "CE":
        return _century(str(ref.year // 100 + n))
    return _year(ref.year + n)


_REF_RULES: tuple[Callable[[Frame, dt.date, Context], Cal | None], ...] = (
    _fiscal,
    _named_quarter,
    _relative_quarter,
    _named_half,
    _named_span,
    _calendar_date,
    _clock_units,
    _days_and_weeks,
)
"""What a frame says against the reference date, most specific first: the first rule with an answer decides."""


def _with_ref(fr: Frame, ref: dt.date, ctx: Context) -> Cal:
    cal = first(_REF_RULES, fr, ref, ctx)
    return _longer_units(fr, ref, ctx) if cal is None else cal


def _season_year(fr: Frame, ref: dt.date) -> int:
    if fr.year is not None or fr.rel_unit == "Y":
        return _rel_year(fr, ref)
    last_month = SEASON_START[fr.season or "SU"] + 2
    if fr.hint == -1:
        return ref.year if last_month < ref.month else ref.year - 1
    if fr.hint == 1:
        return ref.year if SEASON_START[fr.season or "SU"] > ref.month else ref.year + 1
    return ref.year


def _holiday(fr: Frame, code: str, ref: dt.date, ctx: Context) -> Cal:
    """A named holiday: that year's, else the nearest one before or after the reference date."""
    m = fr.month or 1
    if fr.year is not None or fr.rel_unit == "Y":
        hd = _holiday_date(_rel_year(fr, ref), m, code)
    elif fr.hint == 0:
        hd = _holiday_date(ref.year, m, code)
    else:
        this = _holiday_date(ref.year, m, code)
        past = this if this <= ref else _holiday_date(ref.year - 1, m, code)
        fut = this if this > ref else _holiday_date(ref.year + 1, m, code)
        cue = GOVERNED_PAST if fr.past else ctx.future()
        hd = fut if choose_direction((ref - past).days, (fut - ref).days, fr.hint, cue) > 0 else past
    return _holiday_cal(hd, code)


def _month_day(fr: Frame, ref: dt.date, ctx: Context) -> Cal:
    m, d = fr.month or 1, fr.day
    if fr.holiday:
        return _holiday(fr, fr.holiday, ref, ctx)
    if fr.year is not None or fr.rel_unit == "Y":
        y = _rel_year(fr, ref)
    elif fr.hint == 0:
        y = ref.year
    else:
        this = (m, d or 1) <= (ref.month, ref.day) if d else m <= ref.month
        past_y = ref.year if (this if d else m < ref.month or (m == ref.month and fr.hint is None)) else ref.year - 1
        fut_y = past_y + 1
        if d:
            pd, fd = _safe_date(past_y, m, d), _safe_date(fut_y, m, d)
            past_gap = (ref - pd).days if pd else 999
            future_gap = (fd - ref).days if fd else 999
        else:
            past_gap = ((ref.year - past_y) * 12 + ref.month - m) * 30
            future_gap = ((fut_y - ref.year) * 12 + m - ref.month) * 30
        y = (
            fut_y
            if choose_direction(past_gap, future_gap, fr.hint, GOVERNED_PAST if fr.past else ctx.future()) > 0
            else past_y
        )
    if d:
        if fr.weekday is not None and fr.year is None and fr.rel_unit is None:
            y = _weekday_year(y, m, d, fr.weekday)
        dd = _safe_date(y, m, d)
        return _day(dd) if dd else _month(y, m)
    return _month(y, m)


def _weekday_year(y: int, m: int, d: int, weekday: int) -> int:
    """'Sunday 15th June' without a year: the year chosen, else the one after or before, in which that
    date is that weekday (the weekday is the text's evidence for the year)."""
    for cand in (y, y + 1, y - 1):
        day = _safe_date(cand, m, d)
        if day is not None and day.isoweekday() == weekday:
            return cand
    return y


def _weekday(fr: Frame, ref: dt.date, ctx: Context) -> Cal:
    wd = fr.weekday or 1
    if fr.rel_unit == "W":
        monday = _week(ref + dt.timedelta(weeks=fr.rel_n or 0))[1]
        return _day(monday + dt.timedelta(days=wd - 1))
    back = (ref.isoweekday() - wd) % 7
    fwd = (wd - ref.isoweekday()) % 7
    if fr.hint == -1:
        return _day(ref - dt.timedelta(days=back or 7))
    if fr.hint == 1:
        return _day(ref + dt.timedelta(days=fwd or 7))
    if fr.hint == 0:
        return _day(_week(ref)[1] + dt.timedelta(days=wd - 1))
    if back == 0:
        return _day(ref)
    sign = choose_direction(back, fwd, None, GOVERNED_PAST if fr.past else ctx.future(), weekday=True)
    return _day(ref - dt.timedelta(days=back) if sign < 0 else ref + dt.timedelta(days=fwd))


_PERIOD = re.compile(r"P(\d+)([YMWD])")


def _back(ref: dt.date, period: str) -> dt.date | None:
    """The first day of the stretch ``period`` long that ends at ``ref`` ('P10Y' from 2025-10-07: 2015-10-08)."""
    m = _PERIOD.fullmatch(period)
    if m is None:
        return None
    n, unit = int(m.group(1)), m.group(2)
    if unit in ("D", "W"):
        return ref - dt.timedelta(days=n * (7 if unit == "W" else 1) - 1)
    y, mo = _shift_month(ref.year, ref.month, -n * (12 if unit == "Y" else 1))
    start = _safe_date(y, mo, ref.day) or _safe_date(y, mo, 28)
    return None if start is None else start + dt.timedelta(days=1)


def _named_ref(fr: Frame, ref: dt.date | None, ctx: Context) -> Resolved | None:
    """'now', 'the past', 'the future': a TIMEX3 reference token, no interval."""
    if fr.ref is None:
        return None
    return Resolved(fr.ref, "DATE", "unknown", None, None, fr.mod, False)


def _span_back(fr: Frame, ref: dt.date | None, ctx: Context) -> Resolved | None:
    """'the past decade': the ten years up to the reference date."""
    if fr.dur is None or not fr.back or ref is None:
        return None
    return Resolved(fr.dur, "DURATION", "unknown", _back(ref, fr.dur), ref, fr.mod, True)


def _duration(fr: Frame, ref: dt.date | None, ctx: Context) -> Resolved | None:
    """'three years': a length, unless a relative unit in a text that looks ahead names the coming period."""
    if fr.dur is None or (fr.rel_unit and ref is not None and ctx.future() == 2):
        return None
    return Resolved(fr.dur, "DURATION", "unknown", None, None, fr.mod, False)


def _recurring(fr: Frame, ref: dt.date | None, ctx: Context) -> Resolved | None:
    """'every Monday', 'monthly': a TIMEX3 SET."""
    if fr.set_ is None:
        return None
    return Resolved(fr.set_, "SET", "unknown", None, None, fr.mod, False)


def _shifted(fr: Frame, cal: Cal) -> Cal:
    """'the day before last Tuesday', 'the week of March 3': a day moved by one, or widened to its week."""
    value, grain, start, end = cal
    if fr.shift is None or grain != "day" or start is None:
        return cal
    if fr.shift == "W":
        value, start, end = _week(start)
        return value, "week", start, end
    return _day(start + dt.timedelta(days=1 if fr.shift == "D+1" else -1))


def _clock_time(fr: Frame, res: Resolved) -> Resolved:
    """'10 p.m. Tuesday', 'Friday morning': a day date gains its time of day; a wider date keeps its grain."""
    if (fr.hour is None and fr.pod is None) or res.grain != "day":
        return res
    if fr.hour is not None:
        secs = "" if fr.second is None else f":{fr.second:02d}"
        value = f"{res.value}T{fr.hour:02d}:{fr.minute or 0:02d}{secs}"
        return Resolved(value, "TIME", "minute", res.start, res.end, res.mod, res.relative)
    return Resolved(f"{res.value}T{fr.pod}", "TIME", "part_of_day", res.start, res.end, res.mod, res.relative)


def _calendar_mention(fr: Frame, ref: dt.date | None, ctx: Context) -> Resolved | None:
    """A point or period on the calendar ('last Tuesday', 'March 2009'), shifted and timed as the frame says."""
    if not fr.anchored:
        return None
    got = _calendar(fr, ref, ctx)
    if got is None:
        return None
    cal, relative = got
    value, grain, start, end = _shifted(fr, cal)
    return _clock_time(fr, Resolved(value, "DATE", grain, start, end, fr.mod, relative))


FrameRule = Callable[[Frame, dt.date | None, Context], Resolved | None]

FRAME_RULES: tuple[FrameRule, ...] = (
    _named_ref,
    _span_back,
    _duration,
    _recurring,
    _calendar_mention,
)
"""The readings of a frame, in order; the first that applies normalizes it."""


def resolve_frame(fr: Frame, ref: dt.date | None, ctx: Context) -> Resolved | None:
    """Normalize one frame; None when it says nothing datable on its own (a bare 'early')."""
    return first(FRAME_RULES, fr, ref, ctx)

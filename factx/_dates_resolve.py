"""Turn a Frame into a TIMEX3 value and a calendar interval, against the publication date (DCT)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from factx._dates_grammar import Frame
from factx._dates_lexicon import SEASON_START
from factx._types import Grain, TimexType

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|'ll|shall|next|coming|upcoming|scheduled|expected\s+to|plans?\s+to|planned|due|until|"
    r"payable|record|effective|deadline|set\s+for|to\s+be\s+held|intends?\s+to)\b",
    re.IGNORECASE,
)


_QUARTERLY = re.compile(r"quarter|\bnet\b|profit|earn|revenue|\bsales\b|a\s+share|income", re.IGNORECASE)
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
    """Whether the sentence speaks of the future ('will', 'next', 'scheduled', 'payable' ...)."""
    return bool(context) and _FUTURE_CUE.search(context or "") is not None


class Context:
    """The sentence around a mention, fetched only if a rule needs it (most mentions never do)."""

    def __init__(self, get: Callable[[], str | None], quarterly: bool | None = None) -> None:
        self._get = get
        self._quarterly = quarterly
        self._text: str | None = None
        self._done = False

    @property
    def text(self) -> str:
        if not self._done:
            self._text, self._done = self._get() or "", True
        return self._text or ""

    def future(self) -> bool:
        return future_cue(self.text)

    def quarterly(self) -> bool:
        """Earnings talk (document, else sentence): 'a year ago' then means that quarter a year before."""
        if self._quarterly is not None:
            return self._quarterly
        return _QUARTERLY.search(self.text) is not None and _NOT_QUARTERLY.search(self.text) is None


def choose_direction(past_gap: int, future_gap: int, hint: int | None, cue: bool, weekday: bool = False) -> int:
    """The one place that picks past (-1) or future (+1) for an unqualified weekday, month or date.

    News looks back: an explicit 'last'/'next' wins, then the past unless the future instance is
    much nearer, or the sentence has a future cue and the future instance is at least as near.
    """
    if hint is not None and hint != 0:
        return hint
    if weekday:  # 'Friday' in news is last Friday; a future cue turns it only for the next few days
        return 1 if cue and future_gap <= 3 and future_gap < past_gap else -1
    if cue:
        return 1 if future_gap <= past_gap else -1
    return 1 if future_gap * 3 <= past_gap else -1


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _week(d: dt.date) -> tuple[str, dt.date, dt.date]:
    iy, iw, iwd = d.isocalendar()
    monday = d - dt.timedelta(days=iwd - 1)
    return f"{iy}-W{iw:02d}", monday, monday + dt.timedelta(days=6)


Cal = tuple[str, Grain, dt.date | None, dt.date | None]


def _year(y: int) -> Cal:
    return f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31)


def _month(y: int, m: int) -> Cal:
    return f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1), _month_end(y, m)


def _day(d: dt.date) -> Cal:
    return d.isoformat(), "day", d, d


def _quarter(y: int, q: int) -> Cal:
    return f"{y:04d}-Q{q}", "quarter", dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def _half(y: int, h: int) -> Cal:
    return f"{y:04d}-H{h}", "half", dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h)


def _season(y: int, s: str) -> Cal:
    m0 = SEASON_START[s]
    ey, em = _shift_month(y, m0, 2)
    return f"{y:04d}-{s}", "season", dt.date(y, m0, 1), _month_end(ey, em)


def _decade(dec: str) -> Cal:
    y = int(dec) * 10
    return dec, "decade", dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31)


def _century(cen: str) -> Cal:
    y = int(cen) * 100
    return cen, "century", dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31)


def _unresolved(fr: Frame) -> Cal | None:
    """TIMEX3 with X placeholders, for relative mentions when no reference date is known."""
    y = f"{fr.year:04d}" if fr.year is not None else "XXXX"
    if fr.weekday is not None and fr.month is None:
        return f"XXXX-WXX-{fr.weekday}", "day", None, None
    if fr.month is not None:
        return (
            (f"{y}-{fr.month:02d}-{fr.day:02d}", "day", None, None)
            if fr.day
            else (f"{y}-{fr.month:02d}", "month", None, None)
        )
    if fr.quarter is not None:
        return f"{y}-Q{fr.quarter or 'X'}", "quarter", None, None
    if fr.half is not None:
        return f"{y}-H{fr.half}", "half", None, None
    if fr.season is not None:
        return f"{y}-{fr.season}", "season", None, None
    unit = fr.rel_unit or ("D" if fr.hour is not None or fr.pod else None)
    placeholders: dict[str, Cal] = {
        "Y": ("XXXX", "year", None, None),
        "M": ("XXXX-XX", "month", None, None),
        "W": ("XXXX-WXX", "week", None, None),
        "WE": ("XXXX-WXX-WE", "weekend", None, None),
        "D": ("XXXX-XX-XX", "day", None, None),
        "Q": ("XXXX-QX", "quarter", None, None),
        "H": ("XXXX-HX", "half", None, None),
        "DE": ("XXX", "decade", None, None),
        "CE": ("XX", "century", None, None),
    }
    return placeholders.get(unit or "")


def _rel_year(fr: Frame, ref: dt.date) -> int:
    if fr.year is not None:
        return fr.year
    return ref.year + (fr.rel_n or 0) if fr.rel_unit == "Y" else ref.year


def _calendar(fr: Frame, ref: dt.date | None, ctx: Context) -> tuple[Cal, bool] | None:
    """The calendar part of a frame and whether the reference date was needed."""
    needs_ref = fr.year is None and fr.decade is None and fr.century is None
    if fr.year is not None and fr.month is not None and fr.day is not None and not fr.holiday:
        d = _safe_date(fr.year, fr.month, fr.day)
        return (_day(d), False) if d else None
    if ref is None:
        if not needs_ref:
            if fr.month is not None:
                return _month(fr.year or 0, fr.month), False
            if fr.quarter is not None:
                return _quarter(fr.year or 0, fr.quarter), False
            if fr.half is not None:
                return _half(fr.year or 0, fr.half), False
            if fr.season is not None:
                return _season(fr.year or 0, fr.season), False
            if fr.decade is not None:
                return _decade(fr.decade), False
            if fr.century is not None:
                return _century(fr.century), False
            return (_year(fr.year), False) if fr.year is not None else None
        cal = _unresolved(fr)
        return (cal, True) if cal else None
    return _with_ref(fr, ref, ctx), needs_ref


def _with_ref(fr: Frame, ref: dt.date, ctx: Context) -> Cal:
    unit, n = fr.rel_unit, fr.rel_n or 0
    cur_q = (ref.month - 1) // 3 + 1
    if fr.ago and unit == "Y" and n == -1 and fr.month is None and ctx.quarterly():
        fr.fin, unit = "yago", None
    if fr.fin in {"last", "yago", "cur"}:
        y, q = (ref.year, cur_q) if fr.fin == "cur" else (ref.year, cur_q - 1) if cur_q > 1 else (ref.year - 1, 4)
        if fr.quarter is not None:
            y, q = ref.year, fr.quarter
        if fr.year is not None:
            y = fr.year
        elif unit == "Y":
            y += n
        return _quarter(y - (1 if fr.fin == "yago" else 0), q)
    if fr.quarter is not None:
        return _quarter(_rel_year(fr, ref), fr.quarter)
    if unit == "Q":
        y, m = _shift_month(ref.year, 3 * cur_q - 2, 3 * n)
        return _quarter(y, (m - 1) // 3 + 1)
    if fr.half is not None:
        return _half(_rel_year(fr, ref), fr.half)
    if fr.decade is not None:
        return _decade(fr.decade)
    if fr.century is not None:
        return _century(fr.century)
    if fr.season is not None:
        return _season(_season_year(fr, ref), fr.season)
    if fr.month is not None:
        return _month_day(fr, ref, ctx)
    if fr.weekday is not None:
        return _weekday(fr, ref, ctx)
    if fr.year is not None:
        return _year(fr.year)
    if unit in {"H", "MIN"}:  # "two hours ago": that day, at day grain (no clock in the reference)
        return _day(ref + dt.timedelta(days=int(n / (24 if unit == "H" else 1440))))
    if unit == "D" or unit is None:
        return _day(ref + dt.timedelta(days=n))
    if unit == "W":
        wk, monday, sunday = _week(ref + dt.timedelta(weeks=n))
        return wk, "week", monday, sunday
    if unit == "WE":
        n = 0 if n == -1 and ref.isoweekday() >= 6 else n
        wk, monday, _ = _week(ref + dt.timedelta(weeks=n))
        return f"{wk}-WE", "weekend", monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
    if unit == "M":
        return _month(*_shift_month(ref.year, ref.month, n))
    if unit == "H":
        return _half(ref.year, 1 if ref.month <= 6 else 2)
    if unit == "DE":
        return _decade(str(ref.year // 10 + n))
    if unit == "CE":
        return _century(str(ref.year // 100 + n))
    return _year(ref.year + n)


def _season_year(fr: Frame, ref: dt.date) -> int:
    if fr.year is not None or fr.rel_unit == "Y":
        return _rel_year(fr, ref)
    last_month = SEASON_START[fr.season or "SU"] + 2
    if fr.hint == -1:
        return ref.year if last_month < ref.month else ref.year - 1
    if fr.hint == 1:
        return ref.year if SEASON_START[fr.season or "SU"] > ref.month else ref.year + 1
    return ref.year


def _month_day(fr: Frame, ref: dt.date, ctx: Context) -> Cal:
    m, d = fr.month or 1, fr.day
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
        y = fut_y if choose_direction(past_gap, future_gap, fr.hint, not fr.past and ctx.future()) > 0 else past_y
    if fr.holiday:
        d = _nth_weekday(y, m, fr.holiday)
    if d:
        dd = _safe_date(y, m, d)
        return _day(dd) if dd else _month(y, m)
    return _month(y, m)


def _nth_weekday(y: int, m: int, code: str) -> int:
    """Day of month of a floating holiday: '4TH' = 4th Thursday, '1TU' = Tuesday after the 1st Monday."""
    wd = {"MO": 0, "TU": 1, "TH": 3}[code[1:]]
    first = (wd - dt.date(y, m, 1).weekday()) % 7 + 1
    if code == "1TU":
        return (0 - dt.date(y, m, 1).weekday()) % 7 + 2
    if code[0] == "L":
        last = calendar.monthrange(y, m)[1]
        return last - (dt.date(y, m, last).weekday() - wd) % 7
    return first + 7 * (int(code[0]) - 1)


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
    sign = choose_direction(back, fwd, None, not fr.past and ctx.future(), weekday=True)
    return _day(ref - dt.timedelta(days=back) if sign < 0 else ref + dt.timedelta(days=fwd))


def resolve_frame(fr: Frame, ref: dt.date | None, ctx: Context) -> Resolved | None:
    """Normalize one frame; None when it says nothing datable on its own (a bare 'early')."""
    if fr.ref is not None:
        return Resolved(fr.ref, "DATE", "unknown", None, None, fr.mod, False)
    if fr.dur is not None:
        return Resolved(fr.dur, "DURATION", "unknown", None, None, fr.mod, False)
    if fr.set_ is not None:
        return Resolved(fr.set_, "SET", "unknown", None, None, fr.mod, False)
    if not fr.anchored:
        return None
    got = _calendar(fr, ref, ctx)
    if got is None:
        return None
    (value, grain, start, end), relative = got
    typ: TimexType = "DATE"
    if fr.hour is not None or fr.pod is not None:
        if grain != "day":
            return Resolved(value, "DATE", grain, start, end, fr.mod, relative)
        typ = "TIME"
        if fr.hour is not None:
            value, grain = f"{value}T{fr.hour:02d}:{fr.minute or 0:02d}", "minute"
        else:
            value, grain = f"{value}T{fr.pod}", "part_of_day"
    return Resolved(value, typ, grain, start, end, fr.mod, relative)

"""Calendar builders: a TIMEX3 value, its grain and its inclusive interval for years, months, weeks, days ..."""

from __future__ import annotations

import calendar
import datetime as dt

from factx._types import Grain
from factx.detect.dates.grammar import Frame
from factx.detect.dates.lexicon import SEASON_START


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
    if fr.holiday == "EASTERWK":
        return "XXXX-WXX", "week", None, None
    if fr.holiday:  # a floating holiday: its month is known unless it follows Easter
        month = "XX" if fr.holiday in _EASTER_OFFSET else f"{fr.month:02d}"
        return f"XXXX-{month}-XX", "day", None, None
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


def _easter(y: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return dt.date(y, month, (h + l_ - 7 * m + 114) % 31 + 1)


_EASTER_OFFSET = {"EASTER": 0, "GOODFRI": -2, "EASTERMON": 1, "EASTERWK": 0}


def _holiday_cal(hd: dt.date, code: str) -> Cal:
    """A holiday's date as a day, or for Holy Week ('EASTERWK') as its ISO week."""
    if code == "EASTERWK":
        wk, monday, sunday = _week(hd)
        return wk, "week", monday, sunday
    return _day(hd)


def _holiday_date(y: int, m: int, code: str) -> dt.date:
    """The date of a floating holiday in year ``y``: '4TH' = 4th Thursday of month ``m``, '1TU' = Tuesday
    after the 1st Monday, 'LMO' = last Monday, 'EASTER' / 'GOODFRI' / 'EASTERMON' from the computus."""
    if code in _EASTER_OFFSET:
        return _easter(y) + dt.timedelta(days=_EASTER_OFFSET[code])
    wd = {"MO": 0, "TU": 1, "TH": 3}[code[1:]]
    first = (wd - dt.date(y, m, 1).weekday()) % 7 + 1
    if code == "1TU":
        return dt.date(y, m, (0 - dt.date(y, m, 1).weekday()) % 7 + 2)
    if code[0] == "L":
        last = calendar.monthrange(y, m)[1]
        return dt.date(y, m, last - (dt.date(y, m, last).weekday() - wd) % 7)
    return dt.date(y, m, first + 7 * (int(code[0]) - 1))

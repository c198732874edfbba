"""``--dateline-year``: a dateline without a year ("LIMA, March 14") dated with a year the user allows.

Wire copy often gives only the month and day in its dateline; the year is whatever was current when
it was filed. With ``--dateline-year`` the user allows us to take it from an anchor date they trust
(``--reference-date``, else the file's modification date): the dateline's day is put in the latest
year that keeps it on or before the anchor, since a story is filed before it is published or saved
("Dec. 30" anchored on 3 January is the 30 December before). Off by default: a file copied today
would otherwise date a 2019 story in this year.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from factx.detect.dates import find_dates
from factx.detect.text import zones

__all__ = ["dateline_reference", "file_date"]

_MONTH_DAY = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
_LEAP_SEARCH = 8
"""Years searched back for a 29 February (one leap year in every four, at most eight apart)."""


def dateline_reference(text: str, anchor: dt.date) -> dt.date | None:
    """The dateline's month and day in the latest year on or before ``anchor``; None without such a dateline."""
    for zone in zones(text):
        if zone.kind != "dateline":
            continue
        for fact in find_dates(zone.span.text, None):
            found = _MONTH_DAY.match(fact.value)
            if found is not None:
                return _on_or_before(int(found.group(1)), int(found.group(2)), anchor)
    return None


def file_date(path: str) -> dt.date | None:
    """The day a file was last modified (local time); None for standard input or an unreadable path."""
    if path == "-":
        return None
    try:
        return dt.date.fromtimestamp(Path(path).stat().st_mtime)
    except OSError:
        return None


def _on_or_before(month: int, day: int, anchor: dt.date) -> dt.date | None:
    year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    for candidate in range(year, year - _LEAP_SEARCH, -1):
        try:
            return dt.date(candidate, month, day)
        except ValueError:  # 29 February outside a leap year, or a day no month has
            continue
    return None

"""Events placed on their calendar dates: a day is a point, a month or a year a band; long gaps compressed.

News mixes days this week with years decades ago ("built in 1987"), so a linear axis would crush
the week into one pixel. Between consecutive key days (each interval's first day and the day after
its last) the axis gives ``log2(1 + gap)``: order and nesting are kept, a day stays visible beside a
decade, and a gap longer than ``_BREAK_DAYS`` is drawn as an axis break.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

_POINT_GRAINS = {"instant", "minute", "hour", "part_of_day", "day"}
_PARTS_OF_DAY = {"MO": 9 * 60, "MI": 12 * 60, "AF": 15 * 60, "EV": 19 * 60, "NI": 22 * 60, "DT": 12 * 60}
"""TIMEX3 parts of the day at a representative minute (morning 09:00 ... night 22:00), to order a day's rows."""
_CLOCK = re.compile(r"T(?:(\d{2})(?::(\d{2}))?|(MO|MI|AF|EV|NI|DT))")
_BREAK_DAYS = 40
_LABEL_GAP = 13.0  # percent of the axis between two tick labels (the page hides any that still touch)
_LABEL_CLEAR = 9  # pixels between a mark's edge (a point's radius is 7) and its label


@dataclass(frozen=True)
class Placed:
    """An event on the axis: left and width in percent of the axis; a point when ``point``."""

    event_id: str
    label: str
    when: str
    left: float
    width: float
    point: bool

    @property
    def label_style(self) -> str:
        """The label beside the mark, on the side with more room, wrapping within that room (never cut)."""
        before, after = (self.centre, self.centre) if self.point else (self.left, self.left + self.width)
        if before > 100 - after:
            return f"margin-left:auto;margin-right:calc({100 - before:.2f}% + {_LABEL_CLEAR}px);text-align:right"
        return f"margin-left:calc({after:.2f}% + {_LABEL_CLEAR}px)"

    @property
    def centre(self) -> float:
        return self.left + self.width / 2


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Timeline:
    placed: tuple[Placed, ...]
    ticks: tuple[Tick, ...]
    breaks: tuple[float, ...]
    undated: tuple[tuple[str, str, str], ...]  # event id, label, why it has no place


def event_time(event: Any, dates: dict[str, Any]) -> tuple[dt.date, dt.date, str, str] | None:
    """The event's calendar interval, grain and value: its own ``time``, else its first resolved date."""
    time = getattr(event, "time", None)
    if time is not None and getattr(time, "start", None) and getattr(time, "end", None):
        return time.start, time.end, str(getattr(time, "grain", "day")), str(getattr(time, "value", ""))
    for date_id in getattr(event, "date_ids", ()):
        date = dates.get(date_id)
        if date is not None and date.start is not None and date.end is not None and date.type in ("DATE", "TIME"):
            return date.start, date.end, date.grain, date.value
    return None


def clock(value: str) -> int:
    """Minutes into the day a TIMEX3 value names ("...T04:12" 252, "...TAF" 900); -1 for a whole day or more."""
    found = _CLOCK.search(value)
    if found is None:
        return -1
    hours, minutes, part = found.groups()
    return _PARTS_OF_DAY[part] if part else int(hours) * 60 + int(minutes or 0)


def _unplaced_reason(event: Any, dates: dict[str, Any]) -> str:
    values = [dates[i].value for i in getattr(event, "date_ids", ()) if i in dates]
    time = getattr(event, "time", None)
    if time is not None and getattr(time, "value", None):
        values.insert(0, str(time.value))
    return f"date not on the calendar: {', '.join(values)}" if values else "no date"


def _scale(days: list[int]) -> dict[int, float]:
    """Axis position (0..1) of each key day, gaps measured by the logarithm of their length."""
    keys = sorted(set(days))
    pos = {keys[0]: 0.0}
    total = 0.0
    for a, b in pairwise(keys):
        gap = b - a
        total += math.log2(1 + gap)
        pos[b] = total
    return {k: (v / total if total else 0.5) for k, v in pos.items()}


def _tick_label(day: dt.date, grain: str, previous: dt.date | None) -> str:
    """A short label: the year only when it changes from the previous tick ('3 Sep 2025', then '7 Oct')."""
    year = "" if previous is not None and previous.year == day.year else f" {day.year}"
    if grain in ("year", "decade", "century", "half"):
        return str(day.year)
    if grain in ("month", "season", "quarter"):
        return day.strftime("%b") + year
    return f"{day.day} {day:%b}{year}"


def build(events: list[tuple[str, str, Any]], dates: dict[str, Any]) -> Timeline:
    """Place each (id, label, event) on the axis, or list it apart with why it has no place."""
    timed: list[tuple[str, str, dt.date, dt.date, str, str]] = []
    undated: list[tuple[str, str, str]] = []
    for event_id, label, event in events:
        when = event_time(event, dates)
        if when is None:
            undated.append((event_id, label, _unplaced_reason(event, dates)))
        else:
            timed.append((event_id, label, *when))
    if not timed:
        return Timeline((), (), (), tuple(undated))
    timed.sort(key=lambda t: (t[2], clock(t[5]), t[3]))
    days = [d for t in timed for d in (t[2].toordinal(), t[3].toordinal() + 1)]
    pos = _scale(days)
    placed = []
    for event_id, label, start, end, grain, value in timed:
        left, right = pos[start.toordinal()], pos[end.toordinal() + 1]
        point = grain in _POINT_GRAINS
        placed.append(Placed(event_id, label, value, 100 * left, 100 * (right - left), point))
    ticks: list[Tick] = []
    previous: dt.date | None = None
    for _, _, start, _, grain, _ in timed:
        at = 100 * pos[start.toordinal()]
        if not ticks or at - ticks[-1].at >= _LABEL_GAP:
            ticks.append(Tick(at, _tick_label(start, grain, previous)))
            previous = start
    keys = sorted(set(days))
    breaks = tuple(100 * (pos[a] + pos[b]) / 2 for a, b in pairwise(keys) if b - a > _BREAK_DAYS)
    return Timeline(tuple(placed), tuple(ticks), breaks, tuple(undated))

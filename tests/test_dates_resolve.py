"""The named rules that normalize a date frame (``FRAME_RULES``), one invented news sentence each
where the wider date tests leave a rule's branch uncovered."""

from __future__ import annotations

import datetime as dt

from factx.detect.dates.find import find_dates

FRI = dt.date(2011, 6, 3)  # a Friday


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(f.span.text, f.value, f.type) for f in find_dates(text, FRI)]


def test_shifted_day_after() -> None:
    """``_shifted``: 'the day after' moves the anchored day forward by one."""
    got = _found("The strike ended the day after last Tuesday's vote.")
    assert got == [("the day after last Tuesday", "2011-06-01", "DATE")]


def test_duration_ahead_names_the_coming_period() -> None:
    """``_duration`` declines a relative span in a text that looks ahead: the calendar reads it instead."""
    got = _found("The company expects sales to rise in the next two years.")
    assert got == [("the next two years", "2013", "DATE")]


def test_clock_time_keeps_a_wider_grain() -> None:
    """``_clock_time``: a clock time on a month stays a month date, not a TIME."""
    got = _found("The fair opens next month at 9 a.m.")
    assert got == [("next month at 9 a.m.", "2011-07", "DATE")]

"""Dates: find and normalize date and time mentions to TIMEX3 values, by rules (no model)."""

from factx.detect.dates.find import find_dates, resolve_date

__all__ = ["find_dates", "resolve_date"]

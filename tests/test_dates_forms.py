"""Dates in the forms the world writes: clock phrases, numeric and compact dates, two-digit years,
small units, ranges, seasons, eras, sets, and tense deciding past or future. Invented news sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from factx.detect.dates.find import find_dates, resolve_date

FRI = dt.date(2011, 6, 3)  # a Friday, in the second quarter


def _found(text: str, ref: dt.date | str = FRI) -> list[tuple[str, str]]:
    return [(f.span.text, f.value) for f in find_dates(text, ref)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Port traffic this quarter is light, the agency said.", [("this quarter", "2011-Q2")]),
        ("Traders expect more volatility this quarter.", [("this quarter", "2011-Q2")]),
        ("Net income this quarter rose 4%.", [("this quarter", "2011-Q1")]),  # earnings: the quarter reported
        ("The board will meet again this coming January.", [("this coming January", "2012-01")]),
    ],
)
def test_quarters_and_coming_months(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The convoy left at a quarter past 6 in the morning.", "2011-06-03T06:15"),
        ("Polls close at ten minutes to three.", "2011-06-03T02:50"),
        ("The vote opened at twenty after twelve.", "2011-06-03T12:20"),
        ("Troops moved out at 1800 hours.", "2011-06-03T18:00"),
        ("The log shows the alarm at 13:23:42.", "2011-06-03T13:23:42"),
        ("The curfew starts at midnight.", "2011-06-03T00:00"),
        ("The market opened at half past nine a.m.", "2011-06-03T09:30"),
    ],
)
def test_clock_phrases(text: str, value: str) -> None:
    assert [v for _, v in _found(text)] == [value]


def test_clock_with_a_weekday_and_a_deadline_midnight() -> None:
    assert _found("Talks resumed at quarter to twelve on Wed, aides said.")[0] == (
        "quarter to twelve on Wed",
        "2011-06-01T11:45",
    )
    assert _found("Bids are due by midnight Friday.")[0][1] == "2011-06-03T24:00"


def test_a_range_is_not_a_clock() -> None:
    assert _found("Turnout rose from five to ten percent.") == []
    assert all("T" not in v for _, v in _found("The trial lasted five to ten days."))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The decree is dated 2012/8/10.", "2012-08-10"),
        ("The decree is dated 2012/Aug/10.", "2012-08-10"),
        ("The ledger entry of 19.02.2010 was wiped.", "2010-02-19"),
        ("The lease of 12-03-2007 lapsed.", "2007-12-03"),
        ("Figures for 09/2012 were revised.", "2012-09"),
        ("Prices in Sep-2012 fell.", "2012-09"),
        ("The 2024 Aug report is out.", "2024-08"),
        ("Exports in 2008-04 slumped.", "2008-04"),
        ("The hearing is set for Friday 8/12.", "2011-08-12"),
    ],
)
def test_numeric_and_compact_dates(text: str, value: str) -> None:
    assert [v for _, v in _found(text)] == [value]


def test_a_season_range_and_a_bare_fraction_stay_what_they_are() -> None:
    assert all(v != "2008-09" for _, v in _found("Attendance in the 2008-09 season was a record."))
    assert _found("The panel rated it 8/10.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He was born on 3 Aug 96 in Leeds.", "1996-08-03"),
        ("The treaty of Aug 9, 96 still holds.", "1996-08-09"),
        ("She joined on 3rd Feb 82.", "1982-02-03"),
    ],
)
def test_two_digit_years(text: str, value: str) -> None:
    assert [v for _, v in _found(text)] == [value]


def test_a_count_after_a_date_is_not_a_year() -> None:
    assert _found("On Aug 9, 96 people were hurt.") == [("Aug 9", "2010-08-09")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The blast came 12 seconds ago.", "2011-06-03"),
        ("The verdict came on May 2. Five minutes later the court emptied.", "2011-05-02"),
        ("The report was filed 2 days before today.", "2011-06-01"),
        ("The vote is a week after tomorrow.", "2011-06-11"),
    ],
)
def test_small_units_and_days_around_today(text: str, value: str) -> None:
    assert _found(text)[-1][1] == value


def test_minutes_are_a_duration() -> None:
    assert _found("The shuttle leaves in 5 mins.") == [("5 mins", "PT5M")]
    assert _found("He won a second time.") == []


def test_ranges_share_the_month_and_year() -> None:
    assert _found("The festival runs 10 - 22 August 2012.") == [("10", "2012-08-10"), ("22 August 2012", "2012-08-22")]
    assert _found("The exhibit ran Aug 10 - Nov 12, 2013.") == [
        ("Aug 10", "2013-08-10"),
        ("Nov 12, 2013", "2013-11-12"),
    ]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("The law passed in spring 2005.", "2005-SP", "DATE"),
        ("The 2005 fall harvest was poor.", "2005-FA", "DATE"),
        ("The city was founded in 567 BC.", "BC0567", "DATE"),
        ("The market is held every weekend.", "XXXX-WXX-WE", "SET"),
        ("The annual meeting drew protests.", "P1Y", "SET"),
        ("The fund reports quarterly.", "P3M", "SET"),
        ("Payroll runs biweekly.", "P2W", "SET"),
    ],
)
def test_seasons_eras_and_sets(text: str, value: str, kind: str) -> None:
    facts = find_dates(text, FRI)
    assert [(f.value, f.type) for f in facts] == [(value, kind)]


def test_a_frequency_word_inside_a_name_is_no_date() -> None:
    assert _found("ORVEL, June 2 (Daily Courier) - The strike ended.") == [("June 2", "2011-06-02")]
    assert _found("Fares rose, the Weekly Ledger reported.") == []
    assert _found("Fares rose, according to the N. Y. Daily Ledger.") == []
    assert _found("Daily Ferries Halted After Storm") == [("Daily", "P1D")]  # a headline's first word: either
    assert _found("Fares rose. Daily trips cost more.") == [("Daily", "P1D")]  # a sentence's first word
    assert _found("The ferry sails daily to Orvel.") == [("daily", "P1D")]


def test_the_past_decade_is_ten_years_up_to_the_reference() -> None:
    fact = find_dates("Wages stalled over the past decade.", FRI)[0]
    assert (fact.value, fact.type, fact.start, fact.end) == ("P10Y", "DURATION", dt.date(2001, 6, 4), FRI)
    assert find_dates("Debt doubled in the previous decade.", FRI)[0].value == "200"


def test_tense_decides_the_direction() -> None:
    ref = dt.date(1995, 7, 20)  # a Thursday
    assert _found("Mr. Smith arrived on the second of August.", ref) == [("the second of August", "1994-08-02")]
    assert _found("Mr. Smith will arrive on the second of August.", ref) == [("the second of August", "1995-08-02")]
    assert _found("The concert is at 8:00 pm on Friday.", ref) == [("8:00 pm on Friday", "1995-07-21T20:00")]
    assert _found("The concert was held on Friday.", ref) == [("Friday", "1995-07-14")]


def test_resolve_date_reads_the_new_forms_alone() -> None:
    fact = resolve_date("a quarter past 6", FRI)
    assert fact is not None and fact.value == "2011-06-03T06:15"
    fact = resolve_date("8/10", FRI)
    assert fact is not None and fact.value in ("2011-08-10", "2010-08-10")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The quake struck at 10:12:59 pm local time.", "2011-06-03T22:12:59"),
        ("The market reopened at 10.30 am.", "2011-06-03T10:30"),
        ("The suspect fled half an hour ago.", "2011-06-03"),
        ("Output fell in the 3rd quarter.", "2011-Q3"),
        ("Output fell in Q3 2010.", "2010-Q3"),
        ("The probe will take half a year.", "P6M"),
        ("The flight lasts half an hour.", "PT30M"),
        ("The ceasefire starts at four o'clock.", "2011-06-03T04:00"),
        ("Shops close at 7 o'clock in the evening.", "2011-06-03T19:00"),
        ("The results come three days from today.", "2011-06-06"),
    ],
)
def test_more_clock_and_period_forms(text: str, value: str) -> None:
    assert [v for _, v in _found(text)] == [value]

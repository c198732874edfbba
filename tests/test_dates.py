"""Date detection and TIMEX3 normalization: hand-written news-style sentences, reference Tue 2025-10-07."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factx._errors import FactxInputError
from factx._types import DateFact
from factx.detect.dates.find import find_dates, resolve_date

REF = dt.date(2025, 10, 7)  # a Tuesday


def _one(mention: str, ref: dt.date | str | None = REF, context: str | None = None) -> DateFact:
    fact = resolve_date(mention, ref, context=context)
    assert fact is not None, mention
    return fact


@pytest.mark.parametrize(
    ("mention", "value"),
    [
        ("Sep. 3", "2025-09-03"),
        ("Tuesday", "2025-10-07"),
        ("June last year", "2024-06"),
        ("March 22, 2013", "2013-03-22"),
        ("2030", "2030"),
        ("the 1990s", "199"),
        ("1998-01-08", "1998-01-08"),
        ("01/08/98", "1998-01-08"),
        ("last week", "2025-W40"),
        ("this week", "2025-W41"),
        ("two years ago", "2023"),
        ("this month", "2025-10"),
        ("next year", "2026"),
        ("yesterday", "2025-10-06"),
        ("today", "2025-10-07"),
        ("the third quarter of 1997", "1997-Q3"),
        ("the first quarter", "2025-Q1"),
        ("H1", "2025-H1"),
        ("the second half of 2019", "2019-H2"),
        ("last winter", "2024-WI"),
        ("Friday afternoon", "2025-10-03TAF"),
        ("Monday morning", "2025-10-06TMO"),
        ("last night", "2025-10-06TNI"),
        ("3 p.m. Tuesday", "2025-10-07T15:00"),
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the future", "FUTURE_REF"),
        ("Thanksgiving", "2025-11-27"),
        ("last Thanksgiving", "2024-11-28"),
        ("the 20th century", "19"),
        ("fiscal 2024", "2024"),
    ],
)
def test_resolve_values(mention: str, value: str) -> None:
    assert _one(mention).value == value


@pytest.mark.parametrize(
    ("mention", "value", "mod"),
    [
        ("late last year", "2024", "END"),
        ("early next year", "2026", "START"),
        ("the end of 2012", "2012", "END"),
        ("mid-March", "2025-03", "MID"),
        ("earlier this month", "2025-10", "START"),
    ],
)
def test_modifiers(mention: str, value: str, mod: str) -> None:
    fact = _one(mention)
    assert (fact.value, fact.mod) == (value, mod)


def test_interval_and_grain() -> None:
    q = _one("the first quarter")
    assert (q.grain, q.start, q.end) == ("quarter", dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    w = _one("last week")
    assert (w.start, w.end) == (dt.date(2025, 9, 29), dt.date(2025, 10, 5))
    assert _one("June last year").end == dt.date(2024, 6, 30)


def test_future_cue_turns_weekday_and_month() -> None:
    assert _one("Thursday", context="The board will meet Thursday.").value == "2025-10-09"
    assert _one("Thursday", context="The board met Thursday.").value == "2025-10-02"
    assert _one("next Monday").value == "2025-10-13"
    assert _one("Dec. 15", context="The dividend is payable Dec. 15.").value == "2025-12-15"


@pytest.mark.parametrize("mention", ["three years", "the past 24 hours", "every week", "annually", "two decades"])
def test_durations_and_sets_have_no_calendar_value(mention: str) -> None:
    fact = _one(mention)
    assert fact.type in ("DURATION", "SET")
    assert fact.value.startswith("P")
    assert fact.start is None and fact.end is None


def test_reference_none_leaves_relative_unresolved() -> None:
    tue = _one("Tuesday", None)
    assert (tue.value, tue.relative, tue.start, tue.end) == ("XXXX-WXX-2", True, None, None)
    assert _one("last year", None).value == "XXXX"
    assert _one("Sep. 3", None).value == "XXXX-09-03"
    absolute = _one("March 22, 2013", None)
    assert (absolute.value, absolute.relative, absolute.start) == ("2013-03-22", False, dt.date(2013, 3, 22))


def test_reference_forms() -> None:
    assert _one("yesterday", "2025-10-07T08:30:00-04:00").value == "2025-10-06"
    assert _one("yesterday", dt.datetime(2025, 10, 7, 23, 0)).value == "2025-10-06"
    with pytest.raises(FactxInputError):
        find_dates("Sales rose on Monday.", "last Tuesday")


def test_find_dates_spans_exact() -> None:
    text = (
        "The mayor said on Friday afternoon that the bridge, closed since mid-March, will reopen "
        "early next year; repairs cost more than in the third quarter of 2024 and took three years."
    )
    facts = find_dates(text, REF)
    got = [(f.span.text, f.value, f.type) for f in facts]
    assert got == [
        ("Friday afternoon", "2025-10-03TAF", "TIME"),
        ("mid-March", "2025-03", "DATE"),
        ("early next year", "2026", "DATE"),
        ("the third quarter of 2024", "2024-Q3", "DATE"),
        ("three years", "P3Y", "DURATION"),
    ]
    for f in facts:
        assert text[f.span.start : f.span.end] == f.span.text


def test_find_dates_avoids_verbs_and_amounts() -> None:
    text = "Prices may fall. Troops march on. It sold 1,990 cars for $2010 each, up 2025%."
    assert find_dates(text, REF) == []


def test_find_dates_skips_names_and_products() -> None:
    text = "Theresa May spoke on Windows 2000 support. In May the minister left; the March vote failed."
    got = [(f.span.text, f.value) for f in find_dates(text, REF)]
    assert got == [("May", "2025-05"), ("March", "2025-03")]


def test_find_dates_composed_mentions() -> None:
    text = "Shares fell at 10:30 a.m. EST on Oct. 1, and the plan dates from June last year."
    got = [(f.span.text, f.value) for f in find_dates(text, REF)]
    assert got == [("10:30 a.m. EST on Oct. 1", "2025-10-01T10:30"), ("June last year", "2024-06")]


_DATEISH = st.sampled_from(
    [
        "Tuesday",
        "last",
        "next",
        "year",
        "week",
        "the",
        "of",
        "2024",
        "1990s",
        "Sep.",
        "3",
        "March",
        "May",
        "early",
        "late",
        "mid-",
        "quarter",
        "third",
        "ago",
        "two",
        "p.m.",
        "10:30",
        ",",
        "-",
        "morning",
        "every",
        "fiscal",
        "H1",
        "Q3",
        "31",
        "Feb.",
        "29",
        "2023",
        "1/2/03",
        "2025-02-30",
        "tonight",
        "'80s",
    ]
)


def _check(text: str) -> None:
    facts = find_dates(text, REF)
    last = 0
    for f in facts:
        assert text[f.span.start : f.span.end] == f.span.text
        assert f.span.start >= last
        last = f.span.end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_property_arbitrary_text(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATEISH, max_size=12).map(" ".join))
def test_property_dateish_text(text: str) -> None:
    _check(text)
    find_dates(text, None)


def test_future_cue_in_clause() -> None:
    wed = dt.date(2025, 10, 8)
    assert _one("Friday", wed, "Forecasters expect more rain on Friday.").value == "2025-10-10"
    assert _one("Friday", wed, "The storm hit the coast on Friday.").value == "2025-10-03"
    assert _one("Monday", wed, "The plant is scheduled to reopen Monday.").value == "2025-10-13"
    # the cue belongs to another clause: the weekday stays in the past
    text = "The mayor said Monday that the bridge will reopen next spring."
    assert _one("Monday", wed, text).value == "2025-10-06"
    assert _one("Monday", wed, "The vote, which had been due Monday, never took place.").value == "2025-10-06"
    assert _one("December", REF, "The agency will launch the probe in December.").value == "2025-12"
    assert _one("March", REF, "The agency launched the probe in March.").value == "2025-03"
    assert _one("Feb. 2", REF, "The new chief will take over Feb. 2, the board said.").value == "2026-02-02"


def test_find_dates_future_cue() -> None:
    text = "Rain fell on Monday. Forecasters expect more rain on Friday, and the fair opened Saturday."
    got = [(f.span.text, f.value) for f in find_dates(text, dt.date(2025, 10, 8))]
    assert got == [("Monday", "2025-10-06"), ("Friday", "2025-10-10"), ("Saturday", "2025-10-04")]


def test_find_dates_anaphora_uses_the_story_date() -> None:
    text = (
        "The dam was finished on March 3, 2019. Two workers were hurt that day, and the next day the "
        "river rose. The following year the town grew; later that year a school opened. "
        "Last week officials said the dam is safe."
    )
    got = [(f.span.text, f.value) for f in find_dates(text, REF)]
    assert got == [
        ("March 3, 2019", "2019-03-03"),
        ("that day", "2019-03-03"),
        ("the next day", "2019-03-04"),
        ("The following year", "2020"),
        ("later that year", "2020"),
        ("Last week", "2025-W40"),
    ]


def test_find_dates_anaphora_at_a_coarser_grain() -> None:
    text = "The plant closed in June 2021. Three days later the owner sold it; that same day he left."
    got = [(f.span.text, f.value) for f in find_dates(text, REF)]
    assert got[0] == ("June 2021", "2021-06")
    assert got[2] == ("that same day", "2021-06-XX")


def test_anaphora_without_an_earlier_date_falls_back_to_the_reference() -> None:
    assert _one("that day").value == "2025-10-07"
    assert _one("the following year").value == "2026"


def test_resolve_date_reads_the_preceding_text() -> None:
    story = "The treaty was signed on May 9, 1994. The following month, both armies withdrew."
    assert _one("The following month", REF, story).value == "1994-06"
    assert _one(
        "the previous Friday", REF, "Stocks fell on Friday, Oct. 10, 2014, below the previous Friday."
    ).value == ("2014-10-03")
    # the mention is its last occurrence: the discourse date is the one before it
    twice = "The law passed in 2001; that year taxes rose. It was repealed in 2008 and that year taxes fell."
    assert _one("that year", REF, twice).value == "2008"
    # deictic mentions keep the publication date as anchor
    assert _one("last week", REF, "The pact was signed on May 9, 1994. Talks resumed last week.").value == "2025-W40"
    # an absolute date makes anaphora resolvable without a reference date
    assert (
        _one("the next day", None, "Rioting began on July 4, 1990. Calm returned the next day.").value == "1990-07-05"
    )


def test_quarter_named_earlier_anchors_the_quarter_and_year_ago() -> None:
    story = (
        "The retailer said net income in its fiscal first quarter rose to $5 million, or 12 cents a share. "
        "Sales in the quarter climbed 8% from a year earlier."
    )
    got = [(f.span.text, f.value) for f in find_dates(story, REF)]
    assert got == [("its fiscal first quarter", "2025-Q1"), ("the quarter", "2025-Q1"), ("a year earlier", "2024-Q1")]


def test_mentions_that_need_their_story() -> None:
    story = "The offer expires Nov. 30, 2025. Until then, holders may convert."
    assert _one("then", REF, story).value == "2025-11-30"
    assert (
        _one("the day", REF, "Talks began on Sept. 12, 2025; later in the day they broke down.").value == "2025-09-12"
    )
    assert _one("the morning", REF, "Shares fell on Friday, Oct. 3. Buyers returned in the morning.").value == (
        "2025-10-03TMO"
    )
    assert _one("then current").value == "PAST_REF"
    assert _one("recent years").value == "PAST_REF"
    assert _one("a decade ago").value == "2015"


def test_weak_future_cue_and_possessive() -> None:
    oct30 = dt.date(2025, 10, 30)
    assert _one("February", oct30, "The fund must repay the loan by February.").value == "2026-02"
    assert _one("August", oct30, "Sales were flat this year through August.").value == "2025-08"
    assert _one("Wednesday", REF, "Lawyers will appeal Wednesday's ruling.").value == "2025-10-01"
    assert find_dates("A man was hurt the day Friday began.", REF)[-1].value == "2025-10-03"


def test_shifted_and_week_of_dates() -> None:
    got = [(f.span.text, f.value) for f in find_dates("The day before last Tuesday's vote he left.", REF)]
    assert got == [("The day before last Tuesday", "2025-09-29")]
    assert find_dates("A hearing is set for the week of March 6, 2026.", REF)[0].value == "2026-W10"
    assert find_dates("He met her the day before yesterday.", REF)[0].value == "2025-10-05"
    assert find_dates("He met her the day before the vote.", REF) == []
    assert _one("that day", REF, "Prices fell in 1987; traders lost money that day.").value == "1987-XX-XX"


def test_not_dates() -> None:
    text = "She was in her 30s. Protesters joined the March for Life; its quarter-century record stands."
    assert find_dates(text, REF) == []


def test_vague_units_given_as_mentions_take_the_story_date() -> None:
    story = "The clinic was bombed on Oct. 23, 2024. In the weeks before, and for days after, police watched it."
    assert _one("weeks", REF, story).value == "2024-10"
    assert _one("days", REF, story).value == "2024-10-XX"
    assert _one("day", REF, "Voters went to the polls on March 12, 2025. It was a great day.").value == "2025-03-12"
    assert resolve_date("weeks", REF) is None  # no story: nothing to anchor to


def test_year_earlier_adjective_is_not_a_duration() -> None:
    got = [
        (f.span.text, f.value) for f in find_dates("Net fell, compared with a year-earlier loss of $2 million.", REF)
    ]
    assert got == [("year-earlier", "2024-Q3")]  # earnings talk: the same quarter a year before


def test_half_of_a_decade() -> None:
    fact = find_dates("Sales followed the trend of the last half of the '80s.", REF)[0]
    assert (fact.span.text, fact.value, fact.mod) == ("the last half of the '80s", "198", "END")
    assert _one("the second half of 2019").value == "2019-H2"


def test_vague_units_need_a_fine_enough_story_date() -> None:
    assert (
        resolve_date("weeks", REF, context="The group was founded in 1990. In the weeks before, nobody knew.") is None
    )


def test_past_tense_clause_and_trailing_year() -> None:
    oct27 = dt.date(2025, 10, 27)
    assert _one("December", oct27, "The company changed its fiscal year in December.").value == "2024-12"
    assert _one("December", oct27, "The company closes its books in December.").value == "2025-12"
    assert _one("February", REF, "The process began in February this year.").value == "2025-02"
    assert _one("February", REF, "The process will begin in February next year.").value == "2026-02"


_STORYISH = st.sampled_from(
    ["Tuesday", "last", "2024", "Sep. 3", "March", "that", "day", "the", "following", "year", "then", "will", ",", "."]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_STORYISH, max_size=12).map(" ".join),
    st.sampled_from(["that day", "the following year", "Tuesday", "then", "days", "the quarter", "10:30"]),
    st.integers(-5, 80),
)
def test_property_resolve_date_with_context_never_raises(text: str, mention: str, position: int) -> None:
    resolve_date(mention, REF, context=text, position=position)
    fact = resolve_date(mention, REF, context=text + " " + mention)
    assert fact is None or fact.span.text == mention


def test_more_future_cues() -> None:
    assert _one("April", REF, "Ministers can take part in planning for the summit in April.").value == "2026-04"
    assert _one("the weekend", REF, "Traders will square positions ahead of the weekend.").value == "2025-W41-WE"
    assert _one("the weekend", REF, "Traders squared positions over the weekend.").value == "2025-W40-WE"


def _found(text: str, ref: dt.date | str | None = REF) -> list[tuple[str, str]]:
    return [(f.span.text, f.value) for f in find_dates(text, ref)]


def test_easter_and_holidays_by_their_real_date() -> None:
    assert _found("Pilgrims arrived as Holy Week began.", "2025-04-14") == [("Holy Week", "2025-W16")]
    assert _found("The talks resume after Easter.", "2025-04-14") == [("Easter", "2025-04-20")]
    assert _found("They met last Easter.", "2025-04-14") == [("last Easter", "2024-03-31")]
    assert _found("It closed on Good Friday 1998.") == [("Good Friday 1998", "1998-04-10")]
    # the holiday's own date, not a mid-month stand-in, decides past or coming
    assert _found("Sales rose last Thanksgiving.", "2025-11-20") == [("last Thanksgiving", "2024-11-28")]
    assert _found("Sales were strong at Christmas 2019.") == [("Christmas 2019", "2019-12-25")]


def test_coordinated_days_are_two_mentions() -> None:
    assert _found("The summit meets on November 24 and 25.") == [("November 24", "2025-11-24"), ("25", "2025-11-25")]
    assert _found("It ran May 3-4, 2019 in Paris.") == [("May 3", "2019-05-03"), ("4, 2019", "2019-05-04")]
    assert _found("Prices rose on June 5 to 10 percent.") == [("June 5", "2025-06-05")]
    ctx = "The ministers will meet in Oslo on November 24 and 25."
    assert _one("25", REF, ctx).value == "2025-11-25"


def test_today_is_the_nth_day_and_this_moment() -> None:
    text = "Today is the ninth day of the strike, and at this critical moment nobody talks."
    today = "2025-10-07"
    assert _found(text) == [("Today", today), ("the ninth day", today), ("this critical moment", "PRESENT_REF")]
    assert _one("second day", REF, "It's the second day of the siege.").value == "2025-10-07"
    assert _found("On the second day of the trial, he spoke.") == []


def test_halves_said_as_two_quarters() -> None:
    assert _found("Output fell in the first two quarters of 2024.") == [("the first two quarters of 2024", "2024-H1")]


def test_in_n_units_is_a_date_only_when_the_clause_looks_ahead() -> None:
    assert _found("The notes will be redeemed in five years, the bank said.") == [("five years", "2030")]
    assert _found("It was his second letter in two weeks.") == [("two weeks", "P2W")]  # a duration
    assert [f.type for f in find_dates("It was his second letter in two weeks.", REF)] == ["DURATION"]
    assert _found("A cure may come in a year or two.") == [("a year or two", "FUTURE_REF")]
    assert _one("a year", REF, "The index stood at 120, up from 100 a year earlier.").value == "2024"
    assert _one("a year", REF, "Quarterly profit doubled from $3 million a year earlier.").value == "2024-Q3"


def test_the_day_after_an_event_steps_from_the_story_date() -> None:
    ctx = "The doctor was killed on Oct. 23. Two men came to the house the day after his death."
    assert _one("day", "2025-11-21", ctx).value == "2025-10-24"


def test_titles_are_not_dates() -> None:
    assert _found('Baker said on ABC\'s "This Week With David Brinkley" that talks failed.') == []
    assert _found("This is VOA Today.") == []
    assert _found("This week, markets fell.") == [("This week", "2025-W41")]
    assert _found("Today markets fell.") == [("Today", "2025-10-07")]


def test_soon_with_a_modal_and_recent_years() -> None:
    assert _found("Prosecutors may soon seek an indictment.") == [("soon", "FUTURE_REF")]
    assert _found("The plant soon will close.") == [("soon", "FUTURE_REF")]
    assert _found("He was soon released, as soon as the doctors agreed.") == []
    assert _found("In recent years the market moved.") == [("recent years", "PAST_REF")]
    assert [f.type for f in find_dates("Over the past few weeks it fell.", REF)] == ["DURATION"]


def test_a_capitalized_word_that_ends_a_sentence_is_not_a_name() -> None:
    assert _found("Shares fell on Wednesday. Yesterday, they rose.", "1989-10-26") == [
        ("Wednesday", "1989-10-25"),
        ("Yesterday", "1989-10-25"),
    ]
    assert _found("The plant runs Windows 2000.") == []


def test_holidays_and_coordinated_days_without_a_reference() -> None:
    assert _found("after Easter", None) == [("Easter", "XXXX-XX-XX")]  # Easter's month varies
    assert _found("at Thanksgiving", None) == [("Thanksgiving", "XXXX-11-XX")]
    assert _found("in Holy Week 2001", None) == [("Holy Week 2001", "2001-W15")]
    assert _found("on Easter 2001", None) == [("Easter 2001", "2001-04-15")]
    assert _found("on April 24 and 25.", None) == [("April 24", "XXXX-04-24"), ("25", "XXXX-04-25")]
    assert [f.relative for f in find_dates("on April 24 and 25.", REF)] == [True, True]


def test_computus_agrees_with_dateutil() -> None:
    from dateutil.easter import easter  # the well-kept reference; factx keeps its own 10 lines at run time

    from factx.detect.dates.calendar import _easter

    assert all(_easter(y) == easter(y) for y in range(1583, 2401))

"""One case per named rule of the number reader (``numbers._STEPS``, ``_WORD_RULES``), the range joiner
(``find.NOT_PAIRS``, ``NOT_RANGES``), what stands right of a number (``read``) and the figure's attachment
(``counts.ATTACHMENTS``): each rule is seen deciding, on invented news sentences."""

from __future__ import annotations

import pytest

from factx import find_figures
from factx.detect.figures.counts import ATTACHMENTS, add_counts
from factx.detect.figures.find import NOT_PAIRS, NOT_RANGES
from factx.detect.numbers import parse_number_words


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("a hundred and five", 105.0),  # article as one, "and" joining
        ("twenty four", 24.0),  # a unit in the empty ones place
        ("three hundred forty", 340.0),  # a ten in the empty tens place
        ("three thousand millions", 3e9),  # a scale over a closed total multiplies it
        ("three lakh crore", 3e12),
        ("three dozen", 36.0),
        ("half a dozen", 6.0),  # half a scale
        ("two point one five", 2.15),  # a decimal read digit by digit
        ("two point fifteen", 2.15),  # a decimal read as one number
        ("two point five million", 2.5e6),
        ("five and a half million", 5.5e6),  # a number and a fraction
        ("one million and a half", 1.5e6),
        ("two thirds of a million", 2e6 / 3),
        ("minus five", -5.0),
    ],
)
def test_number_words(phrase: str, value: float) -> None:
    assert parse_number_words(phrase) == pytest.approx(value)


@pytest.mark.parametrize("phrase", ["one two", "hundreds", "thousands", "dozen", "a", "two point", "point"])
def test_not_one_number(phrase: str) -> None:
    """ "one two" is two numbers; a bare plural scale or "dozen" is vague; a "point" needs its digits."""
    assert parse_number_words(phrase) is None


def _figures(text: str) -> list[tuple[str, float, float | None, float | None, str | None]]:
    return [(f.span.text, f.value, f.low, f.high, f.unit) for f in find_figures(text)]


def test_range_rules_are_ordered_tables() -> None:
    assert [r.__name__ for r in NOT_PAIRS] == ["_listed", "_changed"]
    assert [r.__name__ for r in NOT_RANGES] == ["_other_units", "_empty_or_backwards", "_years"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "between" makes "and" a range, and opens the span
            "Between 200 and 300 troops were sent north.",
            [("Between 200 and 300 troops", 200.0, 200.0, 300.0, "troops")],
        ),
        (  # without "between", "and" lists two figures
            "Officials said 10 and 15 people were hurt.",
            [("10", 10.0, None, None, "people"), ("15 people", 15.0, None, None, "people")],
        ),
        (  # a change verb: "from 40% to 55%" is two figures
            "Turnout rose from 40% to 55% in the capital.",
            [("40%", 40.0, None, None, "percent"), ("55%", 55.0, None, None, "percent")],
        ),
        (  # "ranged from": either order, low first
            "Fares ranged from 15 to 10 dollars.",
            [("from 15 to 10 dollars", 10.0, 10.0, 15.0, "Dollar")],
        ),
        (  # a scale written once is both ends'
            "Losses of 10 to 15 million dollars were reported.",
            [("10 to 15 million dollars", 1e7, 1e7, 1.5e7, "Dollar")],
        ),
        (  # a currency on both ends, the span from "from"
            "The fund holds from $2 billion to $3 billion.",
            [("from $2 billion to $3 billion", 2e9, 2e9, 3e9, "USD")],
        ),
        (  # digits and words around a dash are two figures
            "Estimates run 10-fifteen percent.",
            [("10", 10.0, None, None, None), ("fifteen percent", 15.0, None, None, "percent")],
        ),
        (  # two different units are two figures
            "The convoy was about 5 km to 10 miles away.",
            [("about 5 km", 5.0, None, None, "kilometer"), ("10 miles", 10.0, None, None, "mile")],
        ),
        ("The war lasted from 1990 to 1995.", []),  # two years are dates, no range
    ],
)
def test_ranges(text: str, expected: list[tuple[str, float, float | None, float | None, str | None]]) -> None:
    assert _figures(text) == expected


def test_right_of_the_number() -> None:
    """Inches after feet, an age's tail, cents after a whole amount, a counted plural noun."""
    feet = _figures("The centre stands 6 feet 2 inches tall.")
    assert feet == [("6 feet 2 inches", 6.16666666667, None, None, "foot")]
    assert _figures("A man, 40 years old, was arrested.") == [("40 years old", 40.0, None, None, "year")]
    assert _figures("He paid 3 dollars 50 cents for bread.")[0][1] == pytest.approx(3.5)
    assert _figures("The 14,000 troops left at dawn.") == [("14,000 troops", 14000.0, None, None, "troops")]


def test_attachment_rules_are_ordered() -> None:
    names = [r.__name__ for r in ATTACHMENTS]
    assert names[0] == "_of_phrase" and names[-1] == "_verb_subject" and len(names) == len(set(names)) == 8


@pytest.mark.parametrize(
    ("text", "figure", "counts"),
    [
        ("Acme paid $3.2 billion in cash for Orvix Systems.", "$3.2 billion", "Orvix Systems"),  # of phrase: bought
        ("More than 200 injured were taken to hospital.", "More than 200", "injured"),  # participle as a noun
        ("The council approved a $5 million deal.", "$5 million", "deal"),  # the noun it modifies
        ("Rescuers estimated losses at $150 million.", "$150 million", "losses"),  # a verb's object
        ("Overnight the valley was cooler by 12 degrees.", "12 degrees", "valley"),  # what the adjective describes
        ("Ticket prices range from 5% to 11% above last year.", "from 5% to 11%", "Ticket prices"),  # range verb
        ("The ministry spent 300 million euros on flood defences.", "300 million euros", "flood defences"),  # aim
        ("Net profit jumped 31% to 612 million euros.", "31%", "Net profit"),  # through the verb: its subject
        ("Of the detainees, 40% were released on Friday.", "40%", "detainees"),  # the whole a share is of
        ("More than 900 were injured in the blast.", "More than 900", "injured"),  # a bare count: the verb
    ],
)
def test_attachment(text: str, figure: str, counts: str) -> None:
    found = {f.span.text: f.counts for f in add_counts(text, find_figures(text))}
    assert found[figure] == counts

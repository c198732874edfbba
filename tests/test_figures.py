"""Figure detection and normalization on hand-written news-like sentences, plus property tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factx._types import FigureFact
from factx.detect.figures.find import find_figures, parse_figure


def one(text: str) -> FigureFact:
    figs = find_figures(text)
    assert len(figs) == 1, figs
    return figs[0]


def by_text(text: str) -> dict[str, FigureFact]:
    return {f.span.text: f for f in find_figures(text)}


def test_counted_noun_approximate() -> None:
    f = one("The ministry said approximately 14,000 troops crossed the river at dawn.")
    assert f.span.text == "approximately 14,000 troops"
    assert (f.value, f.unit, f.counts, f.approximate) == (14000, "troops", "troops", True)


def test_money_scale_words() -> None:
    f = one("The agency signed a $48.2 million deal with the shipyard.")
    assert (f.span.text, f.value, f.unit, f.currency) == ("$48.2 million", 48_200_000, "USD", "USD")
    f = one("Investors poured 1.2bn euros into the fund last spring.")
    assert (f.span.text, f.value, f.currency) == ("1.2bn euros", 1.2e9, "EUR")
    f = one("The startup raised $5m from its backers.")
    assert (f.value, f.currency) == (5e6, "USD")


def test_spelled_out() -> None:
    f = one("Turnout fell by twenty percent compared with the previous vote.")
    assert (f.span.text, f.value, f.unit, f.percent) == ("twenty percent", 20, "percent", True)
    f = one("The museum will cost a hundred thirty million dollars to rebuild.")
    assert (f.value, f.unit, f.currency) == (130e6, "Dollar", None)  # no country decides which dollar
    assert f.span.text == "a hundred thirty million dollars"
    f = one("Officials counted fourteen thousand ballots by noon.")
    assert (f.value, f.unit) == (14000, "ballots")


def test_currencies_by_symbol_code_and_name() -> None:
    figs = by_text("Fees were £300, €75, ¥9,000, 12 Swiss francs, US$ 8 and CHF 90 in total.")
    assert figs["£300"].currency == "GBP"
    assert figs["€75"].currency == "EUR"
    assert figs["¥9,000"].value == 9000 and figs["¥9,000"].currency == "JPY"
    assert figs["12 Swiss francs"].currency == "CHF"
    assert figs["US$ 8"].currency == "USD"
    assert figs["CHF 90"].currency == "CHF"
    f = one("The mill was sold for 80 million finnish markka in the spring.")
    assert (f.value, f.currency) == (80e6, "FIM")
    f = one("The order was worth 3,500 Pakistani rupees per household.")
    assert f.currency == "PKR"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The order was worth 3,500 rupees per household.", "Rupee"),
        ("Tickets cost 40 francs at the gate.", "Franc"),
        ("The deal was valued at 2.3 billion pesos.", "Peso"),
        ("Insurers put the bill at 20 million pounds.", "Pound"),
        ("Rent rose to 9,000 kroner a month.", "Krone"),
        ("The fine was 500 dinars.", "Dinar"),
    ],
)
def test_shared_currency_names_stay_open_without_a_country(text: str, unit: str) -> None:
    f = one(text)
    assert (f.unit, f.currency) == (unit, None)


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Manila said on Monday the bridge would cost 2.3 billion pesos.", "PHP"),
        ("Mexico's finance ministry set aside 2.3 billion pesos for the bridge.", "MXN"),
        ("Ottawa will spend 3 million dollars on the port, after C$2 million last year.", "CAD"),
        ("The Egyptian cabinet approved 40 million pounds for the canal.", "EGP"),
        ("The Norwegian fund lost 9 billion kroner.", "NOK"),
        ("Shares fell after the firm paid $4 million and 2 million dollars in fines.", "USD"),
    ],
)
def test_a_country_or_a_decided_amount_in_the_document_decides_the_currency(text: str, currency: str) -> None:
    figs = find_figures(text)
    assert {f.currency for f in figs} == {currency}, figs


def test_two_countries_of_one_family_leave_it_open() -> None:
    f = one("Canada and Australia each pledged aid; the bill came to 7 million dollars.")
    assert (f.unit, f.currency) == ("Dollar", None)


def test_cents_become_main_unit() -> None:
    f = one("Shares closed up 35 cents on the news.")
    assert (f.value, f.currency) == (0.35, "USD")


def test_percent_and_points() -> None:
    figs = by_text("Inflation hit 7.5% while rates rose 2 percentage points and wages 3 per cent.")
    assert figs["7.5%"].percent and figs["7.5%"].value == 7.5
    assert figs["2 percentage points"].percentage_points and not figs["2 percentage points"].percent
    assert figs["3 per cent"].unit == "percent"


def test_units_of_measure() -> None:
    figs = by_text("The convoy drove 12 miles, then 5 km more in 38 degrees celsius with 2 1/2 in of rain.")
    assert figs["12 miles"].unit == "mile"
    assert figs["5 km"].unit == "kilometer"
    assert figs["38 degrees celsius"].unit == "degree_Celsius"
    assert figs["2 1/2 in"].value == 2.5 and figs["2 1/2 in"].unit == "inch"
    f = one("The tanker carried 300,000 barrels of crude.")
    assert f.unit == "oil_barrel"


def test_ranges() -> None:
    f = one("Forecasters expect between 20 and 30 centimeters of snow overnight.")
    assert (f.low, f.high, f.value, f.unit) == (20, 30, 20, "centimeter")
    assert f.span.text == "between 20 and 30 centimeters"
    f = one("Prices are expected to climb by 4-6% next quarter.")
    assert (f.low, f.high, f.percent) == (4, 6, True)
    f = one("The project needs 40 to 60 million dollars of new money.")
    assert (f.low, f.high, f.unit) == (40e6, 60e6, "Dollar")


def test_change_is_not_a_range() -> None:
    figs = find_figures("The stock rose from $12 to $15 after the report.")
    assert [f.value for f in figs] == [12, 15]
    assert all(f.low is None for f in figs)


@pytest.mark.parametrize(
    ("text", "span", "bound", "approx"),
    [
        ("Rescuers found more than 200 survivors.", "more than 200 survivors", "more_than", False),
        ("The fine could reach at least $3 million.", "at least $3 million", "at_least", False),
        ("Fewer than 50 families returned.", "Fewer than 50 families", "less_than", False),
        ("The loan is worth up to 9 billion yen.", "up to 9 billion yen", "at_most", False),
        ("Officials evacuated nearly 6,000 residents.", "nearly 6,000 residents", "less_than", True),
        ("Roughly 70 percent of homes lost power.", "Roughly 70 percent", None, True),
        ("Some 300 workers walked out.", "Some 300 workers", None, True),
    ],
)
def test_qualifiers(text: str, span: str, bound: str | None, approx: bool) -> None:
    f = one(text)
    assert (f.span.text, f.bound, f.approximate) == (span, bound, approx)


def test_ordinals() -> None:
    f = one("The city marked its 80th anniversary with a parade.")
    assert (f.value, f.ordinal, f.span.text) == (80, True, "80th")
    f = one("It was the company's fourteenth acquisition.")
    assert (f.value, f.ordinal) == (14, True)


def test_negative_and_fractions() -> None:
    f = one("Overnight lows reached -12 degrees on the plateau.")
    assert f.value == -12
    f = one("About two-thirds of the members voted yes.")
    assert f.value == pytest.approx(2 / 3) and f.approximate
    f = one("The team lost half its budget.")
    assert f.value == 0.5


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 1998 by both sides.",
        "The hearing is set for March 22, 2013, in the capital.",
        "On 4 July the markets were closed.",
        "Music from the 1990s filled the hall.",
        "The report covers 2013-W11 and 2012-03-05.",
        "The meeting starts at 3 p.m. sharp and ends at 17:30.",
        "Fiscal 2021 results came in the second quarter of the year.",
        "The 20th century ended quietly.",
        "Revenue in the first half beat estimates.",
    ],
)
def test_dates_and_years_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_years_next_to_figures() -> None:
    figs = find_figures("In 2010 the firm had 2,000 staff and sold 2015 units worth $2012.")
    assert [f.span.text for f in figs] == ["2,000 staff", "$2012"]


def test_runs_of_number_words_split() -> None:
    figs = find_figures("One of two suspects fled; officials expect between one and three more days of talks.")
    assert [(f.span.text, f.value) for f in figs] == [("two suspects", 2), ("between one and three", 1)]
    assert figs[1].high == 3


def test_spaced_thousands_and_decimal_commas() -> None:
    f = one("The census counted 2 345 678 residents.")
    assert (f.value, f.counts) == (2_345_678, "residents")
    assert [f.value for f in find_figures("In 2013 100 people came.")] == [100]


def test_time_ago_is_not_a_figure() -> None:
    assert find_figures("The deal collapsed six weeks ago.") == []
    assert [f.span.text for f in find_figures("Talks lasted six weeks.")] == ["six weeks"]


def test_bare_number_has_no_unit() -> None:
    f = one("The committee has 42.")
    assert (f.value, f.unit, f.counts) == (42, None, None)


def test_parse_figure() -> None:
    f = parse_figure("about $5m")
    assert f is not None and (f.value, f.currency, f.approximate) == (5e6, "USD", True)
    assert f.span.start == 0 and f.span.text == "about $5m"
    f = parse_figure("2013")
    assert f is not None and f.value == 2013
    f = parse_figure("25 pounds", context="He lost 25 pounds in a month.")
    assert f is not None and f.unit == "pound" and f.currency is None
    assert parse_figure("no numbers here") is None
    assert parse_figure("") is None


NUMBERISH = st.sampled_from(
    [
        "1",
        "20",
        "3.5",
        "1,000",
        "-4",
        "$",
        "€",
        "%",
        " ",
        "-",
        "to",
        "and",
        "between",
        "about",
        "million",
        "bn",
        "m",
        "k",
        "km",
        "twenty",
        "one",
        "half",
        "a",
        "of",
        "1998",
        "March",
        "p.m.",
        "/",
        "2",
        "th",
        "percent",
        "dollars",
        "troops",
        ".",
        ",",
        "(",
        "'",
        '"',
        "°",
        "½",
        "\n",
        "USD",
        "yen",
        "-year-old",
    ]
)


def _check_spans(text: str) -> None:
    figs = find_figures(text)
    last = 0
    for f in figs:
        assert text[f.span.start : f.span.end] == f.span.text
        assert f.span.start >= last
        assert f.span.end > f.span.start
        last = f.span.end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    _check_spans(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(NUMBERISH, max_size=25).map(" ".join))
def test_spans_exact_on_numberish_text(text: str) -> None:
    _check_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(NUMBERISH, max_size=25).map("".join))
def test_spans_exact_on_glued_numberish_text(text: str) -> None:
    _check_spans(text)


def test_unit_names_are_pint_units() -> None:
    """Canonical unit names follow pint's registry, so callers can convert with pint."""
    pint = pytest.importorskip("pint")
    from factx.detect.figures.units import CASED_UNITS, UNITS

    ureg = pint.UnitRegistry()
    for name in set(UNITS.values()) | set(CASED_UNITS.values()):
        ureg.parse_units(name)


def test_money_units_are_iso_codes() -> None:
    from factx.detect.figures.currency import CURRENCY_NAMES, SYMBOLS

    for unit, currency, _factor in CURRENCY_NAMES.values():
        assert currency is None or (currency == unit and len(unit) == 3 and unit.isupper())
    assert all(len(code) == 3 and code.isupper() for code in SYMBOLS.values())


@pytest.mark.parametrize(
    "text",
    [
        "The firm posted a third-quarter loss.",
        "It happened in nineteen ninety-six, in the spring.",
        "He returned the year two thousand.",
    ],
)
def test_spoken_years_and_quarter_adjectives_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        (
            "The group forecast revenue of 17.8 billion to 18.4 billion euros for the year.",
            "17.8 billion to 18.4 billion euros",
            17.8e9,
            18.4e9,
            "EUR",
        ),
        (
            "The buyer expects $150 million to $200 million in savings.",
            "$150 million to $200 million",
            150e6,
            200e6,
            "USD",
        ),
        (
            "Damage was put at between $150 million and $200 million by the insurers.",
            "between $150 million and $200 million",
            150e6,
            200e6,
            "USD",
        ),
        ("Analysts see margins of 5-7% next year.", "5-7%", 5, 7, "percent"),
        (
            "The levy will bring in from 2 billion to 3 billion euros.",
            "from 2 billion to 3 billion euros",
            2e9,
            3e9,
            "EUR",
        ),
        ("The dam holds from 40 to 55 cubic meters.", "from 40 to 55 cubic meters", 40, 55, "meter**3"),
        ("Bonds worth $150-200 million were sold.", "$150-200 million", 150e6, 200e6, "USD"),
    ],
)
def test_every_range_form_is_one_figure(text: str, span: str, low: float, high: float, unit: str) -> None:
    f = one(text)
    assert (f.span.text, f.low, f.high, f.value, f.unit) == (span, low, high, low, unit)


def test_a_list_shares_its_last_unit() -> None:
    figs = find_figures("The two main parties won 71 and 14 seats, and turnout was 3, 5 and 7 percent in three towns.")
    assert [(f.span.text, f.unit) for f in figs] == [
        ("71", "seats"),
        ("14 seats", "seats"),
        ("3", "percent"),
        ("5", "percent"),
        ("7 percent", "percent"),
        ("three towns", "towns"),
    ]
    assert figs[0].counts == "seats"


def test_reference_numerals_are_not_figures_by_default() -> None:
    text = "The two leaders met in Oslo. Both said one of them would visit, and their three aides agreed."
    assert find_figures(text) == []
    assert [f.span.text for f in find_figures(text, references=True)] == ["two leaders", "three aides"]
    assert [f.value for f in find_figures("Rescuers pulled two children from the rubble.")] == [2]


def test_ordinals_keep_what_they_count_and_magnitude_is_a_unit() -> None:
    assert (one("The city marked its 80th anniversary with a parade.").counts) == "anniversary"
    figs = find_figures("A magnitude 7.1 earthquake hit at dawn, after a 6.4-magnitude quake on Monday.")
    assert [(f.span.text, f.value, f.unit) for f in figs] == [
        ("magnitude 7.1", 7.1, "magnitude"),
        ("6.4-magnitude", 6.4, "magnitude"),
    ]

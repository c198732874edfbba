"""Figures in the forms the world writes: decimal commas and other digit groups, dollar-family
prefixes, local currency signs, shared signs that decide nothing. Invented news-register sentences."""

from __future__ import annotations

import pytest

from factx.detect.figures import find_figures
from factx.detect.figures.currency import LOCAL_SIGNS, SYMBOLS
from factx.detect.figures.read import currency_of


def _money(text: str) -> list[tuple[str, float, str | None]]:
    return [(f.span.text, f.value, f.currency) for f in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("The ticket now costs 34,50 € at the gate.", 34.5, "EUR"),
        ("Rent rose to 2 285,81 грн. a month.", 2285.81, "UAH"),
        ("The phone sells for 1 995,00 Kč in Prague.", 1995.0, "CZK"),
        ("The villa was listed at $ 1.144.000 last week.", 1144000.0, "USD"),
        ("A bowl of noodles costs Rp 31.500 in Jakarta.", 31500.0, "IDR"),
        ("The watch is priced at CHF 1'049,95.", 1049.95, "CHF"),
        ("The watch is priced at CHF 1'049.95.", 1049.95, "CHF"),
    ],
)
def test_locale_number_forms(text: str, value: float, currency: str) -> None:
    figs = find_figures(text)
    assert [(f.value, f.currency) for f in figs] == [(value, currency)]


def test_a_dot_group_is_thousands_when_the_text_groups_with_dots() -> None:
    text = "The fund holds 1.250.000 shares; a further 31.500 were sold on Monday."
    assert [f.value for f in find_figures(text)] == [1250000.0, 31500.0]
    assert [f.value for f in find_figures("The rate was 31.500 at the close.")] == [31.5]


def test_a_decimal_comma_in_a_count() -> None:
    assert [(f.value, f.unit) for f in find_figures("Critics gave the film 3,5 stars.")] == [(3.5, "stars")]


@pytest.mark.parametrize(
    ("prefix", "currency"),
    [
        ("CA$", "CAD"),
        ("C$", "CAD"),
        ("A$", "AUD"),
        ("AU$", "AUD"),
        ("NZ$", "NZD"),
        ("HK$", "HKD"),
        ("S$", "SGD"),
        ("SGD$", "SGD"),
        ("MX$", "MXN"),
        ("R$", "BRL"),
        ("NT$", "TWD"),
    ],
)
def test_dollar_family_prefixes(prefix: str, currency: str) -> None:
    assert _money(f"The stake was sold for {prefix}4.90 a share.") == [(f"{prefix}4.90", 4.9, currency)]


@pytest.mark.parametrize("code", ["AUD", "CAD", "NZD", "SGD"])
def test_a_code_after_a_dollar_amount_names_the_dollar(code: str) -> None:
    assert _money(f"Tickets cost $1,190.00 {code} each.") == [(f"$1,190.00 {code}", 1190.0, code)]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("A pint costs 299 Kč in the old town.", 299.0, "CZK"),
        ("The fine is 3,990 Ft.", 3990.0, "HUF"),
        ("Bread costs 50 zł now.", 50.0, "PLN"),
        ("Bread costs 469.00zł now.", 469.0, "PLN"),
        ("A coat costs 999 руб. in Moscow.", 999.0, "RUB"),
        ("A coat costs 6 300 Р in Moscow.", 6300.0, "RUB"),
        ("Fuel costs 120 lei a tank.", 120.0, "RON"),
        ("Lunch costs 12,000원 in Seoul.", 12000.0, "KRW"),
        ("Lunch costs 3,500円 in Osaka.", 3500.0, "JPY"),
    ],
)
def test_local_signs_decide_before_any_measure(text: str, value: float, currency: str) -> None:
    assert [(f.value, f.unit, f.currency) for f in find_figures(text)] == [(value, currency, currency)]


def test_a_shared_sign_decides_no_currency() -> None:
    [fig] = find_figures("The ferry ticket costs 25 kr.")
    assert fig.value == 25 and fig.currency is None


def test_two_amounts_in_two_codes() -> None:
    assert _money("The permit costs AED 8000 (USD 2179).") == [("AED 8000", 8000.0, "AED"), ("USD 2179", 2179.0, "USD")]


def test_a_dash_after_a_figure_is_no_minus_sign() -> None:
    figs = find_figures("Was $120.00 Now $60.00 - 2 Litre")
    assert [(f.value, f.unit) for f in figs] == [(120.0, "USD"), (60.0, "USD"), (2.0, "liter")]
    assert find_figures("The low was - 2 degrees.")[0].value == -2


def _decided(sign: str) -> str | None:
    """The code a sign itself decides: the news convention where factx has one, else the sign table's."""
    money = currency_of(sign)
    return money[1] if money else None


@pytest.mark.parametrize("sign", sorted(set(LOCAL_SIGNS) | set(SYMBOLS)))
def test_no_figure_gets_a_currency_its_sign_does_not_decide(sign: str) -> None:
    for text in (f"The levy was {sign}25 last year.", f"The levy was 25 {sign} last year."):
        for fig in find_figures(text):
            assert fig.currency in (None, _decided(sign)), (text, fig.currency)
    assert LOCAL_SIGNS.get(sign, "x") is not None or _decided(sign) in (None, SYMBOLS.get(sign.lower()))


def test_a_country_named_in_the_text_decides_a_local_name() -> None:
    [fig] = find_figures("Lima said 50 million soles would go to flood relief in Peru.")
    assert (fig.value, fig.currency) == (50e6, "PEN")
    [fig] = find_figures("The club paid 50 million soles.")
    assert fig.currency is None


@pytest.mark.parametrize(
    "text",
    [
        "The talks stalled, two diplomats said on Friday.",
        "Three officials told reporters the plan was dead.",
        "Two people familiar with the matter said the deal was off.",
        "The vote was delayed, according to three officials.",
    ],
)
def test_a_small_numeral_in_a_source_phrase_is_a_reference(text: str) -> None:
    assert find_figures(text) == []
    assert len(find_figures(text, references=True)) == 1


def test_a_count_before_another_verb_stays_a_figure() -> None:
    assert [(f.value, f.counts) for f in find_figures("Two soldiers were killed.")] == [(2.0, "soldiers")]

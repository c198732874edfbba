"""Spelled-out numbers, ordinals and digit numerals (hand-written cases)."""

from __future__ import annotations

import pytest

from factx.detect.numbers import parse_number_words, parse_numeral, parse_ordinal_words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("fourteen thousand", 14_000),
        ("a hundred thirty million", 130_000_000),
        ("twenty-four", 24),
        ("seven hundred and eleven", 711),
        ("two and a half", 2.5),
        ("a half", 0.5),
        ("three quarters", 0.75),
        ("two-thirds", 2 / 3),
        ("half a dozen", 6),
        ("four dozen", 48),
        ("nine and a half million", 9_500_000),
        ("two million and a half", 2_500_000),
        ("three quarters of a million", 750_000),
        ("minus twelve", -12),
        ("six point two five", 6.25),
        ("forty lakh", 4_000_000),
        ("zero", 0),
        ("six million and two thirds", 6_666_666.666666667),
        ("one billion and a half million", 1_000_500_000),
        ("one hundred and three quarters", 100.75),
        ("two point four billion", 2.4e9),
    ],
)
def test_number_words(text: str, value: float) -> None:
    assert parse_number_words(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "a", "an", "thousands", "dozens", "one two", "banana", "and"])
def test_not_number_words(text: str) -> None:
    assert parse_number_words(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("fourteenth", 14), ("twenty-first", 21), ("eightieth", 80), ("one hundredth", 100), ("third", 3)],
)
def test_ordinals(text: str, value: int) -> None:
    assert parse_ordinal_words(text) == value


def test_fraction_is_not_ordinal() -> None:
    assert parse_ordinal_words("two fifths") is None
    assert parse_ordinal_words("seven") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,250.75", 3250.75),
        ("15", 15),
        (".3", 0.3),
        ("7 1/4", 7.25),
        ("5/8", 0.625),
        ("3¾", 3.75),
        ("-0.5", -0.5),
        ("2.5e4", 25_000),
        ("98 765 432", 98_765_432),
        ("3,45,678", 345_678),
    ],
)
def test_numerals(text: str, value: float) -> None:
    assert parse_numeral(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "4/0", "1,2,3", "12,34"])
def test_not_numerals(text: str) -> None:
    assert parse_numeral(text) is None

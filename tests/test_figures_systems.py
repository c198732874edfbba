"""Whose quantity a figure is when its own words name only a symbol, a listed property, an added substance,
a repetition or one side of a comparison (hand-written sentences)."""

from __future__ import annotations

import pytest
from figure_counts import counted


@pytest.mark.parametrize(
    ("text", "figure", "counts"),
    [
        ("The run used a wave spectrum with fp = 0.4 Hz and Hp = 2.1 cm.", "0.4 Hz", "wave spectrum"),
        ("The run used a wave spectrum with fp = 0.4 Hz and Hp = 2.1 cm.", "2.1 cm", "wave spectrum"),
        ("The tidal period was defined to be P = 8 min.", "8 min", "tidal period"),
    ],
)
def test_an_equation_symbol_counts_the_system_it_belongs_to(text: str, figure: str, counts: str) -> None:
    assert counted(text)[figure] == counts


def test_a_symbol_with_no_system_stays_the_counted_thing() -> None:
    assert counted("The fitted ratio K = 0.9 held.")["0.9"] == "K"


def test_properties_listed_after_a_header_count_the_header() -> None:
    text = "The test conditions were as follows: a load of 5 kN, a loading rate of 2 mm/min and a temperature of 20 °C."
    assert counted(text)["20 °C"] == "test conditions"
    assert counted("Test conditions: a temperature of 25 °C and a pressure of 2 bar.")["25 °C"] == "Test conditions"


def test_a_clause_after_the_colon_names_its_own_owner() -> None:
    text = "The plan was as follows: the crew would drill the new well to a depth of 40 m."
    assert counted(text)["40 m"] == "new well"


@pytest.mark.parametrize(
    ("text", "figure", "counts"),
    [
        (
            "The cells were grown in a nutrient broth supplemented with 5% horse serum and 3 mM glucose.",
            "3 mM",
            "nutrient broth",
        ),
        (
            "The cells were grown in a nutrient broth supplemented with 5% horse serum and 3 mM glucose.",
            "5%",
            "nutrient broth",
        ),
        ("The crystals were kept in a buffer containing 20 mM sodium chloride.", "20 mM", "buffer"),
    ],
)
def test_an_added_amount_counts_the_mixture(text: str, figure: str, counts: str) -> None:
    assert counted(text)[figure] == counts


def test_a_size_inside_the_mixture_sentence_is_not_an_amount() -> None:
    assert counted("The core contains a layer of silt (1 mm thick) at a depth of 5 m.")["1 mm"] != "core"


@pytest.mark.parametrize(
    ("text", "figure", "counts"),
    [
        ("The cell lines were cultured for 15 passages.", "15 passages", "cell lines"),
        ("The strain was isolated on three occasions.", "three occasions", "strain"),
    ],
)
def test_a_count_of_repetitions_counts_what_was_repeated(text: str, figure: str, counts: str) -> None:
    assert counted(text)[figure] == counts


def test_a_count_of_things_keeps_its_noun() -> None:
    assert counted("The team cultured 15 plates.")["15 plates"] == "plates"


def test_each_side_of_a_versus_pair_counts_its_side_of_the_comparison() -> None:
    assert counted("Children had more colds than adults (41% vs. 12%).") == {"41%": "Children", "12%": "adults"}


def test_a_copula_misread_after_a_reduced_relative_finds_its_subject() -> None:
    assert counted("The mean variance explained for the survey data was 91.2% for boys.")["91.2%"] == "survey data"


def test_a_figure_the_parse_leaves_alone_takes_the_words_beside_it() -> None:
    assert counted("The tests were run on a glass sheet of thickness 4 mm.")["4 mm"] == "glass sheet"
    assert counted("The drill recovers intact 3.2 m long cores of ice.")["3.2 m"] == "long cores of ice"

"""What a measured figure belongs to: equations, property owners, adjectives, range verbs, parentheses and
lists (hand-written sentences)."""

from __future__ import annotations

import pytest
from figure_counts import counted


@pytest.mark.parametrize(
    ("text", "figure", "counts"),
    [
        ("With a time step of dt = 12 s, the run took a day.", "12 s", "run"),
        ("A tensile modulus of 3.2 GPa was measured for the cured resin.", "3.2 GPa", "cured resin"),
        ("The resin had a tensile modulus of 3.2 GPa.", "3.2 GPa", "resin"),
        ("The trucks travelled at a speed of 80 km/h on the new road.", "80 km/h", "trucks"),
        ("The new furnace runs 40% hotter than the old kiln.", "40%", "new furnace"),
        ("The cluster sizes range from 2% to 11%.", "from 2% to 11%", "cluster sizes"),
        ("The soil has small pores (0.4 mm2) that hold water.", "0.4 mm2", "small pores"),
        ("The samples were heated for 24 h in an oven.", "24 h", "samples"),
    ],
)
def test_a_measured_figure_counts_what_it_measures(text: str, figure: str, counts: str) -> None:
    assert counted(text)[figure] == counts


def test_listed_figures_share_what_they_count() -> None:
    assert counted("The two peaks sit at 1031 nm and 1091 nm.") == {"1031 nm": "peaks", "1091 nm": "peaks"}


def test_money_and_counted_nouns_keep_their_own_noun() -> None:
    assert counted("The coach said the team had a budget of 40 million euros.")["40 million euros"] == "budget"
    assert counted("Police said 300 protesters gathered at a rally of 5,000 people.")["5,000 people"] == "people"


@pytest.mark.parametrize(
    ("text", "figure", "counts"),
    [
        ("Divers recovered cores at a depth of 40 m near the reef.", "40 m", "cores"),
        ("The engineers drilled the shaft to a depth of 300 m.", "300 m", "shaft"),
        ("The depth was measured in the old well at 120 m.", "120 m", "old well"),
        ("The lake holds brine at a salinity of 9%.", "9%", "brine"),
    ],
)
def test_a_property_without_an_owner_counts_its_owner(text: str, figure: str, counts: str) -> None:
    assert counted(text)[figure] == counts


def test_the_phrase_keeps_its_conjuncts_and_prepositional_phrases() -> None:
    text = "The sensitivity and specificity of the new blood test were 91% and 87%."
    assert set(counted(text).values()) == {"sensitivity and specificity of the new blood test"}
    text = "The temperature of the cooling water reached 35 °C in July."
    assert counted(text)["35 °C"] == "temperature of the cooling water"

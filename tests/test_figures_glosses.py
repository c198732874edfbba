"""What a figure counts when it sits in a parenthesis, after a statistic's symbol, beside "±", in a list,
or with its noun around it (hand-written sentences)."""

from __future__ import annotations

import pytest
from figure_counts import counted

from factx.detect.figures.glosses import enclosing_parenthesis, plus_minus_pairs


@pytest.mark.parametrize(
    ("text", "figure", "counts"),
    [
        ("Rainfall was measured at the coastal stations (n = 14) every hour.", "14", "coastal stations"),
        ("Recovery was faster in the treated herd (Welch's t test p = 0.03).", "0.03", "Welch's t test"),
        (
            "Scores differed between the morning classes (t(52) = 2.4, p = 0.02) in the spring.",
            "2.4",
            "morning classes",
        ),
        (
            "Scores differed between the morning classes (t(52) = 2.4, p = 0.02) in the spring.",
            "0.02",
            "morning classes",
        ),
    ],
)
def test_a_statistic_in_a_parenthesis_counts_what_it_is_of(text: str, figure: str, counts: str) -> None:
    assert counted(text)[figure] == counts


def test_a_property_label_in_a_parenthesis_counts_the_glossed_noun() -> None:
    assert counted("Turnout at the referendum (range 61% to 74%) surprised observers.")["61% to 74%"] == "referendum"


def test_a_parenthesis_after_a_verb_counts_its_subject() -> None:
    counts = counted("As the river level rises (from 2 m to 5 m), the fields flood.")
    assert counts["2 m"] == counts["5 m"] == "river level"


def test_a_confidence_interval_counts_what_its_estimate_counts() -> None:
    counts = counted("The risk ratio for smokers was 1.8 (95% CI 1.2-2.6) in the cohort.")
    assert counts["1.8"] == counts["1.2-2.6"] == "risk ratio for smokers"
    assert counts["95%"] == "CI"


def test_a_converted_figure_counts_what_the_figure_it_converts_counts() -> None:
    counts = counted("The ferry crossed at 12 knots (22 km/h) despite the wind.")
    assert counts["12 knots"] == counts["22 km/h"] == "ferry"


def test_a_value_and_its_spread_count_the_same_thing() -> None:
    counts = counted("About 64 ± 2% of the seedlings survived the frost.")
    assert counts["About 64"] == counts["2%"] == "seedlings"


def test_a_percent_keeps_the_noun_written_after_it() -> None:
    assert counted("The stones were soaked in 5% HCl overnight.")["5%"] == "HCl"


def test_a_unit_glued_by_the_tokenizer_joins_its_quantity() -> None:
    assert counted("Median wind speed is 7.2 m s−1 at the pier.")["7.2 m"] == "Median wind speed"


def test_an_active_verbs_for_phrase_is_no_owner_of_a_plain_noun() -> None:
    assert counted("For the farmers, a harvest of 40 tonnes brought relief.")["40 tonnes"] == "harvest"


def test_stacked_prepositions_attach_through_the_outer_one() -> None:
    counts = counted("The new pumps may raise the output of the old wells from 50% to around 80%.")
    assert counts["50%"] == counts["around 80%"] == "output of the old wells"


def test_a_statistic_after_a_figure_counts_what_that_figure_counts() -> None:
    counts = counted("The treated plots contained 43.5% ± 4.1% (n = 3) and the others 40.2% ± 3.9% (n = 3).")
    assert counts["3"] == "others" and counts["4.1%"] == "treated plots"
    counts = counted("A cell of 12 mm (with T0 = 300 K) was used.")
    assert counts["300 K"] == "cell"


def test_listed_percents_share_their_first_conjunct_not_its_symbol() -> None:
    counts = counted("Crowds grew on the three days by 3.2%, 6.7%, and 4.6% respectively.")
    assert counts["3.2%"] == counts["6.7%"] == counts["4.6%"] == "Crowds"


def test_a_count_whose_noun_modifies_the_next_noun_counts_that_noun() -> None:
    counts = counted("The council approved a 30-item checklist for the harbour.")
    assert counts["30"] == "item checklist for the harbour"


def test_an_apposition_counts_the_noun_it_renames() -> None:
    assert counted("One driver, a 45-year-old man from Leeds, was unhurt.")["45-year-old"] == "driver"


def test_of_after_a_percent_is_what_it_counts_even_when_it_spells_a_unit() -> None:
    assert counted("Tests found that 90% of the lead was removed, as was 85% of Cl.")["85%"] == "Cl"


def test_the_parenthesis_reader() -> None:
    text = "the host herd (mean age 4 years, n = 12) grazed"
    gloss = enclosing_parenthesis(text, text.index("12"))
    assert gloss is not None and gloss.statistic and gloss.label == "n ="
    assert text[gloss.open_at] == "("
    label = enclosing_parenthesis(text, text.index("4 years"))
    assert label is not None and label.label == "mean age" and not label.statistic
    assert enclosing_parenthesis("The herd (of 40) left. Then 12 came.", 28) is None
    assert enclosing_parenthesis("a pair (x) and then 12", 20) is None
    text = "Rates were 1.1 (95% CI 0.9-1.3) overall."
    interval = enclosing_parenthesis(text, text.index("0.9"))
    assert interval is not None and interval.interval


def test_plus_minus_pairs() -> None:
    text = "about 64 ± 2% and then 5, 6"
    spans = [(6, 8), (11, 13), (23, 24), (26, 27)]
    assert plus_minus_pairs(text, spans) == [(0, 1)]

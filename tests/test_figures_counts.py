"""What a figure counts, read from the spaCy parse: the phrase and its exact span (hand-written sentences)."""

from __future__ import annotations

import pytest

from factx._types import FigureFact, Span
from factx.detect.figures import add_counts, find_figures
from factx.verify.merge import with_counts


def counted(text: str) -> dict[str, str | None]:
    out = {}
    for f in add_counts(text, find_figures(text)):
        if f.counts_span is not None:
            assert f.counts_span.text == text[f.counts_span.start : f.counts_span.end] == f.counts
        out[f.span.text] = f.counts
    return out


@pytest.mark.parametrize(
    ("text", "figure", "counts"),
    [
        ("Net profit jumped 31% to 612 million euros in the third quarter.", "31%", "Net profit"),
        ("Net profit jumped 31% to 612 million euros in the third quarter.", "612 million euros", "Net profit"),
        ("The governing party won 71 and 14 seats in parliament.", "71", "seats in parliament"),
        ("More than 900 were injured when the stand collapsed.", "More than 900", "injured"),
        ("At least 142 people killed in the landslide were buried on Sunday.", "At least 142 people", "people killed"),
        ("The school marked its 80th anniversary with a concert.", "80th", "anniversary"),
        ("The mill handled 3.5 million tonnes of barley last season.", "3.5 million tonnes", "barley"),
        ("The minister promised $20 million in flood relief.", "$20 million", "flood relief"),
        ("The cooperative put its losses at $7 million.", "$7 million", "losses"),
        ("A magnitude 6.2 earthquake shook the valley.", "magnitude 6.2", "earthquake"),
        ("Operating margin rose 1.8 percentage points.", "1.8 percentage points", "Operating margin"),
        ("The drought cut the harvest by a third.", "a third", "harvest"),
        ("The army sent approximately 800 troops to the border.", "approximately 800 troops", "troops"),
    ],
)
def test_counts_attaches_through_the_parse(text: str, figure: str, counts: str) -> None:
    assert counted(text)[figure] == counts


def test_a_pronoun_subject_is_not_what_is_counted() -> None:
    assert counted("It rose 4% on Monday.")["4%"] is None


def test_the_model_overrides_only_with_a_phrase_found_near_the_figure() -> None:
    text = "Dockers unloaded 400 containers at the quay."
    fig = add_counts(text, find_figures(text))[0].model_copy(update={"id": "f1"})
    assert fig.counts == "containers"
    kept = with_counts(text, [fig], {"f1": "shipping boxes"})[0]
    assert (kept.counts, kept.counts_span) == ("containers", fig.counts_span)
    moved = with_counts(text, [fig], {"f1": "the quay"})[0]
    assert moved.counts_span == Span.of(text, text.index("the quay"), text.index("the quay") + 8)


def test_no_figures_no_parse() -> None:
    assert add_counts("no numbers here", []) == []
    assert isinstance(FigureFact(span=Span.of("7", 0, 1), value=7).counts_span, type(None))


def test_a_count_before_a_participle_counts_the_participle_as_a_noun() -> None:
    from factx.detect.parse import parse

    text = "The ferry sank near Kos, and more than 80 injured were flown to Athens."
    figures = add_counts(text, find_figures(text), parse(text))
    assert next(f for f in figures if f.value == 80).counts == "injured"


def test_a_price_paid_counts_what_was_bought_not_the_means() -> None:
    from factx.detect.parse import parse

    text = "Norvale paid $1.4 billion in cash for Tessa Labs last week."
    figures = add_counts(text, find_figures(text), parse(text))
    assert figures[0].counts == "Tessa Labs"

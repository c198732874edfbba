"""Verify and merge: facts a model adds are grounded and re-normalized by code; code's values win."""

from __future__ import annotations

from factx._types import DateFact, FigureFact, Rejection, Span
from factx.detect.figures.find import parse_figure
from factx.interpret.strategies import ExtraDate, ExtraFigure
from factx.verify.merge import add_extra_dates, add_extra_figures, number

TEXT = "Prices rose 9% on Monday, the agency said."


def test_added_figure_keeps_codes_value_and_records_the_disagreement() -> None:
    rejected: list[Rejection] = []
    figures = add_extra_figures(
        TEXT, [], [], [((0, len(TEXT)), ExtraFigure(quote="9%", value=90.0))], lambda q, at: parse_figure(q), rejected
    )
    assert [(f.id, f.value, f.unit, f.span.text) for f in figures] == [("f1", 9.0, "percent", "9%")]
    assert rejected[0].kind == "value" and rejected[0].proposed == "90.0" and "f1 = 9.0" in str(rejected[0].detail)


def test_added_date_is_resolved_by_code_and_placed_in_the_source() -> None:
    from factx.detect.dates.find import resolve_date

    rejected: list[Rejection] = []
    dates = add_extra_dates(
        TEXT,
        [],
        [((0, len(TEXT)), ExtraDate(quote="monday", value="2026-03-02"))],
        lambda q, at: resolve_date(q, "2026-03-04", context=TEXT, position=at),
        rejected,
    )
    assert dates[0].span == Span.of(TEXT, TEXT.index("Monday"), TEXT.index("Monday") + 6)
    assert dates[0].alignment == "fuzzy" and dates[0].value == "2026-03-02" and not rejected


def test_added_quote_that_code_cannot_read_is_rejected() -> None:
    rejected: list[Rejection] = []
    figures = add_extra_figures(
        TEXT,
        [],
        [],
        [((0, len(TEXT)), ExtraFigure(quote="the agency", value=3.0))],
        lambda q, at: parse_figure(q),
        rejected,
    )
    assert figures == [] and rejected[0].reason == "code found no figure in the quote"


def test_numbering_drops_figures_inside_dates() -> None:
    text = "In March 2013 the fund lost 2013 dollars."
    date = DateFact(span=Span.of(text, 3, 13), value="2013-03", grain="month")
    inside = FigureFact(span=Span.of(text, 9, 13), value=2013)
    outside = FigureFact(span=Span.of(text, 28, 40), value=2013, unit="USD", currency="USD")
    dates, figures = number([date], [outside, inside])
    assert [d.id for d in dates] == ["d1"]
    assert [(f.id, f.span.text) for f in figures] == [("f1", "2013 dollars")]

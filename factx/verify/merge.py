"""Verify and merge: model proposals become facts only with a span; code's values win; ids link."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Literal, TypeVar

from factx._types import DateFact, FigureFact, Rejection, Span
from factx.verify.answers import ExtraDate, ExtraFigure
from factx.verify.ground import Window, ground

DateResolver = Callable[[str, int], DateFact | None]
FigureParser = Callable[[str, int], FigureFact | None]
"""Code's normalizer for a quote found at a character offset of the source."""


def number(dates: Sequence[DateFact], figures: Sequence[FigureFact]) -> tuple[list[DateFact], list[FigureFact]]:
    """Drop figures inside dates ("2013" in "March 2013"), sort by position, assign d1.., f1.. ids.

    Sort and sweep, O((d + f) log d): a figure overlaps some date exactly when, among the dates that
    start before the figure ends, the furthest end lies past the figure's start.
    """
    ordered_dates = sorted(dates, key=lambda d: d.span.start)
    starts = [d.span.start for d in ordered_dates]
    furthest = list(accumulate((d.span.end for d in ordered_dates), max))
    kept = []
    for f in sorted(figures, key=lambda f: f.span.start):
        before = bisect_left(starts, f.span.end)  # dates starting before the figure ends
        if before == 0 or furthest[before - 1] <= f.span.start:
            kept.append(f)
    return (
        [d.model_copy(update={"id": f"d{n}"}) for n, d in enumerate(ordered_dates, 1)],
        [f.model_copy(update={"id": f"f{n}"}) for n, f in enumerate(kept, 1)],
    )


Fact = TypeVar("Fact", DateFact, FigureFact)
Extra = TypeVar("Extra", ExtraDate, ExtraFigure)


def add_extra_dates(
    text: str,
    dates: list[DateFact],
    extras: Sequence[tuple[Window, ExtraDate]],
    resolve: DateResolver,
    rejected: list[Rejection],
) -> list[DateFact]:
    """Dates the model added: kept only if quoted from the text and normalized by code."""
    return _add_extras(
        text,
        dates,
        [],
        extras,
        resolve,
        rejected,
        kind="date",
        prefix="d",
        disagrees=lambda extra, fact: extra.value is not None and extra.value != fact.value,
    )


def add_extra_figures(
    text: str,
    figures: list[FigureFact],
    dates: Sequence[DateFact],
    extras: Sequence[tuple[Window, ExtraFigure]],
    parse: FigureParser,
    rejected: list[Rejection],
) -> list[FigureFact]:
    """Figures the model added: kept only if quoted from the text and parsed by code (never inside a date)."""
    return _add_extras(
        text,
        figures,
        [d.span for d in dates],
        extras,
        parse,
        rejected,
        kind="figure",
        prefix="f",
        disagrees=lambda extra, fact: (
            extra.value is not None and abs(extra.value - fact.value) > 1e-9 * max(1.0, abs(fact.value))
        ),
    )


def _add_extras(
    text: str,
    facts: list[Fact],
    blocked: Sequence[Span],
    extras: Sequence[tuple[Window, Extra]],
    normalize: Callable[[str, int], Fact | None],
    rejected: list[Rejection],
    *,
    kind: Literal["date", "figure"],
    prefix: str,
    disagrees: Callable[[Extra, Fact], bool],
) -> list[Fact]:
    """Ground each added quote, normalize it by code, record where the model's own value disagrees."""
    out = list(facts)
    for (start, end), extra in extras:
        found = ground(extra.quote, text, start=start, end=end)
        if found is None:
            continue
        span, alignment = found
        if any(f.span.overlaps(span) for f in out) or any(b.overlaps(span) for b in blocked):
            continue
        fact = normalize(span.text, span.start)
        if fact is None:
            rejected.append(
                Rejection(kind=kind, reason=f"code found no {kind} in the quote", proposed=extra.model_dump_json())
            )
            continue
        place = _shift(fact.span, span.start, text)
        fact = fact.model_copy(update={"id": f"{prefix}{len(out) + 1}", "alignment": alignment, "span": place})
        if disagrees(extra, fact):
            rejected.append(
                Rejection(
                    kind="value",
                    reason=f"model's {kind} value differs from code's; code's kept",
                    proposed=str(extra.value),
                    detail=f"{fact.id} = {fact.value}",
                )
            )
        out.append(fact)
    return out


def _shift(span: Span, offset: int, text: str) -> Span:
    return Span.of(text, span.start + offset, span.end + offset)


_COUNTS_WINDOW = 200


def with_counts(text: str, figures: Sequence[FigureFact], counts: dict[str, str]) -> list[FigureFact]:
    """What each figure counts: the model's phrase where it is found in the text near the figure
    (within 200 characters; it then brings its ``counts_span``), else what code read from the parse."""
    out = []
    for f in figures:
        said = counts.get(f.id)
        found = None
        if said:
            found = ground(said, text, start=max(0, f.span.start - _COUNTS_WINDOW), end=f.span.end + _COUNTS_WINDOW)
        if found is not None and not found[0].overlaps(f.span):
            out.append(f.model_copy(update={"counts": found[0].text, "counts_span": found[0]}))
        else:
            out.append(f)
    return out

"""Grounding: quotes tie to exact spans, verbatim first, then tolerant of whitespace and case."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factx.verify.ground import ground

SOURCE = "The council voted on Monday.\nIt approved   the new budget."


def test_exact_quote() -> None:
    span, how = ground("approved   the new budget", SOURCE) or (None, None)
    assert how == "exact" and span is not None and SOURCE[span.start : span.end] == span.text


def test_whitespace_and_case_tolerant_quote() -> None:
    found = ground("monday. it APPROVED the new", SOURCE)
    assert found is not None
    span, how = found
    assert how == "fuzzy" and span.text == "Monday.\nIt approved   the new"


def test_missing_or_empty_quote() -> None:
    assert ground("the mayor resigned", SOURCE) is None
    assert ground("   ", SOURCE) is None


def test_search_window() -> None:
    assert ground("council", SOURCE, start=10) is None
    found = ground("budget", SOURCE, start=30, end=len(SOURCE))
    assert found is not None and found[0].start == SOURCE.index("budget")


@given(st.text(max_size=80), st.text(max_size=20))
def test_any_grounded_span_is_the_source_text(source: str, quote: str) -> None:
    found = ground(quote, source)
    if found is not None:
        span, _ = found
        assert source[span.start : span.end] == span.text

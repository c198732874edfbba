"""What each figure of a text counts, for the figure tests (every counted span checked against the text)."""

from __future__ import annotations

from factx.detect.figures import add_counts, find_figures


def counted(text: str) -> dict[str, str | None]:
    """Figure text -> its ``counts``; asserts each ``counts_span`` is the source's characters."""
    out = {}
    for f in add_counts(text, find_figures(text)):
        if f.counts_span is not None:
            assert text[f.counts_span.start : f.counts_span.end] == f.counts
        out[f.span.text] = f.counts
    return out

"""Figures: find numbers with their units, currencies, bounds and ranges, by rules (no model);
``add_counts`` reads what each counts from the shared spaCy parse."""

from factx.detect.figures.counts import add_counts
from factx.detect.figures.find import find_figures, parse_figure

__all__ = ["add_counts", "find_figures", "parse_figure"]

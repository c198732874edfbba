"""Figures: find numbers with their units, currencies, bounds and ranges, by rules (no model)."""

from factx.detect.figures.find import find_figures, parse_figure

__all__ = ["find_figures", "parse_figure"]

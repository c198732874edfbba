"""View: a self-contained HTML page of a FactSheet; reads the result types only, never runs a model."""

from factx.view.page import Outcome, render

__all__ = ["Outcome", "render"]

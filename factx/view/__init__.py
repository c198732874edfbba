"""View: a self-contained HTML page of a FactSheet; reads the result types only, never runs a model."""

from factx.view.page import Outcome, render
from factx.view.story import render_story

__all__ = ["Outcome", "render", "render_story"]

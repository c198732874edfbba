"""factx: typed, verified facts (events, figures, dates) from news-like text.

Code detects and normalizes dates and figures, a model (through instructor) interprets, code
verifies: every fact carries the exact span of the source that supports it. The result types are
in ``factx.types``; the most used are here too.
"""

from importlib import metadata as _metadata

from factx._detectors import find_dates, find_figures
from factx._errors import (
    FactxBackendError,
    FactxConfigError,
    FactxError,
    FactxInputError,
    FactxModelError,
    FactxTimeoutError,
)
from factx.backends import Backend, LlamaCppBackend, ModelRequest, OpenAIBackend, Reply
from factx.detect.dates import resolve_date
from factx.detect.figures import parse_figure
from factx.eval import EvalReport, evaluate
from factx.linking import Story, StoryEvent, link
from factx.pipeline import aextract_facts, extract_facts
from factx.run import Document, Outcome, aextract_many, extract_many
from factx.types import DateFact, EventFact, EventTime, FactSheet, FigureFact, Participant, Rejection, Span, Usage, Zone
from factx.view import render

try:
    __version__ = _metadata.version("factx")
except _metadata.PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"


__all__ = [
    "Backend",
    "DateFact",
    "Document",
    "EvalReport",
    "EventFact",
    "EventTime",
    "FactSheet",
    "FactxBackendError",
    "FactxConfigError",
    "FactxError",
    "FactxInputError",
    "FactxModelError",
    "FactxTimeoutError",
    "FigureFact",
    "LlamaCppBackend",
    "ModelRequest",
    "OpenAIBackend",
    "Outcome",
    "Participant",
    "Rejection",
    "Reply",
    "Span",
    "Story",
    "StoryEvent",
    "Usage",
    "Zone",
    "__version__",
    "aextract_facts",
    "aextract_many",
    "evaluate",
    "extract_facts",
    "extract_many",
    "find_dates",
    "find_figures",
    "link",
    "parse_figure",
    "render",
    "resolve_date",
]

"""factx: typed, verified facts (events, figures, dates) from news-like text.

Code detects and normalizes dates and figures, a model (through instructor) interprets, code
verifies: every fact carries the exact span of the source that supports it.
"""

from importlib import metadata as _metadata

from factx._errors import (
    FactxBackendError,
    FactxConfigError,
    FactxError,
    FactxInputError,
    FactxModelError,
    FactxTimeoutError,
)
from factx._types import DateFact, EventFact, FactSheet, FigureFact, Rejection, Span, Usage
from factx.backends import Backend, LlamaCppBackend, OpenAIBackend
from factx.detect.dates import find_dates, resolve_date
from factx.detect.figures import find_figures, parse_figure
from factx.eval import EvalReport, evaluate
from factx.link import Story, StoryEvent, link
from factx.pipeline import aextract_facts, extract_facts
from factx.run import Document, Outcome, aextract_many, extract_many

# The function wins over the subpackage of the same name as the attribute ``factx.view``;
# ``from factx.view import render`` still works because the subpackage stays in sys.modules.
from factx.view import render as view

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
    "FactSheet",
    "FactxBackendError",
    "FactxConfigError",
    "FactxError",
    "FactxInputError",
    "FactxModelError",
    "FactxTimeoutError",
    "FigureFact",
    "LlamaCppBackend",
    "OpenAIBackend",
    "Outcome",
    "Rejection",
    "Span",
    "Story",
    "StoryEvent",
    "Usage",
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
    "resolve_date",
    "view",
]

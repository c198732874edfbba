"""factx: typed, verified facts (events, figures, dates) from news-like text.

Code detects and normalizes dates and figures, a model (through instructor) interprets, code
verifies: every fact carries the exact span of the source that supports it.
"""

from factx._errors import FactxBackendError, FactxConfigError, FactxError, FactxInputError, FactxModelError
from factx._types import DateFact, EventFact, FactSheet, FigureFact, Rejection, Span, Usage
from factx.backends import Backend, LlamaCppBackend, OpenAIBackend
from factx.detect.dates import find_dates, resolve_date
from factx.detect.figures import find_figures, parse_figure
from factx.eval import EvalReport, evaluate
from factx.pipeline import aextract_facts, extract_facts, extract_many
from factx.view import render as view

# The function wins over the subpackage of the same name as the attribute ``factx.view``;
# ``from factx.view import render`` still works because the subpackage stays in sys.modules.

__all__ = [
    "Backend",
    "DateFact",
    "EvalReport",
    "EventFact",
    "FactSheet",
    "FactxBackendError",
    "FactxConfigError",
    "FactxError",
    "FactxInputError",
    "FactxModelError",
    "FigureFact",
    "LlamaCppBackend",
    "OpenAIBackend",
    "Rejection",
    "Span",
    "Usage",
    "aextract_facts",
    "evaluate",
    "extract_facts",
    "extract_many",
    "find_dates",
    "find_figures",
    "parse_figure",
    "resolve_date",
    "view",
]

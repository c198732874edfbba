"""factx: typed, verified facts (events, figures, dates) from news-like text."""

from factx._errors import FactxBackendError, FactxConfigError, FactxError, FactxInputError, FactxModelError
from factx._types import DateFact, EventFact, FactSheet, FigureFact, Rejection, Span, Usage

__all__ = [
    "DateFact",
    "EventFact",
    "FactSheet",
    "FactxBackendError",
    "FactxConfigError",
    "FactxError",
    "FactxInputError",
    "FactxModelError",
    "FigureFact",
    "Rejection",
    "Span",
    "Usage",
]

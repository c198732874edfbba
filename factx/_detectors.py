"""The detectors as the package publishes them: their facts numbered ``d1``, ``f1`` ... as in ``extract_facts``."""

from __future__ import annotations

import datetime as dt

from factx._types import DateFact, FigureFact
from factx.detect.dates import find_dates as _find_dates
from factx.detect.figures import find_figures as _find_figures

__all__ = ["find_dates", "find_figures"]


def find_dates(text: str, reference_date: dt.date | str | None = None) -> list[DateFact]:
    """Every date or time mention in ``text``, in order, each with its span and TIMEX3 value, ids ``d1``, ``d2`` ...

    With ``reference_date=None`` relative mentions keep X placeholders ("Tuesday" -> "XXXX-WXX-2").
    """
    return [d.model_copy(update={"id": f"d{n}"}) for n, d in enumerate(_find_dates(text, reference_date), 1)]


def find_figures(text: str, *, references: bool = False) -> list[FigureFact]:
    """Every figure in ``text``, in order, each with its span and normalized value, ids ``f1``, ``f2`` ...

    ``references=True`` also reports numerals that only refer back ("the two leaders").
    """
    return [f.model_copy(update={"id": f"f{n}"}) for n, f in enumerate(_find_figures(text, references=references), 1)]

"""One self-contained HTML page (inline CSS and JS, no network) for one sheet or many documents."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from factx._types import FactSheet
from factx.view import timeline
from factx.view.facts import collect, figure_rows, number, sentence_at
from factx.view.marks import highlight
from factx.view.words import counted

Outcome = FactSheet | BaseException | str
"""A document's result: its sheet, or the error (an exception or its message) it failed with."""

LEGEND = (
    ("date", "date", "TIMEX3 value and calendar interval"),
    ("figure", "figure", "value, unit, currency, bound"),
    ("trigger", "event", "the word naming an event: type, roles, factuality"),
    ("participant", "participant", "who takes part, and in which role"),
    ("place", "place", "where the event happened"),
)


@dataclass(frozen=True)
class _Doc:
    anchor: str
    name: str
    sheet: FactSheet | None
    error: str | None
    body: Markup
    figures: list[dict[str, Any]]
    line: timeline.Timeline | None


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("factx.view", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["counted"] = counted
    return env


def _documents(sheets: FactSheet | Iterable[FactSheet] | Mapping[str, Outcome]) -> list[tuple[str, Outcome]]:
    if isinstance(sheets, FactSheet):
        return [("document", sheets)]
    if isinstance(sheets, Mapping):
        return [(str(name), outcome) for name, outcome in sheets.items()]
    return [(f"document {n}", sheet) for n, sheet in enumerate(sheets, 1)]


def _doc(n: int, name: str, outcome: Outcome, info: dict[str, dict[str, Any]]) -> _Doc:
    anchor = f"doc{n}"
    if not isinstance(outcome, FactSheet):
        error = f"{type(outcome).__name__}: {outcome}" if isinstance(outcome, BaseException) else str(outcome)
        return _Doc(anchor, name, None, error, Markup(""), [], None)
    sheet, prefix = outcome, f"{n}:"
    marks, facts = collect(sheet)
    info.update({prefix + key: {**value, "x": [prefix + x for x in value["x"]]} for key, value in facts.items()})
    figures = [
        {
            "id": prefix + f.id,
            "text": f.span.text,
            "value": number(f.value) if f.low is None else f"{number(f.low)} – {number(f.high)}",
            "unit": f.currency or f.unit or "",
            "qualifier": ", ".join(f"{k} {v}" if k else v for k, v in figure_rows(f) if k in ("bound", "")),
            "counts": f.counts or "",
            "sentence": sentence_at(sheet.text, f.span.start, f.span.end),
        }
        for f in sheet.figures
    ]
    events = [(prefix + e.id, e.description, e) for e in sheet.events]
    line = timeline.build(events, {d.id: d for d in sheet.dates})
    body = highlight(sheet.text, marks, prefix)
    return _Doc(anchor, name, sheet, None, body, figures, line)


def render(sheets: FactSheet | Iterable[FactSheet] | Mapping[str, Outcome], *, title: str | None = None) -> str:
    """The page for one sheet, several sheets, or named documents (a sheet or the error each failed with)."""
    info: dict[str, dict[str, Any]] = {}
    docs = [_doc(n, name, outcome, info) for n, (name, outcome) in enumerate(_documents(sheets), 1)]
    if title is None:
        first = docs[0].sheet.text.strip().split("\n", 1)[0] if len(docs) == 1 and docs[0].sheet else ""
        title = f"factx · {first[:77]}…" if len(first) > 80 else f"factx · {first}" if first else "factx"
    return _env().get_template("page.html.j2").render(title=title, docs=docs, facts=info, legend=LEGEND)

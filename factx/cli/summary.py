"""What ``factx extract`` shows on a terminal: the counts, the reader's events, the dates and figures.

A person at a terminal wants the facts, not 6,000 lines of JSON led by the article on one line;
``--format json`` (and any pipe or file) still gives the whole sheet.
"""

from __future__ import annotations

from factx._types import DateFact, EventFact, FactSheet, FigureFact
from factx.view.facts import number
from factx.view.words import counted

__all__ = ["summary", "unresolved_dates"]

_SHOWN = 12
"""Rows per section; the rest is counted ("... and 7 more")."""


def summary(sheet: FactSheet) -> str:
    """A few readable lines: counts first, then events (most salient first), dates and figures in text order."""
    where = {"given": "given", "dateline": "from the dateline", "none": "none"}[sheet.reference_source]
    reference = f"{sheet.reference_date} ({where})" if sheet.reference_date else "none"
    usage = sheet.usage
    lines = [
        f"{counted(len(sheet.events), 'event')}, {counted(len(sheet.dates), 'date')}, "
        f"{counted(len(sheet.figures), 'figure')}, {counted(len(sheet.rejected), 'rejected proposal')}",
        f"model {sheet.model}: {counted(usage.requests, 'request')}, "
        f"{counted(usage.prompt_tokens + usage.completion_tokens, 'token')}; reference date {reference}",
    ]
    lines += _section("Events (what a reader lists, most salient first)", [_event(e) for e in sheet.events])
    lines += _section("Dates", [_date(d) for d in sheet.dates])
    lines += _section("Figures", [_figure(f) for f in sheet.figures])
    lines += ["", "The whole sheet as JSON: --format json (also the default when the output is not a terminal)."]
    return "\n".join(lines)


def unresolved_dates(sheet: FactSheet) -> list[DateFact]:
    """Dates left without a year or week because the sheet has no reference date ("Tuesday": XXXX-WXX-2)."""
    if sheet.reference_date is not None:
        return []
    return [d for d in sheet.dates if "X" in d.value]


def _section(title: str, rows: list[str]) -> list[str]:
    if not rows:
        return []
    more = [f"  ... and {len(rows) - _SHOWN} more"] if len(rows) > _SHOWN else []
    return ["", title, *(f"  {row}" for row in rows[:_SHOWN]), *more]


def _event(event: EventFact) -> str:
    parts = [f"[{event.type}] {event.description}"]
    if event.time is not None:
        parts.append(f"when {event.time.value}")
    if event.location:
        parts.append(f"where {event.location}")
    if event.factuality != "asserted":
        parts.append(event.factuality)
    if event.source:
        parts.append(f"according to {event.source}")
    return " · ".join(parts)


def _date(date: DateFact) -> str:
    interval = f" ({date.start} to {date.end})" if date.start and date.end and date.start != date.end else ""
    return f"{_quoted(date.span.text)} {date.value}{interval}"


def _figure(figure: FigureFact) -> str:
    ranged = figure.low is not None and figure.high is not None
    value = f"{number(figure.low)} to {number(figure.high)}" if ranged else number(figure.value)
    details = [value, figure.unit or ""]
    if figure.counts and figure.counts != figure.unit:
        details.append(f"counting {figure.counts}")
    if figure.approximate:
        details.append("approximate")
    if figure.bound:
        details.append(figure.bound.replace("_", " "))
    return f"{_quoted(figure.span.text)} " + " ".join(d for d in details if d)


def _quoted(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'

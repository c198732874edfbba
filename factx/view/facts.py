"""What the view says about each fact: its marks in the text and the rows its tooltip shows.

Fields that the events and figures work adds (participants, location_span, time, type, factuality,
counts_span ...) are read as ``getattr(obj, name, default)`` would (``_field``), so sheets from before and after
render alike.
"""

from __future__ import annotations

from typing import Any

from factx._types import DateFact, FactSheet, FigureFact, Span
from factx.detect.tokens import sentence_bounds
from factx.view.marks import Mark

Rows = list[tuple[str, str]]


def _field(obj: Any, name: str, default: Any = None) -> Any:
    """A field that newer sheets have and older ones lack (pydantic keeps field values in ``__dict__``)."""
    return vars(obj).get(name, default) if hasattr(obj, "__dict__") else getattr(obj, name, default)


_CONTEXT_REACH = 600  # characters looked at either side of a fact for the sentence its tooltip shows


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, as the tooltip shows it."""
    left, right = sentence_bounds(text, start, end, _CONTEXT_REACH)
    return text[left:right].strip()


def number(value: float | None) -> str:
    """1200 -> '1,200', 48200000 -> '48,200,000', 3.4 -> '3.4'."""
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def date_rows(d: DateFact) -> Rows:
    rows = [("value", d.value), ("type", d.type), ("grain", d.grain)]
    if d.start is not None and d.end is not None:
        rows.append(("interval", str(d.start) if d.start == d.end else f"{d.start} – {d.end}"))
    if d.mod:
        rows.append(("mod", d.mod))
    if d.relative:
        rows.append(("relative", "resolved against the reference date"))
    return rows


def figure_rows(f: FigureFact) -> Rows:
    rows = [("value", number(f.value))]
    if f.low is not None and f.high is not None:
        rows.append(("range", f"{number(f.low)} – {number(f.high)}"))
    for label, value in (("unit", f.unit), ("currency", f.currency), ("bound", f.bound)):
        if value:
            rows.append((label, str(value).replace("_", " ")))
    flags = [name for name in ("percent", "percentage_points", "approximate", "ordinal") if _field(f, name, False)]
    if flags:
        rows.append(("", ", ".join(flag.replace("_", " ") for flag in flags)))
    if f.counts:
        rows.append(("counts", f.counts))
    return rows


def _located(text: str, name: str, within: Span) -> Span | None:
    """Where a name given without a span is written: in the evidence, else nearest before it in its sentence."""
    at = text.find(name, within.start, within.end)
    if at < 0:
        left, _ = sentence_bounds(text, within.start, within.end, _CONTEXT_REACH)
        at = text.rfind(name, left, within.start)
    return Span.of(text, at, at + len(name)) if at >= 0 and name else None


def _roles(event: Any) -> list[tuple[str, str, Span | None]]:
    """(role, name, span) of each participant; actors without spans are agents found by name."""
    parts = _field(event, "participants", None)
    if parts:
        return [(str(_field(p, "role", "")), str(_field(p, "name", "") or p.span.text), p.span) for p in parts]
    return [("agent", actor, None) for actor in _field(event, "actors", ())]


def event_rows(event: Any, dates: dict[str, DateFact], figures: dict[str, FigureFact]) -> Rows:
    rows: Rows = []
    for label in ("type", "event_class", "factuality", "source"):
        value = _field(event, label, None)
        if value:
            rows.append(("class" if label == "event_class" else label, str(value)))
    rows.append(("what", event.description))
    rows += [(role, name) for role, name, _ in _roles(event)]
    if event.location:
        rows.append(("place", event.location))
    time = _field(event, "time", None)
    if time is not None and _field(time, "value", None):
        rows.append(("time", str(time.value)))
    rows += [("date", f"{dates[i].span.text} = {dates[i].value}") for i in event.date_ids if i in dates]
    rows += [("figure", f"{figures[i].span.text}") for i in event.figure_ids if i in figures]
    salience = _field(event, "salience", None)
    if salience is not None:
        rows.append(("salience", f"{float(salience):.2f}"))
    return rows


def collect(sheet: FactSheet) -> tuple[list[Mark], dict[str, dict[str, Any]]]:
    """Every mark of the sheet and, per fact id, its kind, title, tooltip rows and related ids."""
    text = sheet.text
    marks: list[Mark] = []
    info: dict[str, dict[str, Any]] = {}
    dates, figures = {d.id: d for d in sheet.dates}, {f.id: f for f in sheet.figures}
    for d in sheet.dates:
        marks.append(Mark(d.span.start, d.span.end, "date", (d.id,)))
        info[d.id] = {"k": "date", "t": d.span.text, "r": date_rows(d), "x": []}
    for f in sheet.figures:
        marks.append(Mark(f.span.start, f.span.end, "figure", (f.id,)))
        info[f.id] = {"k": "figure", "t": f.span.text, "r": figure_rows(f), "x": []}
    for ev in sheet.events:
        trigger = ev.trigger or ev.span
        related = [ev.id, *ev.date_ids, *ev.figure_ids]
        marks.append(Mark(ev.span.start, ev.span.end, "evidence", (ev.id,)))
        mentions = [trigger, *(m for m in _field(ev, "mentions", ()) if m != trigger)]
        marks += [Mark(m.start, m.end, "trigger", (ev.id,)) for m in mentions]
        info[ev.id] = {"k": "trigger", "t": trigger.text, "r": event_rows(ev, dates, figures), "x": related}
        for linked in (*ev.date_ids, *ev.figure_ids):
            if linked in info:
                info[linked]["x"].append(ev.id)  # a date or figure lights up the events it belongs to
        for n, (role, name, span) in enumerate(_roles(ev)):
            span = span or _located(text, name, ev.span)
            if span is not None:
                pid = f"{ev.id}.p{n}"
                marks.append(Mark(span.start, span.end, "participant", (pid,)))
                info[pid] = {
                    "k": "participant",
                    "t": span.text,
                    "r": [("role", role), ("name", name), ("in", f"{ev.id} {trigger.text}")],
                    "x": related,
                }
        place = _field(ev, "location_span", None) or (_located(text, ev.location, ev.span) if ev.location else None)
        if place is not None:
            lid = f"{ev.id}.loc"
            marks.append(Mark(place.start, place.end, "place", (lid,)))
            info[lid] = {
                "k": "place",
                "t": place.text,
                "r": [("place", ev.location or place.text), ("in", f"{ev.id} {trigger.text}")],
                "x": related,
            }
    return marks, info

"""The answer models of the ``extract`` strategy: verdicts on code's records by id, and additions.

With a validation context every part is checked (``verify.drafts.Checker``): a failure is sent
back by instructor as the re-ask, and what still fails after the retries is rejected with its reason.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from factx._types import EventType, Factuality
from factx.verify.ground import ground


class _Answer(BaseModel):
    """A model answer: unknown keys are ignored, every list and string is bounded."""

    model_config = ConfigDict(extra="ignore")


class RecordVerdict(_Answer):
    """The model's word on one of code's events: keep it for the reader, and optional corrections."""

    id: str = Field(max_length=10, description="the id of a listed event")
    keep: bool = Field(description="true if a reader of the news would list this event")
    type: EventType | None = None
    factuality: Factuality | None = None


class DraftRole(_Answer):
    role: str = Field(max_length=20, description="agent, patient, theme or recipient")
    name: str = Field(max_length=80, description="exact words of the passage naming the participant")


class EventDraft(_Answer):
    """An event the listed ones miss, quoted from the passage."""

    quote: str = Field(max_length=400, description="the exact words of the passage that state the event")
    trigger: str = Field(max_length=40, description="the word in the quote that names the event")
    description: str = Field(max_length=200, description="a statement in the quote's words")
    type: EventType = "other"
    factuality: Factuality = "asserted"
    actors: list[str] = Field(default_factory=list, max_length=6, description="who did it, as the passage names them")
    participants: list[DraftRole] = Field(default_factory=list, max_length=6)
    location: str | None = Field(default=None, max_length=80)
    date_ids: list[str] = Field(default_factory=list, max_length=6)
    figure_ids: list[str] = Field(default_factory=list, max_length=6)


class FigureCount(_Answer):
    figure_id: str = Field(max_length=10)
    counts: str = Field(max_length=60, description="what the figure counts, e.g. 'troops', 'deaths'")


class ExtraDate(_Answer):
    quote: str = Field(max_length=80, description="exact words of a date the list missed")
    value: str | None = Field(default=None, max_length=30, description="its TIMEX3 value, if known")


class ExtraFigure(_Answer):
    quote: str = Field(max_length=80, description="exact words of a figure the list missed")
    value: float | None = None
    unit: str | None = Field(default=None, max_length=30)


class PassageReading(_Answer):
    """The answer for one passage. With a validation context, every part must be supported."""

    records: list[RecordVerdict] = Field(default_factory=list, max_length=40)
    events: list[EventDraft] = Field(default_factory=list, max_length=8)
    figure_counts: list[FigureCount] = Field(default_factory=list, max_length=20)
    extra_dates: list[ExtraDate] = Field(default_factory=list, max_length=6)
    extra_figures: list[ExtraFigure] = Field(default_factory=list, max_length=6)

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> PassageReading:
        ctx = info.context
        if not ctx:
            return self
        found = problems_of(self, ctx)
        if found:
            hint = ". Copy quotes exactly from the passage, use only listed ids, and state only what it says."
            raise ValueError("; ".join(found[:8]) + hint)
        return self


def problems_of(reading: PassageReading, ctx: dict[str, Any]) -> list[str]:
    """Every way the reading fails its checks (empty when every part is supported)."""
    out: list[str] = []
    for n, verdict in enumerate(reading.records):
        out += [f"records[{n}]: {p}" for p in ctx["check"].verdict(verdict)]
    for n, ev in enumerate(reading.events):
        out += [f"events[{n}]: {p}" for p in event_problems(ev, ctx)]
    for n, fc in enumerate(reading.figure_counts):
        if fc.figure_id not in ctx["figure_ids"]:
            out.append(f"figure_counts[{n}]: unknown figure id {fc.figure_id!r}")
    quotes = [("extra_dates", n, x.quote) for n, x in enumerate(reading.extra_dates)]
    quotes += [("extra_figures", n, x.quote) for n, x in enumerate(reading.extra_figures)]
    for kind, n, quote in quotes:
        if ground(quote, ctx["passage"]) is None:
            out.append(f"{kind}[{n}]: quote {quote!r} is not in the passage")
    return out


def event_problems(ev: EventDraft, ctx: dict[str, Any]) -> list[str]:
    """An added event's problems: unknown ids, then every check of its parts against its evidence."""
    problems = [f"unknown date id {i!r}" for i in ev.date_ids if i not in ctx["date_ids"]]
    problems += [f"unknown figure id {i!r}" for i in ev.figure_ids if i not in ctx["figure_ids"]]
    _fact, found = ctx["check"].draft(ev, ctx["window"])
    return problems + list(found)

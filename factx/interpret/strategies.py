"""Interpret stage: the model's part, through a backend, with constrained, checkable answers.

Two strategies share the verification that follows:
- ``choose`` (the default for the embedded 135M model): code finds candidate event clauses and
  keeps the main-clause ones; for subordinate clauses the model answers, per offered id, whether
  it is a news event (one constrained true/false per id; it cannot skip or invent one).
- ``extract`` (the default for remote models): the model reads a passage, quotes each event,
  links the dates and figures code found by id, and may add ones code missed. Quotes that are not
  in the passage fail validation: instructor re-asks, and what still fails is rejected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    create_model,
    model_validator,
)

from factx._errors import FactxModelError
from factx._types import DateFact, FigureFact, Rejection, Usage
from factx.backends.base import Backend
from factx.detect.events import EventCandidate, Sentence
from factx.interpret.prompts import PROMPTS
from factx.verify.ground import Window, ground

Strategy = Literal["choose", "extract"]


@dataclass
class Interpretation:
    """What the model proposed, already checked against the source."""

    chosen: list[str] = field(default_factory=list)
    events: list[tuple[Window, EventDraft]] = field(default_factory=list)
    counts: dict[str, str] = field(default_factory=dict)
    extra_dates: list[tuple[Window, ExtraDate]] = field(default_factory=list)
    extra_figures: list[tuple[Window, ExtraFigure]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    windows: list[Window] = field(default_factory=list)
    """The passages the model was asked about (``extract``)."""


# ---- choose ---------------------------------------------------------------------------------


def choice_model(candidates: Sequence[EventCandidate], text: str) -> type[BaseModel]:
    """One required true/false answer per offered id: the grammar cannot skip or invent an id."""
    fields: Any = {c.key: (bool, Field(description=text[c.trigger[0] : c.trigger[1]])) for c in candidates}
    return create_model("EventChoice", **fields)


def choose(
    backend: Backend,
    text: str,
    sentences: Sequence[Sentence],
    candidates: Sequence[EventCandidate],
    *,
    max_retries: int,
) -> Interpretation:
    """Main-clause candidates are kept; for the others, one small request a sentence: event or not?"""
    result = Interpretation(chosen=[c.key for c in candidates if c.main])
    by_sentence: dict[int, list[EventCandidate]] = {}
    for cand in candidates:
        if not cand.main:
            by_sentence.setdefault(cand.sentence, []).append(cand)
    for index, group in sorted(by_sentence.items()):
        sent = sentences[index]
        listing = "\n".join(f"{c.key}: {text[c.trigger[0] : c.trigger[1]]} ({c.description})" for c in group)
        messages = PROMPTS["choose_events"].messages(
            sentence=" ".join(text[sent.start : sent.end].split()), candidates=listing
        )
        try:
            reply = backend.complete(
                choice_model(group, text), messages, max_retries=max_retries, max_tokens=16 + 10 * len(group)
            )
        except FactxModelError as exc:
            result.usage = result.usage + _usage_of(exc)
            result.rejected.append(
                Rejection(
                    kind="event",
                    reason="model answer invalid after retries",
                    proposed=str(exc.last_output),
                    detail=str(exc),
                )
            )
            continue
        result.usage = result.usage + reply.usage
        answers = reply.value.model_dump()
        result.chosen.extend(c.key for c in group if answers.get(c.key) is True)
    result.chosen.sort(key=lambda key: int(key[1:]))
    return result


# ---- extract --------------------------------------------------------------------------------


class _Answer(BaseModel):
    """A model answer: unknown keys are ignored, every list and string is bounded."""

    model_config = ConfigDict(extra="ignore")


class EventDraft(_Answer):
    quote: str = Field(max_length=400, description="the exact words of the passage that state the event")
    trigger: str = Field(max_length=40, description="the word in the quote that names the event")
    description: str = Field(max_length=200)
    actors: list[str] = Field(default_factory=list, max_length=6)
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
    """The answer for one passage. With a validation context, every quote must be in the passage."""

    events: list[EventDraft] = Field(default_factory=list, max_length=12)
    figure_counts: list[FigureCount] = Field(default_factory=list, max_length=20)
    extra_dates: list[ExtraDate] = Field(default_factory=list, max_length=6)
    extra_figures: list[ExtraFigure] = Field(default_factory=list, max_length=6)

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> PassageReading:
        ctx = info.context
        if not ctx:
            return self
        problems = problems_of(self, ctx["passage"], ctx["date_ids"], ctx["figure_ids"])
        if problems:
            hint = ". Copy quotes exactly from the passage and use only listed ids."
            raise ValueError("; ".join(problems[:8]) + hint)
        return self


def problems_of(reading: PassageReading, passage: str, date_ids: set[str], figure_ids: set[str]) -> list[str]:
    """Every way the reading fails to match the passage (empty when it is fully grounded)."""
    problems: list[str] = []
    for n, ev in enumerate(reading.events):
        problems += [f"events[{n}]: {p}" for p in event_problems(ev, passage, date_ids, figure_ids)]
    for n, fc in enumerate(reading.figure_counts):
        if fc.figure_id not in figure_ids:
            problems.append(f"figure_counts[{n}]: unknown figure id {fc.figure_id!r}")
    quotes = [("extra_dates", n, x.quote) for n, x in enumerate(reading.extra_dates)]
    quotes += [("extra_figures", n, x.quote) for n, x in enumerate(reading.extra_figures)]
    for kind, n, quote in quotes:
        if ground(quote, passage) is None:
            problems.append(f"{kind}[{n}]: quote {quote!r} is not in the passage")
    return problems


def event_problems(ev: EventDraft, passage: str, date_ids: set[str], figure_ids: set[str]) -> list[str]:
    found = ground(ev.quote, passage)
    if found is None:
        return [f"quote {ev.quote!r} is not in the passage"]
    problems = []
    if ground(ev.trigger, found[0].text) is None:
        problems.append(f"trigger {ev.trigger!r} is not in its quote")
    problems += [f"unknown date id {i!r}" for i in ev.date_ids if i not in date_ids]
    problems += [f"unknown figure id {i!r}" for i in ev.figure_ids if i not in figure_ids]
    return problems


def passages(text: str, sentences: Sequence[Sentence], limit: int = 1200) -> list[tuple[int, int]]:
    """Consecutive sentences joined into passages of at most ``limit`` characters (one request each)."""
    spans: list[tuple[int, int]] = []
    for sent in sentences:
        if not text[sent.start : sent.end].strip():
            continue
        if spans and sent.end - spans[-1][0] <= limit:
            spans[-1] = (spans[-1][0], sent.end)
        else:
            spans.append((sent.start, sent.end))
    return spans


def extract(
    backend: Backend,
    text: str,
    sentences: Sequence[Sentence],
    dates: Sequence[DateFact],
    figures: Sequence[FigureFact],
    *,
    max_retries: int,
) -> Interpretation:
    """One request per passage; quotes verified, unknown ids and ungrounded facts rejected."""
    result = Interpretation()
    for start, end in passages(text, sentences):
        result.windows.append((start, end))
        passage = text[start:end]
        here_d = [d for d in dates if start <= d.span.start and d.span.end <= end]
        here_f = [f for f in figures if start <= f.span.start and f.span.end <= end]
        messages = PROMPTS["extract_facts"].messages(
            passage=passage,
            dates="\n".join(f"{d.id}: {d.span.text} = {d.value}" for d in here_d) or "(none)",
            figures="\n".join(f"{f.id}: {f.span.text} = {f.value:g} {f.unit or ''}".rstrip() for f in here_f)
            or "(none)",
        )
        ctx = {"passage": passage, "date_ids": {d.id for d in here_d}, "figure_ids": {f.id for f in here_f}}
        try:
            reply = backend.complete(PassageReading, messages, context=ctx, max_retries=max_retries, max_tokens=1500)
            reading, attempts = reply.value, 0
            result.usage = result.usage + reply.usage
        except FactxModelError as exc:
            result.usage = result.usage + _usage_of(exc)
            lenient, attempts = _lenient(exc, result), exc.attempts
            if lenient is None:
                continue
            reading = lenient
        _keep_grounded(reading, ctx, (start, end), attempts, result)
    return result


def _lenient(exc: FactxModelError, result: Interpretation) -> PassageReading | None:
    """The last answer, parsed without the grounding check, so good facts in it are not lost."""
    try:
        return PassageReading.model_validate_json(str(exc.last_output or ""))
    except ValidationError as parse_error:
        result.rejected.append(
            Rejection(
                kind="event",
                reason="model answer unreadable after retries",
                proposed=str(exc.last_output),
                detail=str(parse_error)[:500],
            )
        )
        return None


def _keep_grounded(
    reading: PassageReading, ctx: dict[str, Any], window: Window, attempts: int, result: Interpretation
) -> None:
    after = f" after {attempts} attempts" if attempts else ""
    for ev in reading.events:
        problems = event_problems(ev, ctx["passage"], ctx["date_ids"], ctx["figure_ids"])
        if problems:
            result.rejected.append(
                Rejection(
                    kind="event",
                    reason=f"not grounded{after}",
                    proposed=ev.model_dump_json(),
                    detail="; ".join(problems),
                )
            )
        else:
            result.events.append((window, ev))
    for fc in reading.figure_counts:
        if fc.figure_id in ctx["figure_ids"]:
            result.counts[fc.figure_id] = fc.counts.strip()
    for extra_date in reading.extra_dates:
        if _grounded_extra("date", extra_date.quote, extra_date, ctx["passage"], after, result):
            result.extra_dates.append((window, extra_date))
    for extra_figure in reading.extra_figures:
        if _grounded_extra("figure", extra_figure.quote, extra_figure, ctx["passage"], after, result):
            result.extra_figures.append((window, extra_figure))


def _grounded_extra(
    kind: Literal["date", "figure"], quote: str, extra: BaseModel, passage: str, after: str, result: Interpretation
) -> bool:
    if ground(quote, passage) is not None:
        return True
    result.rejected.append(Rejection(kind=kind, reason=f"quote not in text{after}", proposed=extra.model_dump_json()))
    return False


def _usage_of(exc: FactxModelError) -> Usage:
    return exc.usage if isinstance(exc.usage, Usage) else Usage()

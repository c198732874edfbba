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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, create_model

from factx._errors import FactxModelError
from factx._types import DateFact, EventFact, FigureFact, Rejection, Usage
from factx.backends.base import Backend
from factx.detect.events import EventCandidate, Sentence
from factx.interpret.answers import ExtraDate, ExtraFigure, PassageReading, event_problems
from factx.interpret.prompts import PROMPTS
from factx.verify.drafts import Checker
from factx.verify.ground import Window, ground
from factx.verify.records import LISTED, Override, salience

Strategy = Literal["choose", "extract"]


@dataclass
class Interpretation:
    """What the model proposed, already checked against the source."""

    overrides: dict[str, Override] = field(default_factory=dict)
    """Per code mention: keep it in the reader's list or not, and checked corrections."""
    added: list[EventFact] = field(default_factory=list)
    """Events the model added that passed every check (``extract``)."""
    counts: dict[str, str] = field(default_factory=dict)
    extra_dates: list[tuple[Window, ExtraDate]] = field(default_factory=list)
    extra_figures: list[tuple[Window, ExtraFigure]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    windows: list[Window] = field(default_factory=list)
    """The passages the model was asked about (``extract``)."""


# ---- choose ---------------------------------------------------------------------------------

BATCH_IDS = 10
BATCH_CHARS = 900
"""One request answers for up to this many ids, over sentences of at most this many characters."""
CHOOSE_VOTE = 0.05
"""How far a ``choose`` answer moves a mention's salience: a tie-break near the cut. One bit per id
with little context carries little: SmolLM2's answers agreed with WikiEvents dev gold on 44 % of
the mentions it was asked about (148/333), no better than chance (BENCHMARKS.md)."""
ASK_BAND = (LISTED - CHOOSE_VOTE, LISTED + CHOOSE_VOTE)
"""Only mentions whose listing the answer can change are asked about."""


LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""A request names its mentions by one letter each: one token per id in the answer, not two or three."""


def choice_model(labels: Sequence[str], candidates: Sequence[EventCandidate], text: str) -> type[BaseModel]:
    """One required true/false answer per offered label: the grammar cannot skip or invent one."""
    fields: Any = {
        label: (bool, Field(description=text[c.trigger[0] : c.trigger[1]]))
        for label, c in zip(labels, candidates, strict=True)
    }
    return create_model("EventChoice", **fields)


def asked(candidates: Sequence[EventCandidate], scores: Mapping[str, float] | None = None) -> list[EventCandidate]:
    """The mentions the model is asked about: lexicon events whose record sits near the cut (``scores``,
    else the mention's own salience), never reporting or state ones."""
    low, high = ASK_BAND
    given = scores or {}
    return [
        c
        for c in candidates
        if c.event_class not in ("REPORTING", "STATE", "I_STATE")
        and low <= given.get(c.key, salience(c)) < high
        and c.lexical
    ]


def batches(text: str, sentences: Sequence[Sentence], offered: Sequence[EventCandidate]) -> list[list[EventCandidate]]:
    """Consecutive offered mentions grouped so one request covers several sentences."""
    out: list[list[EventCandidate]] = []
    chars = 0
    for cand in offered:
        size = sentences[cand.sentence].end - sentences[cand.sentence].start
        fresh = not out or cand.sentence != out[-1][-1].sentence
        if out and len(out[-1]) < BATCH_IDS and (not fresh or chars + size <= BATCH_CHARS):
            out[-1].append(cand)
            chars += size if fresh else 0
        else:
            out.append([cand])
            chars = size
    return out


def choose(
    backend: Backend,
    text: str,
    sentences: Sequence[Sentence],
    candidates: Sequence[EventCandidate],
    *,
    max_retries: int,
    scores: Mapping[str, float] | None = None,
) -> Interpretation:
    """Code builds every record; the model answers, per borderline mention, whether a reader lists it.

    Several sentences' mentions share one request (one required boolean per id).
    """
    result = Interpretation()
    for group in batches(text, sentences, asked(candidates, scores)):
        seen = sorted({c.sentence for c in group})
        labels = LABELS[: len(group)]
        listing = "\n".join(
            f"{label}: {text[c.trigger[0] : c.trigger[1]]} ({c.description})"
            for label, c in zip(labels, group, strict=True)
        )
        numbered = "\n".join(
            f"[{n}] " + " ".join(text[sentences[i].start : sentences[i].end].split()) for n, i in enumerate(seen, 1)
        )
        messages = PROMPTS["choose_events"].messages(sentences=numbered, candidates=listing)
        try:
            reply = backend.complete(
                choice_model(labels, group, text), messages, max_retries=max_retries, max_tokens=16 + 10 * len(group)
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
        for label, cand in zip(labels, group, strict=True):
            if isinstance(answers.get(label), bool):
                result.overrides[cand.key] = Override(keep=answers[label], vote=CHOOSE_VOTE)
    return result


# ---- extract --------------------------------------------------------------------------------


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


def _listing(cand: EventCandidate, fact: EventFact) -> str:
    agents = ", ".join(fact.actors) or "-"
    return f"{cand.key}: [{fact.type}, {fact.factuality}] {fact.description} (agent: {agents})"


def extract(
    backend: Backend,
    text: str,
    sentences: Sequence[Sentence],
    candidates: Sequence[EventCandidate],
    mentions: Sequence[EventFact],
    checker: Checker,
    dates: Sequence[DateFact],
    figures: Sequence[FigureFact],
    *,
    max_retries: int,
) -> Interpretation:
    """One request per passage: the model keeps, corrects or drops code's events by id and adds missed ones.

    Every verdict and addition passes the same checks as code's records (re-asked, then rejected).
    """
    result = Interpretation()
    for start, end in passages(text, sentences):
        result.windows.append((start, end))
        passage = text[start:end]
        here_d = [d for d in dates if start <= d.span.start and d.span.end <= end]
        here_f = [f for f in figures if start <= f.span.start and f.span.end <= end]
        here_e = [(c, m) for c, m in zip(candidates, mentions, strict=False) if start <= c.trigger[0] < end]
        messages = PROMPTS["extract_facts"].messages(
            passage=passage,
            events="\n".join(_listing(c, m) for c, m in here_e) or "(none)",
            dates="\n".join(f"{d.id}: {d.span.text} = {d.value}" for d in here_d) or "(none)",
            figures="\n".join(f"{f.id}: {f.span.text} = {f.value:g} {f.unit or ''}".rstrip() for f in here_f)
            or "(none)",
        )
        ctx = {
            "passage": passage,
            "window": (start, end),
            "check": checker,
            "date_ids": {d.id for d in here_d},
            "figure_ids": {f.id for f in here_f},
        }
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
        _keep_supported(reading, ctx, attempts, result)
    return result


def _lenient(exc: FactxModelError, result: Interpretation) -> PassageReading | None:
    """The last answer, parsed without the checks, so its supported parts are not lost."""
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


def _keep_supported(reading: PassageReading, ctx: dict[str, Any], attempts: int, result: Interpretation) -> None:
    after = f" after {attempts} attempts" if attempts else ""
    checker: Checker = ctx["check"]
    for verdict in reading.records:
        found = checker.verdict(verdict)
        if found and verdict.id in checker.mentions:
            result.rejected.append(
                Rejection(kind="event", reason=f"correction not supported{after}; code's record kept",
                          proposed=verdict.model_dump_json(), detail="; ".join(found))
            )
            result.overrides[verdict.id] = Override(keep=verdict.keep)
        elif not found:
            result.overrides[verdict.id] = Override(keep=verdict.keep, type=verdict.type, factuality=verdict.factuality)
    for ev in reading.events:
        found = event_problems(ev, ctx)
        fact, _ = checker.draft(ev, ctx["window"])
        if found or fact is None:
            result.rejected.append(
                Rejection(kind="event", reason=f"not supported by the text{after}", proposed=ev.model_dump_json(),
                          detail="; ".join(found))
            )
        else:
            result.added.append(fact)
    for fc in reading.figure_counts:
        if fc.figure_id in ctx["figure_ids"]:
            result.counts[fc.figure_id] = fc.counts.strip()
    for extra_date in reading.extra_dates:
        if _grounded_extra("date", extra_date.quote, extra_date, ctx["passage"], after, result):
            result.extra_dates.append((ctx["window"], extra_date))
    for extra_figure in reading.extra_figures:
        if _grounded_extra("figure", extra_figure.quote, extra_figure, ctx["passage"], after, result):
            result.extra_figures.append((ctx["window"], extra_figure))


def _grounded_extra(
    kind: Literal["date", "figure"], quote: str, extra: BaseModel, passage: str, after: str, result: Interpretation
) -> bool:
    if ground(quote, passage) is not None:
        return True
    result.rejected.append(Rejection(kind=kind, reason=f"quote not in text{after}", proposed=extra.model_dump_json()))
    return False


def _usage_of(exc: FactxModelError) -> Usage:
    return exc.usage if isinstance(exc.usage, Usage) else Usage()

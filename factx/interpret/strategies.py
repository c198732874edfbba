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

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, create_model

from factx._errors import FactxModelError
from factx._types import DateFact, EventFact, FigureFact, Rejection, Usage
from factx.backends.base import Backend
from factx.detect.events import EventCandidate, Sentence
from factx.interpret.prompts import PROMPTS
from factx.verify.answers import CONTEXT_KEY, MAX_VERDICTS, ExtraDate, ExtraFigure, PassageReading
from factx.verify.drafts import Checker, Correction, PassageContext, Problem
from factx.verify.ground import Window, ground

Strategy = Literal["choose", "extract"]


@dataclass
class Interpretation:
    """What the model proposed, already checked against the source."""

    corrections: dict[str, Correction] = field(default_factory=dict)
    """Per code mention (candidate key): keep it in the reader's list or not, and its checked parts."""
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


LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""A request names its mentions by one letter each: one token per id in the answer, not two or three."""


def choice_model(labels: Sequence[str], candidates: Sequence[EventCandidate], text: str) -> type[BaseModel]:
    """One required true/false answer per offered label: the grammar cannot skip or invent one."""
    fields: Any = {
        label: (bool, Field(description=text[c.trigger[0] : c.trigger[1]]))
        for label, c in zip(labels, candidates, strict=True)
    }
    return create_model("EventChoice", **fields)


def asked(candidates: Sequence[EventCandidate], scores: Mapping[str, float], cut: float) -> list[EventCandidate]:
    """The mentions the model is asked about: lexicon events whose record's salience (``scores``) sits
    within one vote of the reader's ``cut`` (only there can the answer change the list), never
    reporting or state ones."""
    return [
        c
        for c in candidates
        if c.event_class not in ("REPORTING", "STATE", "I_STATE")
        and c.key in scores
        and cut - CHOOSE_VOTE <= scores[c.key] < cut + CHOOSE_VOTE
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


async def choose(
    backend: Backend,
    text: str,
    sentences: Sequence[Sentence],
    candidates: Sequence[EventCandidate],
    *,
    max_retries: int,
    scores: Mapping[str, float],
    cut: float,
) -> Interpretation:
    """Code builds every record; the model answers, per borderline mention, whether a reader lists it.

    Several sentences' mentions share one request (one required boolean per id).
    """
    result = Interpretation()
    for group in batches(text, sentences, asked(candidates, scores, cut)):
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
            reply = await backend.acomplete(
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
                result.corrections[cand.key] = Correction(keep=answers[label], vote=CHOOSE_VOTE)
    return result


# ---- extract --------------------------------------------------------------------------------


PASSAGE_CHARS = 1200
CONCURRENCY_PER_DOCUMENT = 8
"""A document's passage requests in flight at once (answers still applied in passage order)."""


def passages(
    text: str,
    sentences: Sequence[Sentence],
    limit: int = PASSAGE_CHARS,
    candidates: Sequence[EventCandidate] = (),
    most: int = MAX_VERDICTS,
) -> list[tuple[int, int]]:
    """Consecutive sentences joined into passages of at most ``limit`` characters and ``most`` listed
    events (so an answer can judge every one), one request each."""
    per_sentence = [0] * len(sentences)
    for c in candidates:
        if 0 <= c.sentence < len(per_sentence):
            per_sentence[c.sentence] += 1
    spans: list[tuple[int, int]] = []
    listed = 0
    for n, sent in enumerate(sentences):
        if not text[sent.start : sent.end].strip():
            continue
        if spans and sent.end - spans[-1][0] <= limit and listed + per_sentence[n] <= most:
            spans[-1] = (spans[-1][0], sent.end)
            listed += per_sentence[n]
        else:
            spans.append((sent.start, sent.end))
            listed = per_sentence[n]
    return spans


def _listing(cand: EventCandidate, fact: EventFact, text: str) -> str:
    """One listed event as the model reads it: id, trigger, type, factuality, and code's reading of its parts."""
    parts = [f'{cand.key}: "{text[cand.trigger[0] : cand.trigger[1]]}" [{fact.type}, {fact.factuality}]']
    parts.append(fact.description)
    roles = "; ".join(f"{p.role}: {p.span.text}" for p in fact.participants)
    parts.append(f"({roles or 'no participants'}")
    if fact.location:
        parts[-1] += f"; place: {fact.location}"
    if fact.date_ids:
        parts[-1] += f"; dates: {', '.join(fact.date_ids)}"
    if fact.source:
        parts[-1] += f"; source: {fact.source}"
    parts[-1] += ")"
    return " ".join(parts)


ANSWER_TOKENS = (400, 40, 2000)
"""An answer's token budget: a base for additions, counts and extra facts, a share per listed event
(a verdict restating its parts), and a ceiling: a model that loops is stopped, a full one is not."""


def answer_tokens(listed: int) -> int:
    """The ``max_tokens`` of a passage's request with ``listed`` events to judge."""
    base, per_event, ceiling = ANSWER_TOKENS
    return min(ceiling, base + per_event * listed)


@dataclass(frozen=True)
class _Ask:
    """One passage's request: its messages and the validation context its answer is checked with."""

    messages: list[dict[str, Any]]
    ctx: PassageContext


async def extract(
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
    concurrency: int = CONCURRENCY_PER_DOCUMENT,
) -> Interpretation:
    """One request per passage: the model keeps or drops code's events by id, restates their parts and
    adds missed ones. Up to ``concurrency`` requests are in flight; answers apply in passage order.

    Every part of every verdict and addition is checked on its own (re-asked, then refused alone).
    """
    result = Interpretation()
    asks = []
    for start, end in passages(text, sentences, candidates=candidates):
        result.windows.append((start, end))
        asks.append(_ask(text, (start, end), candidates, mentions, checker, dates, figures))

    gate = asyncio.Semaphore(concurrency)

    async def send(ask: _Ask) -> tuple[PassageReading | None, Usage, FactxModelError | None]:
        async with gate:
            try:
                reply = await backend.acomplete(
                    PassageReading,
                    ask.messages,
                    context={CONTEXT_KEY: ask.ctx},
                    max_retries=max_retries,
                    max_tokens=answer_tokens(len(ask.ctx.event_ids)),
                )
            except FactxModelError as exc:
                return None, _usage_of(exc), exc
        return reply.value, reply.usage, None

    tasks = [asyncio.ensure_future(send(ask)) for ask in asks]
    try:
        replies = await asyncio.gather(*tasks)
    except BaseException:  # the document ends (its deadline, a backend error): so do its other requests
        for task in tasks:
            task.cancel()
        raise
    for ask, (reading, usage, failure) in zip(asks, replies, strict=True):
        result.usage = result.usage + usage
        attempts = 0
        if failure is not None:
            reading, attempts = _lenient(failure, result), failure.attempts
        if reading is not None:
            _keep_supported(reading, ask.ctx, attempts, result)
    return result


def _ask(
    text: str,
    window: Window,
    candidates: Sequence[EventCandidate],
    mentions: Sequence[EventFact],
    checker: Checker,
    dates: Sequence[DateFact],
    figures: Sequence[FigureFact],
) -> _Ask:
    start, end = window
    here_d = [d for d in dates if start <= d.span.start and d.span.end <= end]
    here_f = [f for f in figures if start <= f.span.start and f.span.end <= end]
    here_e = [(c, m) for c, m in zip(candidates, mentions, strict=False) if start <= c.trigger[0] < end]
    messages = PROMPTS["extract_facts"].messages(
        passage=text[start:end],
        events="\n".join(_listing(c, m, text) for c, m in here_e) or "(none)",
        dates="\n".join(f"{d.id}: {d.span.text} = {d.value}" for d in here_d) or "(none)",
        figures="\n".join(f"{f.id}: {f.span.text} = {f.value:g} {f.unit or ''}".rstrip() for f in here_f) or "(none)",
    )
    ctx = PassageContext(
        passage=text[start:end],
        window=window,
        check=checker,
        date_ids=frozenset(d.id for d in here_d),
        figure_ids=frozenset(f.id for f in here_f),
        event_ids=frozenset(c.key for c, _ in here_e),
    )
    return _Ask(messages, ctx)


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


def _refused(problems: Sequence[Problem], what: str, proposed: str, after: str) -> Rejection:
    """One rejection per refused answer part group: the reason names what, the detail every part and why."""
    return Rejection(
        kind="event",
        reason=f"{what} not supported by the text{after}",
        proposed=proposed,
        detail="; ".join(str(p) for p in problems),
    )


def _keep_supported(reading: PassageReading, ctx: PassageContext, attempts: int, result: Interpretation) -> None:
    """Every part that passed its check is kept; each failing part is refused alone with its reason."""
    after = f" after {attempts} attempt{'s' if attempts != 1 else ''}" if attempts else ""
    _keep_events(reading, ctx, after, result)
    for fc in reading.figure_counts:
        if fc.figure_id in ctx.figure_ids:
            result.counts[fc.figure_id] = fc.counts.strip()
    for extra_date in reading.extra_dates:
        if _grounded_extra("date", extra_date.quote, extra_date, ctx.passage, after, result):
            result.extra_dates.append((ctx.window, extra_date))
    for extra_figure in reading.extra_figures:
        if _grounded_extra("figure", extra_figure.quote, extra_figure, ctx.passage, after, result):
            result.extra_figures.append((ctx.window, extra_figure))


def _keep_events(reading: PassageReading, ctx: PassageContext, after: str, result: Interpretation) -> None:
    """Verdicts become checked corrections, additions checked records; what failed is named in ``rejected``."""
    for verdict in reading.records:
        checked = ctx.check.judge(verdict, ctx)
        if checked.problems:
            what = "verdict" if any(p.part == "id" for p in checked.problems) else "part of a verdict"
            result.rejected.append(_refused(checked.problems, what, verdict.model_dump_json(), after))
        if verdict.id in ctx.event_ids:
            result.corrections[verdict.id] = checked.correction
    for ev in reading.events:
        fact, found = ctx.check.draft(ev, ctx)
        if found:
            what = "added event" if fact is None else "part of an added event"
            result.rejected.append(_refused(found, what, ev.model_dump_json(), after))
        if fact is not None:
            result.added.append(fact)


def _grounded_extra(
    kind: Literal["date", "figure"], quote: str, extra: BaseModel, passage: str, after: str, result: Interpretation
) -> bool:
    if ground(quote, passage) is not None:
        return True
    result.rejected.append(Rejection(kind=kind, reason=f"quote not in text{after}", proposed=extra.model_dump_json()))
    return False


def _usage_of(exc: FactxModelError) -> Usage:
    return exc.usage or Usage()

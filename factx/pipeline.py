"""The whole flow: text -> detect -> interpret (model) -> verify and merge -> FactSheet.

A text longer than ``PIECE_CHARS`` goes through the same flow piece by piece (``_in_pieces``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from factx._errors import FactxInputError
from factx._inputs import MAX_TEXT_CHARS, check_options, check_reference_date, check_text
from factx._types import DateFact, EventFact, FactSheet, FigureFact
from factx.backends import Backend, Budgeted, LlamaCppBackend, default_timeout, resolve_backend
from factx.backends.cache import CachedBackend
from factx.backends.portal import run_sync
from factx.backends.wrap import unwrap
from factx.build.records import LISTED, apply, assemble, cut, fold_groups, mention_facts, record_scores
from factx.detect.dates import find_dates, resolve_date
from factx.detect.events import Analysis, analyse
from factx.detect.figures import add_counts, find_figures, parse_figure
from factx.detect.parse import join
from factx.detect.pieces import PIECE_CHARS, dates_in_pieces, pieces
from factx.interpret.strategies import CONCURRENCY_PER_DOCUMENT, Interpretation, Strategy, choose, extract
from factx.verify.drafts import Checker
from factx.verify.merge import add_extra_dates, add_extra_figures, number, with_counts
from factx.verify.pieces import PieceMerger

_log = logging.getLogger("factx.pipeline")
_DATELINE_WINDOW = 300
_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def extract_facts(
    text: str,
    *,
    reference_date: dt.date | str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    backend: Backend | None = None,
    strategy: Strategy | None = None,
    max_retries: int = 2,
    timeout: float | Literal["auto"] | None = "auto",
    cache: str | Path | None = None,
    concurrency_per_document: int = CONCURRENCY_PER_DOCUMENT,
) -> FactSheet:
    """Typed, grounded facts of ``text``: every date, figure and event with its span of the source.

    ``model`` is ``"openai:NAME"`` (with ``base_url`` for any OpenAI-compatible server) or
    ``"local"``; else ``$FACTX_MODEL``; else the embedded SmolLM2. ``reference_date`` is the
    publication date relative dates resolve against; without it a dateline date is used, else
    relative dates stay unresolved. Code builds every event record; ``strategy`` is ``"choose"``
    (the model answers small yes/no choices about code's records; the embedded default) or
    ``"extract"`` (the model keeps, corrects and adds to code's records by id, under the same checks;
    the default for remote models). ``sheet.events`` is the reader's list, ``sheet.event_mentions``
    every mention. ``timeout`` (seconds; ``"auto"``: 600 per started 250,000 characters) bounds the
    document's model requests, retries included, whatever the server does; past it a
    ``FactxTimeoutError`` carries the usage so far (``None``: no limit). ``cache`` is a directory
    where model answers are kept: a re-run of the same requests makes none. Texts of any length:
    past ``PIECE_CHARS`` they are read in pieces. ``concurrency_per_document`` bounds the document's
    model requests in flight at once (``extract``; answers apply in passage order, so the result
    does not depend on it).
    """
    job = _job(
        text,
        reference_date,
        model,
        base_url,
        api_key,
        backend,
        strategy,
        max_retries,
        timeout,
        concurrency_per_document,
    )
    with _engine(job, cache) as engine:
        return _warn_unresolved(_in_pieces(job, engine))


async def aextract_facts(
    text: str,
    *,
    reference_date: dt.date | str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    backend: Backend | None = None,
    strategy: Strategy | None = None,
    max_retries: int = 2,
    timeout: float | Literal["auto"] | None = "auto",
    cache: str | Path | None = None,
    concurrency_per_document: int = CONCURRENCY_PER_DOCUMENT,
) -> FactSheet:
    """``extract_facts`` on the running event loop: the model requests are awaited there (on an async
    backend no thread waits for them); code's CPU work (parsing, detecting, building) runs in a worker
    thread so the loop is never blocked."""
    job = _job(
        text,
        reference_date,
        model,
        base_url,
        api_key,
        backend,
        strategy,
        max_retries,
        timeout,
        concurrency_per_document,
    )
    with _engine(job, cache) as engine:
        return _warn_unresolved(await _ain_pieces(job, engine))


@contextmanager
def _engine(job: _Job, cache: str | Path | None) -> Iterator[Backend]:
    """The document's backend under its one time budget, behind the answer cache when one is asked for."""
    if cache is None:
        yield Budgeted(job.engine, job.budget)
        return
    with CachedBackend(job.engine, cache) as cached:
        yield Budgeted(cached, job.budget)


@dataclass(frozen=True)
class _Job:
    """One document and how it is read: checked inputs, the backend, strategy, retries, concurrency."""

    text: str
    ref: dt.date | None
    source: Any
    engine: Backend
    budget: float | None
    mode: Strategy
    max_retries: int
    concurrency: int


def _job(
    text: str,
    reference_date: dt.date | str | None,
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    backend: Backend | None,
    strategy: Strategy | None,
    max_retries: int,
    timeout: float | Literal["auto"] | None,
    concurrency: int,
) -> _Job:
    """The caller's inputs checked (a typed error for each mistake) and the backend resolved."""
    text = check_text(text, max_chars=MAX_TEXT_CHARS)
    check_options(timeout=timeout, max_retries=max_retries)
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise FactxInputError(f"concurrency_per_document must be a positive int, got {concurrency!r}")
    budget = default_timeout(len(text)) if timeout == "auto" else timeout
    ref, source = _reference(text, reference_date)
    engine = backend or resolve_backend(model, base_url=base_url, api_key=api_key)
    mode: Strategy = strategy or ("choose" if isinstance(unwrap(engine), LlamaCppBackend) else "extract")
    return _Job(text, ref, source, engine, budget, mode, max_retries, concurrency)


def _warn_unresolved(sheet: FactSheet) -> FactSheet:
    """Log a warning when relative dates stay unresolved for want of a reference date (the sheet is kept)."""
    left = [d for d in sheet.dates if "X" in d.value] if sheet.reference_date is None else []
    if left:
        _log.warning(
            "%d relative date(s) left unresolved (e.g. %r -> %s): no reference_date given and no full date in "
            "the dateline; pass reference_date= (the publication date)",
            len(left),
            left[0].span.text,
            left[0].value,
        )
    return sheet


def _in_pieces(job: _Job, engine: Backend) -> FactSheet:
    """One text at most ``PIECE_CHARS`` long as it is; a longer one piece by piece, merged (linear in length)."""
    if len(job.text) <= PIECE_CHARS:
        return _facts_of(job, job.text, engine)
    spans = pieces(job.text, PIECE_CHARS)
    merger = PieceMerger(job.text)
    for start, end in spans:
        merger.add(start, _facts_of(job, job.text[start:end], engine, first=start == 0))
    return _merged(job, merger, spans, engine)


async def _ain_pieces(job: _Job, engine: Backend) -> FactSheet:
    """``_in_pieces`` with the model awaited and code's work in a worker thread."""
    if len(job.text) <= PIECE_CHARS:
        return await _afacts_of(job, job.text, engine)
    spans = pieces(job.text, PIECE_CHARS)
    merger = PieceMerger(job.text)
    for start, end in spans:
        merger.add(start, await _afacts_of(job, job.text[start:end], engine, first=start == 0))
    return await asyncio.to_thread(_merged, job, merger, spans, engine)


def _merged(job: _Job, merger: PieceMerger, spans: list[tuple[int, int]], engine: Backend) -> FactSheet:
    in_context = dates_in_pieces(job.text, spans, job.ref)
    return merger.sheet(
        model=engine.name, reference_date=job.ref, reference_source=job.source, dates_in_context=in_context
    )


def _facts_of(job: _Job, text: str, engine: Backend, *, first: bool = True) -> FactSheet:
    """Detect, interpret and verify one text (or one piece of a long one; only the first holds the lead)."""
    found = _detect(job, text, first)
    return _finish(job, found, engine, run_sync(_interpret(job, found, engine)))


async def _afacts_of(job: _Job, text: str, engine: Backend, *, first: bool = True) -> FactSheet:
    found = await asyncio.to_thread(_detect, job, text, first)
    reading = await _interpret(job, found, engine)
    return await asyncio.to_thread(_finish, job, found, engine, reading)


@dataclass
class _Found:
    """What code found in one text before the model is asked: facts, the parse, the draft records."""

    text: str
    dates: list[DateFact]
    figures: list[FigureFact]
    analysis: Analysis
    parsed: Any
    draft: list[EventFact]
    groups: list[list[int]] | None
    """Code's coreference groups of the draft, when no answer can regroup them (``choose`` only moves
    salience); ``None`` when a verdict may (``extract``), so they are built once, after it."""


def _detect(job: _Job, text: str, first: bool) -> _Found:
    """Code's pass: dates, figures, event mentions and the draft records, each built once."""
    dates, figures = number(find_dates(text, job.ref), find_figures(text))
    analysis = analyse(text)
    parsed = join(text, analysis.docs)  # the figures' counts read the events' parse, not a second one
    if not first:
        analysis.candidates = [replace(c, lead=False) for c in analysis.candidates]
    draft = mention_facts(text, analysis, dates, figures, job.ref)  # code's records, before any answer
    groups = fold_groups(draft, analysis) if job.mode == "choose" else None
    return _Found(text, dates, figures, analysis, parsed, draft, groups)


async def _interpret(job: _Job, found: _Found, engine: Backend) -> Interpretation:
    """The model's pass: small choices about the records near the cut, or a reading of every passage."""
    analysis = found.analysis
    if found.groups is not None:  # choose
        scores = record_scores(found.groups, found.draft, analysis)
        return await choose(
            engine,
            found.text,
            analysis.sentences,
            analysis.candidates,
            max_retries=job.max_retries,
            scores=scores,
            cut=LISTED,
        )
    checker = Checker(found.text, analysis, {c.key: m for c, m in zip(analysis.candidates, found.draft, strict=True)})
    return await extract(
        engine,
        found.text,
        analysis.sentences,
        analysis.candidates,
        found.draft,
        checker,
        found.dates,
        found.figures,
        max_retries=job.max_retries,
        concurrency=job.concurrency,
    )


def _finish(job: _Job, found: _Found, engine: Backend, reading: Interpretation) -> FactSheet:
    """Verify and build: the model's checked proposals applied to code's records, one sheet."""
    text, ref, analysis = found.text, job.ref, found.analysis
    dates = add_extra_dates(
        text,
        found.dates,
        reading.extra_dates,
        lambda q, at: resolve_date(q, ref, context=text, position=at),
        reading.rejected,
    )
    figures = add_extra_figures(
        text,
        found.figures,
        dates,
        reading.extra_figures,
        lambda q, at: parse_figure(q, context=text),
        reading.rejected,
    )
    mentions = apply(found.draft, analysis, reading.corrections, reading.added, dates)
    same = {key: change.same_as for key, change in reading.corrections.items() if change.same_as}
    groups = found.groups if found.groups is not None else fold_groups(mentions, analysis, same)
    listed, _all_records = cut(assemble(groups, mentions), LISTED)
    return FactSheet(
        text=text,
        reference_date=ref,
        reference_source=job.source,
        model=engine.name,
        dates=tuple(dates),
        figures=tuple(with_counts(text, add_counts(text, figures, found.parsed), reading.counts)),
        events=tuple(listed),
        event_mentions=tuple(mentions),
        zones=tuple(analysis.zones),
        rejected=tuple(reading.rejected),
        usage=reading.usage,
    )


def _reference(text: str, given: dt.date | str | None) -> tuple[dt.date | None, Any]:
    ref = check_reference_date(given)
    if ref is not None:
        return ref, "given"
    for fact in find_dates(text[:_DATELINE_WINDOW], None):
        if fact.type == "DATE" and _FULL_DAY.match(fact.value):
            return dt.date.fromisoformat(fact.value), "dateline"
    return None, "none"

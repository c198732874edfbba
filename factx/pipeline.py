"""The whole flow: text -> detect -> interpret (model) -> verify and merge -> FactSheet.

A text longer than ``PIECE_CHARS`` goes through the same flow piece by piece (``_in_pieces``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from factx._inputs import MAX_TEXT_CHARS, check_options, check_reference_date, check_text
from factx._types import FactSheet
from factx.backends import Backend, Budgeted, LlamaCppBackend, default_timeout, resolve_backend
from factx.backends.cache import CachedBackend
from factx.backends.wrap import unwrap
from factx.detect.dates import find_dates, resolve_date
from factx.detect.events import analyse
from factx.detect.figures import add_counts, find_figures, parse_figure
from factx.detect.parse import join
from factx.detect.pieces import PIECE_CHARS, dates_in_pieces, pieces
from factx.interpret.strategies import Strategy, choose, extract
from factx.verify.drafts import Checker
from factx.verify.merge import add_extra_dates, add_extra_figures, number, with_counts
from factx.verify.pieces import PieceMerger
from factx.verify.records import mention_facts, record_scores, records

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
    past ``PIECE_CHARS`` they are read in pieces.
    """
    text = check_text(text, max_chars=MAX_TEXT_CHARS)
    check_options(timeout=timeout, max_retries=max_retries)
    budget = default_timeout(len(text)) if timeout == "auto" else timeout
    ref, source = _reference(text, reference_date)
    engine = backend or resolve_backend(model, base_url=base_url, api_key=api_key)
    mode: Strategy = strategy or ("choose" if isinstance(unwrap(engine), LlamaCppBackend) else "extract")
    if cache is None:
        return _warn_unresolved(_in_pieces(text, ref, source, Budgeted(engine, budget), mode, max_retries))
    with CachedBackend(engine, cache) as cached:
        return _warn_unresolved(_in_pieces(text, ref, source, Budgeted(cached, budget), mode, max_retries))


def _warn_unresolved(sheet: FactSheet) -> FactSheet:
    """Log a warning when relative dates stay unresolved for want of a reference date (the sheet is kept)."""
    left = [d for d in sheet.dates if "X" in d.value] if sheet.reference_date is None else []
    if left:
        _log.warning(
            "%d relative date(s) left unresolved (e.g. %r -> %s): no reference_date given and no full date in "
            "the dateline; pass reference_date= (the publication date)",
            len(left), left[0].span.text, left[0].value,
        )
    return sheet


def _in_pieces(
    text: str, ref: dt.date | None, source: Any, engine: Backend, mode: Strategy, max_retries: int
) -> FactSheet:
    """One text at most ``PIECE_CHARS`` long as it is; a longer one piece by piece, merged (linear in length)."""
    if len(text) <= PIECE_CHARS:
        return _facts_of(text, ref, source, engine, mode, max_retries)
    spans = pieces(text, PIECE_CHARS)
    merger = PieceMerger(text)
    for start, end in spans:
        merger.add(start, _facts_of(text[start:end], ref, source, engine, mode, max_retries, first=start == 0))
    in_context = dates_in_pieces(text, spans, ref)
    return merger.sheet(model=engine.name, reference_date=ref, reference_source=source, dates_in_context=in_context)


def _facts_of(
    text: str, ref: dt.date | None, source: Any, engine: Backend, mode: Strategy, max_retries: int, *,
    first: bool = True,
) -> FactSheet:
    """Detect, interpret and verify one text (or one piece of a long one; only the first holds the lead)."""
    dates, figures = number(find_dates(text, ref), find_figures(text))
    analysis = analyse(text)
    parsed = join(text, analysis.docs)  # the figures' counts read the events' parse, not a second one
    if not first:
        analysis.candidates = [replace(c, lead=False) for c in analysis.candidates]
    draft = mention_facts(text, analysis, dates, figures, ref)  # code's records before any answer
    if mode == "choose":
        scores = record_scores(draft, analysis)
        reading = choose(engine, text, analysis.sentences, analysis.candidates, max_retries=max_retries, scores=scores)
    else:
        checker = Checker(text, analysis, {c.key: m for c, m in zip(analysis.candidates, draft, strict=True)})
        reading = extract(
            engine, text, analysis.sentences, analysis.candidates, draft, checker, dates, figures,
            max_retries=max_retries,
        )
        dates = add_extra_dates(
            text,
            dates,
            reading.extra_dates,
            lambda q, at: resolve_date(q, ref, context=text, position=at),
            reading.rejected,
        )
        figures = add_extra_figures(
            text, figures, dates, reading.extra_figures, lambda q, at: parse_figure(q, context=text), reading.rejected
        )
    mentions = mention_facts(text, analysis, dates, figures, ref, reading.overrides)
    mentions += [m.model_copy(update={"id": f"m{len(mentions) + n}"}) for n, m in enumerate(reading.added, 1)]
    listed, _all_records = records(mentions, analysis)
    return FactSheet(
        text=text,
        reference_date=ref,
        reference_source=source,
        model=engine.name,
        dates=tuple(dates),
        figures=tuple(with_counts(text, add_counts(text, figures, parsed), reading.counts)),
        events=tuple(listed),
        event_mentions=tuple(mentions),
        zones=tuple(analysis.zones),
        rejected=tuple(reading.rejected),
        usage=reading.usage,
    )


async def aextract_facts(text: str, **options: Any) -> FactSheet:
    """``extract_facts`` without blocking the event loop (runs in a worker thread)."""
    return await asyncio.to_thread(extract_facts, text, **options)




def parse_reference(value: dt.date | str | None) -> dt.date | None:
    """A reference date from a date, datetime or ISO string ("2025-10-07")."""
    return check_reference_date(value)


def _reference(text: str, given: dt.date | str | None) -> tuple[dt.date | None, Any]:
    ref = parse_reference(given)
    if ref is not None:
        return ref, "given"
    for fact in find_dates(text[:_DATELINE_WINDOW], None):
        if fact.type == "DATE" and _FULL_DAY.match(fact.value):
            return dt.date.fromisoformat(fact.value), "dateline"
    return None, "none"

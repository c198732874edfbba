"""The whole flow: text -> detect -> interpret (model) -> verify and merge -> FactSheet."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from factx._errors import FactxError, FactxInputError
from factx._types import FactSheet
from factx.backends import Backend, LlamaCppBackend, resolve_backend
from factx.detect.dates import find_dates, resolve_date
from factx.detect.events import analyse
from factx.detect.figures import add_counts, find_figures, parse_figure
from factx.interpret.strategies import Strategy, choose, extract
from factx.verify.drafts import Checker
from factx.verify.merge import add_extra_dates, add_extra_figures, number, with_counts
from factx.verify.records import mention_facts, records

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
) -> FactSheet:
    """Typed, grounded facts of ``text``: every date, figure and event with its span of the source.

    ``model`` is ``"openai:NAME"`` (with ``base_url`` for any OpenAI-compatible server) or
    ``"local"``; else ``$FACTX_MODEL``; else the embedded SmolLM2. ``reference_date`` is the
    publication date relative dates resolve against; without it a dateline date is used, else
    relative dates stay unresolved. Code builds every event record; ``strategy`` is ``"choose"``
    (the model answers small yes/no choices about code's records; the embedded default) or
    ``"extract"`` (the model keeps, corrects and adds to code's records by id, under the same checks;
    the default for remote models). ``sheet.events`` is the reader's list, ``sheet.event_mentions``
    every mention.
    """
    if not isinstance(text, str):
        raise FactxInputError(f"text must be a str, not {type(text).__name__}")
    if not text.strip():
        raise FactxInputError("text is empty")
    ref, source = _reference(text, reference_date)
    engine = backend or resolve_backend(model, base_url=base_url, api_key=api_key)
    mode: Strategy = strategy or ("choose" if isinstance(engine, LlamaCppBackend) else "extract")

    dates, figures = number(find_dates(text, ref), find_figures(text))
    analysis = analyse(text)
    if mode == "choose":
        reading = choose(engine, text, analysis.sentences, analysis.candidates, max_retries=max_retries)
    else:
        draft = mention_facts(text, analysis, dates, figures, ref)
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
        figures=tuple(with_counts(text, add_counts(text, figures), reading.counts)),
        events=tuple(listed),
        event_mentions=tuple(mentions),
        zones=tuple(analysis.zones),
        rejected=tuple(reading.rejected),
        usage=reading.usage,
    )


async def aextract_facts(text: str, **options: Any) -> FactSheet:
    """``extract_facts`` without blocking the event loop (runs in a worker thread)."""
    return await asyncio.to_thread(extract_facts, text, **options)


def extract_many(texts: Iterable[str], **options: Any) -> list[FactSheet | FactxError]:
    """One result per text, in order; a text that fails gives its typed error in its place."""
    results: list[FactSheet | FactxError] = []
    backend = options.pop("backend", None)
    for index, text in enumerate(texts):
        try:
            if backend is None:
                backend = resolve_backend(
                    options.get("model"), base_url=options.get("base_url"), api_key=options.get("api_key")
                )
            opts = {k: v for k, v in options.items() if k not in ("model", "base_url", "api_key")}
            results.append(extract_facts(text, backend=backend, **opts))
        except FactxInputError as exc:
            results.append(FactxInputError(str(exc), index=index))
        except FactxError as exc:
            results.append(exc)
    return results


def parse_reference(value: dt.date | str | None) -> dt.date | None:
    """A reference date from a date, datetime or ISO string ("2025-10-07")."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise FactxInputError(f"reference_date {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _reference(text: str, given: dt.date | str | None) -> tuple[dt.date | None, Any]:
    ref = parse_reference(given)
    if ref is not None:
        return ref, "given"
    for fact in find_dates(text[:_DATELINE_WINDOW], None):
        if fact.type == "DATE" and _FULL_DAY.match(fact.value):
            return dt.date.fromisoformat(fact.value), "dateline"
    return None, "none"

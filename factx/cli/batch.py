"""``factx extract`` over many documents: one JSONL line per document, resumable, with a progress bar.

Each finished document is written as one line (``{"id", "sheet"}`` or ``{"id", "error"}``) with a
single write and a flush, so a run killed at any moment leaves whole lines, at most one cut last
line; ``--resume`` drops a cut line, skips the ids whose last line is a sheet, retries those whose
last line is an error (unless ``--skip-errors``) and appends the rest. A retried document then has two
lines, and its last one counts (``factx view`` reads them so).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from factx._errors import FactxError, FactxInputError
from factx.cli.summary import unresolved_dates
from factx.run import Document, Outcome, aextract_many, run_sync
from factx.view.words import counted

Reader = Callable[[str], str]


@dataclass
class Tally:
    """What a batch did, for its closing line."""

    done: int = 0
    errors: int = 0
    skipped: int = 0
    retried: int = 0
    tokens: int = 0
    unresolved: int = 0
    started: float = field(default_factory=time.perf_counter)

    def line(self) -> str:
        spent = time.perf_counter() - self.started
        rate = self.done / spent if spent > 0 else 0.0
        parts = [f"{self.done - self.errors} ok", counted(self.errors, "error")]
        if self.retried:
            parts.append(f"{self.retried} retried (failed before)")
        if self.skipped:
            parts.append(f"{self.skipped} skipped (already written)")
        return (
            f"{counted(self.done, 'document')}: {', '.join(parts)}, {counted(self.tokens, 'token')}, "
            f"{spent:.1f} s ({rate:.2f} docs/s)"
        )


@dataclass(frozen=True)
class Written:
    """The ids of an output file by their last line: a sheet (``ok``) or an error (``failed``)."""

    ok: frozenset[str] = frozenset()
    failed: frozenset[str] = frozenset()


def sources(paths: list[str], read: Reader) -> list[tuple[str, Callable[[], str]]]:
    """``(id, read text)`` for each path: files as given, directories' files in sorted order, ``-`` stdin."""
    out: list[tuple[str, Callable[[], str]]] = []
    for path in paths:
        folder = Path(path)
        if path != "-" and folder.is_dir():
            files = sorted(p for p in folder.rglob("*") if p.is_file() and not _hidden(p.relative_to(folder)))
            out += [(str(p), _reader(read, str(p))) for p in files]
        else:
            out.append((path, _reader(read, path)))
    return out


def jsonl_sources(path: str, read: Reader) -> list[tuple[str, Callable[[], Any]]]:
    """``(id, document)`` for each line of a JSONL file of ``{"id", "text", "reference_date"}``."""
    out: list[tuple[str, Callable[[], Any]]] = []
    for number, line in enumerate(read(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append((f"{path}:{number}", _raiser(f"{path} line {number}: not JSON ({exc.msg})")))
            continue
        ident = doc.get("id", f"{path}:{number}") if isinstance(doc, dict) else f"{path}:{number}"
        out.append((str(ident), _constant(doc)))
    return out


def written(output: Path) -> Written:
    """The ids already in ``output`` by their last line; a cut last line (a killed write) is removed from the file."""
    if not output.exists():
        return Written()
    data = output.read_bytes()
    whole = data if data.endswith(b"\n") or not data else data[: data.rfind(b"\n") + 1]
    if len(whole) != len(data):
        with output.open("r+b") as handle:
            handle.truncate(len(whole))
    last: dict[str, bool] = {}
    for number, line in enumerate(whole.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            last[str(row["id"])] = "error" not in row
        except (json.JSONDecodeError, KeyError, TypeError):
            raise FactxInputError(f"{output}:{number}: not a factx result line; cannot resume it") from None
    return Written(
        ok=frozenset(i for i, ok in last.items() if ok), failed=frozenset(i for i, ok in last.items() if not ok)
    )


def run_batch(
    items: list[tuple[str, Callable[[], Any]]],
    output: IO[str],
    *,
    skip: frozenset[str] | set[str],
    retried: frozenset[str] | set[str] = frozenset(),
    concurrency: int,
    reference_date: str | None,
    show_progress: bool,
    **options: Any,
) -> Tally:
    """Extract every item not in ``skip``, write a line each to ``output`` as it finishes; the tally."""
    tally = Tally(
        skipped=sum(1 for ident, _ in items if ident in skip), retried=sum(1 for ident, _ in items if ident in retried)
    )
    todo = [(ident, load) for ident, load in items if ident not in skip]
    failed: list[tuple[str, FactxError]] = []

    def documents() -> Iterator[Document | dict[str, Any]]:
        for ident, load in todo:
            try:
                item = load()
            except FactxError as exc:  # unreadable: its error line is written by the loop below
                failed.append((ident, exc))
                continue
            if isinstance(item, str):
                yield Document(id=ident, text=item, reference_date=reference_date)
            elif isinstance(item, dict):
                yield {"reference_date": reference_date, **item, "id": ident}
            else:
                yield item

    def write(ident: str, result: Any) -> None:
        if isinstance(result, FactxError):
            tally.errors += 1
            error = {"type": type(result).__name__, "message": str(result)}
            line = json.dumps({"id": ident, "error": error}, ensure_ascii=False)
        else:
            tally.tokens += result.usage.prompt_tokens + result.usage.completion_tokens
            tally.unresolved += bool(unresolved_dates(result))
            line = f'{{"id": {json.dumps(ident, ensure_ascii=False)}, "sheet": {result.model_dump_json()}}}'
        output.write(line + "\n")
        output.flush()
        tally.done += 1

    console = Console(file=sys.stderr)
    columns = (
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s, {task.fields[errors]} errors, {task.fields[tokens]} tokens"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, disable=not show_progress, transient=False) as bar:
        task = bar.add_task("extract", total=len(todo), rate="0.00", errors=0, tokens=0)

        async def drive() -> None:
            outcome: Outcome
            async for outcome in aextract_many(documents(), concurrency=concurrency, **options):
                for ident, exc in failed:
                    write(ident, exc)
                failed.clear()
                write(str(outcome.id), outcome.result)
                spent = max(1e-9, time.perf_counter() - tally.started)
                rate = f"{tally.done / spent:.2f}"
                bar.update(task, completed=tally.done, rate=rate, errors=tally.errors, tokens=tally.tokens)
            for ident, exc in failed:
                write(ident, exc)

        run_sync(drive())
        bar.update(task, completed=tally.done)
    return tally


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _reader(read: Reader, path: str) -> Callable[[], str]:
    return lambda: read(path)


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _raiser(message: str) -> Callable[[], Any]:
    def fail() -> Any:
        raise FactxInputError(message)

    return fail

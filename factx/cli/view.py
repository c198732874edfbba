"""`factx view FILE.json|FILE.jsonl [-o out.html]`: the HTML page of saved extraction results.

Reads a FactSheet JSON, or JSON lines as ``factx extract`` writes them: one ``{"id", "sheet"}`` or
``{"id", "error"}`` line per document, or a ``{"kind": "sheet"}`` header followed by one fact a
line (that header has no text, so ``--text`` gives it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from factx._errors import FactxInputError
from factx._types import DateFact, EventFact, FactSheet, FigureFact, Rejection
from factx.cli.errors import exits
from factx.cli.files import decode_utf8, read_article, read_bytes
from factx.view import Outcome, render

_FACT_LINES: dict[str, tuple[str, type[Any]]] = {
    "date": ("dates", DateFact),
    "figure": ("figures", FigureFact),
    "event": ("events", EventFact),
    "rejected": ("rejected", Rejection),
}


def view_command(
    file: Annotated[Path, typer.Argument(help="a FactSheet .json, or the .jsonl `factx extract` writes")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="write the page here (default: stdout)")] = None,
    text: Annotated[
        Path | None, typer.Option("--text", help="the source text, for a fact-a-line JSONL (its header has none)")
    ] = None,
) -> None:
    """Write one self-contained HTML page: the text with its facts highlighted, a timeline, the figures."""
    with exits():
        documents = load(file, text)
        page = render(documents, title=f"factx · {file.name}")
        if output is None:
            typer.echo(page, nl=False)
        else:
            output.write_text(page, encoding="utf-8")


def load(file: Path, text_file: Path | None = None) -> dict[str, Outcome]:
    """The documents of a results file, by name; a typed error naming the file (and line) when it is bad."""
    raw = decode_utf8(read_bytes(file), file)
    source = read_article(text_file) if text_file else None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict) and "text" in data:
        return {file.stem: _sheet(data, f"{file}")}
    lines = [(n, line) for n, line in enumerate(raw.splitlines(), 1) if line.strip()]
    if not lines:
        raise FactxInputError(f"{file}: empty")
    return _from_lines(file, lines, source)


def _from_lines(file: Path, lines: list[tuple[int, str]], source: str | None) -> dict[str, Outcome]:
    documents: dict[str, Outcome] = {}
    pending: dict[str, Any] | None = None
    for n, line in lines:
        where = f"{file}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FactxInputError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise FactxInputError(f"{where}: expected a JSON object")
        if "sheet" in row or "error" in row:
            name = str(row.get("id", f"document {len(documents) + 1}"))
            documents[name] = _sheet(row["sheet"], where) if "sheet" in row else _error(row["error"])
        elif row.get("kind") == "sheet":
            if pending is not None:
                documents[f"document {len(documents) + 1}"] = _sheet(pending, where)
            header = {k: v for k, v in row.items() if k != "kind"}
            if "text" not in header and (source is None or documents or pending is not None):
                raise FactxInputError(f"{where}: this JSONL has no text; give it (one document) with --text FILE")
            pending = {"text": source, **header, **{key: [] for key, _ in _FACT_LINES.values()}}
        elif row.get("kind") in _FACT_LINES and pending is not None:
            key, _ = _FACT_LINES[row["kind"]]
            pending[key].append({k: v for k, v in row.items() if k != "kind"})
        else:
            raise FactxInputError(f"{where}: not a factx result line (expected id+sheet, id+error or kind)")
    if pending is not None:
        documents[f"document {len(documents) + 1}"] = _sheet(pending, f"{file}")
    return documents


def _sheet(data: Any, where: str) -> FactSheet:
    """A validated sheet whose every span is the text it claims to be (a wrong --text is caught here)."""
    try:
        sheet = FactSheet.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(p) for p in first["loc"])
        raise FactxInputError(f"{where}: not a FactSheet ({path}: {first['msg']})") from None
    facts: list[DateFact | FigureFact | EventFact] = [*sheet.dates, *sheet.figures, *sheet.events]
    for fact in facts:
        if sheet.text[fact.span.start : fact.span.end] != fact.span.text:
            raise FactxInputError(f"{where}: the span of {fact.id or fact.span.text!r} is not in the text")
    return sheet


def _error(value: Any) -> str:
    if isinstance(value, dict):
        kind, message = value.get("type") or value.get("kind"), value.get("message") or value.get("msg")
        return f"{kind}: {message}" if kind and message else json.dumps(value)
    return str(value)

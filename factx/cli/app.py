"""Command line: ``factx extract FILE|-`` and ``factx eval DATASET.jsonl``."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from factx._errors import FactxError, FactxInputError
from factx._types import FactSheet
from factx.cli.eval import eval_command
from factx.cli.view import view_command
from factx.pipeline import extract_facts

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Typed, verified facts (events, figures, dates) from news-like text.",
)
app.command("eval", help="Score extraction against a gold JSONL dataset.")(eval_command)
app.command("view", help="Write the HTML page of saved results (.json or .jsonl).")(view_command)


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


class StrategyOption(str, Enum):
    choose = "choose"
    extract = "extract"


@app.command("extract", help="Extract facts from FILE (or - for standard input) and print them as JSON.")
def extract_command(
    file: Annotated[str, typer.Argument(help="a UTF-8 text file, or - for standard input")],
    reference_date: Annotated[str | None, typer.Option("--reference-date", help="publication date, YYYY-MM-DD")] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", help="openai:NAME or local (default: $FACTX_MODEL, else the embedded SmolLM2)"),
    ] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint")] = None,
    strategy: Annotated[StrategyOption | None, typer.Option("--strategy", help="choose or extract")] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", help="json (one FactSheet) or jsonl (a fact a line)")
    ] = OutputFormat.json,
) -> None:
    try:
        text = read_text(file)
        sheet = extract_facts(
            text,
            reference_date=reference_date,
            model=model,
            base_url=base_url,
            strategy=strategy.value if strategy else None,
        )
    except FactxInputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except FactxError as exc:
        typer.echo(f"error: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(render(sheet, format.value))


def read_text(file: str) -> str:
    """The text of FILE or stdin; a typed error for a missing file, bad encoding or empty text."""
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except FileNotFoundError:
        raise FactxInputError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise FactxInputError(f"{file}: is a directory") from None
    except OSError as exc:
        raise FactxInputError(f"{file}: cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FactxInputError(f"{file}: not UTF-8 (byte {exc.start}); convert it first, e.g. with iconv") from None
    if not text.strip():
        raise FactxInputError(f"{file}: the text is empty")
    return text.removeprefix("\ufeff")


def render(sheet: FactSheet, fmt: str) -> str:
    """The sheet as one JSON document, or as JSON lines: a header, then one fact a line."""
    if fmt == "json":
        return sheet.model_dump_json(indent=2)
    header = sheet.model_dump(mode="json", include={"model", "reference_date", "reference_source", "usage"})
    lines = [json.dumps({"kind": "sheet", **header})]
    for kind, facts in (
        ("date", sheet.dates),
        ("figure", sheet.figures),
        ("event", sheet.events),
        ("rejected", sheet.rejected),
    ):
        lines += [json.dumps({"kind": kind, **f.model_dump(mode="json")}) for f in facts]
    return "\n".join(lines)


def main() -> None:
    app()

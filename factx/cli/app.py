"""Command line: ``factx extract FILE|-|FILES|DIR|--jsonl DOCS``, ``factx eval DATASET.jsonl``, ``--version``."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from factx import __version__
from factx._errors import FactxError, FactxInputError
from factx._inputs import MAX_TEXT_CHARS, check_text
from factx._types import FactSheet
from factx.cli.batch import jsonl_sources, run_batch, sources, written_ids
from factx.cli.eval import eval_command
from factx.cli.link import link_command
from factx.cli.view import view_command
from factx.pipeline import extract_facts, parse_reference

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Typed, verified facts (events, figures, dates) from news-like text.",
)
app.command("eval", help="Score extraction against a gold JSONL dataset.")(eval_command)
app.command("view", help="Write the HTML page of saved results (.json or .jsonl).")(view_command)
app.command("link", help="Link the same events across saved results (.jsonl) into one story.")(link_command)


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


class StrategyOption(str, Enum):
    choose = "choose"
    extract = "extract"


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[
        bool, typer.Option("--version", is_eager=True, help="print factx's version and exit")
    ] = False,
) -> None:
    if version:
        typer.echo(f"factx {__version__}")
        raise typer.Exit(0)


@app.command(
    "extract",
    help="Extract facts from FILE (or - for standard input) and print them as JSON. Several files, a directory "
    "or --jsonl: one JSONL line per document to --output (or standard output), with a progress bar on stderr.",
)
def extract_command(
    files: Annotated[
        list[str] | None, typer.Argument(help="UTF-8 text files, directories of them, or - for standard input")
    ] = None,
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
    jsonl: Annotated[
        str | None, typer.Option("--jsonl", help='a JSONL file of documents {"id", "text", "reference_date"}')
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="where the JSONL results go")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="skip the ids already in --output, append the rest")] = False,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="documents in flight at once")] = 4,
    processes: Annotated[
        int, typer.Option("--processes", min=1, help="worker processes the documents are spread over (cores)")
    ] = 1,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="a directory keeping model answers: a re-run makes no requests")
    ] = None,
) -> None:
    paths = files or []
    batch = jsonl is not None or output is not None or resume or len(paths) > 1 or any(Path(p).is_dir() for p in paths)
    options: dict[str, Any] = {"model": model, "base_url": base_url, "strategy": strategy.value if strategy else None}
    if batch:
        if processes > 1:
            options["processes"] = processes
        raise typer.Exit(_batch(paths, jsonl, output, resume, concurrency, cache, reference_date, options))
    if len(paths) != 1:
        typer.echo("error: give one FILE (or -), several files, a directory, or --jsonl", err=True)
        raise typer.Exit(2)
    try:
        text = read_text(paths[0])
        sheet = extract_facts(text, reference_date=reference_date, cache=cache, **options)
    except FactxInputError as exc:
        typer.echo(f"error: {one_line(exc)}", err=True)
        raise typer.Exit(2) from None
    except FactxError as exc:
        typer.echo(f"error: {type(exc).__name__}: {one_line(exc)}", err=True)
        raise typer.Exit(1) from None
    typer.echo(render(sheet, format.value))


def _batch(
    paths: list[str],
    jsonl: str | None,
    output: Path | None,
    resume: bool,
    concurrency: int,
    cache: Path | None,
    reference_date: str | None,
    options: dict[str, Any],
) -> int:
    """Many documents to JSONL lines; exit status 0 when every document gave a sheet, 1 otherwise, 2 on bad use."""
    try:
        if reference_date is not None:
            parse_reference(reference_date)
        if resume and output is None:
            raise FactxInputError("--resume needs --output (the file to continue)")
        if output is not None and not resume and output.exists() and output.stat().st_size:
            raise FactxInputError(f"{output} exists: pass --resume to continue it, or remove it")
        items = jsonl_sources(jsonl, read_text) if jsonl is not None else []
        items += sources(paths, read_text)
        skip = written_ids(output) if resume and output is not None else set()
    except FactxInputError as exc:
        typer.echo(f"error: {exc}", err=True)
        return 2
    sink = output.open("a", encoding="utf-8") if output is not None else sys.stdout
    try:
        tally = run_batch(
            items,
            sink,
            skip=skip,
            concurrency=concurrency,
            reference_date=reference_date,
            show_progress=True,
            cache=cache,
            **options,
        )
    finally:
        if sink is not sys.stdout:
            sink.close()
    typer.echo(tally.line(), err=True)
    return 0 if tally.errors == 0 else 1


def read_text(file: str) -> str:
    """The text of FILE or stdin; a typed error for a missing file, binary data, bad encoding or bad text."""
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except FileNotFoundError:
        raise FactxInputError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise FactxInputError(f"{file}: is a directory") from None
    except OSError as exc:
        raise FactxInputError(f"{file}: cannot read: {exc.strerror}") from None
    if _looks_binary(raw):
        raise FactxInputError(f"{file}: binary data, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FactxInputError(f"{file}: not UTF-8 (byte {exc.start}); convert it first, e.g. with iconv") from None
    if not text.strip():
        raise FactxInputError(f"{file}: the text is empty")
    return check_text(text.removeprefix("\ufeff"), name=file, max_chars=MAX_TEXT_CHARS)


def _looks_binary(raw: bytes) -> bool:
    """NUL bytes, or control bytes no text uses in more than 1 of 100 bytes of the first 8 KB.

    Text in any ASCII-compatible encoding has almost none, random or binary data about 1 in 10.
    """
    head = raw[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FactxInputError("the file is UTF-16 text; convert it to UTF-8 first, e.g. with iconv -f UTF-16")
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\x0b\x0c\x1b")
    return b"\x00" in head or (controls >= 2 and controls * 100 > len(head))


def one_line(exc: BaseException) -> str:
    """An error message on one line (a message with newlines would break the CLI's one-line promise)."""
    return " ".join(str(exc).split())


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

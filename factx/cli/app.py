"""Command line: ``factx extract FILE|-|FILES|DIR|--jsonl DOCS``, ``factx eval DATASET.jsonl``, ``--version``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from factx import __version__
from factx._inputs import check_reference_date
from factx._types import FactSheet
from factx.cli.batch import Written, jsonl_sources, run_batch, sources, written
from factx.cli.dateline import dateline_reference, file_date
from factx.cli.errors import exits, fail
from factx.cli.eval import eval_command
from factx.cli.files import read_article
from factx.cli.link import link_command
from factx.cli.summary import summary, unresolved_dates
from factx.cli.view import view_command
from factx.pipeline import extract_facts
from factx.view.words import counted

# Plain help: typer's rich panels print a flag as "--resume <bool>" (and "--help <bool>") with
# click 8.2+, as if it took a value; click's own formatter shows flags as flags.
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Typed, verified facts (events, figures, dates) from news-like text.",
)
app.command("eval", help="Score extraction against a gold JSONL dataset.")(eval_command)
app.command("view", help="Write the HTML page of saved results (.json or .jsonl).")(view_command)
app.command("link", help="Link the same events across saved results (.jsonl) into one story.")(link_command)


class OutputFormat(str, Enum):
    summary = "summary"
    json = "json"
    jsonl = "jsonl"


class StrategyOption(str, Enum):
    choose = "choose"
    extract = "extract"


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", is_eager=True, help="print factx's version and exit")] = False,
) -> None:
    if version:
        typer.echo(f"factx {__version__}")
        raise typer.Exit(0)


@app.command(
    "extract",
    help="Extract facts from FILE (or - for standard input): a short summary on a terminal, the FactSheet as JSON "
    "when piped, written with -o, or asked with --format json. Several files, a directory or --jsonl: one JSONL "
    "line per document to --output (or standard output), with a progress bar on stderr.",
)
def extract_command(
    files: Annotated[
        list[str] | None, typer.Argument(help="UTF-8 text files, directories of them, or - for standard input")
    ] = None,
    reference_date: Annotated[str | None, typer.Option("--reference-date", help="publication date, YYYY-MM-DD")] = None,
    dateline_year: Annotated[
        bool,
        typer.Option(
            "--dateline-year",
            help='date a dateline without a year ("LIMA, March 14") with the year of --reference-date, '
            "else of the file's modification date, and use it as the reference date",
        ),
    ] = False,
    model: Annotated[
        str | None,
        typer.Option("--model", help="openai:NAME or local (default: $FACTX_MODEL, else the embedded SmolLM2)"),
    ] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint")] = None,
    strategy: Annotated[StrategyOption | None, typer.Option("--strategy", help="choose or extract")] = None,
    format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            help="one document: summary (readable; the default on a terminal), json (the FactSheet; the default "
            "otherwise) or jsonl (a header line, then a fact a line)",
        ),
    ] = None,
    jsonl: Annotated[
        str | None, typer.Option("--jsonl", help='a JSONL file of documents {"id", "text", "reference_date"}')
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="write here instead of standard output (the same bytes)"),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="continue --output: skip the documents done, retry the failed, append the rest"),
    ] = False,
    skip_errors: Annotated[
        bool, typer.Option("--skip-errors", help="with --resume: skip the documents that failed too")
    ] = False,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="documents in flight at once")] = 4,
    processes: Annotated[
        int, typer.Option("--processes", min=1, help="worker processes the documents are spread over (cores)")
    ] = 1,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="a directory keeping model answers: a re-run makes no requests")
    ] = None,
) -> None:
    paths = files or []
    many = jsonl is not None or resume or skip_errors or len(paths) > 1 or any(Path(p).is_dir() for p in paths)
    options: dict[str, Any] = {"model": model, "base_url": base_url, "strategy": strategy.value if strategy else None}
    if many:
        if format is not None:
            fail(
                "--format is for one document; with several, each document is one JSON line "
                '({"id", "sheet"} or {"id", "error"})'
            )
        if processes > 1:
            options["processes"] = processes
        settings = Batch(resume=resume, skip_errors=skip_errors, dateline_year=dateline_year)
        raise typer.Exit(_batch(paths, jsonl, output, settings, concurrency, cache, reference_date, options))
    if len(paths) != 1:
        fail("give one FILE (or -), several files, a directory, or --jsonl")
    fmt = format.value if format else ("summary" if output is None and sys.stdout.isatty() else "json")
    with exits():
        text = read_article(paths[0])
        reference = check_reference_date(reference_date)
        if dateline_year:
            reference = _dateline_reference(text, reference, paths[0]) or reference
        sheet = extract_facts(text, reference_date=reference, cache=cache, **options)
        page = render(sheet, fmt) + "\n"
        if output is None:
            typer.echo(page, nl=False)
        else:
            output.write_text(page, encoding="utf-8")
    if unresolved_dates(sheet):
        typer.echo(f"warning: {_unresolved_line(sheet)}", err=True)


@dataclass(frozen=True)
class Batch:
    """How a batch treats an existing output and datelines."""

    resume: bool = False
    skip_errors: bool = False
    dateline_year: bool = False


def _batch(
    paths: list[str],
    jsonl: str | None,
    output: Path | None,
    settings: Batch,
    concurrency: int,
    cache: Path | None,
    reference_date: str | None,
    options: dict[str, Any],
) -> int:
    """Many documents to JSONL lines; exit status 0 when every document gave a sheet, 1 otherwise, 2 on bad use."""
    with exits():
        check_reference_date(reference_date)
        if settings.resume and output is None:
            fail("--resume needs --output (the file to continue)")
        if settings.skip_errors and not settings.resume:
            fail("--skip-errors goes with --resume (it says which documents of --output to leave as they are)")
        if output is not None and not settings.resume and output.exists() and output.stat().st_size:
            fail(f"{output} exists: pass --resume to continue it, or remove it")
        items = jsonl_sources(jsonl, read_article) if jsonl is not None else []
        items += sources(paths, read_article)
        if settings.dateline_year:
            items = [(ident, _with_dateline(ident, load, reference_date)) for ident, load in items]
        done = written(output) if settings.resume and output is not None else Written()
        skip = done.ok | done.failed if settings.skip_errors else done.ok
        sink = output.open("a", encoding="utf-8") if output is not None else sys.stdout
        try:
            tally = run_batch(
                items,
                sink,
                skip=skip,
                retried=done.failed - skip,
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
    if tally.unresolved:
        typer.echo(
            f"warning: {counted(tally.unresolved, 'document')} kept relative dates unresolved for want of a "
            f'reference date: give "reference_date" per document in --jsonl, or {_HOW_TO_DATE}',
            err=True,
        )
    return 0 if tally.errors == 0 else 1


_HOW_TO_DATE = (
    "give --reference-date YYYY-MM-DD (the publication date), or --dateline-year to date a dateline like "
    '"LIMA, March 14" with a year you trust'
)


def _unresolved_line(sheet: FactSheet) -> str:
    """One line: how many relative dates stay unresolved, one example, and how to give a reference date."""
    dates = unresolved_dates(sheet)
    example = dates[0]
    return (
        f'{counted(len(dates), "relative date")} left unresolved (e.g. "{example.span.text}" -> {example.value}): '
        f"no reference date given and no full date in the dateline; {_HOW_TO_DATE}"
    )


def _dateline_reference(text: str, given: dt.date | None, path: str) -> dt.date | None:
    """The dateline's month and day dated with the given reference's year, else the file's (``--dateline-year``)."""
    anchor = given or file_date(path)
    return dateline_reference(text, anchor) if anchor is not None else None


def _with_dateline(ident: str, load: Callable[[], Any], reference_date: str | None) -> Callable[[], Any]:
    """A batch item whose reference date comes from its dateline when it has a month and day without a year."""

    def dated() -> Any:
        item = load()
        text = item if isinstance(item, str) else item.get("text") if isinstance(item, dict) else None
        if not isinstance(text, str):
            return item
        doc: dict[str, Any] = {"text": text} if isinstance(item, str) else dict(item)
        given = check_reference_date(doc.get("reference_date") or reference_date)
        found = _dateline_reference(text, given, ident if isinstance(item, str) else "-")
        if found is not None:
            doc["reference_date"] = found.isoformat()
        return doc

    return dated


def render(sheet: FactSheet, fmt: str) -> str:
    """The sheet as a readable summary, one JSON document, or JSON lines: a header, then one fact a line."""
    if fmt == "summary":
        return summary(sheet)
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

"""`factx eval DATASET.jsonl`: score the pipeline on a gold dataset and print the report.

The lead registers ``eval_command`` on the typer app; it only parses options, validates the
dataset up front (so a bad line fails in a second, not after an hour of model calls) and prints.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from factx.cli.errors import exits
from factx.eval.gold import load_dataset
from factx.eval.score import evaluate, render_report


class ReportFormat(str, Enum):
    """Output formats of the report."""

    table = "table"
    json = "json"


def eval_command(
    dataset: Annotated[Path, typer.Argument(help="factx JSONL dataset (see docs/eval-format.md)")],
    model: Annotated[str | None, typer.Option("--model", help="model, e.g. openai:gpt-4o-mini")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="only the first N documents")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", help="table or json")] = ReportFormat.table,
    base_url: Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint")] = None,
) -> None:
    """Run factx over a gold dataset and print precision, recall and F1 per fact type."""
    with exits(prefix="bad dataset: "):
        load_dataset(dataset)
    with exits():
        report = evaluate(dataset, model=model, base_url=base_url, limit=limit, progress=sys.stderr.isatty())
    report.dataset = str(dataset)
    typer.echo(render_report(report, format.value), nl=False)

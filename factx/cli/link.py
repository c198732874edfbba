"""`factx link results.jsonl -o story.json [--html story.html]`: one story from many documents' saved results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from factx._errors import FactxInputError
from factx.cli.errors import exits
from factx.cli.view import load
from factx.linking import link
from factx.linking.score import MAX_VOTE_WEIGHT, THRESHOLD, VOTE_WEIGHT
from factx.view.story import render_story


def link_command(
    file: Annotated[
        Path, typer.Argument(help="the .jsonl `factx extract` writes ({id, sheet} lines), or a .json sheet")
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="write the Story JSON here (default: stdout)")
    ] = None,
    html: Annotated[Path | None, typer.Option("--html", help="also write the story's HTML page here")] = None,
    mentions: Annotated[
        bool, typer.Option("--mentions", help="link every mention-level record, not only each sheet's events")
    ] = False,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help="the clusters' link score")
    ] = THRESHOLD,
    model: Annotated[
        str | None, typer.Option("--model", help="ask this model about close merges (openai:NAME or local)")
    ] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint")] = None,
    votes: Annotated[
        int,
        typer.Option("--votes", min=0, help="at most this many close merges put to the model (after up to 8 controls)"),
    ] = 20,
    vote_weight: Annotated[
        float,
        typer.Option("--vote-weight", min=0.0, max=MAX_VOTE_WEIGHT, help="what a vote moves a merge by (0.5 at most)"),
    ] = VOTE_WEIGHT,
    stories: Annotated[
        Path | None,
        typer.Option("--stories", help='a JSON object {"document id": "story label"}: documents of one story'),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress on stderr")] = False,
) -> None:
    """Link the same events across the documents into one story: a timeline with sources and conflicts."""
    with exits():
        documents = load(file)
        labels = _stories(stories) if stories is not None else None
        backend = None
        if model is not None:
            from factx.backends import resolve_backend

            backend = resolve_backend(model, base_url=base_url)
        with Progress(
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=quiet,
            transient=False,
        ) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            story = link(
                documents,
                mentions=mentions,
                threshold=threshold,
                backend=backend,
                votes=votes,
                vote_weight=vote_weight,
                stories=labels,
                progress=progress,
            )
        text = story.model_dump_json(indent=2)
        if output is None:
            typer.echo(text)
        else:
            output.write_text(text + "\n", encoding="utf-8")
        if html is not None:
            html.write_text(render_story(story, title=f"factx story · {file.name}"), encoding="utf-8")
    linked = sum(1 for e in story.events if len(e.documents) > 1)
    conflicts = sum(1 for e in story.events if e.conflicts)
    if not quiet:
        typer.echo(
            f"{len(story.documents)} documents, {len(story.events)} events ({linked} in several documents, "
            f"{conflicts} with conflicts), {len(story.entities)} entities"
            + (f"; {said}" if (said := story.votes_said()) else ""),
            err=True,
        )


def _stories(path: Path) -> dict[str, str]:
    """The ``--stories`` file: a JSON object of document id -> story label."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FactxInputError(f"--stories {path}: not a readable JSON file ({exc})") from exc
    if not isinstance(value, dict) or not all(isinstance(v, str | int) for v in value.values()):
        raise FactxInputError(f'--stories {path}: expected a JSON object {{"document id": "story label"}}')
    return {str(k): str(v) for k, v in value.items()}

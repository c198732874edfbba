"""Command line (typer): ``factx extract`` and ``factx eval``; parses options, prints, sets exit codes."""

from factx.cli.app import app, main

__all__ = ["app", "main"]

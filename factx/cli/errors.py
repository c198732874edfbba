"""The command line's one way out on an error: one line on stderr, and an exit status by who must act.

Status 2: the caller's mistake (bad input, bad option, unknown model, a file that cannot be read or
written); status 1: the model or the endpoint failed. Every command goes through ``exits``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import NoReturn

import typer

from factx._errors import FactxConfigError, FactxError, FactxInputError

__all__ = ["CALLER", "MODEL", "exits", "fail", "one_line", "status_of"]

CALLER = 2
"""Exit status of a caller's mistake (as click uses for a bad option)."""
MODEL = 1
"""Exit status when the model or the endpoint failed."""


def one_line(exc: BaseException | str) -> str:
    """A message on one line (a message with newlines would break the CLI's one-line promise)."""
    return " ".join(str(exc).split())


def status_of(exc: FactxError) -> int:
    """2 when the caller must act (input, configuration), else 1."""
    return CALLER if isinstance(exc, FactxInputError | FactxConfigError) else MODEL


def message_of(exc: FactxError) -> str:
    """The caller's mistakes speak for themselves; a model or network failure names its error type."""
    if status_of(exc) == CALLER:
        return one_line(exc)
    return f"{type(exc).__name__}: {one_line(exc)}"


def fail(message: str, status: int = CALLER) -> NoReturn:
    """Print ``error: message`` on stderr and exit with ``status``."""
    typer.echo(f"error: {one_line(message)}", err=True)
    raise typer.Exit(status)


@contextlib.contextmanager
def exits(prefix: str = "") -> Iterator[None]:
    """Within the block, a ``FactxError`` or an unreadable/unwritable file ends the command with one line."""
    try:
        yield
    except FactxError as exc:
        fail(f"{prefix}{message_of(exc)}", status_of(exc))
    except OSError as exc:
        where = exc.filename if exc.filename is not None else "file"
        fail(f"{prefix}{where}: {exc.strerror or exc}", CALLER)

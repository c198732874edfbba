"""factx's logging: one logger (``factx``), silent unless the application configures logging.

factx writes one line per retry (INFO) and per give-up (WARNING). instructor's own records are
dropped while factx runs a call (they repeat, per attempt, what factx reports once, and would quote
server error bodies); outside factx's calls instructor logs as usual.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator

__all__ = ["log", "quiet_instructor"]

log = logging.getLogger("factx")
log.addHandler(logging.NullHandler())

_IN_CALL: contextvars.ContextVar[bool] = contextvars.ContextVar("factx_in_call", default=False)
_INSTRUCTOR_LOGGERS = ("instructor", "instructor.v2", "instructor.v2.retry")


def _outside_factx(record: logging.LogRecord) -> bool:
    return not _IN_CALL.get()


for _name in _INSTRUCTOR_LOGGERS:
    logging.getLogger(_name).addFilter(_outside_factx)


@contextlib.contextmanager
def quiet_instructor() -> Iterator[None]:
    """Within the block (this thread or task), instructor's log records are dropped."""
    token = _IN_CALL.set(True)
    try:
        yield
    finally:
        _IN_CALL.reset(token)

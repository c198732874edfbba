"""Imported once by the forkserver that worker processes fork from (``factx.run.processes``).

What every worker needs is then in memory before any worker starts, shared by all of them: the
pipeline's modules, spaCy's model, and the HTTP clients' modules (openai and instructor import
them on first use). A spawned worker loaded all of these itself, for every batch (~1.5 s each).
"""

from __future__ import annotations

import contextlib

import factx.run.batch  # noqa: F401  (the imports are the point; the package comes with them)
from factx.backends import preload
from factx.detect.parse import nlp

with contextlib.suppress(Exception):  # a worker that needs what failed here reports it as a typed error
    nlp()
with contextlib.suppress(Exception):
    preload()

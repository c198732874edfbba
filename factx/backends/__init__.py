"""Backends: one request object (``ModelRequest``), one async method (``Backend.request``), a sync adapter.

Implementations: any OpenAI-compatible endpoint, the embedded llama.cpp model, the fake (``factx.testing``).

The only package that imports ``openai``, ``instructor`` or ``llama_cpp`` (an import-linter contract).
"""

from __future__ import annotations

import os

from factx._errors import FactxConfigError
from factx.backends.base import Backend, InstructorBackend, Messages, ModelRequest, Reply, RequestOptions
from factx.backends.budget import DEFAULT_TIMEOUT, TIMEOUT_CHARS, Budgeted, default_timeout
from factx.backends.deadline import Deadline
from factx.backends.llamacpp import LlamaCppBackend, bundled_model_path, fix_grammar_strings, model_loads
from factx.backends.openai_compat import OpenAIBackend, preload

DEFAULT_MODEL = "local:smollm2"

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_TIMEOUT",
    "TIMEOUT_CHARS",
    "Backend",
    "Budgeted",
    "Deadline",
    "InstructorBackend",
    "LlamaCppBackend",
    "Messages",
    "ModelRequest",
    "OpenAIBackend",
    "Reply",
    "RequestOptions",
    "bundled_model_path",
    "default_timeout",
    "fix_grammar_strings",
    "model_loads",
    "preload",
    "resolve_backend",
]


def resolve_backend(model: str | None = None, *, base_url: str | None = None, api_key: str | None = None) -> Backend:
    """``model=`` else ``$FACTX_MODEL`` else the embedded default, as a backend."""
    name = model or os.environ.get("FACTX_MODEL") or DEFAULT_MODEL
    provider, _, rest = name.partition(":")
    if provider == "openai" and rest:
        return OpenAIBackend(rest, base_url=base_url, api_key=api_key)
    if provider == "local":
        if base_url is not None:
            raise FactxConfigError("base_url= is for openai:NAME models, not the embedded one")
        return LlamaCppBackend(None if rest in ("", "smollm2") else rest)
    raise FactxConfigError(f"unknown model {name!r}: use 'openai:NAME' or 'local' (the embedded default)")

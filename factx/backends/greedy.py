"""Greedy decoding under a grammar that checks the grammar only when it has to.

llama-cpp-python's sampler chain runs the grammar over the whole vocabulary (49,152 tokens for
SmolLM2) at every step, which costs about as much as the model's own step. At temperature 0 the
answer is the most likely token the grammar allows, so this sampler first takes the most likely
token overall and asks the grammar about that one token (llama.cpp's own ``common_sampler`` does
the same); when the grammar refuses it, about the 64 most likely, and only when it refuses all of
them, about the whole vocabulary. The tokens chosen are the ones the full chain would choose.
"""

from __future__ import annotations

import ctypes
from typing import Any

import numpy as np

__all__ = ["LazyGrammarGreedy"]

_SHORTLIST = 64
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
        self._cells = np.zeros(self._n_vocab, dtype=_TOKEN_DATA)
        self.steps = 0
        self.full_passes = 0
        """How many of the steps needed the whole vocabulary filtered."""

    def sample(self, ctx: Any, idx: int = -1) -> int:
        """The most likely token the grammar allows after the logits at ``idx``; the grammar advances."""
        lib = self._lib
        pointer = lib.llama_get_logits_ith(ctx.ctx, idx)
        logits = np.ctypeslib.as_array(pointer, shape=(self._n_vocab,))
        if self._processors:
            for processor in self._processors:
                logits[:] = processor(self._llama._input_ids, logits)
        self.steps += 1
        token = int(np.argmax(logits))
        if not np.isfinite(self._filter(np.array([token]), logits)[0]):
            token = self._best_allowed(logits)
        lib.llama_sampler_accept(self._grammar, token)
        return token

    def _best_allowed(self, logits: Any) -> int:
        """The best allowed token among the most likely ``_SHORTLIST``, else over the whole vocabulary.

        Either way it is the argmax over allowed tokens: any allowed token outside the shortlist
        scores below every token in it."""
        shortlist = np.argpartition(logits, -_SHORTLIST)[-_SHORTLIST:]
        kept = self._filter(shortlist, logits)
        if np.isfinite(kept).any():
            return int(shortlist[int(np.argmax(kept))])
        self.full_passes += 1
        everything = np.arange(self._n_vocab)
        return int(np.argmax(self._filter(everything, logits)))

    def _filter(self, tokens: Any, logits: Any) -> Any:
        """The logits of ``tokens`` after the grammar (``-inf`` for each token it refuses)."""
        lib = self._lib
        cells = self._cells[: len(tokens)]
        cells["id"] = tokens
        cells["logit"] = logits[tokens]
        data = cells.ctypes.data_as(ctypes.POINTER(lib.llama_token_data))
        array = lib.llama_token_data_array(data=data, size=len(tokens), selected=-1, sorted=False)
        lib.llama_sampler_apply(self._grammar, ctypes.byref(array))
        return cells["logit"].copy()

    def close(self) -> None:
        """Free the grammar (llama-cpp-python calls this on the sampler it replaces)."""
        if self._grammar is not None:
            self._lib.llama_sampler_free(self._grammar)
            self._grammar = None

    def __del__(self) -> None:
        self.close()

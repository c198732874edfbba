"""The embedded model's lazy grammar sampler chooses exactly the tokens llama-cpp-python's chain chooses."""

from __future__ import annotations

import json
from typing import Any

import pytest

llama_cpp = pytest.importorskip("llama_cpp")

from factx.backends.llamacpp import _lazy_grammar, bundled_model_path, fix_grammar_strings  # noqa: E402

pytestmark = pytest.mark.embedded  # the sampler is checked on the real model

SCHEMAS = [
    {
        "type": "object",
        "properties": {f"k{n}": {"type": "boolean"} for n in range(6)},
        "required": [f"k{n}" for n in range(6)],
    },
    {
        "type": "object",
        "properties": {
            "quote": {"type": "string"},
            "kind": {"enum": ["storm", "vote", "strike", "other"]},
            "count": {"type": "integer"},
        },
        "required": ["quote", "kind", "count"],
    },
]
PROMPT = (
    "<|im_start|>user\nA storm closed the harbour of Velmar on Friday and 40 boats stayed in port. "
    "Answer in JSON.<|im_end|>\n<|im_start|>assistant\n"
)


@pytest.fixture(scope="module")
def models() -> tuple[Any, Any]:
    fix_grammar_strings()
    path = str(bundled_model_path())
    plain = llama_cpp.Llama(model_path=path, n_threads=1, n_ctx=1024, verbose=False, seed=0)
    lazy = _lazy_grammar(llama_cpp.Llama)(model_path=path, n_threads=1, n_ctx=1024, verbose=False, seed=0)
    return plain, lazy


@pytest.mark.parametrize("schema", SCHEMAS, ids=["booleans", "mixed"])
def test_lazy_grammar_gives_the_chains_tokens(models: tuple[Any, Any], schema: dict[str, Any]) -> None:
    plain, lazy = models
    grammar = llama_cpp.LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
    want = plain.create_completion(PROMPT, max_tokens=40, temperature=0, grammar=grammar)
    got = lazy.create_completion(PROMPT, max_tokens=40, temperature=0, grammar=grammar)
    assert got["choices"][0]["text"] == want["choices"][0]["text"]
    assert got["usage"]["completion_tokens"] == want["usage"]["completion_tokens"]
    sampler = lazy._sampler
    assert sampler.steps == got["usage"]["completion_tokens"]
    assert sampler.full_passes < sampler.steps / 2  # the whole vocabulary is filtered only now and then
    if got["choices"][0]["finish_reason"] == "stop":
        json.loads(got["choices"][0]["text"])


def test_sampling_without_grammar_keeps_the_chain(models: tuple[Any, Any]) -> None:
    _, lazy = models
    out = lazy.create_completion(PROMPT, max_tokens=5, temperature=0)
    assert out["usage"]["completion_tokens"] >= 1
    assert not hasattr(lazy._sampler, "full_passes")

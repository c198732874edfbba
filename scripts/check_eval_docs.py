"""Every gold document of ../shared/eval through ``extract_facts`` (code path): no untyped exception.

Usage: python scripts/check_eval_docs.py [--eval-dir DIR] [--limit N] [--sentences] [--workers N]

The documents are the whole texts of the gold files: TempEval-3 TBAQ documents (with their creation
date as the reference), WikiEvents dev, ECB+ dev and MeasEval paragraphs. ``--sentences`` adds the
rows of the sentence and phrase files (date and figure test sets), which are not documents and take
longer. Each text runs with a ``FakeBackend`` that answers every request with nothing, so code's
records stand (the library's own code path). A ``FactxError`` is a typed answer and counts apart;
any other exception is a failure: the document and the end of its traceback are printed and the
exit status is 1. Without the gold folder (``$FACTX_EVAL_DIR``, else ``shared/eval`` beside the
repository) the check says so and exits 0. The 1,281 documents (2.3 M characters) cost about 225
CPU-s, spread over one worker process per core (at most 8), forked after spaCy's model is loaded.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ("tempeval3_tbaq_docs.jsonl", "wikievents_dev.jsonl", "ecbplus_dev.jsonl", "measeval_train.jsonl")
"""Files whose rows are whole texts (news documents, scientific paragraphs)."""
SENTENCES = (
    "tempeval3_tbaq_events.jsonl",
    "tempeval3_tbaq_timex.jsonl",
    "recognizers_datetime_en.jsonl",
    "duckling_time_en.jsonl",
    "recognizers_quantities_en.jsonl",
    "duckling_quantities_en.jsonl",
    "quantulum3_quantities_en.jsonl",
)
"""Files whose rows are one sentence or phrase each."""

Extract = Callable[[str, str | None], object]


@dataclass(frozen=True)
class Document:
    """One text of a gold file, with the reference date its file gives (if any)."""

    file: str
    row: int
    id: str
    text: str
    reference: str | None


@dataclass(frozen=True)
class Failure:
    """An untyped exception: which document, and the last frames of its traceback."""

    document: Document
    summary: str


def eval_dir() -> Path:
    """``$FACTX_EVAL_DIR``, else ``shared/eval`` beside the repository root (as the benchmarks find it)."""
    return Path(os.environ.get("FACTX_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def documents(folder: Path, names: tuple[str, ...]) -> Iterator[Document]:
    """The rows of ``names`` in ``folder`` that have a non-empty text, in file order."""
    for name in names:
        path = folder / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            for row, line in enumerate(handle):
                record: dict[str, Any] = json.loads(line)
                text = record.get("text")
                if not isinstance(text, str) or not text.strip():
                    continue
                reference = record.get("reference")
                yield Document(
                    file=name,
                    row=row,
                    id=str(record.get("id", row)),
                    text=text,
                    reference=reference[:10] if isinstance(reference, str) and reference[:4].isdigit() else None,
                )


def code_path(text: str, reference: str | None) -> object:
    """``extract_facts`` with a fake model that answers every request with nothing (code's records stand)."""
    import factx
    from factx.testing import FakeBackend

    return factx.extract_facts(text, reference_date=reference, backend=FakeBackend())


def outcome(doc: Document, extract: Extract = code_path) -> tuple[bool, Failure | None]:
    """(a typed error, an untyped failure) of ``extract`` on one document; (False, None) when it ran."""
    from factx import FactxError

    try:
        extract(doc.text, doc.reference)
    except FactxError:
        return True, None
    except Exception as error:  # any other exception is what this check reports
        stack = traceback.extract_tb(error.__traceback__)
        frames = [f for f in stack if f"{os.sep}factx{os.sep}" in f.filename][-4:] or stack[-3:]  # factx's own
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
        message = " ".join(str(error).split())
        return False, Failure(doc, f"{type(error).__name__}: {message} at {where}")
    return False, None


def check(docs: Iterable[Document], extract: Extract = code_path, workers: int = 1) -> tuple[int, int, list[Failure]]:
    """(documents run, typed errors, untyped failures) of ``extract`` over ``docs``, in ``workers`` processes."""
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            outcomes = list(pool.map(functools.partial(outcome, extract=extract), docs, chunksize=4))
    else:
        outcomes = [outcome(doc, extract) for doc in docs]
    failures = [failure for _, failure in outcomes if failure is not None]
    return len(outcomes), sum(typed for typed, _ in outcomes), failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=None, help="the gold folder (default: ../shared/eval)")
    parser.add_argument("--limit", type=int, default=0, help="at most this many texts (0: all)")
    parser.add_argument("--sentences", action="store_true", help="also the sentence and phrase files")
    parser.add_argument(
        "--workers", type=int, default=min(8, os.cpu_count() or 1), help="processes (default: cores, at most 8)"
    )
    args = parser.parse_args(argv)
    folder = args.eval_dir or eval_dir()
    if not folder.is_dir():
        print(f"check_eval_docs: skipped, no gold folder at {folder} (set FACTX_EVAL_DIR)")
        return 0
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    names = DOCUMENTS + (SENTENCES if args.sentences else ())
    docs = itertools.islice(documents(folder, names), args.limit or None)
    started = time.perf_counter()
    code_path("The council met on Monday.", None)  # spaCy's model loaded once, before the workers fork
    count, typed, failures = check(docs, workers=args.workers)
    spent = time.perf_counter() - started
    print(
        f"check_eval_docs: {count} texts of {folder} in {spent:.0f} s ({args.workers} processes): "
        f"{typed} typed errors, {len(failures)} failures"
    )
    for failure in failures:
        doc = failure.document
        print(f"  {doc.file} row {doc.row} (id {doc.id}, {len(doc.text)} chars): {failure.summary}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Scale: cost against length, throughput against concurrency, and a cached re-run (printed tables).

Usage: python benchmarks/bench_scale.py [--sizes 3000,100000,1000000,5000000] [--embedded-sizes 3000,30000]
       [--concurrency 1,2,4,8,16] [--skip-sizes] [--skip-throughput] [--skip-cache]

1. chars/s and peak RSS of ``extract_facts`` on TempEval-3 documents concatenated (../shared/eval),
   with ``FakeBackend`` (library cost: every candidate declined) and with the embedded default,
   beside spaCy's own parse of the same text (``nlp.pipe`` over the same pieces). Each size runs in
   its own process, so its peak RSS is its own.
2. documents/s against a local OpenAI-compatible server on 127.0.0.1 that answers after 250 ms,
   for each concurrency (in one process, then spread over worker processes), as a ratio to
   concurrency 1 (target: >= 0.8 x N), with the CPU seconds each document cost (the bound: on C
   cores the ratio cannot pass C x (seconds per document at concurrency 1) / (CPU-s per document)).
   Each row set starts with one untimed warm-up call, whose seconds are printed (spaCy's load, and
   for worker processes the start of the forkserver they fork from).
3. 50 documents run twice with ``cache=``: requests the server saw and wall time of each run.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing.forkserver
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _paths import gold
from stub_server import stub_server, stub_server_process

import factx
from factx.detect.parse import nlp
from factx.detect.pieces import PIECE_CHARS, pieces
from factx.testing import FakeBackend, answer_choices

logging.getLogger("instructor").setLevel(logging.CRITICAL)
REFERENCE = "1998-03-01"


def corpus() -> list[dict[str, Any]]:
    with gold("tempeval3_tbaq_docs.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def text_of(size: int) -> str:
    joined = "\n\n".join(d["text"] for d in corpus())
    return ((joined + "\n\n") * (size // len(joined) + 1))[:size]


_decline = answer_choices(False)


def one_size(size: int, backend_name: str) -> dict[str, Any]:
    """Run in a child process: time extract_facts on ``size`` characters, then spaCy alone."""
    text = text_of(size)
    backend = FakeBackend(responder=_decline) if backend_name == "fake" else factx.backends.resolve_backend("local")
    nlp()  # loading is not part of either figure (nor is the embedded model's, loaded by a first short call)
    factx.extract_facts("The council met on Monday.", backend=backend, strategy="choose")
    started = time.perf_counter()
    sheet = factx.extract_facts(text, reference_date=REFERENCE, backend=backend, strategy="choose")
    spent = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    for _ in nlp().pipe((text[s:e] for s, e in pieces(text, PIECE_CHARS)), batch_size=2):
        pass
    spacy = time.perf_counter() - started
    return {
        "size": size,
        "seconds": spent,
        "rss_mb": rss,
        "spacy_seconds": spacy,
        "requests": sheet.usage.requests,
        "facts": len(sheet.dates) + len(sheet.figures) + len(sheet.events),
    }


def sizes_table(sizes: list[int], embedded: list[int]) -> None:
    print("\n1. cost against length (TempEval-3 documents concatenated; one process per row)")
    print(
        f"{'backend':9} {'chars':>9} {'seconds':>8} {'chars/s':>9} {'peak RSS MB':>11} {'spaCy s':>8} "
        f"{'spaCy chars/s':>13} {'requests':>8} {'facts':>7}"
    )
    for backend, chosen in (("fake", sizes), ("embedded", embedded)):
        for size in chosen:
            child = subprocess.run(
                [sys.executable, __file__, "--one-size", str(size), "--backend", backend],
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode != 0:
                print(f"{backend:9} {size:>9} failed: {child.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(child.stdout.strip().splitlines()[-1])
            print(
                f"{backend:9} {size:>9} {r['seconds']:>8.1f} {size / r['seconds']:>9.0f} {r['rss_mb']:>11.0f} "
                f"{r['spacy_seconds']:>8.1f} {size / r['spacy_seconds']:>13.0f} {r['requests']:>8} {r['facts']:>7}"
            )


def throughput_table(levels: list[int], processes: list[int]) -> None:
    print(
        "\n2. throughput against a local OpenAI-compatible server answering after 250 ms (strategy extract;"
        " the server runs in its own process; the same documents at every level)"
    )
    docs = [
        {"id": d.get("id", n), "text": d["text"], "reference_date": d.get("reference")} for n, d in enumerate(corpus())
    ][: 3 * max(levels)]
    print(f"{len(docs)} documents, {sum(len(d['text']) for d in docs):,} chars")
    print(
        f"{'processes':>9} {'concurrency':>11} {'requests':>8} {'seconds':>8} {'docs/s':>7} {'CPU-s/doc':>9} "
        f"{'ratio':>6} {'target':>6}"
    )
    base = None
    options = {"model": "openai:stub", "api_key": "sk-bench"}
    with stub_server_process(latency=0.25) as server:
        for workers in processes:
            started = time.perf_counter()  # untimed warm-up: spaCy's load, the worker processes' forkserver
            factx.extract_many(
                docs[: 2 * workers], concurrency=2 * workers, processes=workers, base_url=server.base_url, **options
            )
            print(f"{workers:>9} {'warm-up':>11} {'':>8} {time.perf_counter() - started:>8.1f}")
            for level in levels:
                if workers > level:
                    continue
                before = server.requests
                cpu = _cpu()
                started = time.perf_counter()
                results = factx.extract_many(
                    docs, concurrency=level, processes=workers, base_url=server.base_url, **options
                )
                spent = time.perf_counter() - started
                assert all(isinstance(r, factx.FactSheet) for r in results), [r for r in results if not r]
                rate = len(docs) / spent
                base = base or rate
                print(
                    f"{workers:>9} {level:>11} {server.requests - before:>8} {spent:>8.1f} {rate:>7.2f} "
                    f"{(_cpu() - cpu) / len(docs):>9.3f} {rate / base:>6.2f} {0.8 * level:>6.1f}"
                )


def _cpu() -> float:
    """CPU seconds of this process, of its finished children, and of the finished workers of the
    forkserver the worker processes fork from (they are its children, not ours; Linux ``/proc``)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    server = getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None)  # no public accessor
    if server is not None and os.path.exists(f"/proc/{server}/stat"):
        fields = Path(f"/proc/{server}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")  # cutime, cstime
    return total


def cache_table() -> None:
    print("\n3. a cached re-run of 50 documents (server answering after 250 ms, concurrency 8)")
    docs = [{"id": n, "text": d["text"], "reference_date": d.get("reference")} for n, d in enumerate(corpus()[:50])]
    with stub_server(latency=0.25) as server, tempfile.TemporaryDirectory() as folder:
        print(f"{'run':>5} {'requests':>8} {'seconds':>8} {'identical facts':>15}")
        first: list[Any] = []
        for run in ("first", "again"):
            before = server.requests
            started = time.perf_counter()
            results = factx.extract_many(
                docs, concurrency=8, cache=folder, model="openai:stub", base_url=server.base_url, api_key="sk-bench"
            )
            spent = time.perf_counter() - started
            facts = [r.model_dump(exclude={"usage"}) if isinstance(r, factx.FactSheet) else str(r) for r in results]
            same = "-" if not first else str(facts == first)
            first = first or facts
            print(f"{run:>5} {server.requests - before:>8} {spent:>8.1f} {same:>15}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="3000,100000,1000000,5000000")
    parser.add_argument("--embedded-sizes", default="3000,30000")
    parser.add_argument("--concurrency", default="1,2,4,8,16")
    parser.add_argument("--processes", default="1,2", help="worker processes (extract_many(processes=)) per row set")
    parser.add_argument("--skip-sizes", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-cache", action="store_true")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--backend", default="fake", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_size:
        print(json.dumps(one_size(args.one_size, args.backend)))
        return
    print(f"{os.cpu_count()} cores; pieces of at most {PIECE_CHARS} characters")
    if not args.skip_sizes:
        sizes_table([int(s) for s in args.sizes.split(",") if s], [int(s) for s in args.embedded_sizes.split(",") if s])
    if not args.skip_throughput:
        throughput_table([int(s) for s in args.concurrency.split(",")], [int(s) for s in args.processes.split(",")])
    if not args.skip_cache:
        cache_table()


if __name__ == "__main__":
    main()

"""One long document against a slow model server: its passage requests in flight together.

Usage: python benchmarks/bench_document_requests.py [--chars 30000] [--latency 0.25]

A ~30 KB text (TempEval-3 documents joined, ../shared/eval) goes through ``extract_facts`` three ways
in one run: code alone (no model requests: the ``choose`` strategy with a backend that has no
answers), and ``strategy="extract"`` against a local OpenAI-compatible server on 127.0.0.1 that
answers every request after ``--latency`` seconds, with ``concurrency_per_document`` 1 (one request
after another, as before), 4 and 8 (the default). Prints seconds, the ratio to code alone, requests and
tokens (counts that load cannot change). Target (issue 19): at most 1.5x code alone.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from _paths import gold
from stub_server import stub_server_process

import factx
from factx.detect.parse import nlp
from factx.testing import FakeBackend, answer_choices

logging.getLogger("instructor").setLevel(logging.CRITICAL)
logging.getLogger("factx").setLevel(logging.CRITICAL)


def text_of(size: int) -> str:
    with gold("tempeval3_tbaq_docs.jsonl").open(encoding="utf-8") as handle:
        joined = "\n\n".join(json.loads(line)["text"] for line in handle)
    return joined[:size]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=30_000)
    parser.add_argument("--latency", type=float, default=0.25)
    args = parser.parse_args()
    text = text_of(args.chars)
    nlp()
    factx.extract_facts("The council met on Monday.", backend=FakeBackend(), strategy="choose")  # warm-up
    rows = []
    started = time.perf_counter()
    alone = factx.extract_facts(text, backend=FakeBackend(responder=answer_choices(False)), strategy="choose")
    code_seconds = time.perf_counter() - started
    rows.append(("code alone", code_seconds, alone))
    with stub_server_process(latency=args.latency) as server:
        options = {"model": "openai:stub", "api_key": "sk-bench", "base_url": server.base_url}
        factx.extract_facts("The council met on Monday.", strategy="extract", **options)  # warm the client
        for level in (1, 4, 8):
            started = time.perf_counter()
            sheet = factx.extract_facts(text, strategy="extract", concurrency_per_document=level, **options)
            rows.append((f"extract, {level} in flight", time.perf_counter() - started, sheet))
    print(f"{len(text):,} characters; server latency {args.latency * 1000:.0f} ms per request\n")
    print("| run | seconds | ratio to code alone | requests | prompt tokens | completion tokens | events |")
    print("|---|---|---|---|---|---|---|")
    for name, seconds, sheet in rows:
        u = sheet.usage
        print(
            f"| {name} | {seconds:.2f} | {seconds / code_seconds:.2f} | {u.requests} | {u.prompt_tokens} | "
            f"{u.completion_tokens} | {len(sheet.events)} |"
        )


if __name__ == "__main__":
    main()

"""The embedded default end to end on the sample article: wall time, requests, tokens, and scores.

Usage: python benchmarks/bench_pipeline.py [--runs 3] [--model local]
Scores against examples/sample_article_gold.jsonl (our own annotation of our own article) with
factx's scorer; times a cold first run (model and parser loading) and warm runs after it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import factx
from factx.backends import resolve_backend
from factx.eval.score import render_report

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "sample_article.txt"
GOLD = ROOT / "examples" / "sample_article_gold.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--model", default="local")
    args = parser.parse_args()
    text = ARTICLE.read_text(encoding="utf-8")
    backend = resolve_backend(args.model)
    times = []
    sheet = None
    for _ in range(args.runs):
        started = time.perf_counter()
        sheet = factx.extract_facts(text, reference_date="2025-10-08", backend=backend)
        times.append(time.perf_counter() - started)
    assert sheet is not None
    bad_spans = sum(
        1 for f in (*sheet.dates, *sheet.figures, *sheet.events) if text[f.span.start : f.span.end] != f.span.text
    )
    print(f"article: {len(text)} characters, {os.cpu_count()} cores, model {sheet.model}")
    print(
        f"wall time: cold {times[0]:.1f} s; warm median {statistics.median(times[1:] or times):.1f} s "
        f"over {max(1, len(times) - 1)} run(s)"
    )
    print(
        f"facts: {len(sheet.dates)} dates, {len(sheet.figures)} figures, {len(sheet.events)} events; "
        f"rejected {len(sheet.rejected)}; spans differing from the source: {bad_spans}"
    )
    u = sheet.usage
    print(
        f"usage per run: {u.requests} requests, {u.retries} retries, {u.prompt_tokens} prompt + "
        f"{u.completion_tokens} completion tokens"
    )
    report = factx.evaluate(GOLD, backend=backend, progress=False)
    print(render_report(report, "table"))


if __name__ == "__main__":
    main()

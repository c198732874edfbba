"""The embedded default (SmolLM2 through llama.cpp, choose strategy) on TBAQ documents: this tree
beside a baseline tree, in one run; chars/s, requests, tokens and events trigger F1.

Usage: python benchmarks/bench_embedded.py [--docs 20] [--base ../base]
The baseline is a git worktree of an earlier commit (``git worktree add ../base 3a65eaa``); each
tree runs in its own subprocess with that tree first on PYTHONPATH, one after the other, same
documents, same machine. Trigger F1: a predicted event matches a gold TBAQ event when its trigger
(else its span) overlaps the gold trigger, one-to-one in text order. The baseline's events are its
``sheet.events`` (every clause it kept); this tree is scored on ``sheet.event_mentions`` (every
mention, what TBAQ annotates) and, for information, on ``sheet.events`` (the reader's list).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _paths import ROOT, gold

WORKER = r"""
import json, sys, time
import factx
try:
    from factx.backends import resolve_backend
except ImportError:
    from factx._backends import resolve_backend
docs = [json.loads(line) for line in sys.stdin if line.strip()]
backend = resolve_backend("local")
factx.extract_facts("The council met on Monday.", backend=backend, strategy="choose")  # load model and parser
out = {"chars": 0, "seconds": 0.0, "requests": 0, "prompt": 0, "completion": 0, "docs": []}
for doc in docs:
    started = time.perf_counter()
    sheet = factx.extract_facts(doc["text"], reference_date=doc["reference"][:10], backend=backend, strategy="choose")
    out["seconds"] += time.perf_counter() - started
    out["chars"] += len(doc["text"])
    u = sheet.usage
    out["requests"] += u.requests
    out["prompt"] += u.prompt_tokens
    out["completion"] += u.completion_tokens
    def spans(events):
        return [[(e.trigger or e.span).start, (e.trigger or e.span).end] for e in events]
    mentions = getattr(sheet, "event_mentions", None)
    out["docs"].append({"events": spans(sheet.events), "mentions": spans(mentions) if mentions is not None else None})
print(json.dumps(out))
"""


def _run(tree: Path, docs: list[dict[str, Any]]) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree.resolve())}
    payload = "\n".join(json.dumps({"text": d["text"], "reference": d["reference"]}) for d in docs)
    done = subprocess.run(  # cwd = the tree, so its own factx is the one imported
        [sys.executable, "-c", WORKER], input=payload, capture_output=True, text=True, env=env, cwd=tree, check=False
    )
    if done.returncode != 0:
        sys.exit(f"worker for {tree} failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _f1(preds: list[list[list[int]]], docs: list[dict[str, Any]]) -> tuple[float, float, float]:
    tp = n_pred = n_gold = 0
    for spans, doc in zip(preds, docs, strict=True):
        golds = [(e["start"], e["end"]) for e in doc["events"]]
        used: set[int] = set()
        for s, e in sorted(spans):
            hit = next((i for i, (gs, ge) in enumerate(golds) if i not in used and s < ge and gs < e), None)
            if hit is not None:
                used.add(hit)
        tp += len(used)
        n_pred += len(spans)
        n_gold += len(golds)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--base", type=Path, default=ROOT.parent / "base", help="the baseline tree")
    args = ap.parse_args()
    with gold("tempeval3_tbaq_docs.jsonl").open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()][: args.docs]
    rows = [("baseline", _run(args.base, docs)), ("this tree", _run(ROOT, docs))]
    print(
        f"embedded default (SmolLM2-135M, choose) on the first {len(docs)} TBAQ documents, "
        f"{sum(len(d['text']) for d in docs):,} chars, {os.cpu_count()} cores\n"
    )
    print("| tree | chars/s | requests | prompt tok | completion tok | events P / R / F1 | scored on |")
    print("|---|---|---|---|---|---|---|")
    speeds = []
    for name, r in rows:
        speed = r["chars"] / r["seconds"]
        speeds.append(speed)
        mentions = [d["mentions"] for d in r["docs"]]
        scored = mentions if all(m is not None for m in mentions) else [d["events"] for d in r["docs"]]
        p, rec, f = _f1(scored, docs)
        label = "event_mentions" if scored is mentions else "events"
        print(
            f"| {name} | {speed:,.0f} | {r['requests']} | {r['prompt']} | {r['completion']} | "
            f"{p:.3f} / {rec:.3f} / {f:.3f} | {label} |"
        )
        if scored is mentions:
            p, rec, f = _f1([d["events"] for d in r["docs"]], docs)
            print(f"| {name} (reader's list) | | | | | {p:.3f} / {rec:.3f} / {f:.3f} | events |")
    print(f"\nspeed-up: {speeds[1] / speeds[0]:.1f}x chars/s")


if __name__ == "__main__":
    main()

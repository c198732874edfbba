"""Long texts read in pieces: CPU against length on a repetitive document, this tree beside a base.

Usage: python benchmarks/bench_pieces.py [--base ../old] [--sizes 40000,80000,160000] [--normal 100000]

A repetitive long document (invented news paragraphs about attacks, protests and arrests, repeated
to the size) runs through ``extract_facts`` with ``FakeBackend`` (every request answered with
nothing: code's records stand), each size in its own process, for this tree and for ``--base`` (a
worktree of an older commit, e.g. ``git worktree add ../old fc312d1``) in the same run. Printed:
CPU seconds of the whole call and of the merge of the pieces (``PieceMerger.sheet``), their growth
against the smallest size, and whether the records (mentions, type) are the same as the base's.
``--normal`` adds TempEval-3 documents concatenated to that size (../shared/eval), a normal long text.

A run on a shared, loaded 2-core machine (load average 10-20, so CPU figures vary by about 15 %),
base fc312d1: 40 -> 160 KB repetitive, whole call 4.20x the CPU (base 5.68x), merge 0.21 -> 1.27 s
(base 0.51 -> 10.40 s); the same records as the base at every size and on 100 KB of TempEval-3.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "2025-10-08"

PARAGRAPHS = (
    "Rebels attacked an army convoy near Tessa on Monday, killing 12 soldiers, the defence ministry said.",
    "The attack came a day after gunmen stormed a police post in Vell and seized weapons.",
    "On March 3, 2025 thousands of teachers protested outside parliament in Korvana over unpaid wages.",
    "Police arrested 40 protesters that day and charged them with blocking a highway.",
    "Militants shelled the market in Oska on Tuesday, wounding 30 people, witnesses told reporters.",
    "Dockworkers in Mirela walked out on Friday, halting about 3,000 containers, the port operator said.",
    "Troops raided a village north of Bren and detained the mayor, local officials said.",
    "The strike ended on Sunday after the union and the operator signed a pay deal.",
    "Protesters marched through Korvana again on Saturday and clashed with riot police.",
    "A car bomb exploded outside a hotel in Tessa late on Wednesday, killing four guards.",
)


def repetitive(size: int) -> str:
    """The paragraphs repeated, one blank line apart, cut at ``size`` characters."""
    block = "\n\n".join(PARAGRAPHS) + "\n\n"
    return (block * (size // len(block) + 1))[:size]


def normal(size: int) -> str:
    """TempEval-3 news documents concatenated to ``size`` characters (a normal long text)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _paths import gold

    with gold("tempeval3_tbaq_docs.jsonl").open(encoding="utf-8") as handle:
        joined = "\n\n".join(json.loads(line)["text"] for line in handle)
    return joined[:size]


def one(kind: str, size: int) -> dict[str, Any]:
    """In a child process: CPU seconds of ``extract_facts`` on the text and of its merge."""
    import factx
    import factx.pipeline
    from factx.testing import FakeBackend

    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    text = repetitive(size) if kind == "repetitive" else normal(size)
    factx.extract_facts("Rebels attacked a convoy on Monday.", backend=FakeBackend())  # spaCy's load: untimed
    merge = [0.0]
    sheet_of = factx.pipeline.PieceMerger.sheet

    def timed(self: Any, **options: Any) -> Any:
        started = time.process_time()
        try:
            return sheet_of(self, **options)
        finally:
            merge[0] += time.process_time() - started

    factx.pipeline.PieceMerger.sheet = timed  # type: ignore[method-assign]
    started = time.process_time()
    sheet = factx.extract_facts(text, reference_date=REFERENCE, backend=FakeBackend(), timeout=None)
    cpu = time.process_time() - started
    records = sorted((e.type, tuple(m.start for m in e.mentions)) for e in sheet.events)
    return {
        "cpu": cpu,
        "merge": merge[0],
        "events": len(sheet.events),
        "mentions": len(sheet.event_mentions),
        "records": hashlib.sha1(json.dumps(records).encode()).hexdigest()[:10],
    }


def run(tree: Path, kind: str, size: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    child = subprocess.run(
        [sys.executable, __file__, "--one", kind, str(size)], capture_output=True, text=True, env=env, check=False
    )
    if child.returncode != 0:
        raise SystemExit(f"{tree} {kind} {size} failed:\n{child.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, help="a worktree of the commit to compare with")
    parser.add_argument("--sizes", default="40000,80000,160000")
    parser.add_argument("--normal", type=int, default=0, help="also TempEval-3 documents concatenated to this size")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return
    trees = [("this", ROOT)] + ([("base", args.base.resolve())] if args.base else [])
    rows = [("repetitive", int(s)) for s in args.sizes.split(",") if s]
    rows += [("normal", args.normal)] if args.normal else []
    print(
        f"{'tree':5} {'text':10} {'chars':>7} {'CPU-s':>7} {'growth':>6} {'merge s':>8} {'growth':>6} "
        f"{'events':>6} {'mentions':>8} {'records':>10} {'same as base':>12}"
    )
    results: dict[tuple[str, str, int], dict[str, Any]] = {}
    for kind, size in rows:
        for name, tree in trees:
            results[name, kind, size] = run(tree, kind, size)
    for name, _ in trees:
        for kind, size in rows:
            r = results[name, kind, size]
            first = results[name, kind, min(s for k, s in rows if k == kind)]
            base = results.get(("base", kind, size))
            same = "-" if name == "base" or base is None else str(r["records"] == base["records"])
            print(
                f"{name:5} {kind:10} {size:>7} {r['cpu']:>7.2f} {r['cpu'] / first['cpu']:>6.2f} {r['merge']:>8.3f} "
                f"{r['merge'] / max(first['merge'], 1e-9):>6.1f} {r['events']:>6} {r['mentions']:>8} "
                f"{r['records']:>10} {same:>12}"
            )


if __name__ == "__main__":
    main()

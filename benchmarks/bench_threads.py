"""The embedded model under CPU load: a warm ``extract_facts`` call with 0, 1 and 2 busy loops beside it.

Usage: python benchmarks/bench_threads.py [--calls 5] [--rounds 2] [--baseline PATH] [--batch 8]

Each row runs in a fresh process on one checkout (this one, and ``--baseline``, e.g. a ``git
worktree`` of the commit before): it loads the embedded default, makes one untimed call on the
sample article, then times ``--calls`` calls (median, min, max). The busy loops are separate
processes spinning in Python (``while True: pass``), started before both checkouts' rows of a load
level and stopped after, so both see the same load; the rounds alternate the order of the checkouts.
``--batch N`` also times ``extract_many`` of N copies of the article with ``processes=1`` and
``processes=2`` (after an untimed batch that starts the forkserver), seconds per document.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "sample_article.txt"
REFERENCE = "2025-10-08"


def calls(n: int) -> dict[str, object]:
    """Child: ``n`` timed warm calls of the sample article on the embedded default."""
    import factx
    from factx.backends import llamacpp

    text = ARTICLE.read_text(encoding="utf-8")
    with contextlib.suppress(factx.FactxError):  # untimed: loads spaCy and the model (may time out under load)
        factx.extract_facts(text, reference_date=REFERENCE)
    times, failures = [], []
    for _ in range(n):
        start = time.perf_counter()
        try:
            factx.extract_facts(text, reference_date=REFERENCE)  # the default budget, as a user calls it
        except factx.FactxError as exc:  # a timeout under load: its time counts, and it is reported
            failures.append(type(exc).__name__)
        times.append(time.perf_counter() - start)
    llm = next(iter(llamacpp._MODELS.values())).llm if llamacpp._MODELS else None
    threads = (getattr(llm, "n_threads", None), getattr(llm, "n_threads_batch", None)) if llm else None
    return {"times": times, "threads": threads, "failures": failures}


def batch(n: int) -> dict[str, object]:
    """Child: seconds per document of ``extract_many`` over ``n`` copies, with 1 and 2 processes."""
    import factx

    text = ARTICLE.read_text(encoding="utf-8")
    out: dict[str, object] = {}
    for processes in (1, 2):
        options = {"model": "local", "reference_date": REFERENCE, "concurrency": processes}
        if processes > 1:
            options["processes"] = processes
        factx.extract_many([{"id": f"w{i}", "text": text} for i in range(processes)], **options)  # untimed
        start = time.perf_counter()
        results = factx.extract_many([{"id": f"d{i}", "text": text} for i in range(n)], **options)
        spent = time.perf_counter() - start
        errors = sum(1 for r in results if isinstance(r, Exception))
        out[f"processes={processes}"] = {"s_per_doc": spent / n, "errors": errors}
    return out


def child(tree: Path, mode: str, n: int) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import bench_threads as b, json; "
    code += f"print(json.dumps(b.{mode}({n})))"
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tree, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {done.stderr[-2000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def busy(k: int) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(k)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", type=Path, help="another checkout (the tree before)")
    parser.add_argument("--batch", type=int, default=0, help="documents per batch timing (0: skip)")
    parser.add_argument("--levels", type=int, nargs="*", default=[0, 1, 2], help="busy loops beside the calls")
    args = parser.parse_args()
    trees = {"this": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    print(f"cores usable: {len(os.sched_getaffinity(0))}, load average before: {os.getloadavg()}")
    times: dict[tuple[str, int], list[float]] = {}
    for k in args.levels:
        for r in range(args.rounds):
            loops = busy(k)
            try:
                time.sleep(0.5 if k else 0)
                order = list(trees.items()) if r % 2 == 0 else list(reversed(trees.items()))
                for name, tree in order:
                    got = child(tree, "calls", args.calls)
                    times.setdefault((name, k), []).extend(got["times"])  # type: ignore[arg-type]
                    print(
                        f"  {name} busy={k} round={r} threads={got['threads']} failures={got['failures']} "
                        f"times={[round(t, 2) for t in got['times']]}",
                        flush=True,
                    )  # type: ignore[union-attr]
            finally:
                for loop in loops:
                    loop.kill()
                    loop.wait()
    if args.levels:
        print("\n| tree | busy loops | median s | min | max | x quiet median |")
        print("|---|---|---|---|---|---|")
        for name in trees:
            quiet = statistics.median(times[(name, args.levels[0])])
            for k in args.levels:
                t = times[(name, k)]
                med = statistics.median(t)
                print(f"| {name} | {k} | {med:.2f} | {min(t):.2f} | {max(t):.2f} | x{med / quiet:.2f} |")
    if args.batch:
        print(f"\nbatch of {args.batch} documents, seconds per document:")
        for name, tree in trees.items():
            print(f"  {name}: {json.dumps(child(tree, 'batch', args.batch))}", flush=True)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

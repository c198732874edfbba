"""The embedded model is loaded once per process: 20 ``extract_facts`` calls on the embedded default.

Usage: python benchmarks/bench_model_reuse.py [--calls 20] [--chars 800] [--baseline PATH]
Each call is ``factx.extract_facts(text)`` with no backend given (so each call resolves its own,
as a user's loop would). Prints how many times a model file was loaded (counted by wrapping
``llama_cpp.Llama.__init__``) and the process RSS after the first and the last call.
``--baseline PATH`` runs the same loop in a subprocess on another checkout (e.g. a ``git worktree``
of the commit before) and prints both rows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "sample_article.txt"


def rss_mb() -> float:
    """Resident set size of this process, in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(calls: int, chars: int) -> dict[str, float]:
    import llama_cpp

    import factx

    loads = 0
    original = llama_cpp.Llama.__init__

    def counted(self: object, *args: object, **kwargs: object) -> None:
        nonlocal loads
        loads += 1
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    llama_cpp.Llama.__init__ = counted  # type: ignore[method-assign]
    text = ARTICLE.read_text(encoding="utf-8")[:chars]
    row: dict[str, float] = {}
    started = time.perf_counter()
    for n in range(1, calls + 1):
        factx.extract_facts(text, reference_date="2025-10-08")
        if n == 1:
            row.update(loads_after_1=loads, rss_after_1=rss_mb())
    row.update(loads_after_last=loads, rss_after_last=rss_mb(), seconds=time.perf_counter() - started)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--chars", type=int, default=800, help="characters of the sample article per call")
    parser.add_argument("--baseline", type=Path, help="another checkout to run the same loop on")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(args.calls, args.chars)))
        return
    rows = {"this tree": measure(args.calls, args.chars)}
    if args.baseline:
        env = {**os.environ, "PYTHONPATH": str(args.baseline.resolve())}
        out = subprocess.run(
            [sys.executable, __file__, "--worker", "--calls", str(args.calls), "--chars", str(args.chars)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows[f"baseline {args.baseline.name}"] = json.loads(out.strip().splitlines()[-1])
    print(f"{args.calls} extract_facts calls, embedded default, {args.chars} characters each")
    print(f"{'code':<22} {'loads@1':>8} {'loads@last':>10} {'RSS@1 MB':>9} {'RSS@last MB':>11} {'wall s':>7}")
    for name, r in rows.items():
        print(
            f"{name:<22} {r['loads_after_1']:>8.0f} {r['loads_after_last']:>10.0f} {r['rss_after_1']:>9.0f} "
            f"{r['rss_after_last']:>11.0f} {r['seconds']:>7.1f}"
        )


if __name__ == "__main__":
    main()

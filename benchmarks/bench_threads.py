"""The embedded model under CPU load: a warm ``extract_facts`` call with 0, 1 and 2 busy loops beside it.

Usage: python benchmarks/bench_threads.py [--calls 5] [--rounds 2] [--baseline PATH] [--batch 4 8 20]
       [--repeat 3] [--prompt varied|same] [--loops other|same]

Each row runs in a fresh process on one checkout (this one, and ``--baseline``, e.g. a ``git
worktree`` of the commit before): it loads the embedded default, makes a first call on the sample
article (timed apart: ``first``, with spaCy's and the model's load), then times ``--calls`` calls
(median, min, max). ``--prompt varied`` (the default)
gives each call its own version of the article (one figure changed), so the model reads a new
prompt past their common instructions as it does for a new document; ``same`` repeats the article,
whose prompt llama.cpp then keeps evaluated from the call before. The busy loops are separate
processes spinning in Python (``while True: pass``), started before both checkouts' rows of a load
level and stopped after, so both see the same load; the rounds alternate the order of the checkouts.
With ``--loops other`` (the default) each loop is its own session, as another program's work is
(Linux's autogroup scheduling then shares the cores between sessions first); ``same`` keeps them in
this benchmark's session, where the kernel splits one group's share between the call and the loops.
The load average (1 min) and the runnable tasks are printed with every row.
``--batch N ...`` also times ``extract_many`` of N versions of the article with ``processes=1`` and
``processes=2``: the first batch of a fresh process (which loads the model, or starts the workers),
then a second batch of N other versions, seconds per document, and the worker processes each
batch ended with beside the caller. ``--repeat R`` runs each batch row R times, rotating which row
goes first, and prints the medians. ``--split N`` splits N warm calls' time and CPU between the
pipeline's code, llama.cpp's prompt batch and its decoding steps, and counts the prompt tokens
evaluated (the rest were kept in llama.cpp's KV cache from the call before).
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "sample_article.txt"
REFERENCE = "2025-10-08"
FIGURE = "1.2bn"
"""A figure of the sample that the embedded model's prompt quotes: each version of the article changes it."""


def version(text: str, i: int) -> str:
    """The article with its figure changed to the ``i``-th value: another document to the model."""
    assert FIGURE in text, f"the sample article no longer says {FIGURE}"
    return text.replace(FIGURE, f"{i + 1}.2bn", 1)


def calls(n: int, varied: bool = True) -> dict[str, object]:
    """Child: ``n`` timed warm calls of the sample article on the embedded default (its versions when ``varied``)."""
    import factx
    from factx.backends import llamacpp

    text = ARTICLE.read_text(encoding="utf-8")
    first = time.perf_counter()
    with contextlib.suppress(factx.FactxError):  # apart: loads spaCy and the model (may time out under load)
        factx.extract_facts(version(text, 0), reference_date=REFERENCE)
    first = time.perf_counter() - first
    times, failures = [], []
    for i in range(n):
        doc = version(text, i + 1 if varied else 0)
        start = time.perf_counter()
        try:
            factx.extract_facts(doc, reference_date=REFERENCE)  # the default budget, as a user calls it
        except factx.FactxError as exc:  # a timeout under load: its time counts, and it is reported
            failures.append(type(exc).__name__)
        times.append(time.perf_counter() - start)
    llm = next(iter(llamacpp._MODELS.values())).llm if llamacpp._MODELS else None
    threads = (getattr(llm, "n_threads", None), getattr(llm, "n_threads_batch", None)) if llm else None
    return {"times": times, "threads": threads, "failures": failures, "first": first}


def split(n: int, varied: bool = True) -> dict[str, object]:
    """Child: where a warm call's CPU goes: the pipeline's code (parse, rules, checks), llama.cpp's prompt
    batch and its token-by-token decoding; with the prompt tokens kept from the call before (the KV cache)
    and those evaluated. Medians over ``n`` warm calls."""
    from llama_cpp import _internals

    import factx

    steps: list[tuple[int, float, float]] = []
    decode = _internals.LlamaContext.decode

    def timed(self: Any, batch: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return decode(self, batch)
        finally:
            steps.append((batch.batch.n_tokens, time.perf_counter() - wall, time.process_time() - cpu))

    _internals.LlamaContext.decode = timed  # type: ignore[method-assign]
    text = ARTICLE.read_text(encoding="utf-8")
    factx.extract_facts(version(text, 0), reference_date=REFERENCE)
    rows: list[dict[str, float]] = []
    for i in range(n):
        steps.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        sheet = factx.extract_facts(version(text, i + 1 if varied else 0), reference_date=REFERENCE)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        prompt = [s for s in steps if s[0] > 1]
        tokens = [s for s in steps if s[0] == 1]
        evaluated = sum(s[0] for s in prompt) + (1 if not prompt and tokens else 0)
        rows.append(
            {
                "wall": wall,
                "cpu": cpu,
                "code_cpu": cpu - sum(s[2] for s in steps),
                "prompt_wall": sum(s[1] for s in prompt),
                "prompt_cpu": sum(s[2] for s in prompt),
                "decode_wall": sum(s[1] for s in tokens),
                "decode_cpu": sum(s[2] for s in tokens),
                "prompt_tokens": sheet.usage.prompt_tokens,
                "evaluated": evaluated,
                "decoded": len(tokens),
            }
        )
    return {key: round(statistics.median(r[key] for r in rows), 3) for key in rows[0]}


def batch(n: int, processes: int) -> dict[str, object]:
    """Child: seconds per document of ``extract_many`` over ``n`` versions of the article, twice (first, then warm),
    and how many worker processes each batch ended with beside the caller (``workers``)."""
    import factx

    text = ARTICLE.read_text(encoding="utf-8")
    options: dict[str, object] = {"model": "local", "reference_date": REFERENCE, "concurrency": processes}
    if processes > 1:
        options["processes"] = processes
    out: dict[str, object] = {"load": os.getloadavg()[0]}
    for name, first in (("first", 0), ("warm", n)):
        docs = [{"id": f"d{first + i}", "text": version(text, first + i)} for i in range(n)]
        start = time.perf_counter()
        results = factx.extract_many(docs, **options)  # type: ignore[arg-type]
        spent = time.perf_counter() - start
        errors = sum(1 for r in results if isinstance(r, Exception))
        out[name] = {"s_per_doc": round(spent / n, 3), "errors": errors, "workers": _workers()}
    return out


def _workers() -> int | None:
    """Worker processes kept after a batch (None: the tree's ``processes`` keeps no such count)."""
    with contextlib.suppress(Exception):
        from factx.run import processes

        pool = processes._kept
        return 0 if pool is None else sum(w.is_alive() for w in pool.workers if w.pid is not None)
    return None


def child(tree: Path, mode: str, *args: object) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import bench_threads as b, json; "
    code += f"print(json.dumps(b.{mode}(*{args!r})))"
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tree, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {done.stderr[-2000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def busy(k: int, own_session: bool) -> list[subprocess.Popen[bytes]]:
    loop = [sys.executable, "-c", "while True: pass"]
    return [subprocess.Popen(loop, start_new_session=own_session) for _ in range(k)]


def load() -> str:
    """The 1-minute load average and the runnable tasks now (``/proc/loadavg``), for each row."""
    fields = Path("/proc/loadavg").read_text().split() if Path("/proc/loadavg").exists() else ["?", "?", "?", "?"]
    return f"load={fields[0]} runnable={fields[3]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", type=Path, help="another checkout (the tree before)")
    parser.add_argument("--batch", type=int, nargs="*", default=[], help="documents per batch timing")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each batch row (alternating), medians")
    parser.add_argument("--split", type=int, default=0, help="warm calls whose CPU is split by stage")
    parser.add_argument("--split-levels", type=int, nargs="*", default=[0, 2], help="busy loops beside --split")
    parser.add_argument("--levels", type=int, nargs="*", default=[0, 1, 2], help="busy loops beside the calls")
    parser.add_argument("--prompt", choices=["varied", "same"], default="varied")
    parser.add_argument("--loops", choices=["other", "same"], default="other", help="the busy loops' session")
    args = parser.parse_args()
    trees = {"this": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    print(f"cores usable: {len(os.sched_getaffinity(0))}, prompt={args.prompt}, loops={args.loops}, {load()}")
    times: dict[tuple[str, int], list[float]] = {}
    for k in args.levels:
        for r in range(args.rounds):
            loops = busy(k, args.loops == "other")
            try:
                time.sleep(0.5 if k else 0)
                order = list(trees.items()) if r % 2 == 0 else list(reversed(trees.items()))
                for name, tree in order:
                    before = load()
                    got = child(tree, "calls", args.calls, args.prompt == "varied")
                    got_times: list[float] = got["times"]  # type: ignore[assignment]
                    times.setdefault((name, k), []).extend(got_times)
                    print(
                        f"  {name} busy={k} round={r} {before} threads={got['threads']} failures={got['failures']} "
                        f"first={got.get('first', 0):.2f} times={[round(t, 2) for t in got_times]}",
                        flush=True,
                    )
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
    if args.split:
        print(f"\nwhere a warm call's time goes (medians of {args.split} calls, seconds; prompt={args.prompt}):")
        for k in args.split_levels:
            loops = busy(k, args.loops == "other")
            try:
                time.sleep(0.5 if k else 0)
                for name, tree in trees.items():
                    got = child(tree, "split", args.split, args.prompt == "varied")
                    print(f"  {name} busy={k} {load()}: {json.dumps(got)}", flush=True)
            finally:
                for loop in loops:
                    loop.kill()
                    loop.wait()
    for n in args.batch:
        print(f"\nbatch of {n} documents, seconds per document (first batch of a process, then warm):")
        rows = [(name, tree, processes) for name, tree in trees.items() for processes in (1, 2)]
        runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for r in range(args.repeat):
            for name, tree, processes in rows[r % len(rows) :] + rows[: r % len(rows)]:  # each row first in turn
                got = child(tree, "batch", n, processes)
                runs.setdefault((name, processes), []).append(got)
                print(f"  {name} processes={processes} run={r}: {json.dumps(got)}", flush=True)
        if args.repeat > 1:
            print("\n| tree | processes | first batch s/doc (median) | second batch s/doc (median) | runs |")
            print("|---|---|---|---|---|")
            for (name, processes), got_runs in runs.items():
                first = statistics.median(g["first"]["s_per_doc"] for g in got_runs)
                warm = statistics.median(g["warm"]["s_per_doc"] for g in got_runs)
                print(f"| {name} | {processes} | {first:.2f} | {warm:.2f} | {len(got_runs)} |")
    print(f"after: {load()}")


if __name__ == "__main__":
    main()

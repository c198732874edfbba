"""What figures count: factx against MeasEval (SemEval-2021 Task 8) train, beside quantulum3.

Usage: python benchmarks/bench_measeval.py [--limit N] [--no-peers] [--show-misses N]

First line: our own sample article's figure gold (examples/sample_article_figures.jsonl).

Scoring, per paragraph of ``../shared/eval/measeval_train.jsonl``:
- detection: a gold quantity is found when a system quantity overlaps its span (the one with the
  largest overlap is its match); a system quantity is correct when it overlaps any gold quantity.
  P, R, F1 from these counts. MeasEval annotates years and list items as quantities too.
- value+unit, on matched quantities whose gold text starts with a plain number: the value equals
  that number (rel. tol. 1e-6; a range compares its low end) and the unit agrees: both parse with
  pint to the same unit, or the gold unit is a counted noun equal to factx's ``counts``/``unit``
  (case and plural folded), or both have none.
- counts: factx's ``counts_span`` overlaps the gold MeasuredEntity span, over the matched quantities
  that have one. quantulum3 has no counted thing; its row reports what it has instead: the share of
  matched quantities where it names a physical dimension (``unit.entity``) other than dimensionless.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _paths import gold  # noqa: E402

from factx.detect.figures import add_counts, find_figures  # noqa: E402

_NUMBER = re.compile(r"^[~≈<>≤≥]?\s*([-−–]?\d[\d,]*(?:\.\d+)?|\.\d+)")
_ureg: Any = None


def _pint(name: str | None) -> str | None:
    """pint's canonical name of a unit written as in the gold or by a system, else None."""
    global _ureg
    if not name:
        return None
    if _ureg is None:
        import pint

        _ureg = pint.UnitRegistry()
    text = name.strip().replace("°C", "degC").replace("°F", "degF").replace("º", "°").replace("µ", "μ")
    text = {"%": "percent", "percentage": "percent", "percentage_point": "percent"}.get(text, text)
    try:
        return str(_ureg.parse_units(text))
    except Exception:
        return None


def _fold(word: str | None) -> str:
    w = (word or "").strip().lower()
    return w[:-1] if w.endswith("s") else w


def unit_ok(gold_unit: str | None, unit: str | None, counts: str | None) -> bool:
    if not gold_unit:
        return unit is None or bool(counts)
    g, p = _pint(gold_unit), _pint(unit)
    if g is not None and g == p:
        return True
    head = (counts or "").split()[-1:] or [""]
    return _fold(gold_unit) in (_fold(unit), _fold(counts), _fold(head[0]))


def gold_number(text: str) -> float | None:
    m = _NUMBER.match(text)
    if not m:
        return None
    try:
        return float(m.group(1).replace(",", "").replace("−", "-").replace("–", "-"))
    except ValueError:
        return None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def factx_quantities(text: str) -> list[dict[str, Any]]:
    out = []
    for f in add_counts(text, find_figures(text)):
        span = f.counts_span
        out.append(
            {
                "span": (f.span.start, f.span.end),
                "value": f.value,
                "low": f.low,
                "high": f.high,
                "unit": f.unit,
                "counts": f.counts,
                "counts_span": (span.start, span.end) if span else None,
            }
        )
    return out


def quantulum_quantities(text: str) -> list[dict[str, Any]]:
    from quantulum3 import parser

    try:
        found = parser.parse(text)
    except Exception:
        return []
    out = []
    for q in found:
        unit = q.unit.name if q.unit is not None and q.unit.name != "dimensionless" else None
        entity = getattr(getattr(q.unit, "entity", None), "name", None)
        out.append(
            {
                "span": tuple(q.span),
                "value": q.value,
                "low": None,
                "high": None,
                "unit": unit,
                "counts": None,
                "counts_span": None,
                "dimension": None if entity in (None, "dimensionless") else entity,
            }
        )
    return out


def score(rows: list[dict[str, Any]], system: Any, show: int = 0) -> dict[str, Any]:
    n_gold = n_pred = pred_ok = matched = 0
    vu_n = vu_ok = c_n = c_ok = dim = 0
    shown = 0
    for row in rows:
        preds = system(row["text"])
        golds = row["quantities"]
        n_gold += len(golds)
        n_pred += len(preds)
        pred_ok += sum(any(overlap(p["span"], (g["start"], g["end"])) > 0 for g in golds) for p in preds)
        for g in golds:
            gspan = (g["start"], g["end"])
            best = max(preds, key=lambda p: overlap(p["span"], gspan), default=None)
            if best is None or overlap(best["span"], gspan) <= 0:
                continue
            matched += 1
            dim += bool(best.get("dimension"))
            number = gold_number(g["text"])
            if number is not None:
                vu_n += 1
                value = best["low"] if best["low"] is not None else best["value"]
                vu_ok += math.isclose(value, number, rel_tol=1e-6, abs_tol=1e-9) and unit_ok(
                    g["unit"], best["unit"], best["counts"]
                )
            ent = g.get("entity")
            if ent:
                c_n += 1
                cs = best["counts_span"]
                hit = cs is not None and overlap(cs, (ent["start"], ent["end"])) > 0
                c_ok += hit
                if show and not hit and shown < show:
                    shown += 1
                    print(f"MISS {g['text']!r} entity={ent['text']!r} counts={best['counts']!r}")
    p = pred_ok / n_pred if n_pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    return {
        "P": p,
        "R": r,
        "F1": 2 * p * r / (p + r) if p + r else 0.0,
        "gold": n_gold,
        "pred": n_pred,
        "matched": matched,
        "vu": (vu_ok, vu_n),
        "counts": (c_ok, c_n),
        "dimension": dim,
    }


def sample() -> None:
    """Our own sample article's figure gold (benchmarks/sample_figures_gold.py): found, value, range, counts."""
    text = (ROOT / "examples" / "sample_article.txt").read_text(encoding="utf-8")
    rows = json.loads((ROOT / "examples" / "sample_article_figures.jsonl").read_text(encoding="utf-8"))["figures"]
    preds = factx_quantities(text)
    found = value = ranged = n_ranges = counts = n_counts = 0
    for g in rows:
        best = max(preds, key=lambda p: overlap(p["span"], (g["start"], g["end"])), default=None)
        if best is None or overlap(best["span"], (g["start"], g["end"])) <= 0:
            continue
        found += 1
        value += math.isclose(best["value"], g["value"], rel_tol=1e-6)
        if g["low"] is not None:
            n_ranges += 1
            ranged += best["low"] == g["low"] and best["high"] == g["high"]
        if g.get("counts"):
            n_counts += 1
            cs = best["counts_span"]
            counts += cs is not None and overlap(cs, (g["counts"]["start"], g["counts"]["end"])) > 0
    extra = sum(not any(overlap(p["span"], (g["start"], g["end"])) > 0 for g in rows) for p in preds)
    refs = len(find_figures(text, references=True)) - len(find_figures(text))
    print(
        f"sample article: {found}/{len(rows)} gold figures found, {extra} not in the gold; value {value}/{found}; "
        f"ranges {ranged}/{n_ranges}; counts {counts}/{n_counts}; reference numerals dropped {refs}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="paragraphs")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--show-misses", type=int, default=0, help="print this many factx counts misses")
    args = ap.parse_args()
    sample()
    rows = [json.loads(line) for line in gold("measeval_train.jsonl").open(encoding="utf-8")]
    rows = rows[: args.limit] if args.limit else rows
    systems: dict[str, Any] = {"factx": factx_quantities}
    if not args.no_peers:
        systems["quantulum3"] = quantulum_quantities
    print(f"MeasEval train: {len(rows)} paragraphs, {sum(len(r['quantities']) for r in rows)} quantities")
    print(f"{'system':11} {'P':>6} {'R':>6} {'F1':>6} {'pred':>5} {'matched':>8}  {'value+unit':>18}  counts (entity)")
    for name, system in systems.items():
        s = score(rows, system, args.show_misses if name == "factx" else 0)
        vu_ok, vu_n = s["vu"]
        c_ok, c_n = s["counts"]
        if name == "factx":
            counts = f"{c_ok / c_n:.3f} ({c_ok}/{c_n})" if c_n else "-"
        else:
            counts = f"n/a (names a dimension for {s['dimension']}/{s['matched']} matched)"
        print(
            f"{name:11} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f} {s['pred']:5d} {s['matched']:8d}  "
            f"{vu_ok / vu_n if vu_n else 0:.3f} ({vu_ok:3d}/{vu_n:3d})  {counts}"
        )


if __name__ == "__main__":
    main()

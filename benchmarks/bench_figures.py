"""Benchmark factx's figure stage against third-party gold and peers (quantulum3, Recognizers-Text).

Usage: python benchmarks/bench_figures.py [--eval-dir ../shared/eval] [--limit N] [--peer-limit N]

Scoring, per gold item that has a numeric value:
- the system's figure is the one overlapping the gold span (``start/end``; else the gold ``surface``
  found in the text; else the whole text for Duckling's short phrases) with the largest overlap;
- value accuracy: that figure's value equals the gold value (relative tolerance 1e-6). When both
  units are known to pint and convertible (Duckling gives "0.002 kg" as 2 Gram) the value is
  compared after conversion; money sub-units are converted by the table below (Recognizers gives
  "50 cents" as 50 Cent, factx as 0.5 USD). Gold ranges (min/max) compare low/high; quantulum3's
  midpoint-with-uncertainty compares (low+high)/2; Duckling's open bounds compare the bound value;
- value+unit accuracy: value correct and the unit maps to the same canonical unit through
  ``UNIT_MAP`` below (a benchmark table, not package code). Gold without a unit ("dimensionless",
  a bare numeral) accepts no unit or a counted noun; Duckling's "Unnamed" money accepts any unit.
  A currency family factx leaves undecided ("Pound", "Dollar": no country in the text) maps like the
  gold's own family names (Recognizers writes "Pound", "Dollar", "Franc" too).
Items whose gold value is null (a unit word alone) are not scored.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _paths import EVAL_DIR, peer_python  # noqa: E402

from factx.detect.figures import find_figures  # noqa: E402

REC_PY = peer_python("rec")
REC_HELPER = Path(__file__).with_name("_peer_recognizers_figures.py")

# Gold/peer unit name (lower case) -> (canonical unit, factor into it). Canonical = factx's names.
UNIT_MAP: dict[str, tuple[str | None, float]] = {
    "dollar": ("USD", 1),
    "united states dollar": ("USD", 1),
    "usd": ("USD", 1),
    "us dollar": ("USD", 1),
    "euro": ("EUR", 1),
    "pound sterling": ("GBP", 1),
    "british pound": ("GBP", 1),
    "gbp": ("GBP", 1),
    "japanese yen": ("JPY", 1),
    "yen": ("JPY", 1),
    "chinese yuan": ("CNY", 1),
    "canadian dollar": ("CAD", 1),
    "australian dollar": ("AUD", 1),
    "new zealand dollar": ("NZD", 1),
    "hong kong dollar": ("HKD", 1),
    "franc": ("FRF", 1),
    "swiss franc": ("CHF", 1),
    "turkish lira": ("TRY", 1),
    "rupee": ("INR", 1),
    "mexican peso": ("MXN", 1),
    "finnish markka": ("FIM", 1),
    "peseta": ("ESP", 1),
    "netherlands guilder": ("NLG", 1),
    "costa rican colón": ("CRC", 1),
    "georgian lari": ("GEL", 1),
    "lao kip": ("LAK", 1),
    "sri lankan rupee": ("LKR", 1),
    "bitcoin": ("BTC", 1),
    "satoshi": ("BTC", 1e-8),
    "cent": ("USD", 0.01),
    "penny": ("USD", 0.01),
    "pence": ("GBP", 0.01),
    "dime": ("USD", 0.1),
    "sen": ("MYR", 0.01),
    "dinar": ("IQD", 1),
    "riyal": ("SAR", 1),
    "rial": ("IRR", 1),
    "percent": ("percent", 1),
    "percentage": ("percent", 1),
    "c": ("degree_Celsius", 1),
    "celsius": ("degree_Celsius", 1),
    "degree celsius": ("degree_Celsius", 1),
    "f": ("degree_Fahrenheit", 1),
    "fahrenheit": ("degree_Fahrenheit", 1),
    "degree fahrenheit": ("degree_Fahrenheit", 1),
    "pound-mass": ("pound", 1),
    "tonne": ("metric_ton", 1),
    "m": ("meter", 1),
    "barrel": ("oil_barrel", 1),
    "kelvin": ("kelvin", 1),
    "dimensionless": (None, 1),
    "unnamed": ("*", 1),
    "age": ("year", 1),
}
_SPELLING = {"metre": "meter", "litre": "liter", "electronvolt": "electron_volt"}


def canon_unit(name: str | None, model: str = "") -> tuple[str | None, float]:
    """Canonical (unit, factor) for a gold or peer unit name."""
    if name is None:
        return None, 1.0
    low = name.strip().lower()
    if low == "pound" and model in ("currency", "amountofmoney"):
        return "GBP", 1.0
    if low in UNIT_MAP:
        unit, factor = UNIT_MAP[low]
        return (unit.lower() if unit and unit != "*" and not unit.isupper() else unit), factor
    if name in ("kilometer/hour", "mile/hour") or "**" in name or "/" in name:
        return low, 1.0
    if name.isupper() and len(name) == 3:
        return name, 1.0  # ISO code
    for brit, us in _SPELLING.items():
        low = low.replace(brit, us)
    return _pint_style(low), 1.0


def _pint_style(low: str) -> str:
    """ "square meter" -> "meter**2", "kilometer per hour" -> "kilometer/hour" (factx's naming)."""
    low = low.replace("_", " ").strip()
    for word, power in (("square ", "**2"), ("cubic ", "**3")):
        if low.startswith(word) and " per " not in low:
            return low[len(word) :].replace(" ", "_") + power
    if " per " in low:
        a, b = low.split(" per ", 1)
        return _pint_style(a) + "/" + _pint_style(b)
    return low.replace(" ", "_")


_ureg: Any = None


def convert(value: float, unit: str | None, target: str | None) -> float | None:
    """``value`` in ``unit`` expressed in ``target`` with pint, or None if not convertible."""
    global _ureg
    if unit is None or target is None or unit == target:
        return value if unit == target else None
    fix = {"degree_celsius": "degree_Celsius", "degree_fahrenheit": "degree_Fahrenheit"}
    unit, target = fix.get(unit, unit), fix.get(target, target)
    try:
        if _ureg is None:
            import pint

            _ureg = pint.UnitRegistry()
        return float(_ureg.Quantity(value, unit).to(target).magnitude)
    except Exception:
        return None


def close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


# A prediction: dict(start, end, value, unit, low, high, counts).
Pred = dict[str, Any]


def gold_items(row: dict[str, Any], dataset: str) -> list[dict[str, Any]]:
    items = []
    cursor = 0
    text = row["text"]
    for e in row["expected"]:
        v = e.get("value")
        if isinstance(v, str) or (v is None and e.get("min") is None and e.get("max") is None):
            continue
        if "start" in e:
            s, t = e["start"], e["end"]
        elif e.get("surface"):
            s = text.find(e["surface"], cursor)
            s = text.find(e["surface"]) if s < 0 else s
            t = s + len(e["surface"]) if s >= 0 else -1
        else:
            s, t = len(text) - len(text.lstrip()), len(text.rstrip())
        if s >= 0:
            cursor = t
        model = row.get("model") or row.get("dimension") or dataset
        items.append({**e, "start": s, "end": t, "model": model})
    return items


def pick(preds: list[Pred], s: int, t: int) -> Pred | None:
    best, key = None, (0, 0)
    for p in preds:
        ov = min(t, p["end"]) - max(s, p["start"])
        if ov <= 0 and not (s == t == p["start"]):
            continue
        k = (ov, -abs((p["end"] - p["start"]) - (t - s)))
        if best is None or k > key:
            best, key = p, k
    return best


def score(item: dict[str, Any], p: Pred | None) -> tuple[bool, bool]:
    if p is None:
        return False, False
    gunit, gfac = canon_unit(item.get("unit"), item["model"])
    money = p.get("currency") or (p.get("unit") or "")[:1].isupper()  # "Pound": a currency family, undecided
    punit, pfac = canon_unit(p.get("unit"), "currency" if money else "")
    if p.get("currency"):
        punit, pfac = p["currency"], 1.0

    def same(x: float | None, gold: float | None) -> bool:
        """Equal as written, or equal once converted to the gold unit (0.002 kg == 2 g)."""
        if x is None or gold is None:
            return False
        x *= pfac
        if close(x / gfac, gold):
            return True
        if gunit not in (None, "*") and punit not in (None, gunit):
            conv = convert(x, punit, gunit)
            return conv is not None and close(conv / gfac, gold)
        return False

    if item.get("uncertainty") is not None and p.get("low") is not None:
        ok = same((p["low"] + p["high"]) / 2, item["value"])
    elif item.get("value") is not None and p.get("low") is not None:
        # gold marks one end of what the system read as a range ("eight to 10 feet" -> 10)
        ok = same(p["value"], item["value"]) or same(p["high"], item["value"])
    elif item.get("value") is not None:
        ok = same(p["value"], item["value"])
    elif item.get("min") is not None and item.get("max") is not None:
        ok = same(p.get("low"), item["min"]) and same(p.get("high"), item["max"])
    else:
        ok = same(p["value"], item.get("min") if item.get("min") is not None else item.get("max"))
    if gunit == "*":
        unit_ok = True
    elif gunit is None:
        unit_ok = punit is None or bool(p.get("counts"))
    else:
        unit_ok = punit == gunit or (convert(1.0, punit, gunit) is not None and punit not in (None,))
    return ok, ok and unit_ok


def factx_preds(text: str) -> list[Pred]:
    return [
        {
            "start": f.span.start,
            "end": f.span.end,
            "value": f.value,
            "unit": f.unit,
            "low": f.low,
            "high": f.high,
            "counts": f.counts,
            "currency": f.currency,
        }
        for f in find_figures(text)
    ]


def quantulum_preds(text: str) -> list[Pred]:
    from quantulum3 import parser

    out = []
    try:
        qs = parser.parse(text)
    except Exception:
        return []
    for q in qs:
        u = q.unit.name if q.unit is not None else None
        unc = getattr(q, "uncertainty", None)
        low = high = None
        if unc:
            low, high = q.value - unc, q.value + unc
        out.append(
            {
                "start": q.span[0],
                "end": q.span[1],
                "value": q.value,
                "low": low,
                "high": high,
                "unit": None if u == "dimensionless" else u,
                "counts": None,
            }
        )
    return out


def recognizers_preds(texts: list[str]) -> list[list[Pred]] | None:
    if not REC_PY.exists():
        return None
    data = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    proc = subprocess.run([str(REC_PY), str(REC_HELPER)], input=data, capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        print("recognizers helper failed:", proc.stderr[-500:], file=sys.stderr)
        return None
    return [json.loads(line) for line in proc.stdout.splitlines()]


def load(path: Path, limit: int | None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return rows[:limit] if limit else rows


def throughput(eval_dir: Path, limit: int | None, repeat: int = 3) -> tuple[int, float, int, float | None]:
    """Chars, best-of-``repeat`` seconds and figure count of find_figures over the TBAQ documents,
    and the best seconds of find_dates + find_figures when the dates stage is importable."""
    docs = [r["text"] for r in load(eval_dir / "tempeval3_tbaq_docs.jsonl", limit)]
    chars = sum(len(d) for d in docs)
    best, n = math.inf, 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = sum(len(find_figures(d)) for d in docs)
        best = min(best, time.perf_counter() - t0)
    both: float | None = None
    overlap = sum(
        1
        for r in load(eval_dir / "tempeval3_tbaq_docs.jsonl", limit)
        for f in find_figures(r["text"])
        if any(
            x["type"] in ("DATE", "TIME") and f.span.start < x["end"] and x["start"] < f.span.end for x in r["timexes"]
        )
    )
    print(f"figures overlapping a TimeML DATE/TIME span in TBAQ (dates reported as figures): {overlap} of {n}")
    try:
        from factx.detect.dates.find import find_dates
    except ImportError:
        return chars, best, n, None
    both = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d in docs:
            find_dates(d)
            find_figures(d)
        both = min(both, time.perf_counter() - t0)
    return chars, best, n, both


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", default=str(EVAL_DIR))
    ap.add_argument("--limit", type=int, default=None, help="rows per dataset")
    ap.add_argument("--peer-limit", type=int, default=None, help="cap rows given to the peers")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument(
        "--show-misses", default=None, help="print factx misses for a dataset/model, e.g. recognizers/currency"
    )
    args = ap.parse_args()
    eval_dir = Path(args.eval_dir).resolve()
    sets = [
        ("recognizers", "recognizers_quantities_en.jsonl"),
        ("duckling", "duckling_quantities_en.jsonl"),
        ("quantulum3", "quantulum3_quantities_en.jsonl"),
    ]
    systems = ["factx", "quantulum3", "recognizers"]
    # (dataset, model) -> system -> [n, value_ok, value_unit_ok]
    table: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: {s: [0, 0, 0] for s in systems})
    peer_rows: dict[str, int] = {}
    for name, fname in sets:
        rows = load(eval_dir / fname, args.limit)
        texts = [r["text"] for r in rows]
        cap = len(rows) if args.peer_limit is None else min(len(rows), args.peer_limit)
        preds: dict[str, list[list[Pred]] | None] = {"factx": [factx_preds(t) for t in texts]}
        if args.no_peers:
            preds["quantulum3"] = preds["recognizers"] = None
        else:
            preds["quantulum3"] = [quantulum_preds(t) for t in texts[:cap]]
            preds["recognizers"] = recognizers_preds(texts[:cap])
        peer_rows[name] = cap
        for i, row in enumerate(rows):
            for item in gold_items(row, name):
                for key in ((name, item["model"]), (name, "ALL")):
                    for sys_name in systems:
                        ps = preds[sys_name]
                        if ps is None or i >= len(ps):
                            continue
                        ok, uok = score(item, pick(ps[i], item["start"], item["end"]))
                        shown = args.show_misses == f"{key[0]}/{key[1]}"
                        if sys_name == "factx" and key[1] != "ALL" and shown and not uok:
                            print(
                                "MISS",
                                "value" if not ok else "unit ",
                                repr(row["text"][:120]),
                                "|",
                                {k: item.get(k) for k in ("value", "min", "max", "unit")},
                                repr(row["text"][item["start"] : item["end"]]),
                                "->",
                                [(row["text"][p["start"] : p["end"]], p["value"], p["unit"]) for p in ps[i]],
                            )
                        cell = table[key][sys_name]
                        cell[0] += 1
                        cell[1] += ok
                        cell[2] += uok
    print(f"{'dataset/model':32} {'metric':11} " + " ".join(f"{s:>16}" for s in systems))
    for (ds, model), cells in sorted(table.items(), key=lambda kv: (kv[0][0], kv[0][1] == "ALL", kv[0][1])):
        for mi, metric in ((1, "value"), (2, "value+unit")):
            vals = []
            for s in systems:
                n = cells[s][0]
                vals.append(f"{cells[s][mi] / n:.3f} (n={n})" if n else "-")
            print(f"{ds + '/' + model:32} {metric:11} " + " ".join(f"{v:>16}" for v in vals))
    print("peer rows per dataset:", peer_rows)
    chars, dt, n, both = throughput(eval_dir, None)
    print(
        f"find_figures throughput over TBAQ docs (best of 3): {chars} chars in {dt:.2f}s = "
        f"{chars / dt:,.0f} chars/s ({n} figures)"
    )
    if both:
        print(f"find_dates + find_figures over TBAQ docs (best of 3): {chars / both:,.0f} chars/s")


if __name__ == "__main__":
    main()

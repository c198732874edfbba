"""Benchmark factx's date finder/normalizer against third-party gold, with dateparser and Recognizers-Text.

    python benchmarks/bench_dates.py [--eval-dir ../shared/eval] [--limit N] [--peer-docs N] [--no-peers]
                                   [--errors N] [--doc-errors N]

Rows: TBAQ value accuracy given the gold mention (the normalizer also gets the document text before the
mention's sentence plus the sentence, for anaphora such as 'that day' and for future cues); TBAQ
whole-document detection+value P/R/F1 (DATE/TIME only, a prediction matches if it overlaps a gold timex
and has the same value);
Recognizers-Text spec sentences (value recall, past reading of ambiguous mentions); Duckling phrases
(Duckling resolves forward: reported as measured). Peers' outputs become TIMEX3 strings at the grain
they report (see ``dp_timex`` and ``rec_timex``). The gold is read from disk, never shipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _paths import EVAL_DIR, peer_python  # noqa: E402

from factx.detect.dates import find_dates, resolve_date  # noqa: E402

Row = dict[str, Any]
Pred = tuple[int, int, str]  # start, end (exclusive), TIMEX3 value
REC_PY = peer_python("rec")
REC_HELPER = Path(__file__).resolve().parent / "_dates_recognizers_peer.py"
CAL_TYPES = ("DATE", "TIME")


_NORM = [
    (re.compile(r"-W(\d)(?!\d)"), r"-W0\1"),
    (re.compile(r"(?:-XX)+$"), ""),
    (re.compile(r"T(\d\d)$"), r"T\1:00"),
    (re.compile(r"^(\d\d\d)X$|^(\d\d)XX$"), r"\1\2"),
]


def norm(v: str | None) -> str | None:
    """Same value, one spelling: '2000-W7' -> '2000-W07', '1949-XX' -> '1949', 'T17' -> 'T17:00',
    '199X' -> '199' and '19XX' -> '19' (TIMEX2-style decade and century, as AQUAINT writes them)."""
    if v is None:
        return None
    for rx, rep in _NORM:
        v = rx.sub(rep, v)
    return v


def load(path: Path, limit: int | None) -> list[Row]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return rows[:limit] if limit else rows


def ref_dt(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s[:19]) if len(s) > 10 else dt.datetime.fromisoformat(s[:10])


# ---------------------------------------------------------------- dateparser peer
def _dp_settings(ref: str) -> dict[str, Any]:
    return {
        "RELATIVE_BASE": ref_dt(ref).replace(tzinfo=None),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
    }


def dp_timex(date: dt.datetime | None, period: str | None) -> str | None:
    """A dateparser result as TIMEX3 at the grain it reports: year, month, week (ISO), day or time."""
    if date is None:
        return None
    if period == "year":
        return f"{date.year:04d}"
    if period == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if period == "week":
        iy, iw, _ = date.isocalendar()
        return f"{iy}-W{iw:02d}"
    if period == "time" and (date.hour or date.minute):
        return f"{date.date().isoformat()}T{date.hour:02d}:{date.minute:02d}"
    return date.date().isoformat()


def dp_parse(text: str, ref: str) -> str | None:
    from dateparser.date import DateDataParser

    try:
        data = DateDataParser(languages=["en"], settings=_dp_settings(ref)).get_date_data(text)
    except Exception:
        return None
    return dp_timex(data.date_obj, data.period)


def dp_search(text: str, ref: str) -> list[Pred]:
    from dateparser.search import search_dates

    try:
        found = search_dates(text, languages=["en"], settings=_dp_settings(ref)) or []
    except Exception:
        return []
    out: list[Pred] = []
    pos = 0
    for sub, _date in found:
        i = text.find(sub, pos)
        if i < 0:
            continue
        pos = i + len(sub)
        v = dp_parse(sub, ref)
        if v:
            out.append((i, i + len(sub), v))
    return out


# ---------------------------------------------------------------- Recognizers-Text peer
def rec_run(rows: list[tuple[str, str]]) -> list[list[Row]]:
    """Run Recognizers-Text in its own venv on (text, reference) pairs; [] per row if unavailable."""
    if not REC_PY.exists():
        return [[] for _ in rows]
    payload = "".join(json.dumps({"text": t, "reference": r}) + "\n" for t, r in rows)
    proc = subprocess.run([str(REC_PY), str(REC_HELPER)], input=payload, capture_output=True, text=True, check=False)
    outs = [json.loads(x)["results"] for x in proc.stdout.splitlines() if x.strip()]
    return outs + [[] for _ in range(len(rows) - len(outs))]


def rec_timex(values: list[Row]) -> str | None:
    """A Recognizers resolution as TIMEX3: its own timex when complete, else the past reading's value.

    Ambiguous mentions carry two values (past, future): the first (past) is taken. A range timex
    '(start,end,P3M)' becomes the quarter/month/year/week it spans, else its start day.
    """
    if not values:
        return None
    v = values[0]
    tx = str(v.get("timex", ""))
    start = str(v.get("start") or v.get("value") or "")
    if tx and "X" not in tx and not tx.startswith("("):
        return tx
    if tx.startswith("("):
        parts = tx.strip("()").split(",")
        if len(parts) != 3 or "X" in parts[0]:
            parts = [start[:10], "", parts[-1]] if start else parts
        s, dur = parts[0], parts[2]
        if len(s) < 10 or "T" in s[:10]:
            return None
        try:
            d = dt.date.fromisoformat(s[:10])
        except ValueError:
            return None
        if dur == "P3M" and d.day == 1 and d.month % 3 == 1:
            return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        if dur == "P1Y" and d.month == 1 and d.day == 1:
            return f"{d.year}"
        if dur == "P1M" and d.day == 1:
            return f"{d.year}-{d.month:02d}"
        if dur == "P1W":
            iy, iw, _ = d.isocalendar()
            return f"{iy}-W{iw:02d}"
        return d.isoformat()
    if not start:
        return None
    day = start[:10]
    if tx.startswith("XXXX-") and len(tx) == 7 and tx[5:].isdigit():
        return day[:7]
    if tx.startswith("XXXX-") and tx[5:] in ("SP", "SU", "FA", "WI"):
        return f"{day[:4]}-{tx[5:]}"
    if "T" in tx:
        suffix = tx.split("T", 1)[1]
        if suffix in ("MO", "AF", "EV", "NI"):
            return f"{day}T{suffix}"
        clock = str(v.get("value", ""))[11:16] or str(v.get("start", ""))[11:16]
        return f"{day}T{clock}" if clock else day
    return day


def rec_preds(results: list[Row]) -> list[Pred]:
    out: list[Pred] = []
    for r in results:
        v = rec_timex(r.get("values", []))
        if v and not v.startswith("P") and str(r.get("type", "")).split(".")[-1] not in ("duration", "set"):
            out.append((int(r["start"]), int(r["end"]), v))
    return out


# ---------------------------------------------------------------- scoring
def prf(gold: list[list[Pred]], pred: list[list[Pred]]) -> tuple[float, float, float, int, int]:
    tp_p = tp_g = n_p = n_g = 0
    for g, p in zip(gold, pred, strict=True):
        n_p += len(p)
        n_g += len(g)
        g = [(a, b, norm(v) or "") for a, b, v in g]
        p = [(a, b, norm(v) or "") for a, b, v in p]
        tp_p += sum(any(ps < ge and gs < pe and pv == gv for gs, ge, gv in g) for ps, pe, pv in p)
        tp_g += sum(any(ps < ge and gs < pe and pv == gv for ps, pe, pv in p) for gs, ge, gv in g)
    prec = tp_p / n_p if n_p else 0.0
    rec = tp_g / n_g if n_g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, n_g, n_p


def mention_contexts(rows: list[Row], docs: list[Row]) -> list[tuple[str, int]]:
    """Per TBAQ mention: its document's text before its sentence plus the sentence, and the mention's offset there.

    The task stays "value given the mention"; a normalizer may read the document the mention comes from.
    Falls back to the sentence alone when the document is unknown.
    """
    by_id = {d["doc_id"]: d for d in docs}
    out: list[tuple[str, int]] = []
    for r in rows:
        d = by_id.get(r.get("doc_id", ""))
        t = next((x for x in d["timexes"] if x["id"] == r.get("tid")), None) if d else None
        s0 = t["start"] - r["start"] if t else -1
        if d is None or s0 < 0 or d["text"][s0 : s0 + len(r["text"])] != r["text"]:
            out.append((r["text"], r["start"]))
        else:
            out.append((d["text"][:s0] + r["text"], s0 + r["start"]))
    return out


def doc_errors(docs: list[Row], gold: list[list[Pred]], pred: list[list[Pred]], n: int) -> None:
    """Print up to n document-level misses (FN: gold timex without a same-value overlapping prediction)
    and false alarms (FP), with the overlapping counterpart if any."""
    lines: list[str] = []
    for d, g, p in zip(docs, gold, pred, strict=True):
        t = d["text"]
        for kind, xs, ys in (("FN", g, p), ("FP", p, g)):
            for s, e, v in xs:
                ov = [(a, b, w) for a, b, w in ys if a < e and s < b]
                if not any(norm(w) == norm(v) for _, _, w in ov):
                    other = "; ".join(f"{t[a:b]!r}={w}" for a, b, w in ov) or "-"
                    lines.append(f"  {kind} {d['reference'][:10]} {t[s:e]!r:36} {v:16} vs {other}")
    for line in lines[:n]:
        print(line, file=sys.stderr)


def factx_preds(text: str, ref: str) -> list[Pred]:
    return [(f.span.start, f.span.end, f.value) for f in find_dates(text, ref) if f.type in CAL_TYPES]


def accuracy(rows: Iterable[tuple[str, str | None]]) -> tuple[float, int]:
    pairs = list(rows)
    return (sum(norm(g) == norm(p) for g, p in pairs) / len(pairs) if pairs else 0.0), len(pairs)


def rec_gold_value(e: Row) -> str | None:
    """Gold TIMEX of a Recognizers spec entity, converted like the peer's output (ranges, past reading)."""
    vals = e.get("values") or []
    tx = (e.get("timex") or [None])[0]
    return (rec_timex(vals) or tx) if len(vals) > 1 or (tx or "").startswith("(") else tx


# ---------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    ap.add_argument("--limit", type=int, default=None, help="rows per dataset")
    ap.add_argument(
        "--peer-docs", type=int, default=None, help="TBAQ documents for dateparser.search_dates (default: all)"
    )
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print N factx value errors on TBAQ mentions")
    ap.add_argument("--doc-errors", type=int, default=0, help="print N factx misses/false alarms on TBAQ documents")
    a = ap.parse_args(argv)
    ev: Path = a.eval_dir
    table: list[tuple[str, str, str, str]] = []
    peers = not a.no_peers

    def cell(x: tuple[float, int] | None) -> str:
        return "-" if x is None else f"{x[0]:.3f} (n={x[1]})"

    # 1. TBAQ: value given the mention
    tm = [r for r in load(ev / "tempeval3_tbaq_timex.jsonl", a.limit) if r["type"] in CAL_TYPES]
    docs = load(ev / "tempeval3_tbaq_docs.jsonl", a.limit)
    ctxs = mention_contexts(tm, load(ev / "tempeval3_tbaq_docs.jsonl", None))
    fx = []
    for r, c in zip(tm, ctxs, strict=True):
        f = resolve_date(r["mention"], r["reference"], context=c[0], position=c[1])
        fx.append((r["expected"], f.value if f else None))
    table.append(
        (
            "TBAQ value|mention (acc)",
            cell(accuracy(fx)),
            cell(accuracy((r["expected"], dp_parse(r["mention"], r["reference"])) for r in tm)) if peers else "-",
            cell(
                accuracy(
                    zip(
                        [r["expected"] for r in tm],
                        [
                            next(iter(rec_preds(x)), (0, 0, None))[2]
                            for x in rec_run([(r["mention"], r["reference"]) for r in tm])
                        ],
                        strict=True,
                    )
                )
            )
            if peers
            else "-",
        )
    )
    if a.errors:
        bad = [(r, p) for r, (_g, p) in zip(tm, fx, strict=True) if norm(r["expected"]) != norm(p)]
        for r, p in bad[: a.errors]:
            print(
                f"  {r['reference'][:10]} {r['mention']!r:40} gold={r['expected']:14} got={p}",
                file=sys.stderr,
            )

    # 2. TBAQ documents: detection + value
    gold = [[(t["start"], t["end"], t["value"]) for t in d["timexes"] if t["type"] in CAL_TYPES] for d in docs]
    t0 = time.perf_counter()
    pred = [factx_preds(d["text"], d["reference"]) for d in docs]
    elapsed = time.perf_counter() - t0
    chars = sum(len(d["text"]) for d in docs)
    p, r_, f1, ng, npred = prf(gold, pred)
    if a.doc_errors:
        doc_errors(docs, gold, pred, a.doc_errors)
    row_f = f"P={p:.3f} R={r_:.3f} F1={f1:.3f} (gold={ng}, pred={npred})"
    row_dp = row_rec = "-"
    if peers:
        k = len(docs) if a.peer_docs is None else min(a.peer_docs, len(docs))
        pdp = [dp_search(d["text"], d["reference"]) for d in docs[:k]]
        p2, r2, f2, _, _ = prf(gold[:k], pdp)
        pf = prf(gold[:k], pred[:k])
        same = "" if k == len(docs) else f"; factx on same: F1={pf[2]:.3f}"
        row_dp = f"P={p2:.3f} R={r2:.3f} F1={f2:.3f} ({k} docs{same})"
        prc = [rec_preds(x) for x in rec_run([(d["text"], d["reference"]) for d in docs])]
        p3, r3, f3, _, _ = prf(gold, prc)
        row_rec = f"P={p3:.3f} R={r3:.3f} F1={f3:.3f}"
    table.append((f"TBAQ docs detect+value ({len(docs)} docs)", row_f, row_dp, row_rec))

    # 3. Recognizers-Text spec sentences (calendar entities), value recall and precision
    rr = load(ev / "recognizers_datetime_en.jsonl", a.limit)
    cal = ("date", "daterange", "datetime", "datetimerange", "time", "timerange")

    def rgold(row: Row) -> list[Pred]:
        out: list[Pred] = []
        for e in row["expected"]:
            v = rec_gold_value(e)
            if v and str(e.get("type", "")).split(".")[-1] in cal:
                out.append((e["start"], e["end"], v))
        return out

    rg = [rgold(x) for x in rr]
    runners: list[tuple[str, Callable[[], list[list[Pred]]]]] = [
        ("factx", lambda: [factx_preds(x["text"], x["reference"]) for x in rr])
    ]
    if peers:
        runners += [
            ("dateparser", lambda: [dp_search(x["text"], x["reference"]) for x in rr]),
            (
                "recognizers",
                lambda: [rec_preds(y) for y in rec_run([(x["text"], x["reference"]) for x in rr])],
            ),
        ]
    cells = {name: prf(rg, fn()) for name, fn in runners}
    table.append(
        (
            "Recognizers spec recall/P",
            *(
                f"R={c[1]:.3f} P={c[0]:.3f} (gold={c[3]})" if c else "-"
                for c in (cells.get(n) for n in ("factx", "dateparser", "recognizers"))
            ),
        )
    )

    # 4. Duckling phrases (forward-resolving convention), value of the whole phrase
    dk = [x for x in load(ev / "duckling_time_en.jsonl", a.limit) if x["expected"].get("timex")]
    dkf = [
        (x["expected"]["timex"], (lambda f: f.value if f else None)(resolve_date(x["text"], x["reference"])))
        for x in dk
    ]
    table.append(
        (
            "Duckling phrase value (acc)",
            cell(accuracy(dkf)),
            cell(accuracy((x["expected"]["timex"], dp_parse(x["text"], x["reference"])) for x in dk)) if peers else "-",
            cell(
                accuracy(
                    zip(
                        [x["expected"]["timex"] for x in dk],
                        [
                            next(iter(rec_preds(y)), (0, 0, None))[2]
                            for y in rec_run([(x["text"], x["reference"]) for x in dk])
                        ],
                        strict=True,
                    )
                )
            )
            if peers
            else "-",
        )
    )

    # 5. speed: best of three passes over the TBAQ texts
    best = elapsed
    for _ in range(2):
        t0 = time.perf_counter()
        for d in docs:
            find_dates(d["text"], d["reference"])
        best = min(best, time.perf_counter() - t0)
    table.append(("find_dates speed (chars/s)", f"{chars / best:,.0f} ({chars:,} chars)", "-", "-"))

    w = [max(len(r[i]) for r in [*table, ("metric", "factx", "dateparser", "recognizers")]) for i in range(4)]
    for r in [("metric", "factx", "dateparser", "recognizers"), *table]:
        print("  ".join(c.ljust(w[i]) for i, c in enumerate(r)))


if __name__ == "__main__":
    main()

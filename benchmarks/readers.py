"""Convert the third-party gold sets in ../shared/eval (``$FACTX_EVAL_DIR``) to factx's JSONL eval format.

    python benchmarks/readers.py NAME OUT.jsonl [--src DIR]

NAME is one of READERS. Each reader keeps only what factx's matching rules can score, and says
what it drops (on stderr), so a score is never computed against mentions that cannot match:
- dates: calendar DATE/TIME mentions only (durations, sets and time ranges are dropped; a sentence
  that contains a dropped mention is dropped whole, or a correct prediction would count as fp);
- figures: single values (Duckling/quantulum3 ranges are dropped); "Unnamed"/"dimensionless"
  units become no unit (then only the value is scored); ISO currency codes are used when given.
The output stays local: these files carry third-party text and must not be committed or shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _paths import EVAL_DIR

SRC = EVAL_DIR
Row = dict[str, Any]


def _rows(src: Path, name: str) -> Iterator[Row]:
    with (src / name).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _calendar(timexes: list[Row]) -> list[Row]:
    return [
        {"start": t["start"], "end": t["end"], "value": t["value"]} for t in timexes if t["type"] in ("DATE", "TIME")
    ]


def tbaq_docs(src: Path) -> Iterator[Row]:
    """TempEval-3 TBAQ whole documents: DATE/TIME timexes and event triggers (no event-date links)."""
    for r in _rows(src, "tempeval3_tbaq_docs.jsonl"):
        for t in r["timexes"]:
            assert r["text"][t["start"] : t["end"]] == t["mention"], (r["doc_id"], t)
        yield {
            "id": r["doc_id"],
            "text": r["text"],
            "reference_date": r["reference"][:10],
            "dates": _calendar(r["timexes"]),
            "events": [{"start": e["start"], "end": e["end"]} for e in r["events"]],
        }


def tbaq_events(src: Path) -> Iterator[Row]:
    """TempEval-3 TBAQ sentences with event triggers and DATE/TIME timexes."""
    for r in _rows(src, "tempeval3_tbaq_events.jsonl"):
        yield {
            "id": f"{r['doc_id']}#{r['sent_index']}",
            "text": r["text"],
            "reference_date": r["reference"][:10],
            "dates": _calendar(r["timexes"]),
            "events": [{"start": e["start"], "end": e["end"]} for e in r["events"]],
        }


_RECOGNIZER_DATE_TYPES = {"datetimeV2.date", "datetimeV2.daterange", "datetimeV2.datetime", "datetimeV2.time", None}


def recognizers_datetime(src: Path) -> Iterator[Row]:
    """Recognizers-Text DateTime sentences; a gold value lists every accepted reading (past, future)."""
    dropped = 0
    for i, r in enumerate(_rows(src, "recognizers_datetime_en.jsonl")):
        dates = []
        for m in r["expected"]:
            timex = [t for t in m.get("timex") or [] if t and not t.startswith("(")]
            if m["type"] not in _RECOGNIZER_DATE_TYPES or not timex:
                break
            resolved = [v["value"] for v in m.get("values", []) if v.get("type") == "date" and "value" in v]
            values = list(dict.fromkeys(timex + resolved))
            dates.append({"start": m["start"], "end": m["end"], "value": values})
        else:
            ref = r["reference"][:10] if r.get("reference") else None
            yield {"id": f"recognizers-dt-{i}", "text": r["text"], "reference_date": ref, "dates": dates}
            continue
        dropped += 1
    print(f"recognizers_datetime: dropped {dropped} sentences with durations, sets or ranges", file=sys.stderr)


def duckling_time(src: Path) -> Iterator[Row]:
    """Duckling's time corpus: each phrase is one date (the whole text) with a TIMEX value.

    Duckling resolves forward in time from a Tuesday (2013-02-12); news conventions look back, so
    weekday-only phrases are scored against Duckling's reading.
    """
    dropped = 0
    for i, r in enumerate(_rows(src, "duckling_time_en.jsonl")):
        exp = r["expected"]
        if r.get("latent") or exp.get("type") != "value" or not exp.get("timex"):
            dropped += 1
            continue
        yield {
            "id": f"duckling-time-{i}",
            "text": r["text"],
            "reference_date": r["reference"][:10],
            "dates": [{"start": 0, "end": len(r["text"]), "value": exp["timex"]}],
        }
    print(f"duckling_time: dropped {dropped} latent or interval phrases", file=sys.stderr)


def recognizers_quantities(src: Path) -> Iterator[Row]:
    """Recognizers-Text NumberWithUnit and Number sentences; bare unit words (no value) are dropped."""
    for i, r in enumerate(_rows(src, "recognizers_quantities_en.jsonl")):
        figures = []
        for e in r["expected"]:
            if not isinstance(e["value"], (int, float)):  # a bare unit word ("dollar", "%")
                continue
            f: Row = {"start": e["start"], "end": e["end"], "value": e["value"]}
            unit = e.get("iso_currency") or e.get("unit")
            if unit:
                f["unit"] = unit
            figures.append(f)
        yield {"id": f"recognizers-q-{i}-{r['model']}", "text": r["text"], "figures": figures}


def duckling_quantities(src: Path) -> Iterator[Row]:
    """Duckling numeral/money/quantity phrases; each phrase is one figure (the whole text)."""
    dropped = 0
    for i, r in enumerate(_rows(src, "duckling_quantities_en.jsonl")):
        exp = r["expected"]
        if r.get("latent") or len(exp) != 1 or "value" not in exp[0]:
            dropped += 1
            continue
        f: Row = {"start": 0, "end": len(r["text"]), "value": exp[0]["value"]}
        if exp[0].get("unit") not in (None, "Unnamed"):
            f["unit"] = exp[0]["unit"]
        yield {"id": f"duckling-q-{i}-{r['dimension']}", "text": r["text"], "figures": [f]}
    print(f"duckling_quantities: dropped {dropped} latent or range phrases", file=sys.stderr)


def quantulum3(src: Path) -> Iterator[Row]:
    """quantulum3's English test sentences; spans found from the gold surface strings."""
    dropped = 0
    for i, r in enumerate(_rows(src, "quantulum3_quantities_en.jsonl")):
        if any("uncertainty" in e for e in r["expected"]):
            dropped += 1
            continue
        figures, pos = [], 0
        for e in r["expected"]:
            start = r["text"].find(e["surface"], pos)
            if start < 0:
                start = r["text"].find(e["surface"])
            pos = start + len(e["surface"])
            f: Row = {"start": start, "end": pos, "value": e["value"]}
            if e.get("unit") not in (None, "dimensionless"):
                f["unit"] = e["unit"]
            figures.append(f)
        yield {"id": f"quantulum3-{i}", "text": r["text"], "figures": figures}
    print(f"quantulum3: dropped {dropped} sentences with ranges", file=sys.stderr)


READERS: dict[str, Callable[[Path], Iterator[Row]]] = {
    "tbaq_docs": tbaq_docs,
    "tbaq_events": tbaq_events,
    "recognizers_datetime": recognizers_datetime,
    "recognizers_quantities": recognizers_quantities,
    "duckling_time": duckling_time,
    "duckling_quantities": duckling_quantities,
    "quantulum3": quantulum3,
}


def read(name: str, src: Path = SRC) -> list[Row]:
    """All documents of one gold set, in factx's format."""
    return list(READERS[name](src))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name", choices=sorted(READERS))
    ap.add_argument("out", type=Path)
    ap.add_argument("--src", type=Path, default=SRC, help="directory of the converted gold files")
    args = ap.parse_args(argv)
    rows = read(args.name, args.src)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{args.name}: wrote {len(rows)} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Writes examples/sample_article_figures.jsonl: our own hand annotation of the sample article's figures,
each with what it counts (a quote of the text) and, for ranges, low/high. Offsets are computed.

Usage: python benchmarks/sample_figures_gold.py; scored by ``python benchmarks/bench_measeval.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_gold import _span as _at

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples" / "sample_article_figures.jsonl"

# (quote, occurrence, value, unit or None, what it counts (quote, occurrence) or None, low, high)
FIGURES = [
    ("about 14,000 residents", 0, 14000, "residents", ("residents", 0), None, None),
    ("nearly 300 millimetres", 0, 300, "millimeter", ("rain", 0), None, None),
    ("48 hours", 0, 48, "hour", None, None, None),
    ("three hospitals", 0, 3, "hospitals", ("hospitals", 0), None, None),
    ("at least 23 people", 0, 23, "people", ("people", 0), None, None),
    ("More than 60 people", 0, 60, "people", ("people", 1), None, None),
    ("$48.2 million", 0, 48_200_000, "USD", ("emergency aid", 0), None, None),
    ("approximately 1,200 troops", 0, 1200, "troops", ("troops", 0), None, None),
    ("40 boats", 0, 40, "boats", ("boats", 0), None, None),
    ("2.5 million tonnes", 0, 2_500_000, "metric_ton", ("wheat", 0), None, None),
    ("roughly 12 percent", 0, 12, "percent", ("country's exports", 0), None, None),
    ("3.4%", 0, 3.4, "percent", ("Wheat futures", 0), None, None),
    ("a fifth", 0, 0.2, None, ("harvest", 0), None, None),
    ("between $150 million and $200 million", 0, 150_000_000, "USD", ("losses", 0), 150_000_000, 200_000_000),
    ("some 9,500 hectares", 0, 9500, "hectare", ("farmland", 0), None, None),
    ("1.2bn euros", 0, 1_200_000_000, "EUR", ("repairs", 0), None, None),
    ("9.1 metres", 0, 9.1, "meter", ("water levels", 0), None, None),
    ("2.3 metres", 0, 2.3, "meter", ("water levels", 0), None, None),
    ("up to $500 million", 0, 500_000_000, "USD", ("reconstruction", 0), None, None),
    ("25 million euros", 0, 25_000_000, "EUR", ("humanitarian aid", 0), None, None),
    ("15 rescue teams", 0, 15, "teams", ("rescue teams", 0), None, None),
    ("two weeks", 0, 2, "week", None, None, None),
    ("3.1 million people", 0, 3_100_000, "people", ("people", 2), None, None),
    ("800 million dollars", 0, 800_000_000, "Dollar", ("claims", 0), None, None),
    ("more than 300 million euros", 0, 300_000_000, "EUR", ("flood protection", 0), None, None),
]


def main() -> None:
    rows = []
    for quote, occ, value, unit, counts, low, high in FIGURES:
        start, end = _at(quote, occ)
        row = {"start": start, "end": end, "text": quote, "value": value, "unit": unit, "low": low, "high": high}
        if counts:
            cs, ce = _at(*counts)
            row["counts"] = {"start": cs, "end": ce, "text": counts[0]}
        rows.append(row)
    OUT.write_text(json.dumps({"id": "sample-article", "figures": rows}) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} figures")


if __name__ == "__main__":
    main()

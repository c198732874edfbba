"""Writes examples/sample_article_gold.jsonl: our own hand annotation of our own sample article.

Each fact is given as (quote, occurrence) so the offsets are computed, never typed by hand.
Usage: python benchmarks/sample_gold.py
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "examples" / "sample_article.txt").read_text(encoding="utf-8")
REFERENCE = "2025-10-08"

DATES = [  # (quote, occurrence, TIMEX3 value)
    ("Oct. 8", 0, "2025-10-08"),
    ("Tuesday", 0, "2025-10-07"),
    ("the 1990s", 0, "199"),
    ("early on Tuesday", 0, "2025-10-07"),
    ("Tuesday evening", 0, "2025-10-07TEV"),
    ("Monday night", 0, "2025-10-06TNI"),
    ("Tuesday afternoon", 0, "2025-10-07TAF"),
    ("last year", 0, "2024"),
    ("early next year", 0, "2026"),
    ("June last year", 0, "2024-06"),
    ("Sep. 3", 0, "2025-09-03"),
    ("1987", 0, "1987"),
    ("late last year", 0, "2024"),
    ("Tuesday morning", 0, "2025-10-07TMO"),
    ("March 2013", 0, "2013-03"),
    ("Wednesday", 0, "2025-10-08"),
    ("Friday", 0, "2025-10-10"),
    ("this weekend", 0, "2025-W41-WE"),
    ("on Tuesday that", 0, "2025-10-07"),
    ("the end of November", 0, "2025-11"),
    ("next week", 0, "2025-W42"),
    ("Wednesday", 1, "2025-10-08"),
]
FIGURES = [  # (quote, occurrence, value, unit or None)
    ("about 14,000 residents", 0, 14000, "residents"),
    ("nearly 300 millimetres", 0, 300, None),
    ("three hospitals", 0, 3, "hospitals"),
    ("at least 23 people", 0, 23, "people"),
    ("More than 60 people", 0, 60, "people"),
    ("$48.2 million", 0, 48_200_000, "USD"),
    ("approximately 1,200 troops", 0, 1200, "troops"),
    ("40 boats", 0, 40, "boats"),
    ("2.5 million tonnes", 0, 2_500_000, None),
    ("roughly 12 percent", 0, 12, "percent"),
    ("3.4%", 0, 3.4, "percent"),
    ("a fifth", 0, 0.2, None),
    ("$150 million", 0, 150_000_000, "USD"),
    ("$200 million", 0, 200_000_000, "USD"),
    ("some 9,500 hectares", 0, 9500, None),
    ("1.2bn euros", 0, 1_200_000_000, "EUR"),
    ("9.1 metres", 0, 9.1, None),
    ("2.3 metres", 0, 2.3, None),
    ("up to $500 million", 0, 500_000_000, "USD"),
    ("25 million euros", 0, 25_000_000, "EUR"),
    ("15 rescue teams", 0, 15, "teams"),
    ("3.1 million people", 0, 3_100_000, "people"),
    ("800 million dollars", 0, 800_000_000, "USD"),
    ("more than 300 million euros", 0, 300_000_000, "EUR"),
]
EVENTS = [  # (trigger, occurrence, date value of the event where the clause states one)
    ("forced", 0, "2025-10-07"),
    ("burst", 0, "2025-10-07"),
    ("evacuated", 0, None),
    ("killed", 0, None),
    ("missing", 0, "2025-10-07TEV"),
    ("declared", 0, "2025-10-06TNI"),
    ("asked", 0, None),
    ("flew", 0, "2025-10-07TAF"),
    ("promised", 0, None),
    ("deployed", 0, None),
    ("destroyed", 0, None),
    ("rose", 0, None),
    ("estimated", 0, None),
    ("found", 0, None),
    ("postponed", 0, "2024"),
    ("peaked", 0, "2025-10-07TMO"),
    ("lend", 0, None),
    ("pledged", 0, None),
    ("sent", 0, None),
    ("postponed", 1, "2025-W41-WE"),
    ("accused", 0, None),
    ("called for an inquiry", 0, None),
    ("table", 0, "2025-W42"),
    ("rejected", 0, "2025-10-08"),
    ("spent", 0, None),
]


def _span(quote: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(quote, start + 1)
    return start, start + len(quote)


def main() -> None:
    doc: dict[str, object] = {"id": "sample-article", "text": TEXT, "reference_date": REFERENCE}
    dates = []
    for quote, n, value in DATES:
        start, end = _span(quote, n)
        if quote == "on Tuesday that":  # the mention is "Tuesday" inside this context
            start, end = start + 3, start + 10
        dates.append({"start": start, "end": end, "value": value})
    doc["dates"] = dates
    doc["figures"] = [
        dict(zip(("start", "end"), _span(q, n), strict=True), value=v, **({"unit": u} if u else {}))
        for q, n, v, u in FIGURES
    ]
    events = []
    for trigger, n, value in EVENTS:
        start, end = _span(trigger, n)
        end = start + len(trigger.split()[0])
        events.append({"start": start, "end": end, **({"date": value} if value else {})})
    doc["events"] = events
    out = ROOT / "examples" / "sample_article_gold.jsonl"
    out.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(dates)} dates, {len(FIGURES)} figures, {len(events)} events")


if __name__ == "__main__":
    main()

"""Recognizers-Text peer for bench_figures.py; runs under .peers/venv-rec (Python port, see setup_peers.sh).

Reads JSON lines ``{"text": ...}`` on stdin, writes one JSON line per input: a list of
``{"start", "end" (exclusive), "text", "model", "value", "unit"}`` from every English
number-with-unit model and the number model, so the peer is not told which model a row tests.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from recognizers_number import recognize_number, recognize_percentage
from recognizers_number_with_unit import (
    recognize_age,
    recognize_currency,
    recognize_dimension,
    recognize_temperature,
)

CULTURE = "en-us"
MODELS = [
    ("currency", recognize_currency),
    ("percentage", recognize_percentage),
    ("dimension", recognize_dimension),
    ("temperature", recognize_temperature),
    ("age", recognize_age),
    ("number", recognize_number),
]


def _value(res: Any) -> tuple[float | None, str | None]:
    if not isinstance(res, dict):
        return None, None
    raw = res.get("value")
    unit = res.get("isoCurrency") or res.get("unit")
    if raw is None:
        return None, unit
    try:
        return float(str(raw).replace("%", "").replace(",", "")), unit
    except ValueError:
        return None, unit


def run(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name, fn in MODELS:
        try:
            results = fn(text, CULTURE)
        except Exception:  # a peer crash on one row scores as "found nothing"
            continue
        for r in results:
            value, unit = _value(r.resolution)
            if name == "percentage":
                unit = "percent"
            out.append(
                {"start": r.start, "end": r.end + 1, "text": r.text, "model": name, "value": value, "unit": unit}
            )
    return out


def main() -> None:
    for line in sys.stdin:
        row = json.loads(line)
        print(json.dumps(run(row["text"])), flush=True)


if __name__ == "__main__":
    main()

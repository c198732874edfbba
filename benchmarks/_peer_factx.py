"""compare.py worker: factx.extract_facts against the benchmark's OpenAI-compatible server.

    python benchmarks/_peer_factx.py BASE_URL [--strategy extract|choose]

Writes each FactSheet as JSON; a FactxError becomes {"error", "usage"} so the tokens it spent count.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _peer_common import Sheet, serve

import factx


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("base_url")
    ap.add_argument("--strategy", choices=["extract", "choose"], default=None)
    args = ap.parse_args()
    extra: dict[str, Any] = {"strategy": args.strategy} if args.strategy else {}

    def extract(text: str, ref: str | None) -> Sheet:
        try:
            sheet = factx.extract_facts(
                text, reference_date=ref, model="openai:smollm2", base_url=args.base_url, api_key="sk-local", **extra
            )
        except factx.FactxError as exc:
            usage = getattr(exc, "usage", None)
            return {
                "error": f"{type(exc).__name__}: {exc}"[:500],
                "usage": usage.model_dump() if isinstance(usage, factx.Usage) else None,
            }
        out: Sheet = sheet.model_dump(mode="json")
        return out

    serve(extract)


if __name__ == "__main__":
    main()

"""Peer runner for Recognizers-Text (run with .peers/venv-rec/bin/python): JSON lines in, JSON lines out.

Each input line is {"text": ..., "reference": ISO datetime}; each output line is
{"results": [{"start", "end" (exclusive), "text", "type", "values"}], "error": str | null}.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from recognizers_date_time import DateTimeOptions, recognize_datetime
from recognizers_text import Culture


def _ref(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s[:19]) if len(s) > 10 else dt.datetime.fromisoformat(s[:10])


def main() -> None:
    for line in sys.stdin:
        row = json.loads(line)
        try:
            found = recognize_datetime(row["text"], Culture.English, DateTimeOptions.NONE, _ref(row["reference"]))
            res = [
                {
                    "start": r.start,
                    "end": r.end + 1,
                    "text": r.text,
                    "type": r.type_name,
                    "values": (r.resolution or {}).get("values", []),
                }
                for r in found
            ]
            out = {"results": res, "error": None}
        except Exception as exc:  # a peer failing on one row must not end the run
            out = {"results": [], "error": repr(exc)}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

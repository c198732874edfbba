"""compare.py worker: one hand-written instructor call per document, as a user would write it.

    python benchmarks/_peer_instructor.py BASE_URL [--max-tokens N] [--timeout S]

A plain pydantic schema of dates, figures and events with quotes; one request (Mode.TOOLS, up to two
re-asks on validation errors); quotes are grounded with str.find, and those not found are reported
as ungrounded rejections. No detectors, no normalization by code: the model's values are used as-is.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import instructor
from openai import OpenAI
from pydantic import BaseModel, Field

sys.path.insert(0, str(Path(__file__).parent))
from _peer_common import Sheet, UsageMeter, arguments, empty_sheet, ground, rejection, serve, span


class Date(BaseModel):
    quote: str = Field(max_length=60, description="the date expression, copied exactly from the text")
    value: str = Field(max_length=20, description="the date as YYYY-MM-DD (or YYYY-MM, or YYYY)")


class Figure(BaseModel):
    quote: str = Field(max_length=60, description="the number with its unit, copied exactly from the text")
    value: float = Field(description="the number, fully expanded: '$4.5 million' -> 4500000")
    unit: str | None = Field(default=None, max_length=20, description="USD, percent, people, km ...")


class Event(BaseModel):
    quote: str = Field(max_length=160, description="the words of the text that state the event")
    trigger: str = Field(max_length=30, description="the verb or noun naming the event, e.g. 'fell'")
    date: str | None = Field(default=None, max_length=20, description="its date as YYYY-MM-DD, if given")


class Facts(BaseModel):
    dates: list[Date] = Field(default_factory=list, max_length=12)
    figures: list[Figure] = Field(default_factory=list, max_length=12)
    events: list[Event] = Field(default_factory=list, max_length=12)


PROMPT = (
    "Extract the facts of this news text: every date (with its calendar value), every figure "
    "(number with unit) and every event (what happened). Copy quotes exactly from the text.\n"
    "Publication date: {ref}\n\nText:\n{text}"
)


def make_extract(base_url: str, max_tokens: int, timeout: float, meter: UsageMeter) -> Any:
    client = instructor.from_openai(
        OpenAI(base_url=base_url, api_key="sk-local", max_retries=0, http_client=meter.http_client(timeout)),
        mode=instructor.Mode.TOOLS,
    )

    def extract(text: str, ref: str | None) -> Sheet:
        facts = client.chat.completions.create(
            model="smollm2",
            response_model=Facts,
            max_retries=2,
            max_tokens=max_tokens,
            temperature=0,
            messages=[{"role": "user", "content": PROMPT.format(ref=ref or "unknown", text=text)}],
        )
        sheet = empty_sheet(text, "instructor:smollm2")
        date_ids: dict[str, str] = {}
        for i, d in enumerate(facts.dates):
            where = ground(text, d.quote)
            if where is None:
                sheet["rejected"].append(rejection("date", d.model_dump()))
                continue
            sheet["dates"].append({"id": f"d{i}", "span": span(text, *where), "value": d.value})
            date_ids.setdefault(d.value, f"d{i}")
        for f in facts.figures:
            where = ground(text, f.quote)
            if where is None:
                sheet["rejected"].append(rejection("figure", f.model_dump()))
                continue
            sheet["figures"].append({"span": span(text, *where), "value": f.value, "unit": f.unit})
        for e in facts.events:
            where = ground(text, e.quote)
            if where is None:
                sheet["rejected"].append(rejection("event", e.model_dump()))
                continue
            trig = ground(text[where[0] : where[1]], e.trigger)
            trigger = span(text, where[0] + trig[0], where[0] + trig[1]) if trig else None
            ids = [date_ids[e.date]] if e.date in date_ids else []
            sheet["events"].append(
                {"span": span(text, *where), "trigger": trigger, "description": e.quote, "date_ids": ids}
            )
        sheet["usage"] = meter.as_usage()
        return sheet

    return extract


def main() -> None:
    ap = arguments()
    args = ap.parse_args()
    meter = UsageMeter()
    serve(make_extract(args.base_url, args.max_tokens, args.timeout, meter), meter)


if __name__ == "__main__":
    main()

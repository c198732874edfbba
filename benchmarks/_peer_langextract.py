"""compare.py worker: LangExtract with its OpenAI provider, run in its own venv (.peers/venv-lx, see setup_peers.sh).

    .peers/venv-lx/bin/python benchmarks/_peer_langextract.py BASE_URL [--max-tokens N] [--timeout S]
        [--max-char-buffer N]

One few-shot example (an invented sentence) covers the three classes: date (attribute value),
figure (attributes value, unit) and event (the trigger word; attribute date). Extractions are mapped
to factx's FactSheet shape: char_interval gives the span; an extraction LangExtract could not align
to the text (no char_interval) is an ungrounded rejection; values are used as the model gave them.
"""

from __future__ import annotations

import logging
import math
import sys
from pathlib import Path
from typing import Any

import langextract as lx
import openai
from langextract.providers.openai import OpenAILanguageModel

sys.path.insert(0, str(Path(__file__).parent))
from _peer_common import Sheet, UsageMeter, arguments, empty_sheet, rejection, serve, span

PROMPT = (
    "Extract dates, figures and events from news text, in order of appearance. Use the exact words of "
    "the text. For a date give its calendar value (YYYY-MM-DD, YYYY-MM or YYYY) in 'value'. For a figure "
    "give the expanded number in 'value' and its unit in 'unit'. For an event extract the word that "
    "names it (usually a verb) and give its date value in 'date' when the text says when it happened."
)

EXAMPLE_TEXT = (  # invented for this benchmark
    "Harbor Mills said on Tuesday that it closed its plant in Lynnwood on 3 March 2021, cutting "
    "420 jobs, after sales fell 18 percent to $2.5 million last year."
)


def _x(cls: str, text: str, **attrs: str) -> Any:
    return lx.data.Extraction(extraction_class=cls, extraction_text=text, attributes=attrs or None)


EXAMPLES = [
    lx.data.ExampleData(
        text=EXAMPLE_TEXT,
        extractions=[
            _x("event", "said", date="2021-03-09"),
            _x("date", "Tuesday", value="2021-03-09"),
            _x("event", "closed", date="2021-03-03"),
            _x("date", "3 March 2021", value="2021-03-03"),
            _x("event", "cutting", date="2021-03-03"),
            _x("figure", "420 jobs", value="420", unit="jobs"),
            _x("event", "fell", date="2020"),
            _x("figure", "18 percent", value="18", unit="percent"),
            _x("figure", "$2.5 million", value="2500000", unit="USD"),
            _x("date", "last year", value="2020"),
        ],
    )
]


def _number(raw: Any) -> float:
    try:
        return float(str(raw).replace(",", "").strip())
    except (TypeError, ValueError):
        return math.nan  # no usable value: kept, and can only score as a false positive


def make_extract(base_url: str, max_tokens: int, timeout: float, meter: UsageMeter, max_char_buffer: int = 1000) -> Any:
    real_openai = openai.OpenAI

    def metered_openai(**kw: Any) -> Any:  # LangExtract builds its own client: count its requests
        return real_openai(**kw, max_retries=0, http_client=meter.http_client(timeout))

    openai.OpenAI = metered_openai  # type: ignore[misc]
    model = OpenAILanguageModel(
        model_id="smollm2",
        api_key="sk-local",
        base_url=base_url,
        temperature=0.0,
        max_workers=1,
        max_output_tokens=max_tokens,
    )

    def extract(text: str, ref: str | None) -> Sheet:
        doc = lx.extract(
            text,
            prompt_description=PROMPT,
            examples=EXAMPLES,
            model=model,
            use_schema_constraints=False,
            fence_output=False,
            max_workers=1,
            show_progress=False,
            max_char_buffer=max_char_buffer,
            additional_context=f"Publication date: {ref}" if ref else None,
            resolver_params={"suppress_parse_errors": True},
        )
        sheet = empty_sheet(text, "langextract:smollm2")
        pending_events: list[tuple[dict[str, Any], str | None]] = []
        date_ids: dict[str, str] = {}
        for i, ex in enumerate(doc.extractions or []):
            attrs = ex.attributes or {}
            ci = ex.char_interval
            kind = (ex.extraction_class or "").lower()
            if kind not in ("date", "figure", "event"):
                continue
            if ci is None or ci.start_pos is None or ci.end_pos is None or ci.end_pos <= ci.start_pos:
                sheet["rejected"].append(rejection(kind, {"text": ex.extraction_text, **attrs}))
                continue
            sp = span(text, ci.start_pos, ci.end_pos)
            if kind == "date":
                value = str(attrs.get("value") or ex.extraction_text)
                sheet["dates"].append({"id": f"d{i}", "span": sp, "value": value})
                date_ids.setdefault(value, f"d{i}")
            elif kind == "figure":
                unit = attrs.get("unit")
                sheet["figures"].append(
                    {
                        "span": sp,
                        "value": _number(attrs.get("value", ex.extraction_text)),
                        "unit": str(unit) if unit else None,
                    }
                )
            else:
                ev = {"span": sp, "trigger": sp, "description": ex.extraction_text, "date_ids": []}
                pending_events.append((ev, attrs.get("date")))
        for ev, date in pending_events:
            if date and str(date) in date_ids:
                ev["date_ids"] = [date_ids[str(date)]]
            sheet["events"].append(ev)
        sheet["usage"] = meter.as_usage()
        return sheet

    return extract


def main() -> None:
    ap = arguments()
    ap.add_argument("--max-char-buffer", type=int, default=1000, help="LangExtract's chunk size")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    meter = UsageMeter(chunked=True)
    serve(make_extract(args.base_url, args.max_tokens, args.timeout, meter, args.max_char_buffer), meter)


if __name__ == "__main__":
    main()

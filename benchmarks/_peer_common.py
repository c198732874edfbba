"""Shared plumbing of the compare.py workers (stdlib + openai only: it also runs in the LangExtract venv).

A worker reads one JSON document per stdin line ({"text", "reference_date"}) and writes one line of
FactSheet-shaped JSON per document, so compare.py can put a hard wall-time cap on each document
(by killing the worker) whatever the pipeline does inside.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable
from typing import Any

Sheet = dict[str, Any]


class UsageMeter:
    """Counts every HTTP response of an OpenAI client (re-asks included) and sums its token usage."""

    def __init__(self, chunked: bool = False) -> None:
        self.chunked = chunked  # several requests per document by design (chunks), not re-asks
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0

    def hook(self, response: Any) -> None:
        if "/chat/completions" not in str(response.request.url):
            return
        self.requests += 1
        try:
            response.read()
            usage = json.loads(response.content).get("usage") or {}
        except Exception:  # a failed request still counts as a request
            return
        self.prompt_tokens += int(usage.get("prompt_tokens") or 0)
        self.completion_tokens += int(usage.get("completion_tokens") or 0)

    def as_usage(self) -> dict[str, int]:
        return {
            "requests": self.requests,
            "retries": 0 if self.chunked else max(0, self.requests - 1),
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
        }

    def http_client(self, timeout: float) -> Any:
        import openai

        return openai.DefaultHttpxClient(event_hooks={"response": [self.hook]}, timeout=timeout)


def arguments() -> argparse.ArgumentParser:
    """The options every LLM arm's worker takes: the server's URL, max_tokens, a client timeout."""
    ap = argparse.ArgumentParser()
    ap.add_argument("base_url")
    ap.add_argument("--max-tokens", type=int, default=512)
    ap.add_argument("--timeout", type=float, default=90.0)
    return ap


def span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def ground(text: str, quote: str | None, after: int = 0) -> tuple[int, int] | None:
    """The first occurrence of ``quote`` in ``text`` (from ``after``, then anywhere), or None."""
    if not quote or not quote.strip():
        return None
    q = quote.strip()
    i = text.find(q, after)
    if i < 0:
        i = text.find(q)
    return (i, i + len(q)) if i >= 0 else None


def rejection(kind: str, quote: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "reason": "ungrounded: quote not found in text",
        "proposed": json.dumps(quote, ensure_ascii=False)[:300],
    }


def empty_sheet(text: str, model: str) -> Sheet:
    return {"text": text, "model": model, "dates": [], "figures": [], "events": [], "rejected": []}


def serve(extract: Callable[[str, str | None], Sheet], meter: UsageMeter | None = None) -> None:
    """The worker loop: a ready line, then one document in, one sheet (or {"error": ...}) out."""
    sys.stdout.write('{"ready": true}\n')
    sys.stdout.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        doc = json.loads(line)
        if meter is not None:
            meter.reset()
        try:
            out = extract(doc["text"], doc.get("reference_date"))
        except Exception as exc:
            traceback.print_exc(file=sys.stderr)
            out = {"error": f"{type(exc).__name__}: {exc}"[:500]}
            if meter is not None:
                out["usage"] = meter.as_usage()
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()

"""What one ``complete`` call sent and got back: requests (every attempt sent), tokens, the last output.

Counted where every request passes (the raw ``create`` instructor calls), before it is sent, so a
429, a reset or a truncated body counts as the request it was. Long model output is cut here too:
in what is kept (errors, ``rejected``) and in what a re-ask sends back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factx._types import Usage

__all__ = ["Meter", "cut", "shorten_reasks", "tool_arguments"]


class Meter:
    """Requests sent, prompt and completion tokens received, and the last output (cut to ``keep`` chars)."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.requests = self.prompt_tokens = self.completion_tokens = 0
        self.last_output: str | None = None

    def sent(self) -> None:
        self.requests += 1

    def received(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
        output = tool_arguments(response)
        if output is None:
            output = _content(response)
        self.last_output = None if output is None else cut(output, self.keep)

    def usage(self) -> Usage:
        """Every request after the first is a retry (a re-ask or a transient retry)."""
        return Usage(
            requests=self.requests,
            retries=max(0, self.requests - 1),
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
        )


def tool_arguments(response: Any) -> str | None:
    """The JSON arguments of the first tool call in a chat completion, if any."""
    try:
        call = response.choices[0].message.tool_calls[0]
        return str(call.function.arguments)
    except (AttributeError, IndexError, TypeError):
        return None


def _content(response: Any) -> str | None:
    try:
        content = response.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None
    return None if content is None else str(content)


def cut(text: str, limit: int) -> str:
    """``text``, or its first ``limit`` characters and a note of how many were left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [cut: {len(text) - limit:,} more characters]"


def shorten_reasks(
    messages: list[dict[str, Any]], prompt_length: int, limit: int, clean: Callable[[str], str] = str
) -> list[dict[str, Any]]:
    """The messages, with the model's earlier answers (and re-ask notes) after the prompt cut to ``limit``
    and passed through ``clean`` (which removes secrets).

    The prompt itself (the first ``prompt_length`` messages) is never touched, so a normal request's
    body is byte-for-byte what it was.
    """
    if len(messages) <= prompt_length:
        return messages
    return messages[:prompt_length] + [_shorten(m, lambda t: clean(cut(t, limit))) for m in messages[prompt_length:]]


def _function(call: Any) -> dict[str, Any]:
    function = call.get("function", {}) if isinstance(call, dict) else {}
    return function if isinstance(function, dict) else {}


def _shorten(message: dict[str, Any], edit: Callable[[str], str]) -> dict[str, Any]:
    out = dict(message)
    if isinstance(out.get("content"), str):
        out["content"] = edit(out["content"])
    if out.get("tool_calls"):
        calls = []
        for call in out["tool_calls"]:
            function = _function(call)
            if isinstance(function.get("arguments"), str):
                call = {**call, "function": {**function, "arguments": edit(function["arguments"])}}
            calls.append(call)
        out["tool_calls"] = calls
    return out

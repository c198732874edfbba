"""What went wrong in one request, said without secrets: transient or not, its status, how long to wait."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["Redactor", "first_line", "is_transient", "retry_after", "status_of"]

_BEARER = re.compile(r"(?i)\b(bearer|api[-_ ]?key)([\s:=\"']+)[^\s\"',}]+")
_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_\-]{12,}")


class Redactor:
    """Removes the backend's own secrets, and anything shaped like a key or a bearer token, from text."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self._secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        text = _BEARER.sub(lambda m: f"{m.group(1)}{m.group(2)}[redacted]", text)
        return _KEY_LIKE.sub("[redacted]", text)


def status_of(exc: BaseException | None) -> int | None:
    code = getattr(exc, "status_code", None)
    return code if isinstance(code, int) else None


def is_transient(exc: BaseException) -> bool:
    """Worth retrying: a connection or timeout failure, a 429, a 5xx; not a 4xx, not a bad answer."""
    import openai

    if isinstance(exc, openai.APIConnectionError | openai.RateLimitError):  # APITimeoutError is a connection error
        return True
    status = status_of(exc)
    return status is not None and (status == 429 or status >= 500)


def retry_after(exc: BaseException) -> float | None:
    """The server's ``Retry-After`` (seconds or an HTTP date) or ``retry-after-ms``, in seconds."""
    headers: Any = getattr(getattr(exc, "response", None), "headers", None) or {}
    millis = headers.get("retry-after-ms")
    try:
        if millis:
            return max(0.0, float(millis) / 1000)
        value = headers.get("retry-after")
        if not value:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())
    except (TypeError, ValueError, OverflowError):
        return None


def first_line(exc: BaseException, limit: int = 300) -> str:
    """``Type: message``, its first three non-empty lines joined, at most ``limit`` characters.

    A validation error is said by its locations and messages, without the input it quotes.
    """
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        lines = [f"{'.'.join(map(str, e['loc'])) or 'answer'}: {e['msg']}" for e in exc.errors()[:3]]
    else:
        lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    text = " | ".join(lines[:3])
    text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""The command line's input files read once, one way: a typed error that names the file for each way a
file can be unusable (``exits`` turns it into one line and status 2)."""

from __future__ import annotations

import sys
from pathlib import Path

from factx._errors import FactxInputError
from factx._inputs import MAX_TEXT_CHARS, check_text

__all__ = ["decode_utf8", "read_article", "read_bytes"]


def read_bytes(file: str | Path) -> bytes:
    """The bytes of FILE (``-``: stdin); a typed error for a missing file, a folder or an unreadable file."""
    try:
        return sys.stdin.buffer.read() if str(file) == "-" else Path(file).read_bytes()
    except FileNotFoundError:
        raise FactxInputError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise FactxInputError(f"{file}: is a directory") from None
    except OSError as exc:
        raise FactxInputError(f"{file}: cannot read: {exc.strerror}") from None


def decode_utf8(raw: bytes, file: str | Path) -> str:
    """UTF-8 text without its byte-order mark; a typed error saying where the first bad byte is."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise FactxInputError(f"{file}: not UTF-8 (byte {exc.start}); convert it first, e.g. with iconv") from None


def read_article(file: str | Path) -> str:
    """The text of an article file as extraction reads it (newlines kept as written, so saved spans
    match); a typed error for binary data, a bad encoding, an empty or unusable text."""
    raw = read_bytes(file)
    if raw.startswith(UTF16_MARKS):
        raise FactxInputError(f"{file}: UTF-16 text; convert it to UTF-8 first, e.g. with iconv -f UTF-16")
    if _looks_binary(raw):
        raise FactxInputError(f"{file}: binary data, not text")
    text = decode_utf8(raw, file)
    if not text.strip():
        raise FactxInputError(f"{file}: the text is empty")
    return check_text(text, name=str(file), max_chars=MAX_TEXT_CHARS)


UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
"""The byte-order marks of UTF-16 text, which is text, but not in an encoding extraction reads."""


def _looks_binary(raw: bytes) -> bool:
    """NUL bytes, or control bytes no text uses in more than 1 of 100 bytes of the first 8 KB.

    Text in any ASCII-compatible encoding has almost none, random or binary data about 1 in 10.
    """
    head = raw[:8192]
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\x0b\x0c\x1b")
    return b"\x00" in head or (controls >= 2 and controls * 100 > len(head))

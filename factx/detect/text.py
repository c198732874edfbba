"""Text zones: headline, dateline, byline, captions, e-mail, URLs, markup and instructions told apart
from body paragraphs before parsing, so a caption is never parsed into the sentence after it.

Only headline, caption and body zones hold events; each is parsed on its own (``blocks``).
Rules are line-based and documented in the README ("Text zones").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factx._types import Span, Zone, ZoneKind
from factx.detect.tokens import LINE_ENDS_SENTENCE, WORD

EVENT_ZONES: frozenset[ZoneKind] = frozenset({"headline", "caption", "body"})

_DATELINE = re.compile(
    r"\A[A-Z][A-Za-z.'\u2019 -]{1,40}(?:,[^\n]{0,40}?)?\s*(?:\([^()\n]{1,40}\)\s*)?[-\u2013\u2014]{1,2}\s*"
)
_DATELINE_CAPS = re.compile(r"\A[A-Z][A-Z.'\u2019 ]{2,40}[,(]")
_BYLINE = re.compile(r"\A(?:By|BY|Written by|Reporting by)\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,4}\s*\Z")
_CAPTION_LEAD = re.compile(r"\A(?:Photo|PHOTO|Image|IMAGE|Picture|Caption|File photo|FILE PHOTO|Video)\b\s*[:/-]")
_CAPTION_TAIL = re.compile(r"\((?:Yonhap|AP|AFP|Reuters|EPA|Xinhua|KCNA|Getty Images|AP Photo)[^()]{0,40}\)\s*\Z")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+")
_MARKUP_LINE = re.compile(r"\A\s*(?:={2,}.*={2,}|\{\{.*|\|.*|!.*|\[\[(?:File|Image|Category):.*|<[a-z/][^>]*>.*)\s*\Z")
_MARKUP_INLINE = re.compile(r"\{\{[^{}\n]*\}\}|\[\[|\]\]|'{2,}|<ref[^>]*>.*?</ref>|<[a-z/][^>\n]*>")
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:instructions?|prompts?|rules|the above|everything)\b"
    r"|\b(?:you are|act as|pretend to be)\s+(?:an?\s+)?(?:AI|assistant|language model|chatbot|model)\b"
    r"|\b(?:system prompt|as an AI|new instructions?)\b"
    r"|\b(?:respond|reply|answer|output|report)\s+(?:only\s+)?(?:with|that)\b[^.\n]{0,80}\b(?:model|assistant|AI|JSON)\b",
    re.IGNORECASE,
)
_HEADLINE_MAX = 160
_CAPTION_MAX = 220


@dataclass(frozen=True)
class Block:
    """A stretch of event-bearing text parsed on its own: one headline or caption, or a run of body."""

    kind: ZoneKind
    start: int
    end: int


def zones(text: str) -> list[Zone]:
    """Every zone of ``text`` in order; inline e-mail, URL and markup zones lie inside the line zones."""
    out: list[Zone] = []
    first = True
    for start, end in _lines(text):
        line = text[start:end]
        kinds = _line_zones(line, first)
        first = first and kinds[0][0] == "url"  # a URL line above the headline leaves it the first line
        for kind, s, e in kinds:
            out.append(Zone(kind=kind, span=Span.of(text, start + s, start + e)))
    inline: list[Zone] = []
    for pattern, kind in ((_EMAIL, "email"), (_URL, "url"), (_MARKUP_INLINE, "markup")):
        for m in pattern.finditer(text):
            if not any(z.kind in ("email", "url") and z.span.start <= m.start() < z.span.end for z in out + inline):
                inline.append(Zone(kind=kind, span=Span.of(text, m.start(), m.end())))
    return sorted(out + inline, key=lambda z: (z.span.start, -z.span.end))


def blocks(text: str, found: list[Zone]) -> list[Block]:
    """The event-bearing stretches to parse, each line zone on its own: a parse never joins two lines.

    (spaCy's parser does not always end a sentence at a paragraph break, and a caption or headline
    without a full stop would otherwise become the subject of the next sentence.)
    """
    return [Block(z.kind, z.span.start, z.span.end) for z in found if z.kind in EVENT_ZONES]


def masked(text: str, found: list[Zone]) -> str:
    """``text`` with e-mail, URL and markup zones blanked (same length), so they are never parsed as words."""
    chars = list(text)
    for zone in found:
        if zone.kind in ("email", "url", "markup"):
            chars[zone.span.start : zone.span.end] = " " * (zone.span.end - zone.span.start)
    return "".join(chars)


_MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][A-Za-z'\u2019-]*")
_TITLE_WORDS = 3


def dateline_city(dateline: str) -> str:
    """The place a dateline opens with, as written: "KORVANA, Oct. 8 (Wirenews) -" -> "KORVANA"."""
    return dateline.split(",")[0].split("(")[0].strip()


def is_title_case(line: str) -> bool:
    """A headline in title case ("Star Leaves Clinic, Checks Into Rehab"): every word of four letters or
    more capitalised, at least three of them. spaCy reads such a line as a row of names, with no verb."""
    long = [w for w in WORD.findall(line) if len(w) >= 4]
    return len(long) >= _TITLE_WORDS and all(w[0].isupper() for w in long)


def sentence_cased(line: str, text: str) -> str:
    """``line`` with its capitalised words lower-cased unless ``text`` writes them capitalised mid-sentence
    (names: "Lindsay Lohan", "Malibu") or they are acronyms; same length, so offsets hold."""
    names = set(_MID_SENTENCE_NAME.findall(text.replace(line, " " * len(line), 1)))

    def lower(m: re.Match[str]) -> str:
        word = m.group(0)
        keep = m.start() == 0 or word in names or (word.isupper() and len(word) <= 5)
        return word if keep else word.lower()

    return WORD.sub(lower, line)


def zone_at(found: list[Zone], offset: int) -> ZoneKind | None:
    """The kind of the line zone holding ``offset`` (inline zones aside)."""
    for zone in found:
        line = zone.kind in EVENT_ZONES or zone.kind in ("dateline", "byline", "instruction")
        if line and zone.span.start <= offset < zone.span.end:
            return zone.kind
    return None


def instruction_spans(found: list[Zone]) -> list[Span]:
    """The zones that address a model instead of a reader: no event may rest on them."""
    return [z.span for z in found if z.kind == "instruction"]


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), trimmed of surrounding whitespace."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _line_zones(line: str, first: bool) -> list[tuple[ZoneKind, int, int]]:
    """The zones of one line, as offsets into the line."""
    if _INSTRUCTION.search(line):
        return [("instruction", 0, len(line))]
    if _URL.fullmatch(line):
        return [("url", 0, len(line))]
    if _MARKUP_LINE.match(line):
        return [("markup", 0, len(line))]
    if _BYLINE.match(line):
        return [("byline", 0, len(line))]
    if _CAPTION_LEAD.match(line) or _CAPTION_TAIL.search(line):
        return [("caption", 0, len(line))]
    dateline = _DATELINE.match(line)
    if dateline and _DATELINE_CAPS.match(line):
        rest = line[dateline.end() :]
        out: list[tuple[ZoneKind, int, int]] = [("dateline", 0, dateline.end())]
        if rest.strip():
            out.append(("body", dateline.end(), len(line)))
        return out
    if not LINE_ENDS_SENTENCE.search(line):
        if first and len(line) <= _HEADLINE_MAX:
            return [("headline", 0, len(line))]
        if len(line) <= _CAPTION_MAX:
            return [("caption", 0, len(line))]
    return [("body", 0, len(line))]

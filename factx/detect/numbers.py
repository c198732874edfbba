"""Spelled-out English numbers ("twenty four", "a hundred thirty million", "two and a half",
"fourteenth") and digit numerals ("1,234.5", "12,34,567", "2 1/2", "½", "1.2bn") to values.

Pure functions on short strings, no dependencies: the figure scanner (``figures``) and the date
engine both call them on already-isolated mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from factx.detect.rules import first
from factx.detect.tokens import numeral_words

_UNITS: dict[str, float] = {
    "zero": 0,
    "naught": 0,
    "nought": 0,
    "nil": 0,
    "oh": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: dict[str, float] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}
_DOZEN = {"dozen": 12.0, "dozens": 12.0}
_ORDINALS: dict[str, float] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1e3,
    "millionth": 1e6,
    "billionth": 1e9,
    "trillionth": 1e12,
}
# Fraction denominators: "a half", "two thirds", "three quarters", "five eighths".
_DENOMS: dict[str, float] = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
for _w, _v in _ORDINALS.items():
    if _v >= 3:
        _DENOMS[_w] = _v
        _DENOMS[_w + "s"] = _v

NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES) | {"hundred", "a", "an", "dozen", "half"}
"""Words that can make up a spelled-out cardinal (kept for callers of the original API)."""

ORDINAL_WORDS = frozenset(_ORDINALS)
DAY_ORDINALS: dict[str, int] = {w: int(v) for w, v in _ORDINALS.items() if v <= 31}
"""Ordinal words that can name a day of the month ("the twentieth"), shared with the date readers."""
FRACTION_WORDS = frozenset(_DENOMS)
_NEG = {"minus", "negative"}


@dataclass(slots=True)
class _Count:
    """A cardinal being read word by word: the sum of the closed scale groups, the open group, the last scale."""

    total: float = 0.0
    current: float = 0.0
    seen: bool = False
    last_scale: float = 1.0


def _article(c: _Count, w: str, nxt: str | None) -> bool:
    """ "a hundred", "a million", "a dozen": an article stands for one before a scale word."""
    if c.seen or nxt is None or not (nxt in _SCALES or nxt in ("hundred", "dozen")):
        return False
    c.current = 1.0
    return True


def _joiner(c: _Count, w: str, nxt: str | None) -> bool:
    """ "two hundred and five": "and" joins a smaller number to a larger one already read."""
    return c.seen and nxt is not None and (nxt in _UNITS or nxt in _TENS)


def _unit(c: _Count, w: str, nxt: str | None) -> bool:
    """ "twenty four": a unit fills a group's empty ones place ("one two" is not one number)."""
    if c.seen and c.current % 100 and (c.current % 10 or _UNITS[w] >= 10):
        return False
    c.current += _UNITS[w]
    return True


def _ten(c: _Count, w: str, nxt: str | None) -> bool:
    """ "three hundred forty": a ten fills a group's empty tens place."""
    if c.seen and c.current % 100:
        return False
    c.current += _TENS[w]
    return True


def _hundred(c: _Count, w: str, nxt: str | None) -> bool:
    """ "five hundred": hundreds of the open group; a bare "hundreds" is vague, no figure."""
    if not c.seen and w == "hundreds":
        return False
    c.current = (c.current or 1.0) * 100
    return True


def _scale(c: _Count, w: str, nxt: str | None) -> bool:
    """ "fourteen thousand" closes the open group; a scale over a closed total multiplies it ("three
    thousand millions", "three lakh crore"); a bare plural ("thousands of people") is no figure."""
    if not c.seen and w.endswith("s"):
        return False
    scale = _SCALES[w]
    if c.seen and c.current == 0 and c.total and scale > c.last_scale:
        c.total *= scale
    else:
        c.total += (c.current or 1.0) * scale
    c.current = 0.0
    c.last_scale = scale
    return True


def _dozen(c: _Count, w: str, nxt: str | None) -> bool:
    """ "three dozen": twelve of what is read so far; a bare "dozen" is read by the article or not at all."""
    if not c.seen:
        return False
    c.current *= 12
    return True


_STEPS: dict[str, Callable[[_Count, str, str | None], bool]] = {
    "a": _article,
    "an": _article,
    "and": _joiner,
    **dict.fromkeys(_UNITS, _unit),
    **dict.fromkeys(_TENS, _ten),
    "hundred": _hundred,
    "hundreds": _hundred,
    **dict.fromkeys(_SCALES, _scale),
    **dict.fromkeys(_DOZEN, _dozen),
}
"""What each word does to a cardinal being read (the word classes are disjoint); False ends the number."""


def _cardinal(ws: list[str], i: int) -> tuple[float | None, int, float]:
    """Parse an integer from ``ws[i:]``: (value or None, next index, last scale used)."""
    c = _Count()
    n = len(ws)
    while i < n:
        step = _STEPS.get(ws[i])
        if step is None or not step(c, ws[i], ws[i + 1] if i + 1 < n else None):
            break
        c.seen = True
        i += 1
    if not c.seen:
        return None, i, c.last_scale
    return c.total + c.current, i, c.last_scale


def _fraction(ws: list[str], i: int) -> tuple[float | None, int]:
    """Parse "a half", "two thirds", "three quarters", "one-eighth" starting at ``ws[i]``."""
    if i < len(ws) and ws[i] in ("half", "quarter"):
        return 1.0 / _DENOMS[ws[i]], i + 1
    num, j, _ = _cardinal(ws, i)
    if num is None and i < len(ws) and ws[i] in ("a", "an"):
        num, j = 1.0, i + 1
    if num is not None and j < len(ws) and ws[j] in _DENOMS:
        return num / _DENOMS[ws[j]], j + 1
    return None, i


def parse_number_words(text: str) -> float | None:
    """Value of a phrase made only of number words, or None ("fourteen thousand" -> 14000,
    "two and a half" -> 2.5, "two thirds of a million" -> 666666.67, "minus five" -> -5)."""
    ws = numeral_words(text)
    sign = 1.0
    if ws and ws[0] in _NEG:
        sign, ws = -1.0, ws[1:]
    if not ws or ws in (["a"], ["an"]):
        return None
    value = _decimal(ws) if "point" in ws else _first_reading(ws)  # "point": a decimal or nothing
    return None if value is None else sign * value


def _first_reading(ws: list[str]) -> float | None:
    """The value of the first of ``_WORD_RULES`` that reads the phrase."""
    return first(_WORD_RULES, ws)


def _half_a_scale(ws: list[str]) -> float | None:
    """ "half a million", "half a dozen"."""
    if len(ws) == 3 and ws[0] == "half" and ws[1] in ("a", "an") and (ws[2] in _SCALES or ws[2] in _DOZEN):
        return 0.5 * (_SCALES.get(ws[2]) or 12.0)
    return None


def _decimal(ws: list[str]) -> float | None:
    """ "two point five", "point seven five", "two point two million", "three point fourteen"."""
    k = ws.index("point")
    whole = parse_number_words(" ".join(ws[:k])) if k else 0.0
    digits = ws[k + 1 :]
    scale = 1.0
    if digits and digits[-1] in _SCALES and len(digits) > 1:
        scale, digits = _SCALES[digits[-1]], digits[:-1]  # "two point two million"
    if whole is None or not digits:
        return None
    if all(d in _UNITS and _UNITS[d] < 10 for d in digits):
        decimals = "".join(str(int(_UNITS[d])) for d in digits)
    else:
        v = parse_number_words(" ".join(digits))
        if v is None or v != int(v):
            return None
        decimals = str(int(v))
    return float(f"{int(whole)}.{decimals}") * scale


def _whole(ws: list[str]) -> float | None:
    """A cardinal or a fraction phrase that uses every word."""
    simple = _simple(ws)
    return None if simple is None else simple[0]


def _and_fraction(ws: list[str]) -> float | None:
    """ "<number> and <fraction>": "two and a half", "one million and a half", "five and a half million"."""
    for k in (i for i in range(len(ws) - 1, 0, -1) if ws[i] == "and"):
        head, tail = _simple(ws[:k]), _fraction_phrase(ws[k + 1 :])
        if head is None or tail is None:
            continue
        (hv, hscale), (fv, fscale) = head, tail
        if fscale > 1:
            return hv + fv * fscale if hscale >= 1000 else (hv + fv) * fscale
        return hv + fv * (hscale if hscale >= 1000 else 1.0)
    return None


_WORD_RULES: tuple[Callable[[list[str]], float | None], ...] = (_half_a_scale, _whole, _and_fraction)
"""How a phrase without "point" reads, the first with a value deciding."""


def _fraction_phrase(ws: list[str]) -> tuple[float, float] | None:
    """(fraction, scale) for "a half", "two thirds of a million", "three quarters billion"; else None."""
    if "and" in ws:
        return None  # "six million and two thirds" is a number plus a fraction, not a numerator
    frac, i = _fraction(ws, 0)
    if frac is None:
        return None
    if i + 1 < len(ws) and ws[i] == "of" and ws[i + 1] in ("a", "an"):
        i += 2
    scale = 1.0
    if i < len(ws) and (ws[i] in _SCALES or ws[i] in _DOZEN):
        scale = _SCALES.get(ws[i]) or 12.0
        i += 1
    return (frac, scale) if i == len(ws) else None


def _simple(ws: list[str]) -> tuple[float, float] | None:
    """(value, last scale) of a cardinal or a fraction phrase that uses all of ``ws``."""
    value, i, last_scale = _cardinal(ws, 0)
    if value is not None and i == len(ws):
        return value, last_scale
    fp = _fraction_phrase(ws)
    if fp is not None:
        return fp[0] * fp[1], fp[1]
    return None


def parse_ordinal_words(text: str) -> int | None:
    """Value of a spelled-out ordinal, or None ("fourteenth" -> 14, "twenty-first" -> 21)."""
    ws = numeral_words(text)
    if not ws or ws[-1] not in _ORDINALS:
        return None
    last = _ORDINALS[ws[-1]]
    if len(ws) == 1:
        return int(last)
    head, i, _ = _cardinal(ws[:-1], 0)
    if head is None or i < len(ws) - 1:
        return None
    if last >= 100:
        return int(head * last)
    if head % 100 and (head % 10 or last >= 10):
        return None  # "one fifth" is a fraction, not an ordinal
    return int(head + last)


_VULGAR = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅖": 0.4,
    "⅗": 0.6,
    "⅘": 0.8,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}
VULGAR_FRACTIONS = "".join(_VULGAR)
_NUMERAL = re.compile(
    r"(?P<sign>[-−]\s*)?(?:(?P<num2>\d+)\s*/\s*(?P<den2>\d+)"
    r"|(?P<int>\d[\d,\u00a0\u202f\u2009 ]*?)?(?P<dec>\.\d+)?(?:[eE](?P<exp>[-+]?\d+))?"
    r"(?:[\s\u00a0]+(?P<num>\d+)\s*/\s*(?P<den>\d+))?)\s*(?P<vulgar>[" + VULGAR_FRACTIONS + r"])?"
)
_GROUPS = re.compile(r"\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+")


_LOCAL = re.compile(
    r"(?P<sign>-)?(?P<int>\d+|\d{1,3}(?P<sep>[.\u00a0\u202f\u2009 '])\d{3}(?:(?P=sep)\d{3})*)"
    r"(?:,(?P<dec>\d{1,2}))?|(?P<sign2>-)?(?P<int2>\d{1,3}(?:'\d{3})+)(?:\.(?P<dec2>\d{1,2}))?"
)


def parse_local_numeral(text: str) -> float | None:
    """Value of a numeral grouped the way much of the world writes it: a decimal comma ("34,50",
    "1.234,56", "2 285,81", "1'049,95"), apostrophe groups ("1'049.95"), dot groups ("1.144.000").
    None for anything else (the English forms are ``parse_numeral``'s)."""
    m = _LOCAL.fullmatch(text.strip())
    if m is None:
        return None
    if m["int2"]:
        value = float(m["int2"].replace("'", "") + "." + (m["dec2"] or "0"))
        return -value if m["sign2"] else value
    grouped = m["sep"] is not None
    if not grouped and m["dec"] is None:
        return None  # a plain integer is parse_numeral's
    if m["sep"] == "." and m["dec"] is None and m["int"].count(".") < 2:
        return None  # "31.500" alone: the caller decides (a currency without decimals, the text's other numbers)
    value = float(re.sub(r"\D", "", m["int"]) + "." + (m["dec"] or "0"))
    return -value if m["sign"] else value


def parse_numeral(text: str) -> float | None:
    """Value of a digit numeral, or None ("1,234.5", "12,34,567.89", "40 000", "2 1/2", "3/4",
    "2½", "-1.2e3"). Scale words and suffixes are the caller's business."""
    s = text.strip()
    if not s:
        return None
    m = _NUMERAL.fullmatch(s)
    if not m or not (m["int"] or m["dec"] or m["den"] or m["den2"] or m["vulgar"]):
        return None
    if m["den2"]:
        den = float(m["den2"])
        value = float(m["num2"]) / den if den else -1.0
        if not den:
            return None
    else:
        intpart = (m["int"] or "").strip()
        value = 0.0
        if intpart:
            if not _GROUPS.fullmatch(intpart):
                return None
            value = float(re.sub(r"\D", "", intpart))
        if m["dec"]:
            value += float("0" + m["dec"])
        if m["exp"]:
            value *= 10.0 ** int(m["exp"])
        if m["den"]:
            den = float(m["den"])
            if den == 0:
                return None
            value += float(m["num"]) / den
    if m["vulgar"]:
        value += _VULGAR[m["vulgar"]]
    return -value if m["sign"] else value

"""Read one number token and what stands right of it (scale, unit, currency, percent, counted noun).

Used by ``find``; kept apart so each module stays small. Everything is a compiled regex match or
a dict look-up: no library parsing on the hot path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factx.detect.figures.currency import (
    CURRENCY_NAMES,
    POSTFIX_SYMBOLS,
    SAFE_CODES,
    SYMBOLS,
    UPPER_CODES,
    is_money,
    sign_money,
)
from factx.detect.figures.scan import (
    A_BEFORE,
    AGE_TAIL,
    ARTICLE,
    FEET_INCHES,
    MONEY_SUFFIX,
    NOT_ADJ,
    NOUN,
    NOUN1,
    OF_AFTER,
    RIGHT,
    SCALE,
    SUBUNIT,
    is_plural_noun,
)
from factx.detect.figures.units import (
    CASED_UNITS,
    DIGIT_ONLY_UNITS,
    MONEY_SUFFIX_SCALES,
    SCALES,
    UNITS,
)
from factx.detect.numbers import parse_local_numeral, parse_number_words, parse_numeral

Money = tuple[str, str | None, float]

_WORD_SPLIT = re.compile(r"(\s*-\s*|\s+)")
_INCH_OK = re.compile(r"\s*(?:[^\w\s]|$|(?:thick|long|wide|tall|deep|high|across|diameter|of)\b)")


@dataclass
class Num:
    """One number with what was read right of it (scale, unit) before the left context is added."""

    start: int
    end: int
    value: float
    digits: bool
    integer_text: bool
    scaled: bool = False
    unit: str | None = None
    currency: str | None = None
    percent: bool = False
    points: bool = False
    counts: str | None = None
    measure: bool = False  # a unit of measure, currency or percent (not a counted noun)
    extras: dict[str, bool] = field(default_factory=dict)


def _word_value(text: str, start: int, end: int) -> tuple[float, int] | None:
    """Value and end of the longest prefix of a number-word run that parses as a cardinal."""
    parts = _WORD_SPLIT.split(text[start:end])
    # parts alternates word, separator, word ...; try the longest prefix first.
    for k in range(min(len(parts), 31), 0, -2):  # at most 16 words: bounded work on long runs
        chunk = "".join(parts[:k])
        periods = parts[k - 1].lower() in ("quarters", "halves")
        if k == 3 and periods and not OF_AFTER.match(text, start + len(chunk)):
            continue  # "the past two quarters" counts periods; "three quarters of" is a fraction
        v = parse_number_words(chunk)
        if v is not None:
            return v, start + len(chunk)
    return None


def currency_of(surface: str) -> tuple[str, str | None, float] | None:
    s = re.sub(r"\s+", " ", surface.strip())
    if s.endswith("$"):
        s = s.replace(" ", "")
    low = s.lower()
    if low in SYMBOLS or low in POSTFIX_SYMBOLS:
        iso = SYMBOLS.get(low) or POSTFIX_SYMBOLS[low]
        return (iso, None if iso == "BTC" else iso, 1.0)
    if s in UPPER_CODES:
        return (s, s, 1.0)
    return CURRENCY_NAMES.get(low) or sign_money(s)


def _scale(text: str, pos: int, num: Num, money_prefix: bool) -> int:
    """Multiply by a scale word or suffix right of ``pos`` ("48.2 million", "1.2bn", "$5m")."""
    m = SCALE.match(text, pos)
    if m and text[m.end() : m.end() + 1] == "$" and currency_of(m["s"] + "$") is not None:
        m = None  # "25 BN$": the Brunei dollar's sign, not "billion" and a "$"
    spaced_letter = m is not None and m["s"] in ("M", "k", "K", "mm", "MM") and bool(m["sp"])
    if m and not spaced_letter and not (m["s"] == "mm" and not money_prefix):
        num.value *= SCALES[m["s"].lower()] if m["s"] != "M" else 1e6
        num.scaled = True
        return m.end()
    if money_prefix and (ms := MONEY_SUFFIX.match(text, pos)):
        num.value *= MONEY_SUFFIX_SCALES[ms["s"].lower()]
        num.scaled = True
        return ms.end()
    return pos


def read_right(text: str, num: Num, money_prefix: bool, prefix_iso: str | None = None) -> None:
    """Read scale, unit, currency, percent or counted noun right of ``num`` (extends ``num.end``)."""
    pos = _scale(text, num.end, num, money_prefix) if num.digits else num.end
    m = _unit_right(text, pos, num, money_prefix, prefix_iso)
    if m is not None:
        num.end = _after_unit(text, m.end(), num)
    elif not money_prefix and num.value != 1:  # "one costs": a count of one takes a singular noun
        num.end = _counted_noun(text, pos, num)
    else:
        num.end = pos


def _unit_right(text: str, pos: int, num: Num, money_prefix: bool, prefix_iso: str | None) -> re.Match[str] | None:
    """The unit, currency or percent right of ``pos``, set on ``num`` (``_apply``); None when there is none."""
    m = RIGHT.match(text, pos)
    if m is None and 0 < abs(num.value) < 1 and (art := ARTICLE.match(text, pos)):
        m = RIGHT.match(text, art.end())  # "half a mile", "a quarter of a gallon"
    if m is None or (money_prefix and not (m["cur"] or m["sym"])):
        return None  # "$ 48 \"" is not inches
    return m if _apply(text, m, num, money_prefix, prefix_iso) else None


def _after_unit(text: str, pos: int, num: Num) -> int:
    """What may follow a unit: a scale ("75 USD million"), an age's tail ("years old"), inches after feet,
    cents after a whole amount; the end of what was read."""
    if is_money(num.unit) and not num.scaled and num.digits:
        pos = _scale(text, pos, num, True)  # "75 USD million"
    if num.unit in ("year", "month", "week", "day") and (a := AGE_TAIL.match(text, pos)):
        pos = a.end()
    elif num.unit == "foot" and (fi := FEET_INCHES.match(text, pos)):
        num.value += float(fi["n"]) / 12
        pos = fi.end()
    if is_money(num.unit) and num.value == int(num.value) and not num.scaled:
        pos = add_subunit(text, pos, num)
    return pos


def _counted_noun(text: str, pos: int, num: Num) -> int:
    """A plural noun right of the number is what it counts ("14,000 troops", "three screening cycles"),
    set as ``counts`` and ``unit``; the end of what was read."""
    n = NOUN1.match(text, pos)
    if not (n and is_plural_noun(n["n"])):
        n = NOUN.match(text, pos)
        if n and (not is_plural_noun(n["n"]) or n["adj"].lower() in NOT_ADJ or n["adj"].endswith("s")):
            n = None
    if n is None:
        return pos
    num.counts = num.unit = n["n"].lower()
    return n.end()


def _apply(text: str, m: re.Match[str], num: Num, money_prefix: bool, prefix_iso: str | None) -> bool:
    """Set the unit that ``RIGHT`` matched on ``num``; False when the match is not a unit here."""
    surface = m[m.lastgroup or "unit"]
    attached = not m["sp"]
    if m["pp"]:
        num.unit, num.points = "percentage_point", True
    elif m["bp"]:
        num.unit = "basis_point"
    elif m["pct"]:
        num.unit, num.percent = "percent", True
    elif m["cur"] or m["sym"] or m["lsym"]:
        money = currency_of(surface)
        low = surface.lower()
        if low in ("pound", "pounds") and not num.scaled and not money_prefix:
            num.unit, num.measure = "pound", True  # "25 pounds" is a weight unless a scale says money
            return True
        if money is None or (low in SAFE_CODES and attached and not num.digits):
            return False
        if prefix_iso and money[0] != prefix_iso:
            return False  # "rmb 10 usd 20": the code after belongs to the next amount
        num.unit, num.currency = money[0], money[1]
        num.value *= money[2]
    else:
        name = _unit_name(surface, num.digits, attached, text, m.end())
        if not name:
            return False
        num.unit = name
    num.measure = True
    return True


def _unit_name(surface: str, digits: bool, attached: bool, text: str, after: int) -> str | None:
    s = re.sub(r"\s+", " ", surface)
    low = s.lower()
    if s in CASED_UNITS:
        if not digits or (s in ("m", "M", "C", "F", "K", "pm", "am") and not attached and s in ("pm", "am")):
            return None
        if s in ("in", "in.") and not _INCH_OK.match(text, after):
            return None
        if s in ("'",) and not attached:
            return None
        if s in ("C", "F") and text[after : after + 1] == "$":
            return None  # "Aug. 31 C$2.7 million"
        return CASED_UNITS[s]
    if low in DIGIT_ONLY_UNITS and not digits:
        return None
    spaced_litre = surface == "l" and not _INCH_OK.match(text, after)
    if not attached and (low in ("t", "c", "f", "w", "v") or spaced_litre):
        return None
    return UNITS.get(low)


def add_subunit(text: str, pos: int, num: Num) -> int:
    """Add cents after a whole amount: "3 dollars 50 cents", "$20 and 43c" -> 3.5, 20.43."""
    m = SUBUNIT.match(text, pos)
    if not m:
        return pos
    n = m["n"]
    v = float(n) if n.isdigit() else parse_number_words(n)
    if v is None or not 0 < v < 100:
        return pos
    num.value += v / 100
    return m.end()


def read_number(text: str, m: re.Match[str]) -> Num | None:
    """The value of a number token, or None when it is a date, time, identifier or not a number."""
    kind = m.lastgroup
    s, e = m.start(), m.end()
    raw = m.group()
    if kind == "num":
        v = parse_numeral(raw.replace("−", "-"))
        if v is None:  # "34,50", "2 285,81", "1'049,95", "1.144.000": a decimal comma or other groups
            v = parse_local_numeral(raw.replace("−", "-"))
        if v is None:
            return None
        return Num(s, e, v, True, raw.lstrip("-− ").isdigit())
    if kind == "words":
        wv = _word_value(text, s, e)
        if wv is None and A_BEFORE.search(text, max(0, s - 3), s):
            v = parse_number_words("a " + text[s:e])  # "a dozen"
            wv = None if v is None else (v, e)
        if wv is None:
            return None
        return Num(s, wv[1], wv[0], False, False)
    return None

"""Find and normalize figures (numbers with units) in text by code: "$48.2 million" -> 48200000 USD,
"approximately 14,000 troops" -> 14000 troops (approximate), "10-15%" -> 10..15 percent.

Conventions (documented choices):
- money: ``unit`` and ``currency`` are the ISO 4217 code; cents/pence become the main unit (0.5 USD).
- ranges ("10 to 15", "between 10 and 15", "10-15%"): ``low``/``high`` are set and ``value = low``.
- "about/around/roughly/approximately/some/an estimated" -> ``approximate``; "nearly/almost" ->
  ``approximate`` and ``bound="less_than"``; "more than/over/above" -> ``more_than``; "at least" ->
  ``at_least``; "less than/under/fewer than/below" -> ``less_than``; "up to/at most/no more than/as many
  as" -> ``at_most``.
- years, dates, times and decades are not figures; numeric ordinals ("80th") and spelled ones from
  "fourth" up are reported with ``ordinal=True``; "first/second/third" are not.
- a counted noun gives ``unit == counts ==`` the plural noun ("troops"); a bare number has unit None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factx._figures_lexicon import (
    CASED_UNITS,
    CURRENCY_NAMES,
    DIGIT_ONLY_UNITS,
    MONEY_SUFFIX_SCALES,
    POSTFIX_SYMBOLS,
    SAFE_CODES,
    SCALES,
    SYMBOLS,
    UNITS,
    UPPER_CODES,
)
from factx._figures_scan import (
    A_BEFORE,
    A_WORDS,
    AGE_TAIL,
    AGO_TAIL,
    ARTICLE,
    BARE_FRACTION,
    BETWEEN,
    CENTURY_AFTER,
    CHANGE_VERB,
    CUR_PREFIX,
    FEET_INCHES,
    IDENT_LEFT,
    MONEY_SUFFIX,
    NEGATIVE_WORD,
    NOT_ADJ,
    NOUN,
    NOUN1,
    OF_AFTER,
    PERIOD_BEFORE,
    QUALIFIER,
    RANGE_SEP,
    RANGING,
    RIGHT,
    SCALE,
    SPOKEN_YEAR,
    SUBUNIT,
    TIME_TAIL,
    TIME_UNITS,
    TOKEN,
    VAGUE_BEFORE,
    YEAR_BEFORE,
    is_plural_noun,
    month_near,
)
from factx._numbers import parse_number_words, parse_numeral, parse_ordinal_words
from factx._types import Bound, FigureFact, Span

__all__ = ["find_figures", "parse_figure"]

_BOUNDS: dict[str, Bound] = {"more": "more_than", "least": "at_least", "less": "less_than", "most": "at_most"}
_WORD_SPLIT = re.compile(r"(\s*-\s*|\s+)")
_INCH_OK = re.compile(r"\s*(?:[^\w\s]|$|(?:thick|long|wide|tall|deep|high|across|diameter|of)\b)")


@dataclass
class _Num:
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
    for k in range(len(parts), 0, -2):
        chunk = "".join(parts[:k])
        periods = parts[k - 1].lower() in ("quarters", "halves")
        if k > 1 and periods and not OF_AFTER.match(text, start + len(chunk)):
            continue  # "the past two quarters" counts periods; "three quarters of" is a fraction
        v = parse_number_words(chunk)
        if v is not None:
            return v, start + len(chunk)
    return None


def _currency_of(surface: str) -> tuple[str, str | None, float] | None:
    s = re.sub(r"\s+", " ", surface.strip())
    if s.endswith("$"):
        s = s.replace(" ", "")
    low = s.lower()
    if low in SYMBOLS or low in POSTFIX_SYMBOLS:
        iso = SYMBOLS.get(low) or POSTFIX_SYMBOLS[low]
        return (iso, None if iso == "BTC" else iso, 1.0)
    if s in UPPER_CODES:
        return (s, s, 1.0)
    return CURRENCY_NAMES.get(low)


def _scale(text: str, pos: int, num: _Num, money_prefix: bool) -> int:
    """Multiply by a scale word or suffix right of ``pos`` ("48.2 million", "1.2bn", "$5m")."""
    m = SCALE.match(text, pos)
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


def _right(text: str, num: _Num, money_prefix: bool, prefix_iso: str | None = None) -> None:
    """Read scale, unit, currency, percent or counted noun right of ``num`` (extends ``num.end``)."""
    pos = _scale(text, num.end, num, money_prefix) if num.digits else num.end
    m = RIGHT.match(text, pos)
    if m is None and 0 < abs(num.value) < 1 and (art := ARTICLE.match(text, pos)):
        m = RIGHT.match(text, art.end())  # "half a mile", "a quarter of a gallon"
    if m and money_prefix and not (m["cur"] or m["sym"]):
        m = None  # "$ 48 \"" is not inches
    if m and not _apply(text, m, num, money_prefix, prefix_iso):
        m = None
    if m:
        pos = m.end()
        if num.currency and not num.scaled and num.digits:
            pos = _scale(text, pos, num, True)  # "75 USD million"
        if num.unit in ("year", "month", "week", "day") and (a := AGE_TAIL.match(text, pos)):
            pos = a.end()
        elif num.unit == "foot" and (fi := FEET_INCHES.match(text, pos)):
            num.value += float(fi["n"]) / 12
            pos = fi.end()
        if num.currency and num.value == int(num.value) and not num.scaled:
            pos = _subunit(text, pos, num)
    elif not money_prefix and num.value != 1:  # "one costs": a count of one takes a singular noun
        n = NOUN1.match(text, pos)
        if not (n and is_plural_noun(n["n"])):
            n = NOUN.match(text, pos)
            if n and (not is_plural_noun(n["n"]) or n["adj"].lower() in NOT_ADJ or n["adj"].endswith("s")):
                n = None
        if n:
            num.counts = num.unit = n["n"].lower()
            pos = n.end()
    num.end = pos


def _apply(text: str, m: re.Match[str], num: _Num, money_prefix: bool, prefix_iso: str | None) -> bool:
    """Set the unit that ``RIGHT`` matched on ``num``; False when the match is not a unit here."""
    surface = m[m.lastgroup or "unit"]
    attached = not m["sp"]
    if m["pp"]:
        num.unit, num.points = "percentage_point", True
    elif m["bp"]:
        num.unit = "basis_point"
    elif m["pct"]:
        num.unit, num.percent = "percent", True
    elif m["cur"] or m["sym"]:
        money = _currency_of(surface)
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
        if s in ("C", "F") and text[after:after + 1] == "$":
            return None  # "Aug. 31 C$2.7 million"
        return CASED_UNITS[s]
    if low in DIGIT_ONLY_UNITS and not digits:
        return None
    spaced_litre = surface == "l" and not _INCH_OK.match(text, after)
    if not attached and (low in ("t", "c", "f", "w", "v") or spaced_litre):
        return None
    return UNITS.get(low)


def _subunit(text: str, pos: int, num: _Num) -> int:
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


def _read_number(text: str, m: re.Match[str]) -> _Num | None:
    """The value of a number token, or None when it is a date, time, identifier or not a number."""
    kind = m.lastgroup
    s, e = m.start(), m.end()
    raw = m.group()
    if kind == "num":
        v = parse_numeral(raw.replace("−", "-"))
        if v is None:
            return None
        return _Num(s, e, v, True, raw.lstrip("-− ").isdigit())
    if kind == "words":
        wv = _word_value(text, s, e)
        if wv is None and A_BEFORE.search(text, max(0, s - 3), s):
            v = parse_number_words("a " + text[s:e])  # "a dozen"
            wv = None if v is None else (v, e)
        if wv is None:
            return None
        return _Num(s, wv[1], wv[0], False, False)
    return None


def _clean(v: float) -> float:
    """Drop binary noise from scaling: 16.4 * 1e6 -> 16400000.0, not 16399999.999999998."""
    return float(f"{v:.12g}")


def _figure(text: str, num: _Num, start: int, *, approx: bool, bound: Bound | None,
            low: float | None = None, high: float | None = None, ordinal: bool = False) -> FigureFact:
    low = None if low is None else _clean(low)
    high = None if high is None else _clean(high)
    return FigureFact(
        span=Span.of(text, start, num.end), value=_clean(num.value) if low is None else low, unit=num.unit,
        currency=num.currency, percent=num.percent, percentage_points=num.points, counts=num.counts,
        approximate=approx, bound=bound, low=low, high=high, ordinal=ordinal,
    )


def _left(text: str, start: int, floor: int) -> tuple[int, bool, Bound | None]:
    """Extend ``start`` over a qualifier ("about", "more than"): (new start, approximate, bound)."""
    q = QUALIFIER.search(text, max(floor, start - 30), start)
    if not q:
        return start, False, None
    if q["approx"]:
        return q.start(), True, None
    key = next(k for k in ("more", "least", "less", "most") if q[k])
    if key == "less" and q["less"].lower() in ("nearly", "almost"):
        return q.start(), True, "less_than"
    return q.start(), False, _BOUNDS[key]


def _scan(text: str, *, dates: bool) -> list[FigureFact]:
    out: list[FigureFact] = []
    last_end = 0
    tokens = list(TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        m = tokens[i]
        i += 1
        if m.start() < last_end:
            continue
        try:
            fig, consumed = _one(text, tokens, i - 1, last_end, dates)
        except (ValueError, ArithmeticError, IndexError, KeyError):
            continue
        if fig is not None:
            out.append(fig)
            last_end = fig.span.end
        i = max(i, consumed)
    return out


def _one(text: str, tokens: list[re.Match[str]], idx: int, floor: int,
         dates: bool) -> tuple[FigureFact | None, int]:
    m = tokens[idx]
    kind = m.lastgroup
    if kind == "date":
        return None, idx + 1
    if kind == "ord" or (kind == "words" and parse_ordinal_words(m.group()) is not None
                         and parse_number_words(m.group()) is None):
        return _ordinal(text, m, dates), idx + 1
    num = _read_number(text, m)
    if num is None:
        return None, idx + 1
    s = num.start
    # Glued to letters on the left ("F-16", "J1149") is an identifier unless a currency ("USD115").
    prefix = CUR_PREFIX.search(text, max(floor, s - 12), s)
    money = None
    if prefix:
        money = _currency_of(prefix.group().strip().rstrip("."))
        if money is None and prefix.group().strip().lower()[:1] == "m" and len(prefix.group().strip()) == 4:
            base = _currency_of(prefix.group().strip()[1:])
            money = (base[0], base[1], 1e6) if base else None
    if money is None and num.digits and IDENT_LEFT.search(text, max(0, s - 2), s):
        return None, idx + 1
    glued = num.digits and num.end < len(text) and (text[num.end].isalpha() or text[num.end] == "_")
    if glued and not any(r.match(text, num.end) for r in (SCALE, RIGHT, MONEY_SUFFIX)):
        return None, idx + 1  # "6F6", "24703L202"
    if TIME_TAIL.match(text, num.end):
        return None, idx + 1
    if not num.digits and VAGUE_BEFORE.search(text, max(0, s - 12), s) and m.group().lower() in SCALES:
        return None, idx + 1  # "a few hundred", "several thousand" are not figures
    spoken_year = SPOKEN_YEAR.match(m.group()) or YEAR_BEFORE.search(text, max(0, s - 9), s)
    if dates and not num.digits and spoken_year:
        return None, idx + 1  # "nineteen ninety-six", "the year two thousand"
    _right(text, num, money is not None, money[0] if money else None)
    if money:
        num.value *= money[2]
        if num.currency is None and (num.unit is None or num.counts):
            num.unit, num.currency, num.measure, num.counts = money[0], money[1], True, None
            if num.value == int(num.value) and not num.scaled:
                num.end = _subunit(text, num.end, num)  # "$20 and 43c"
        start = prefix.start() if prefix else s
    else:
        start = s
        if not num.digits and A_BEFORE.search(text, max(floor, s - 3), s) and A_WORDS.match(text, s):
            start = s - len(A_BEFORE.search(text, max(floor, s - 3), s).group())  # type: ignore[union-attr]
    neg = NEGATIVE_WORD.search(text, max(floor, start - 10), start)
    if neg:
        num.value, start = -num.value, neg.start()
    start, approx, bound = _left(text, start, floor)
    bare = num.digits and not num.measure and not num.scaled and not money and num.integer_text
    if dates and bare and 1000 <= num.value <= 2100 and not approx and bound is None:
        return None, idx + 1  # a year
    if dates and num.digits and num.integer_text and not money and not num.percent:
        if num.value <= 31 and month_near(text, num.start, s + len(m.group())):
            return None, idx + 1
        tail = text[s + len(m.group()):num.end]
        if 1000 <= num.value <= 2100 and (num.unit == "second" or tail in ('"', "'")):
            return None, idx + 1  # "the 1988 second quarter", "for 1989\"."
    if dates and num.unit in TIME_UNITS and AGO_TAIL.match(text, num.end):
        return None, idx + 1
    if not num.digits and not num.measure and not num.counts and num.value == 1 and not approx:
        return None, idx + 1  # bare "one" is a pronoun more often than a figure
    if start == s and not money and not num.measure and BARE_FRACTION.fullmatch(m.group()):
        word = text[s:num.end].lower()
        if word.startswith("quarter") or PERIOD_BEFORE.search(text, max(0, s - 12), s):
            return None, idx + 1  # "the quarter", "the first half" are periods, not figures
    return _range(text, tokens, idx, num, start, approx, bound, money, floor)


def _range(text: str, tokens: list[re.Match[str]], idx: int, num: _Num, start: int, approx: bool,
           bound: Bound | None, money: tuple[str, str | None, float] | None,
           floor: int) -> tuple[FigureFact | None, int]:
    """Join "10 to 15", "10-15%", "between 10 and 15 km" into one figure with low/high."""
    fig = _figure(text, num, start, approx=approx, bound=bound)
    nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
    if nxt is None or nxt.lastgroup not in ("num", "words") or nxt.start() - num.end > 24:
        return fig, idx + 1
    nstart = nxt.start()
    if nxt.group()[:1] in "-−" and not text[num.end:nstart].strip():  # "40 - 50" read as "40", "-50"
        nstart += len(re.match(r"[-−]\s*", nxt.group()).group())  # type: ignore[union-attr]
    gap = text[num.end:nstart]
    sep = RANGE_SEP.match(gap)
    if not sep or (gap[sep.end():].strip() and not CUR_PREFIX.search(gap[sep.end():])):
        return fig, idx + 1
    word = (sep.group().strip(" -–—~").split() or ["-"])[0].lower()
    before = text[max(floor, start - 40):start]
    between = BETWEEN.search(before)
    ranging = RANGING.search(before) is not None
    if word == "and" and not (between and between.group().lower().startswith("between")):
        return fig, idx + 1
    if word in ("to", "through") and not ranging and CHANGE_VERB.search(before):
        return fig, idx + 1  # "rose from 10 to 15", "fell 5% to 3%" are changes, not ranges
    second = _read_number(text, nxt)
    if second is None:
        return fig, idx + 1
    if nstart != nxt.start():
        second = _Num(nstart, second.end, abs(second.value), second.digits, second.integer_text)
    if word == "-" and second.digits != num.digits:
        return fig, idx + 1
    raw_second = second.value
    prefix2 = _currency_of(gap[sep.end():].strip().rstrip(".")) if gap[sep.end():].strip() else None
    money2 = prefix2 or money
    _right(text, second, money2 is not None)
    if money2 and second.currency is None and not second.measure:
        second.value *= money2[2]
        second.unit, second.currency, second.measure = money2[0], money2[1], True
    if (num.measure or num.counts) and (second.unit != num.unit):
        return fig, idx + 1
    low, high = num.value, second.value
    if ranging and low > high:
        low, high = high, low
    if second.scaled and not num.scaled and raw_second and num.value < raw_second * 10:
        low = num.value * (second.value / raw_second)  # "10 to 15 million" -> 10 million
        if money:
            low /= money[2]
    if low == high or (low > high and not ranging):
        return fig, idx + 1
    if num.integer_text and 1000 <= num.value <= 2100 and not num.measure and not second.measure:
        return fig, idx + 1
    if between and between.group().lower().startswith("between"):
        start = min(start, start - len(before) + between.start())
    merged = _Num(start, second.end, low, num.digits, num.integer_text, unit=second.unit,
                  currency=second.currency, percent=second.percent, points=second.points,
                  counts=second.counts)
    return _figure(text, merged, start, approx=approx, bound=bound, low=low, high=high), idx + 2


def _ordinal(text: str, m: re.Match[str], dates: bool) -> FigureFact | None:
    raw = m.group()
    if m.lastgroup == "ord":
        value = float(raw[:-2])
    else:
        ov = parse_ordinal_words(raw)
        if ov is None or ov < 4:
            return None
        value = float(ov)
    if dates and (CENTURY_AFTER.match(text, m.end()) or month_near(text, m.start(), m.end())):
        return None
    return FigureFact(span=Span.of(text, m.start(), m.end()), value=value, ordinal=True)


def find_figures(text: str) -> list[FigureFact]:
    """Every figure in ``text``, in text order, non-overlapping, each with its exact span."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return _scan(text, dates=True)
    except Exception:  # never raise on any text: a scanner bug must not stop the pipeline
        return []


def parse_figure(mention: str, *, context: str | None = None) -> FigureFact | None:
    """Normalize one already-found mention ("about $5m" -> 5000000 USD); span relative to ``mention``.

    With ``context`` (the sentence around the mention) the mention is read in place, so "pounds"
    or a year-like number are judged as the text uses them.
    """
    if not isinstance(mention, str) or not mention.strip():
        return None
    try:
        if context and (at := context.find(mention)) >= 0:
            for f in _scan(context, dates=True):
                if f.span.start < at + len(mention) and at < f.span.end:
                    s, e = max(f.span.start, at) - at, min(f.span.end, at + len(mention)) - at
                    return f.model_copy(update={"span": Span.of(mention, s, e)})
        figs = _scan(mention, dates=False)
    except Exception:
        return None
    if not figs:
        return None
    return max(figs, key=lambda f: f.span.end - f.span.start)

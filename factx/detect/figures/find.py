"""Find and normalize figures (numbers with units) in text by code: "$48.2 million" -> 48200000 USD,
"approximately 14,000 troops" -> 14000 troops (approximate), "10-15%" -> 10..15 percent.

Conventions (documented choices):
- money: ``unit`` and ``currency`` are the ISO 4217 code; cents/pence become the main unit (0.5 USD).
- ranges ("10 to 15", "between $1 million and $2 million", "from 2 to 3 billion", "10-15%"): one figure,
  ``low``/``high`` set and ``value = low``.
- "about/around/roughly/approximately/some/an estimated" -> ``approximate``; "nearly/almost" ->
  ``approximate`` and ``bound="less_than"``; "more than/over/above" -> ``more_than``; "at least" ->
  ``at_least``; "less than/under/fewer than/below" -> ``less_than``; "up to/at most/no more than/as many
  as" -> ``at_most``.
- years, dates, times and decades are not figures; numeric ordinals ("80th") and spelled ones from
  "fourth" up are reported with ``ordinal=True``; "first/second/third" are not.
- a counted noun gives ``unit == counts ==`` the plural noun ("troops"); a bare number has unit None.
- ranges keep low <= high; "rose from 10 to 15" (a change verb before) is two figures, not a range.
- units of measure use pint-style names ("kilometer", "degree_Celsius", "kilometer/hour", "meter**2");
  spans of time ("three days") are figures with a time unit, but "six weeks ago" is a date.
- "$" is USD, "marks" DEM; a name several currencies share ("pesos", "dollars", "francs", money
  "pounds") keeps the family as unit ("Peso", currency None) until the document decides (post.py);
  "pounds" is a weight unless a scale word or a currency symbol says money ("20 million pounds").
- lists share their last unit ("71 and 14 seats"); "the two leaders" (a small spelled numeral after a
  definite determiner) only refers and is left out unless ``references=True``.
- not reported: a bare spelled "one" (usually a pronoun), "a dollar"/"a mile" (article as one), vague
  "a few hundred", spoken years ("nineteen ninety-six"), identifiers glued to letters ("F-16").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from factx._inputs import check_text
from factx._types import Bound, FigureFact, Span
from factx.detect.figures.currency import DOLLAR_CODES, ZERO_DECIMALS, Money, is_money
from factx.detect.figures.post import refine
from factx.detect.figures.read import Num, add_subunit, currency_of, read_number, read_right
from factx.detect.figures.scan import (
    A_BEFORE,
    A_WORDS,
    AGO_TAIL,
    BARE_FRACTION,
    BETWEEN,
    CENTURY_AFTER,
    CHANGE_VERB,
    CUR_PREFIX,
    IDENT_LEFT,
    MONEY_SUFFIX,
    NEGATIVE_WORD,
    NOT_ADJ,
    OF_NEXT,
    PERIOD_BEFORE,
    QUALIFIER,
    RANGE_SEP,
    RANGING,
    RIGHT,
    SCALE,
    SPOKEN_YEAR,
    TIME_TAIL,
    TIME_UNITS,
    TOKEN,
    VAGUE_BEFORE,
    YEAR_BEFORE,
    month_near,
)
from factx.detect.figures.units import SCALES
from factx.detect.numbers import parse_number_words, parse_ordinal_words

__all__ = ["find_figures", "parse_figure"]

_ORDINAL_NOUN = re.compile(r"[ \t]+(?P<n>[a-z][a-z]{2,})\b")  # "80th anniversary" counts the anniversary
_FROM = re.compile(r"(?<![A-Za-z])(?i:from)\s+$")
_BOUNDS: dict[str, Bound] = {"more": "more_than", "least": "at_least", "less": "less_than", "most": "at_most"}


def _clean(v: float) -> float:
    """Drop binary noise from scaling: 16.4 * 1e6 -> 16400000.0, not 16399999.999999998."""
    return float(f"{v:.12g}")


def _figure(
    text: str,
    num: Num,
    start: int,
    *,
    approx: bool,
    bound: Bound | None,
    low: float | None = None,
    high: float | None = None,
    ordinal: bool = False,
) -> FigureFact:
    low = None if low is None else _clean(low)
    high = None if high is None else _clean(high)
    return FigureFact(
        span=Span.of(text, start, num.end),
        value=_clean(num.value) if low is None else low,
        unit=num.unit,
        currency=num.currency,
        percent=num.percent,
        percentage_points=num.points,
        counts=num.counts,
        approximate=approx,
        bound=bound,
        low=low,
        high=high,
        ordinal=ordinal,
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
    tokens: list[re.Match[str]] = []
    for t in TOKEN.finditer(text):
        tokens.extend(_split_run(text, t) if t.lastgroup == "words" else (t,))
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


_RUN_PART = re.compile(r"(?P<words>[\s\S]+)")
_RUN_SPLIT = re.compile(r"(\s*-\s*|\s+)")
_CONNECTORS = frozenset(("and", "point", "of", "a", "an"))
_MAX_RUN_WORDS = 16


def _parses(chunk: str) -> bool:
    return parse_number_words(chunk) is not None or parse_ordinal_words(chunk) is not None


def _split_run(text: str, m: re.Match[str]) -> list[re.Match[str]]:
    """Split a run of number words into the numbers it holds: "one of two" -> "one", "two"."""
    raw = m.group()
    if not _RUN_SPLIT.search(raw) or (len(raw) < 200 and (_parses(raw) or SPOKEN_YEAR.match(raw))):
        return [m]
    parts = _RUN_SPLIT.split(raw)  # word, separator, word, ...
    offsets = [m.start()]
    for p in parts:
        offsets.append(offsets[-1] + len(p))
    out: list[re.Match[str]] = []
    i = 0
    while i < len(parts):
        if parts[i].lower() in _CONNECTORS:
            i += 2
            continue
        top = min(len(parts), i + 2 * _MAX_RUN_WORDS - 1)  # bounded: no quadratic blow-up on long runs
        best = next((k for k in range(top, i, -2) if _parses("".join(parts[i:k]))), i + 1)
        sub = _RUN_PART.match(text, offsets[i], offsets[best])
        if sub:
            out.append(sub)
        i = best + 1
    return out


@dataclass
class _Cand:
    """One number token on its way to a figure: what the rules below read and decide about it."""

    text: str
    m: re.Match[str]
    num: Num
    floor: int
    dates: bool
    money: Money | None = None
    prefix_start: int | None = None
    start: int = 0
    approx: bool = False
    bound: Bound | None = None
    ranged: bool = False


def _prefix(text: str, num: Num, floor: int) -> tuple[Money | None, int | None]:
    """A currency written before the number ("$", "CA$", "Rp", "USD", "MUSD"): its money and where it starts."""
    prefix = CUR_PREFIX.search(text, max(floor, num.start - 12), num.start)
    if prefix is None:
        return None, None
    sign = prefix.group().strip().rstrip(".") if not prefix.group().strip().endswith("руб.") else prefix.group().strip()
    money = currency_of(sign)
    if money is None and sign.lower()[:1] == "m" and len(sign) == 4:
        base = currency_of(sign[1:])
        money = (base[0], base[1], 1e6) if base else None
    return money, prefix.start() if money else None


# Rules that drop a token before anything right of it is read.
def _identifier(c: _Cand) -> bool:
    """Glued to letters on the left ("F-16", "J1149") is an identifier unless a currency ("USD115")."""
    return (
        c.money is None and c.num.digits and IDENT_LEFT.search(c.text, max(0, c.num.start - 2), c.num.start) is not None
    )


def _glued_right(c: _Cand) -> bool:
    """Glued to letters on the right with no unit there: "6F6", "24703L202"."""
    text, end = c.text, c.num.end
    glued = c.num.digits and end < len(text) and (text[end].isalpha() or text[end] == "_")
    return glued and not any(r.match(text, end) for r in (SCALE, RIGHT, MONEY_SUFFIX))


def _clock(c: _Cand) -> bool:
    return TIME_TAIL.match(c.text, c.num.end) is not None


def _vague_scale(c: _Cand) -> bool:
    """ "a few hundred", "several thousand" are not figures."""
    s = c.num.start
    return (
        not c.num.digits
        and VAGUE_BEFORE.search(c.text, max(0, s - 12), s) is not None
        and c.m.group().lower() in SCALES
    )


def _spoken_year(c: _Cand) -> bool:
    """ "nineteen ninety-six", "the year two thousand"."""
    s = c.num.start
    spoken = SPOKEN_YEAR.match(c.m.group()) or YEAR_BEFORE.search(c.text, max(0, s - 9), s)
    return c.dates and not c.num.digits and spoken is not None


_BEFORE_READING: tuple[Callable[[_Cand], bool], ...] = (_identifier, _glued_right, _clock, _vague_scale, _spoken_year)


def _read_prefixed(c: _Cand) -> None:
    """Read right of the number, then let a currency written before it decide the unit (a currency's own
    sign or code right of it, "$1,190.00 AUD", decides a bare "$"); a dot-grouped amount in a currency
    without decimals, or in a text whose numbers group with dots, is thousands ("Rp 31.500")."""
    num, money = c.num, c.money
    bare_dollar = money is not None and c.prefix_start is not None and c.text[c.prefix_start : num.start].strip() == "$"
    read_right(c.text, num, money is not None, None if bare_dollar else money[0] if money else None)
    if money:
        num.value *= money[2]
        named_dollar = bare_dollar and num.currency in DOLLAR_CODES  # "$1,190.00 AUD": the code names the dollar
        if not named_dollar and not is_money(num.unit) and (num.unit is None or num.counts):
            num.unit, num.currency, num.measure, num.counts = money[0], money[1], True, None
            if num.value == int(num.value) and not num.scaled:
                num.end = add_subunit(c.text, num.end, num)  # "$20 and 43c"
        c.start = c.prefix_start if c.prefix_start is not None else num.start
    else:
        c.start = num.start
        a = A_BEFORE.search(c.text, max(c.floor, num.start - 3), num.start)
        if not num.digits and a and A_WORDS.match(c.text, num.start):
            c.start = a.start()  # "a hundred"
    if _DOT_GROUP.fullmatch(c.m.group()) and (num.currency in ZERO_DECIMALS or _dot_thousands(c.text)):
        num.value *= 1000


def _qualify(c: _Cand) -> None:
    """A sign word ("minus 5") and a qualifier ("about", "more than") left of the figure."""
    neg = NEGATIVE_WORD.search(c.text, max(c.floor, c.start - 10), c.start)
    if neg:
        c.num.value, c.start = -c.num.value, neg.start()
    c.start, c.approx, c.bound = _left(c.text, c.start, c.floor)


# Rules that drop a read figure: what it turned out to be is a date, a period or a pronoun.
def _a_year(c: _Cand) -> bool:
    num = c.num
    bare = num.digits and not num.measure and not num.scaled and not c.money and num.integer_text
    return c.dates and bare and 1000 <= num.value <= 2100 and not c.approx and c.bound is None


def _day_of_month(c: _Cand) -> bool:
    """ "March 22", "22nd of May"; "the 1988 second quarter", "for 1989\"."."""
    num, s = c.num, c.num.start
    if not (c.dates and num.digits and num.integer_text and not c.money and not num.percent):
        return False
    if num.value <= 31 and month_near(c.text, num.start, s + len(c.m.group())):
        return True
    tail = c.text[s + len(c.m.group()) : num.end]
    return 1000 <= num.value <= 2100 and (num.unit == "second" or tail in ('"', "'"))


def _time_ago(c: _Cand) -> bool:
    """ "six weeks ago" is a date."""
    return c.dates and c.num.unit in TIME_UNITS and AGO_TAIL.match(c.text, c.num.end) is not None


def _pronoun_one(c: _Cand) -> bool:
    """A bare "one" is a pronoun more often than a figure."""
    num = c.num
    return not num.digits and not num.measure and not num.counts and num.value == 1 and not c.approx and not c.ranged


def _period_fraction(c: _Cand) -> bool:
    """ "the quarter", "the first half" are periods, not figures."""
    s = c.num.start
    if c.start != s or c.money or not BARE_FRACTION.fullmatch(c.m.group()):
        return False
    quarter = c.m.group().lower().startswith("quarter") and not c.num.measure
    return quarter or PERIOD_BEFORE.search(c.text, max(0, s - 12), s) is not None


_NOT_FIGURES: tuple[Callable[[_Cand], bool], ...] = (_a_year, _day_of_month, _time_ago, _pronoun_one, _period_fraction)


def _one(text: str, tokens: list[re.Match[str]], idx: int, floor: int, dates: bool) -> tuple[FigureFact | None, int]:
    """The figure that token ``idx`` starts, if any, and the index of the next token to read."""
    m = tokens[idx]
    if m.lastgroup == "date":
        return None, idx + 1
    if _is_ordinal(text, m):
        return _ordinal(text, m, dates), idx + 1
    num = read_number(text, m)
    if num is None:
        return None, idx + 1
    money, prefix_start = _prefix(text, num, floor)
    c = _Cand(text, m, num, floor, dates, money, prefix_start)
    if any(rule(c) for rule in _BEFORE_READING):
        return None, idx + 1
    _read_prefixed(c)
    _qualify(c)
    c.ranged = idx + 1 < len(tokens) and RANGE_SEP.fullmatch(text, num.end, tokens[idx + 1].start()) is not None
    if any(rule(c) for rule in _NOT_FIGURES):
        return None, idx + 1
    return _range(text, tokens, idx, num, c.start, c.approx, c.bound, money, floor)


def _is_ordinal(text: str, m: re.Match[str]) -> bool:
    """ "80th", "fourth" (not "a third of voters", a fraction)."""
    if m.lastgroup == "ord":
        return True
    if m.lastgroup != "words":
        return False
    a_fraction = (
        A_BEFORE.search(text, max(0, m.start() - 3), m.start())
        and OF_NEXT.match(text, m.end())
        and parse_number_words("a " + m.group()) is not None
    )
    return not a_fraction and parse_ordinal_words(m.group()) is not None and parse_number_words(m.group()) is None


_DOT_GROUP = re.compile(r"\d{1,3}\.\d{3}")
_DOT_THOUSANDS = re.compile(r"\d\.\d{3}\.\d{3}(?!\d)|\d\.\d{3},\d{1,2}(?!\d)")


def _dot_thousands(text: str) -> bool:
    """The text's other numbers group thousands with dots ("1.144.000", "1.234,56")."""
    return _DOT_THOUSANDS.search(text) is not None


def _range(
    text: str,
    tokens: list[re.Match[str]],
    idx: int,
    num: Num,
    start: int,
    approx: bool,
    bound: Bound | None,
    money: tuple[str, str | None, float] | None,
    floor: int,
) -> tuple[FigureFact | None, int]:
    """Join "10 to 15", "10-15%", "between 10 and 15 km" into one figure with low/high."""
    fig = _figure(text, num, start, approx=approx, bound=bound)
    at = idx + 1
    while at < len(tokens) and tokens[at].start() < num.end:  # tokens the first number already read ("billion")
        at += 1
    nxt = tokens[at] if at < len(tokens) else None
    if nxt is None or nxt.lastgroup not in ("num", "words") or nxt.start() - num.end > 24:
        return fig, idx + 1
    nstart = nxt.start()
    if nxt.group()[:1] in "-−" and not text[num.end : nstart].strip():  # "40 - 50" read as "40", "-50"
        nstart += len(re.match(r"[-−]\s*", nxt.group()).group())  # type: ignore[union-attr]
    gap = text[num.end : nstart]
    sep = RANGE_SEP.match(gap)
    if not sep or (gap[sep.end() :].strip() and not CUR_PREFIX.search(gap[sep.end() :])):
        return fig, idx + 1
    word = (sep.group().strip(" -–—~").split() or ["-"])[0].lower()
    before = text[max(floor, start - 40) : start]
    between = BETWEEN.search(before)
    ranging = RANGING.search(before) is not None
    if word == "and" and not (between and between.group().lower().startswith("between")):
        return fig, idx + 1
    if word in ("to", "through") and not ranging and CHANGE_VERB.search(before):
        return fig, idx + 1  # "rose from 10 to 15", "fell 5% to 3%" are changes, not ranges
    second = read_number(text, nxt)
    if second is None:
        return fig, idx + 1
    if nstart != nxt.start():
        second = Num(nstart, second.end, abs(second.value), second.digits, second.integer_text)
    if word == "-" and second.digits != num.digits:
        return fig, idx + 1
    raw_second = second.value
    prefix2 = currency_of(gap[sep.end() :].strip().rstrip(".")) if gap[sep.end() :].strip() else None
    money2 = prefix2 or money
    read_right(text, second, money2 is not None)
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
    elif word in ("to", "through") and (frm := _FROM.search(before)):
        start -= len(before) - frm.start()  # "from 2 billion to 3 billion dollars": one span
    merged = Num(
        start,
        second.end,
        low,
        num.digits,
        num.integer_text,
        unit=second.unit,
        currency=second.currency,
        percent=second.percent,
        points=second.points,
        counts=second.counts,
    )
    return _figure(text, merged, start, approx=approx, bound=bound, low=low, high=high), at + 1


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
    noun = _ORDINAL_NOUN.match(text, m.end())
    counted = noun["n"].lower() if noun and noun["n"].lower() not in NOT_ADJ else None
    return FigureFact(span=Span.of(text, m.start(), m.end()), value=value, ordinal=True, counts=counted)


def find_figures(text: str, *, references: bool = False) -> list[FigureFact]:
    """Every figure in ``text``, in text order, non-overlapping, each with its exact span.

    ``references=True`` also reports numerals that only refer back ("the two leaders").
    """
    if not check_text(text, allow_empty=True, characters=False):
        return []
    try:
        return refine(text, _scan(text, dates=True), references=references)
    except Exception:  # never raise on any text: a scanner bug must not stop the pipeline
        return []


def parse_figure(mention: str, *, context: str | None = None) -> FigureFact | None:
    """Normalize one already-found mention ("about $5m" -> 5000000 USD); span relative to ``mention``.

    With ``context`` (the sentence around the mention) the mention is read in place, so "pounds"
    or a year-like number are judged as the text uses them.
    """
    if context is not None:
        check_text(context, name="context", allow_empty=True, characters=False)
    if not check_text(mention, name="mention", allow_empty=True, characters=False).strip():
        return None
    try:
        if context and (at := context.find(mention)) >= 0:
            for f in refine(context, _scan(context, dates=True), references=True):
                if f.span.start < at + len(mention) and at < f.span.end:
                    s, e = max(f.span.start, at) - at, min(f.span.end, at + len(mention)) - at
                    return f.model_copy(update={"span": Span.of(mention, s, e)})
        figs = refine(mention, _scan(mention, dates=False), references=True)
    except Exception:
        return None
    if not figs:
        return None
    return max(figs, key=lambda f: f.span.end - f.span.start)

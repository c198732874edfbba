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
from factx.detect.figures.candidate import (
    BEFORE_READING,
    NOT_FIGURES,
    Cand,
    is_ordinal,
    prefix_money,
    qualify,
    read_prefixed,
)
from factx.detect.figures.currency import Money
from factx.detect.figures.post import refine
from factx.detect.figures.read import Num, currency_of, read_number, read_right
from factx.detect.figures.scan import (
    BETWEEN,
    CENTURY_AFTER,
    CHANGE_VERB,
    CUR_PREFIX,
    NOT_ADJ,
    RANGE_SEP,
    RANGING,
    SPOKEN_YEAR,
    TOKEN,
    month_near,
)
from factx.detect.numbers import parse_number_words, parse_ordinal_words

__all__ = ["find_figures", "parse_figure"]

_ORDINAL_NOUN = re.compile(r"[ \t]+(?P<n>[a-z][a-z]{2,})\b")  # "80th anniversary" counts the anniversary
_FROM = re.compile(r"(?<![A-Za-z])(?i:from)\s+$")


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


def _one(text: str, tokens: list[re.Match[str]], idx: int, floor: int, dates: bool) -> tuple[FigureFact | None, int]:
    """The figure that token ``idx`` starts, if any, and the index of the next token to read."""
    m = tokens[idx]
    if m.lastgroup == "date":
        return None, idx + 1
    if is_ordinal(text, m):
        return _ordinal(text, m, dates), idx + 1
    num = read_number(text, m)
    if num is None:
        return None, idx + 1
    money, prefix_start = prefix_money(text, num, floor)
    c = Cand(text, m, num, floor, dates, money, prefix_start)
    if any(rule(c) for rule in BEFORE_READING):
        return None, idx + 1
    read_prefixed(c)
    qualify(c)
    c.ranged = idx + 1 < len(tokens) and RANGE_SEP.fullmatch(text, num.end, tokens[idx + 1].start()) is not None
    if any(rule(c) for rule in NOT_FIGURES):
        return None, idx + 1
    return _range(text, tokens, idx, num, c.start, c.approx, c.bound, money, floor)


def _range(
    text: str,
    tokens: list[re.Match[str]],
    idx: int,
    num: Num,
    start: int,
    approx: bool,
    bound: Bound | None,
    money: Money | None,
    floor: int,
) -> tuple[FigureFact | None, int]:
    """Join "10 to 15", "10-15%", "between 10 and 15 km" into one figure with low/high: a second number
    close enough (``_pair``), no rule of ``NOT_PAIRS`` against it, then no rule of ``NOT_RANGES`` against
    the two read together; else the first number alone."""
    fig = _figure(text, num, start, approx=approx, bound=bound)
    pair = _pair(text, tokens, idx, num, start, money, floor)
    if pair is None or any(rule(pair) for rule in NOT_PAIRS):
        return fig, idx + 1
    second = _read_second(pair)
    ends = None if second is None else _ends(pair, *second)
    if ends is None or any(rule(ends) for rule in NOT_RANGES):
        return fig, idx + 1
    start = _range_start(pair)
    merged = Num(
        start,
        ends.second.end,
        ends.low,
        num.digits,
        num.integer_text,
        unit=ends.second.unit,
        currency=ends.second.currency,
        percent=ends.second.percent,
        points=ends.second.points,
        counts=ends.second.counts,
    )
    return _figure(text, merged, start, approx=approx, bound=bound, low=ends.low, high=ends.high), pair.at + 1


@dataclass
class _Pair:
    """A number read and the number token after it that may close a range with it."""

    text: str
    first: Num
    start: int  # where the first figure's span starts (a qualifier, a currency before it)
    money: Money | None  # the currency written before the first number
    at: int  # the second number's token index
    token: re.Match[str]
    second_start: int  # past a dash the token read as a sign ("40 - 50")
    word: str  # the separator: "to", "through", "and", "-"
    written: str  # what stands between the separator and the second number: a currency ("$1 to $2")
    before: str  # the text left of the first figure, up to 40 characters
    between_at: int | None  # where a "between" starts in ``before``
    ranging: bool  # "ranged from", "varies": the two numbers are a range in either order


def _pair(
    text: str, tokens: list[re.Match[str]], idx: int, num: Num, start: int, money: Money | None, floor: int
) -> _Pair | None:
    """The number token within 24 characters after ``num``, past a range separator and nothing else but a
    currency sign ("to $2 million"); None when there is none."""
    at = idx + 1
    while at < len(tokens) and tokens[at].start() < num.end:  # tokens the first number already read ("billion")
        at += 1
    nxt = tokens[at] if at < len(tokens) else None
    if nxt is None or nxt.lastgroup not in ("num", "words") or nxt.start() - num.end > 24:
        return None
    nstart = nxt.start()
    if nxt.group()[:1] in "-−" and not text[num.end : nstart].strip():  # "40 - 50" read as "40", "-50"
        nstart += len(re.match(r"[-−]\s*", nxt.group()).group())  # type: ignore[union-attr]
    gap = text[num.end : nstart]
    sep = RANGE_SEP.match(gap)
    if not sep or (gap[sep.end() :].strip() and not CUR_PREFIX.search(gap[sep.end() :])):
        return None
    before = text[max(floor, start - 40) : start]
    between = BETWEEN.search(before)
    return _Pair(
        text,
        num,
        start,
        money,
        at,
        nxt,
        nstart,
        word=(sep.group().strip(" -–—~").split() or ["-"])[0].lower(),
        written=gap[sep.end() :].strip(),
        before=before,
        between_at=between.start() if between and between.group().lower().startswith("between") else None,
        ranging=RANGING.search(before) is not None,
    )


def _listed(p: _Pair) -> bool:
    """ "71 and 14 seats" is a list; only "between 10 and 15" is a range."""
    return p.word == "and" and p.between_at is None


def _changed(p: _Pair) -> bool:
    """ "rose from 10 to 15", "fell 5% to 3%" are changes, not ranges (unless "ranged from")."""
    return p.word in ("to", "through") and not p.ranging and CHANGE_VERB.search(p.before) is not None


NOT_PAIRS: tuple[Callable[[_Pair], bool], ...] = (_listed, _changed)
"""What the words around two numbers say against a range, before the second is read."""


def _read_second(p: _Pair) -> tuple[Num, float] | None:
    """The second number with what is right of it, in the currency written before it or before the first,
    and its value as written; None when it is no number or is written unlike the first around a dash
    ("10-fifteen")."""
    second = read_number(p.text, p.token)
    if second is None:
        return None
    if p.second_start != p.token.start():
        second = Num(p.second_start, second.end, abs(second.value), second.digits, second.integer_text)
    if p.word == "-" and second.digits != p.first.digits:
        return None
    raw = second.value
    money = (currency_of(p.written.rstrip(".")) if p.written else None) or p.money
    read_right(p.text, second, money is not None)
    if money and second.currency is None and not second.measure:
        second.value *= money[2]
        second.unit, second.currency, second.measure = money[0], money[1], True
    return second, raw


@dataclass
class _Ends:
    """Two numbers read as one range: the first, the second with its unit, and the range's low and high."""

    first: Num
    second: Num
    low: float
    high: float
    ranging: bool


def _ends(p: _Pair, second: Num, raw: float) -> _Ends:
    """Low and high: in text order (either order after "ranged from"); a scale written only after the second
    number (``raw`` is its value as written) is the first's too ("10 to 15 million" -> 10 million)."""
    num = p.first
    low, high = num.value, second.value
    if p.ranging and low > high:
        low, high = high, low
    if second.scaled and not num.scaled and raw and num.value < raw * 10:
        low = num.value * (second.value / raw)
        if p.money:
            low /= p.money[2]
    return _Ends(num, second, low, high, p.ranging)


def _other_units(r: _Ends) -> bool:
    """ "5 km to 10 miles", "3 people to 5%": a measure or count ends in its own unit."""
    return bool(r.first.measure or r.first.counts) and r.second.unit != r.first.unit


def _empty_or_backwards(r: _Ends) -> bool:
    """ "5 to 5" spans nothing; "15 to 10" goes backwards unless the text says the values range."""
    return r.low == r.high or (r.low > r.high and not r.ranging)


def _years(r: _Ends) -> bool:
    """ "1990 to 1995" are two years (dates), not a range of a quantity."""
    first = r.first
    return first.integer_text and 1000 <= first.value <= 2100 and not first.measure and not r.second.measure


NOT_RANGES: tuple[Callable[[_Ends], bool], ...] = (_other_units, _empty_or_backwards, _years)
"""What the two numbers read together say against a range."""


def _range_start(p: _Pair) -> int:
    """The range's span opens at "between" or at a "from" before "to" ("from 2 billion to 3 billion dollars")."""
    if p.between_at is not None:
        return min(p.start, p.start - len(p.before) + p.between_at)
    if p.word in ("to", "through") and (frm := _FROM.search(p.before)):
        return p.start - (len(p.before) - frm.start())
    return p.start


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

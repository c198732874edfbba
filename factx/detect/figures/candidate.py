"""The rules that turn one number token into a figure, or drop it: small named predicates over a
``Cand`` (the token, the number read, the currency written before it), tried in order by ``find``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from factx._types import Bound
from factx.detect.figures.currency import DOLLAR_CODES, ZERO_DECIMALS, Money, is_money
from factx.detect.figures.read import Num, add_subunit, currency_of, read_right
from factx.detect.figures.scan import (
    A_BEFORE,
    A_WORDS,
    AGO_TAIL,
    BARE_FRACTION,
    CUR_PREFIX,
    IDENT_LEFT,
    MONEY_SUFFIX,
    NEGATIVE_WORD,
    OF_NEXT,
    PERIOD_BEFORE,
    QUALIFIER,
    RIGHT,
    SCALE,
    SPOKEN_YEAR,
    TIME_TAIL,
    TIME_UNITS,
    VAGUE_BEFORE,
    YEAR_BEFORE,
    month_near,
)
from factx.detect.figures.units import SCALES
from factx.detect.numbers import parse_number_words, parse_ordinal_words

_BOUNDS: dict[str, Bound] = {"more": "more_than", "least": "at_least", "less": "less_than", "most": "at_most"}


def left_qualifier(text: str, start: int, floor: int) -> tuple[int, bool, Bound | None]:
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


@dataclass
class Cand:
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


def prefix_money(text: str, num: Num, floor: int) -> tuple[Money | None, int | None]:
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
def _identifier(c: Cand) -> bool:
    """Glued to letters on the left ("F-16", "J1149") is an identifier unless a currency ("USD115")."""
    return (
        c.money is None and c.num.digits and IDENT_LEFT.search(c.text, max(0, c.num.start - 2), c.num.start) is not None
    )


def _glued_right(c: Cand) -> bool:
    """Glued to letters on the right with no unit there: "6F6", "24703L202"."""
    text, end = c.text, c.num.end
    glued = c.num.digits and end < len(text) and (text[end].isalpha() or text[end] == "_")
    return glued and not any(r.match(text, end) for r in (SCALE, RIGHT, MONEY_SUFFIX))


def _clock(c: Cand) -> bool:
    return TIME_TAIL.match(c.text, c.num.end) is not None


def _vague_scale(c: Cand) -> bool:
    """ "a few hundred", "several thousand" are not figures."""
    s = c.num.start
    return (
        not c.num.digits
        and VAGUE_BEFORE.search(c.text, max(0, s - 12), s) is not None
        and c.m.group().lower() in SCALES
    )


def _spoken_year(c: Cand) -> bool:
    """ "nineteen ninety-six", "the year two thousand"."""
    s = c.num.start
    spoken = SPOKEN_YEAR.match(c.m.group()) or YEAR_BEFORE.search(c.text, max(0, s - 9), s)
    return c.dates and not c.num.digits and spoken is not None


BEFORE_READING: tuple[Callable[[Cand], bool], ...] = (_identifier, _glued_right, _clock, _vague_scale, _spoken_year)


def read_prefixed(c: Cand) -> None:
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


def qualify(c: Cand) -> None:
    """A sign word ("minus 5") and a qualifier ("about", "more than") left of the figure."""
    neg = NEGATIVE_WORD.search(c.text, max(c.floor, c.start - 10), c.start)
    if neg:
        c.num.value, c.start = -c.num.value, neg.start()
    c.start, c.approx, c.bound = left_qualifier(c.text, c.start, c.floor)


# Rules that drop a read figure: what it turned out to be is a date, a period or a pronoun.
def _a_year(c: Cand) -> bool:
    num = c.num
    bare = num.digits and not num.measure and not num.scaled and not c.money and num.integer_text
    return c.dates and bare and 1000 <= num.value <= 2100 and not c.approx and c.bound is None


def _day_of_month(c: Cand) -> bool:
    """ "March 22", "22nd of May"; "the 1988 second quarter", "for 1989\"."."""
    num, s = c.num, c.num.start
    if not (c.dates and num.digits and num.integer_text and not c.money and not num.percent):
        return False
    if num.value <= 31 and month_near(c.text, num.start, s + len(c.m.group())):
        return True
    tail = c.text[s + len(c.m.group()) : num.end]
    return 1000 <= num.value <= 2100 and (num.unit == "second" or tail in ('"', "'"))


def _time_ago(c: Cand) -> bool:
    """ "six weeks ago" is a date."""
    return c.dates and c.num.unit in TIME_UNITS and AGO_TAIL.match(c.text, c.num.end) is not None


def _pronoun_one(c: Cand) -> bool:
    """A bare "one" is a pronoun more often than a figure."""
    num = c.num
    return not num.digits and not num.measure and not num.counts and num.value == 1 and not c.approx and not c.ranged


def _period_fraction(c: Cand) -> bool:
    """ "the quarter", "the first half" are periods, not figures."""
    s = c.num.start
    if c.start != s or c.money or not BARE_FRACTION.fullmatch(c.m.group()):
        return False
    quarter = c.m.group().lower().startswith("quarter") and not c.num.measure
    return quarter or PERIOD_BEFORE.search(c.text, max(0, s - 12), s) is not None


NOT_FIGURES: tuple[Callable[[Cand], bool], ...] = (_a_year, _day_of_month, _time_ago, _pronoun_one, _period_fraction)


def is_ordinal(text: str, m: re.Match[str]) -> bool:
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

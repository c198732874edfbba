"""Rules for clock phrases, numeric and compact dates, and eras: the forms the world writes besides prose.

'a quarter past six', 'ten minutes to three', 'at 1800 hours'; '2012/8/10', '19.02.2010', '09/2012',
'2008-04', '2024 Aug'; '567 BC'. Each is one ``rule``: its pattern and its reader together.
"""

from __future__ import annotations

import re

from factx.detect.dates.grammar import Frame, rule
from factx.detect.dates.lexicon import DAYNUM, MONTH, MONTH_ABBR_NODOT, MONTHS, WEEKDAY, ordinal_value
from factx.detect.dates.readers import _f
from factx.detect.numbers import parse_number_words

_SMALL = (
    r"(?:(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four"
    r"|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_HOUR = r"(?:1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight)"
_AMPM = r"(?:\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b|in\s+the\s+(?:morning|afternoon|evening)|at\s+night))"
_PAST = r"past|after"
_TO = r"to|till|til|before|of"
_NOT_A_RANGE = r"(?!\s*(?:[a-z]+s\b|%|percent|per\b|[-\d]))"


def _minutes(word: str) -> int | None:
    """'quarter' 15, 'half' 30, 'ten' 10, '25' 25."""
    w = word.lower().replace("a ", "").strip()
    if w in ("quarter", "half"):
        return 15 if w == "quarter" else 30
    v = int(w) if w.isdigit() else parse_number_words(w)
    return None if v is None or not 0 < v < 60 else int(v)


def _hour(word: str) -> int | None:
    w = word.lower()
    if w in ("noon", "midnight"):
        return 12 if w == "noon" else 0
    v = int(w) if w.isdigit() else parse_number_words(w)
    return None if v is None or not 0 < v <= 12 else int(v)


def _meridiem(h: int, tail: str) -> int:
    """12-hour clock to 24-hour: 'p.m.', 'in the evening' add 12; '12 a.m.' is 0."""
    t = tail.lower()
    if re.search(r"p\.?m|afternoon|evening|night", t):
        return h + 12 if h < 12 else h
    if re.search(r"a\.?m|morning", t) and h == 12:
        return 0
    return h


@rule(
    "clock",
    45,
    r"(?:(?:a\s+)?quarter|half|(?:\d{1,2}|" + _SMALL + r")(?:[\s-]+min(?:ute)?s?)?)\s+"
    r"(?:" + _PAST + "|" + _TO + r")\s+" + _HOUR + r"(?:\s*o'clock)?" + _AMPM + r"?(?![\w:])" + _NOT_A_RANGE,
)
def _clock(m: re.Match[str], text: str) -> Frame | None:
    """'a quarter past 6' 06:15, 'ten minutes to three' 02:50, 'twenty after twelve' 12:20."""
    s = m.group(0)
    parts = re.match(
        r"(?P<min>(?:a\s+)?quarter|half|\S+(?:[\s-]+\S+)??)(?:[\s-]+min(?:ute)?s?)?\s+(?P<dir>\w+)\s+(?P<h>\w+)",
        s,
        re.IGNORECASE,
    )
    if parts is None:
        return None
    said_minutes = bool(re.search(r"min|quarter|half|o'clock|[ap]\.?m|morning|evening|afternoon|night", s, re.I))
    back = parts["dir"].lower() not in ("past", "after")
    if back and not said_minutes and parts["dir"].lower() != "to":
        return None  # 'ten before three' needs 'minutes' to be a time
    mins, hour = _minutes(parts["min"]), _hour(parts["h"])
    if mins is None or hour is None or (parts["min"][0].isdigit() and not said_minutes):
        return None
    if back:
        hour, mins = (hour - 1) % 12 or 12, 60 - mins
    tail = s[parts.end() :]
    h = _meridiem(hour, tail) if parts["h"].lower() not in ("noon", "midnight") else hour % 24
    if parts["h"].lower() == "noon" and back:
        h = 11
    return _f(m, hour=h, minute=mins)


@rule("oclock", 47, _HOUR + r"\s*o'?clock\b" + _AMPM + r"?")
def _oclock(m: re.Match[str], text: str) -> Frame | None:
    """'at four o'clock', '7 o'clock in the evening'."""
    word = re.match(r"\w+", m.group(0))
    hour = _hour(word.group(0)) if word else None
    if hour is None:
        return None
    return _f(m, hour=_meridiem(hour, m.group(0)[word.end() :]) if word else hour, minute=0)


@rule(
    "military",
    46,
    r"(?:[01]\d|2[0-3])[0-5]\d(?:\s*(?:hours|hrs|h)\b|\s+(?:GMT|UTC|EST|EDT|PST|PDT|CET|BST)\b)",
)
def _military(m: re.Match[str], text: str) -> Frame | None:
    """'at 1800 hours', '0630 GMT': a four-digit clock, not a year."""
    s = m.group(0)
    return _f(m, hour=int(s[:2]), minute=int(s[2:4]))


_YY = r"(?:1[6-9]|20)\d\d"


@rule(
    "ymd",
    12,
    _YY + r"(?P<ymd_sep>[/.-])(?:[01]?\d|" + MONTH_ABBR_NODOT + r")(?P=ymd_sep)[0-3]?\d(?![\d/.]\d|\d)",
    lead=r"\d",
)
def _ymd(m: re.Match[str], text: str) -> Frame | None:
    """'2012/8/10', '2012/Aug/10', '2012.08.10', '2012-8-10': year, month, day."""
    y, mo, d = re.split(r"[/.-]", m.group(0))
    month = int(mo) if mo.isdigit() else MONTHS.get(mo.lower())
    if month is None or not (1 <= month <= 12 and 1 <= int(d) <= 31):
        return None
    return _f(m, year=int(y), month=month, day=int(d))


@rule(
    "numdate",
    14,
    r"[0-3]?\d(?P<numdate_sep>[.-])[01]?\d(?P=numdate_sep)(?:" + _YY + r")(?![\d.]\d|\d)",
    lead=r"\d",
)
def _numdate(m: re.Match[str], text: str) -> Frame | None:
    """'19.02.2010' (dots: day first, as where dots are written), '12-03-2007' (dashes: month first,
    like slashes, unless the first number cannot be a month)."""
    a, b, y = (int(x) for x in re.split(r"[.-]", m.group(0)))
    day_first = "." in m.group(0) or a > 12
    mo, d = (b, a) if day_first else (a, b)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return _f(m, year=y, month=mo, day=d)


@rule("month_year", 22, r"(?:0?[1-9]|1[0-2])/" + _YY + r"(?![\d/])", lead=r"\d")
def _month_year(m: re.Match[str], text: str) -> Frame | None:
    """'09/2012': September 2012."""
    mo, y = m.group(0).split("/")
    return _f(m, year=int(y), month=int(mo))


@rule("year_month", 23, _YY + r"-(?:0[1-9]|1[0-2])(?![\d-]|/\d)", lead=r"\d")
def _year_month(m: re.Match[str], text: str) -> Frame | None:
    """'2008-04': April 2008; not '2008-09' (the season or fiscal year 2008 to 2009)."""
    y, mo = (int(x) for x in m.group(0).split("-"))
    if mo == (y + 1) % 100:
        return None
    return _f(m, year=y, month=mo)


_MD_LEAD = re.compile(r"(?:\b(?:on|by|until|till|before|after|from|since|through|to|due)|" + WEEKDAY + r",?)\s+$", re.I)


@rule("month_day", 24, r"(?:0?[1-9]|1[0-2])/[0-3]?\d(?![\d/]|\.\d)", lead=r"\d")
def _month_day(m: re.Match[str], text: str) -> Frame | None:
    """'on 8/10', 'Friday 8/10': a month and day written with a slash, when a preposition or a weekday
    says it is a date (alone, '8/10' is as often a score or a fraction)."""
    whole = m.start() == 0 and m.end() == len(text.rstrip())
    if not whole and _MD_LEAD.search(text, max(0, m.start() - 12), m.start()) is None:
        return None
    mo, d = (int(x) for x in m.group(0).split("/"))
    return None if not 1 <= d <= 31 else _f(m, month=mo, day=d)


@rule(
    "year_month_name",
    105,
    _YY + r"\s+(?:" + MONTH + "|" + MONTH_ABBR_NODOT + r")(?:\s+" + DAYNUM + r")?(?![\w.]|\s+(?:be|have)\b)",
)
def _year_month_name(m: re.Match[str], text: str) -> Frame | None:
    """'2024 Aug', '2024 August 10': year first, as in tables and datelines."""
    s = m.group(0)
    y, rest = s[:4], s[4:].split()
    month = MONTHS.get(rest[0].lower().rstrip("."))
    if month is None or not rest[0][0].isupper():
        return None
    day = ordinal_value(rest[1]) if len(rest) > 1 else None
    if day is not None and not 1 <= day <= 31:
        return None
    if day is None and rest[0].lower() in ("may", "march"):
        return None  # '2024 may be', '2024 March Madness'
    return _f(m, year=int(y), month=month, day=day)


@rule("era", 25, r"\d{1,4}\s*(?:B\.C\.(?:E\.)?|BCE?\b|A\.D\.|AD\b)|(?:A\.D\.|AD)\s*\d{1,4}\b")
def _era(m: re.Match[str], text: str) -> Frame | None:
    """'567 BC' (year -567), 'AD 79' (year 79). Case matters: 'ad' is a word."""
    s = m.group(0)
    if not any(c.isupper() for c in s):
        return None
    n = int(re.search(r"\d+", s).group(0))  # type: ignore[union-attr]
    if n == 0:
        return None
    return _f(m, year=-n if "B" in s else n)


_ABBR_DAYS = {"mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7}
_ABBR_LEAD = re.compile(r"\b(?:on|by|until|till|next|last|this|from|to)\s+$", re.IGNORECASE)
_ABBR_TAIL = re.compile(r"\.?,?\s*(?:\d|(?:" + MONTH + "|" + MONTH_ABBR_NODOT + r")\b)", re.IGNORECASE)


@rule("weekday_abbr", 131, r"(?-i:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?(?!\w)")
def _weekday_abbr(m: re.Match[str], text: str) -> Frame | None:
    """'on Wed', 'Sat, 3 Aug': an abbreviated weekday where a preposition or a date says it is one
    ('Sun' and 'Sat' alone are a newspaper and a verb)."""
    word = m.group(0).rstrip(".")
    lead = _ABBR_LEAD.search(text, max(0, m.start() - 8), m.start())
    if lead is None and _ABBR_TAIL.match(text, m.start() + len(word)) is None:
        return None
    return _f(m, weekday=_ABBR_DAYS[word.lower()])

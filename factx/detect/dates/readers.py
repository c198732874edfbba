"""Readers for calendar atoms (dates, months, quarters, years ...): a regex match in, a Frame out."""

from __future__ import annotations

import re

from factx.detect.dates.grammar import Frame, Reader, rule
from factx.detect.dates.lexicon import (
    COUNT,
    DAYNUM,
    MONTH,
    MONTH_ABBR_NODOT,
    MONTHS,
    ORD_WORD,
    SHORT_YEAR,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    YEAR4,
    count_value,
    ordinal_value,
)
from factx.detect.tokens import AT_SENTENCE_START, SENTENCE_MARKS, letter_digit_runs

_HINTS = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "prior": -1,
    "preceding": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "this": 0,
    "current": 0,
    "present": 0,
    "latest": 0,
}
_UNIT_RE = re.compile(
    r"(?<![a-z])(year|month|weekend|week|day|decade|centur|quarter|hour|hr|minute|min|second|sec)", re.IGNORECASE
)
_COUNT_RE = re.compile(r"(?<!\w)" + COUNT + r"(?!\w)", re.IGNORECASE)
_YEAR_RE = re.compile(YEAR4)
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_SHORT_YEAR_END = re.compile(r"(?:,\s*|\s+)'?(\d\d)$")
_DAY_RE = re.compile(r"(?<![\w'])(" + DAYNUM + r")(?!\w)", re.IGNORECASE)
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "that",
        "this",
        "these",
        "those",
        "for",
        "in",
        "on",
        "at",
        "by",
        "of",
        "its",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "as",
        "with",
        "from",
        "after",
        "before",
        "since",
        "until",
        "during",
        "last",
        "next",
        "early",
        "late",
        "mid",
        "all",
        "each",
        "every",
        "some",
    ]
)
_HOLIDAY_WORDS = frozenset(["christmas", "thanksgiving", "easter", "day", "eve", "week", "friday", "sunday", "monday"])
_PREV_WORD = re.compile(r"([A-Za-z][\w.&'-]*)[ \t]+$")
_MODAL_MONTH_OK = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|last|next|this|early|late|mid|through|during|before|after|from|to|and|"
    r"or|between|end|beginning|middle)[\s-]+$)",
    re.IGNORECASE,
)

_EVENT_NAME = re.compile(r"\s+(?:for|of\s+the|against|on)\s+[A-Z]")
_PREFIX_LAST = r"(?:(?:this\s+past|this\s+coming|last|next|this|coming|past|the\s+previous|the\s+following)\s+)?"
_FINQ_CORE = r"(?:year-?(?:ago|earlier)|latest|current|recent|most\s+recent|comparable|corresponding|same|flat)"
__all__ = ["Reader", "title_case"]


def _hint(words: list[str]) -> int | None:
    for w in words:
        if w in _HINTS:
            return _HINTS[w]
    return None


def _unit(s: str) -> str:
    m = _UNIT_RE.search(s)
    return UNITS.get(m.group(1).lower().replace("centur", "century"), "Y") if m else "Y"


def _count(s: str) -> float | None:
    m = _COUNT_RE.search(s)
    return count_value(m.group(0)) if m else None


def _f(m: re.Match[str], **kw: object) -> Frame:
    fr = Frame(m.start(), m.end())
    for k, v in kw.items():
        setattr(fr, k, v)
    return fr


@rule(
    "iso",
    10,
    r"\d{4}-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d(?::[0-5]\d)?)?(?!\d)",
    lead=r"\d",
)
def _iso(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    y, mo, d = int(s[:4]), int(s[5:7]), int(s[8:10])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    fr = _f(m, year=y, month=mo, day=d)
    if len(s) > 10:
        fr.hour, fr.minute = int(s[11:13]), int(s[14:16])
        fr.second = int(s[17:19]) if len(s) > 16 else None
    return fr


@rule(
    "slash",
    20,
    r"[01]?\d/[0-3]?\d/(?:\d{4}|\d{2})(?![/\d])",
    lead=r"\d",
)
def _slash(m: re.Match[str], text: str) -> Frame | None:
    a, b, c = m.group(0).split("/")
    mo, d, y = int(a), int(b), int(c)
    if len(c) == 2:
        y += 1900 if y >= 50 else 2000
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return _f(m, year=y, month=mo, day=d)


@rule(
    "quarter",
    70,
    r"(?:(?:the|its|this\s+year's|last\s+year's|next\s+year's)\s+)?(?:(?:" + YEAR4 + r"|fiscal|calendar|"
    r"flat)[\s-]+)*(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter\b"
    r"|(?<![\w-])Q[1-4](?!\w)|(?<![\w-])H[12](?!\w)"
    r"|(?:the\s+)?(?:(?:" + YEAR4 + r"|fiscal)[\s-]+)?(?:first|second|last|latter)[\s-]+half\b"
    r"|(?:the\s+)?(?:first|last|final|latter)\s+two\s+(?:fiscal\s+)?quarters\b",
)
def _quarter(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    w = re.findall(r"\d+(?:st|nd|rd|th)|[a-z]+|\d+", s.lower())  # '3rd' stays one word
    ym = _YEAR_RE.search(s)
    fr = _f(m, year=int(ym.group(0)) if ym else None)
    if "year" in w:
        fr.rel_unit, fr.rel_n = "Y", {"this": 0, "last": -1, "next": 1}[w[0]]
    if re.fullmatch(r"[QH][1-4]", s, re.IGNORECASE):
        if s[0] == "Q":
            fr.quarter = int(s[1])
        else:
            fr.half = int(s[1])
        return fr
    ordw = next(
        (x for x in w if x in {"first", "second", "third", "fourth", "last", "latter", "1st", "2nd", "3rd", "4th"}),
        "first",
    )
    num = {"last": 2, "latter": 2}.get(ordw) or ordinal_value(ordw) or 1
    if "quarters" in w:  # 'the first two quarters': a half year
        fr.half = 2 if ordw in {"last", "latter", "final"} else 1
    elif "half" in w:
        fr.half = min(num, 2)
    else:
        fr.quarter = num
    return fr


@rule(
    "finq",
    80,
    r"(?:the\s+|that\s+|this\s+)?(?:" + _FINQ_CORE + r"[\s-]+)*(?:fiscal[\s-]+)?(?:quarter|period)\b(?!-)"
    r"|year-(?:ago|earlier)\b|(?:the\s+)?(?:" + YEAR4 + r")\s+(?:period|quarter)\b",
)
def _finq(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    ym = _YEAR_RE.search(s)
    if ym:
        return _f(m, year=int(ym.group(0)), fin="last" if "quarter" in s else "period")
    if "ago" in s or "earlier" in s:
        return _f(m, fin="yago")
    if "current" in s:
        return _f(m, fin="cur")
    if s.startswith("this "):  # the current quarter; in earnings talk the one just reported (TimeBank)
        return _f(m, fin="this")
    if "period" in s and not re.search(r"latest|recent|comparable|corresponding", s):
        return None
    return _f(m, fin="last")


def _after_name(text: str, start: int) -> bool:
    """The word before is a capitalized non-temporal word: 'Theresa May', 'Windows 2000'."""
    before = text[max(0, start - 24) : start]
    pm = _PREV_WORD.search(before)
    if pm is None or not pm.group(1)[0].isupper() or pm.group(1).lower().endswith("'s"):
        return False
    word = pm.group(1).lower()
    if _PERIOD_NAME.fullmatch(word):
        return False  # 'Q3 2012', 'FY 2013': a period, not a name
    if word[-1] in SENTENCE_MARKS and (len(word) > 5 or not word[-2].isalpha()):
        return False  # "... on Wednesday. Yesterday": the sentence ended ('Corp. 1990', 'Mr. May' stay names)
    return word not in _FUNCTION_WORDS and word not in _HOLIDAY_WORDS and not _MODAL_MONTH_OK.search(word + " ")


_PERIOD_NAME = re.compile(r"[qh][1-4]|fy|fiscal", re.IGNORECASE)
_TITLE_TAIL = re.compile(r"[,.]?[\"\u201d']|\s+[A-Z]")


def title_case(m: re.Match[str], text: str) -> bool:
    """A phrase of several words, each capitalized, not at the start of a sentence: a title ("This Week")."""
    words = m.group(0).split()
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return False
    before = text[max(0, m.start() - 40) : m.start()]
    if before.rstrip(" ")[-1:] in ('"', "\u201c", "'", "`"):  # 'on "This Week With ...": a quoted title
        return _TITLE_TAIL.match(text, m.end()) is not None
    return AT_SENTENCE_START.search(before) is None


def _month_ok(m: re.Match[str], text: str, word: str) -> bool:
    """A bare month: not after a name ('Theresa May'); 'May'/'March' (also verbs) capitalized, mid-sentence."""
    lw = word.lower()
    if m.group(0).lower().strip() != lw:
        return True
    if _after_name(text, m.start()):
        return False
    if lw not in {"may", "march"}:
        return True
    if not word[0].isupper():
        return False
    before = text[max(0, m.start() - 12) : m.start()]
    if _MODAL_MONTH_OK.search(before):
        return True
    return AT_SENTENCE_START.search(before) is None and not re.match(
        r"\s+(?:be|have|not|also)\b", text[m.end() : m.end() + 6]
    )


@rule(
    "mdy",
    110,
    r"(?:(?:last|next|this|this\s+past|this\s+coming|coming|past)\s+)?(?:"
    + MONTH
    + r"|"
    + MONTH_ABBR_NODOT
    + r"(?=[\s-]+\d))(?:\s*"
    + DAYNUM
    + r"(?:\s*,?\s*"
    + SHORT_YEAR
    + r")?)?(?:(?:\s*,?\s*|-)"
    + YEAR4
    + r"(?!\d))?(?!\w)",
)
def _mdy(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    mm = _MONTH_RE.search(s)
    whole = m.start() == 0 and m.end() == len(text)  # resolve_date: the mention is already found
    if mm is None or not (whole or _month_ok(m, text, mm.group(1))):
        return None
    rest = s[mm.end() :]
    ym = _YEAR_RE.search(rest)
    dm = _DAY_RE.search(rest[: ym.start()] if ym else rest)
    day = ordinal_value(dm.group(1)) if dm else None
    if day is not None and not 1 <= day <= 31:
        return None
    if (
        mm.group(1).lower() in {"may", "june", "july", "august", "march"}
        and not mm.group(1)[0].isupper()
        and day is None
        and ym is None
        and not text.islower()
    ):
        return None
    if day is None and ym is None and _EVENT_NAME.match(text, m.end()):
        return None  # 'the March for Life', 'the March of the Mothers'
    lead = letter_digit_runs(s[: mm.start()])
    return _f(
        m,
        month=MONTHS[mm.group(1).lower()],
        day=day,
        year=int(ym.group(0)) if ym else _short_year(rest[dm.end() :]) if dm else None,
        hint=1 if "coming" in lead else -1 if "past" in lead else _hint(lead),  # 'this coming January'
    )


def _short_year(s: str) -> int | None:
    """The two-digit year ending a day-and-month date ('3 Aug 96', "Aug 9, '96"): 1950-2049."""
    m = _SHORT_YEAR_END.search(s)
    if m is None:
        return None
    yy = int(m.group(1))
    return 2000 + yy if yy < 50 else 1900 + yy


@rule(
    "dmy",
    120,
    r"(?:the\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?|"
    + ORD_WORD
    + r"\s+of)\s+(?:of\s+)?(?:"
    + MONTH
    + "|"
    + MONTH_ABBR_NODOT
    + r")(?:\s*,?\s*(?:"
    + YEAR4
    + r"(?!\d)|"
    + SHORT_YEAR
    + r"))?(?!\w)",
)
def _dmy(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    mm = _MONTH_RE.search(s)
    dm = _DAY_RE.search(s)
    if mm is None or dm is None:
        return None
    day = ordinal_value(dm.group(1))
    ym = _YEAR_RE.search(s[mm.end() :])
    if day is None or not 1 <= day <= 31:
        return None
    return _f(
        m, month=MONTHS[mm.group(1).lower()], day=day, year=int(ym.group(0)) if ym else _short_year(s[mm.end() :])
    )


@rule(
    "weekday",
    130,
    _PREFIX_LAST + r"(?:" + WEEKDAY + r")(?:s\b)?",
)
def _weekday(m: re.Match[str], text: str) -> Frame | None:
    w = letter_digit_runs(m.group(0))
    day = next(WEEKDAYS[x.rstrip("s")] for x in w if x.rstrip("s") in WEEKDAYS)
    if w[-1].endswith("s") and w[-1] not in WEEKDAYS:
        return _f(m, set_=f"XXXX-WXX-{day}")
    hint = -1 if "past" in w else 1 if "coming" in w else _hint(w)
    return _f(m, weekday=day, hint=hint, ana=w[0] == "the")  # 'the previous Friday': before the story's date

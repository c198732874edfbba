"""Readers for relative atoms (ago, last/next, durations, times, modifiers) and the reader table."""

from __future__ import annotations

import re

from factx.detect.dates.grammar import Frame, rule
from factx.detect.dates.lexicon import (
    COUNT,
    ORD_WORD,
    PARTS_OF_DAY,
    REFS,
    SET_WORDS,
    TZ,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
)
from factx.detect.dates.readers import (
    _COUNT_RE,
    _after_name,
    _count,
    _f,
    _hint,
    _unit,
    title_case,
)
from factx.detect.tokens import letter_digit_runs


def _ago(m: re.Match[str], text: str) -> Frame | None:
    """'two years ago', 'in 12 seconds from now', '2 days before today', 'a week after tomorrow'."""
    s = m.group(0).lower()
    around = re.search(r"(before|after|from)\s+(today|tomorrow|yesterday|now)$", s)
    if around is not None:
        return _around_day(m, s, around)
    n = _count(s.split("ago")[0])
    unit = _unit(s)
    mod = "APPROX" if re.match(r"(nearly|almost|about|around|some|roughly|approx)", s) else None
    if n is None:
        return _f(m, ref="FUTURE_REF" if "from now" in s or "hence" in s else "PAST_REF")
    if n != int(n) and unit not in ("H", "MIN", "S"):  # 'half an hour ago' is today; 'one and a half years ago' unsaid
        return None
    sign = 1 if ("from now" in s or "hence" in s) else -1
    if unit == "DE":  # 'a decade ago' in 1999: 1989, not the 1980s
        unit, n = "Y", n * 10
    return _f(m, rel_unit=unit, rel_n=sign * int(n), mod=mod, ago=True)


_DAY_WORD = {"today": 0, "now": 0, "tomorrow": 1, "yesterday": -1}


def _around_day(m: re.Match[str], s: str, around: re.Match[str]) -> Frame | None:
    """'2 days before today': so many units before or after a named day (smaller units stay that day)."""
    n = _count(s[: around.start()])
    if n is None or n != int(n):
        return None
    unit = _unit(s[: around.start()])
    sign = -1 if around.group(1) == "before" else 1
    base = _DAY_WORD[around.group(2)]
    if unit in ("D", "W", "M", "Y") and base == 0:
        return _f(m, rel_unit=unit, rel_n=sign * int(n), ago=True)
    if unit in ("D", "W"):
        return _f(m, rel_unit="D", rel_n=base + sign * int(n) * (7 if unit == "W" else 1), ago=True)
    return _f(m, rel_unit="D", rel_n=base, ago=True)


_IN_LEAD = re.compile(r"\bin\s+$", re.IGNORECASE)


def _after_in(text: str, start: int) -> bool:
    """'in' leads the atom at ``start``: 'in five years', 'in a year or two'."""
    return _IN_LEAD.search(text, max(0, start - 4), start) is not None


_SPAN_LEAD = re.compile(r"\b(?:in|over|for|during|within|throughout)\s+$", re.IGNORECASE)


@rule(
    "vague",
    60,
    r"(?:the\s+)?(?:past|last|next|coming|recent)\s+(?:few|several|couple\s+of)\s+"
    + UNIT
    + r"|(?:recent|coming|future|upcoming)\s+(?:years|months|weeks|days|quarters|decades)\b"
    + r"|(?:these|those)\s+days\b"
    + r"|a\s+(?:year|month|week)\s+or\s+two\b(?![\s-]+(?:ago|earlier|later|before|after))",
)
def _vague(m: re.Match[str], text: str) -> Frame | None:
    w = letter_digit_runs(m.group(0))
    if w[0] in {"these", "those"}:
        return _f(m, ref="PRESENT_REF")
    if w[-1] == "two":  # 'in a year or two': some time ahead; 'as long as a month or two' is a stretch
        return _f(m, ref="FUTURE_REF") if _after_in(text, m.start()) else _f(m, dur=f"PX{_unit(w[1])}")
    if "recent" in w and "years" in w and "few" not in w:
        return _f(m, ref="PAST_REF")  # TimeBank: '(in) recent years' as a date is PAST_REF
    if _SPAN_LEAD.search(text, max(0, m.start() - 12), m.start()):
        # "over the past few weeks", "in coming months": a stretch of time, not a point
        unit = _unit(w[-1])
        return _f(m, dur=f"PX{unit if unit in ('Y', 'M', 'W', 'D') else 'M' if unit == 'Q' else 'Y'}")
    return _f(m, ref="FUTURE_REF" if set(w) & {"next", "coming", "future", "upcoming"} else "PAST_REF")


@rule(
    "dur",
    90,
    r"(?:(?:the\s+)?(?:past|last|next|coming|first|final|previous|following)\s+)?(?:(?:nearly|almost|about|"
    r"around|some|roughly|approximately|more\s+than|less\s+than|over|only|just|at\s+least|up\s+to)\s+)?"
    + COUNT
    + r"[\s-]+(?:more\s+)?"
    + UNIT
    + r"(?:-long|-old)?\b(?!-(?:ago|earlier))(?:\s+(?:or\s+so\s+)?(?P<dur_tail>ago|earlier|from\s+now|hence|later"
    r"|(?:before|after|from)\s+(?:today|tomorrow|yesterday|now))\b)?",
)
def _dur(m: re.Match[str], text: str) -> Frame | None:
    """'three years' (a duration); with a tail 'two years ago' (``_ago``), 'two days later' (``_ana``):
    one rule, so the count and unit are read once per position (the scan's costliest part)."""
    tail = m.group("dur_tail")
    if tail is not None:
        return _ana(m, text) if tail.lower() == "later" else _ago(m, text)
    s = m.group(0).lower()
    n = _count(s) if _COUNT_RE.search(s) else 1.0
    u = _unit(s)
    if n is None:
        return _f(m, dur=f"PX{u if u in 'YMWD' else 'Y'}")
    if n != int(n) and u in ("Y", "H"):  # 'half a year' P6M, 'half an hour' PT30M: TimeML has no fractions here
        n, u = n * (12 if u == "Y" else 60), "M" if u == "Y" else "MIN"
    if u in {"H", "MIN", "S"}:
        return _f(m, dur=f"PT{n:g}{'M' if u == 'MIN' else u}")
    code = {"DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3), "WE": ("WE", 1)}.get(u, (u, 1))
    fr = _f(m, dur=f"P{n * code[1]:g}{code[0]}", back=s.startswith(("the past ", "the last ", "past ", "last ")))
    if u in {"Y", "M", "W", "D"} and n == int(n) and _after_in(text, m.start()):
        fr.rel_unit, fr.rel_n = u, int(n)  # 'redeemed in five years': a date if the clause looks ahead
    return fr


@rule(
    "rel",
    100,
    r"(?:the\s+)?(?:last|this|next|past|coming|previous|current|latest|following|present|prior|preceding)"
    r"\s+(?:fiscal\s+)?(?:week|weekend|month|year|quarter|decade|century|half)\b"
    r"|(?:the\s+)?(?:full|fiscal)\s+year\b|the\s+(?:weekend|month)\b|the\s+year\b(?![\s-]*(?:\d|two\b|nineteen|ago|earlier|end)|-)"
    r"|year[-\s]end\b|year's\s+end\b",
)
def _rel(m: re.Match[str], text: str) -> Frame | None:
    if title_case(m, text):  # ABC's "This Week"
        return None
    s = m.group(0).lower()
    w = letter_digit_runs(s)
    if "end" in w:
        return _f(m, rel_unit="Y", rel_n=0, mod="END")
    u = _unit(s)
    if u == "DE" and w[-2] == "past":  # 'the past decade': the ten years up to now, not the 2010s
        return _f(m, dur="P10Y", back=True)
    if w[-1] == "half":
        u = "H"
    hint = _hint(w)
    if u == "Q":
        if hint == 0 and "current" in w:
            return _f(m, fin="cur")
        if hint == 0 and "this" in w:
            return _f(m, fin="this")
        if hint in (0, None):
            return _f(m, fin="last")
        return _f(m, fin="q", rel_unit="Q", rel_n=hint)
    if u == "WE":
        return _f(m, rel_unit="WE", rel_n=hint if hint is not None else -1, hint=hint, weekend=True)
    return _f(m, rel_unit=u, rel_n=hint or 0, hint=hint)


@rule(
    "dayrel",
    200,
    r"(?:the\s+day\s+(?:before|after)\s+)?(?:today|yesterday|tomorrow|tonight)\b",
)
def _dayrel(m: re.Match[str], text: str) -> Frame | None:
    if m.group(0)[0].isupper() and _after_name(text, m.start()):  # 'USA Today', 'VOA Today'
        return None
    s = m.group(0).lower()
    n = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[s.split()[-1]]
    n += -1 if "before" in s else 1 if "after" in s else 0
    return _f(m, rel_unit="D", rel_n=n, pod="NI" if s.endswith("tonight") else None)


_DAY_AFTER = re.compile(r",?\s+(?:on\s+)?(?:" + WEEKDAY + r"|tonight|today|tomorrow)\b", re.IGNORECASE)


@rule(
    "time",
    210,
    r"[0-2]?\d(?:[:.][0-5]\d(?::[0-5]\d)?)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)"
    + TZ
    + r"|T?[0-2]?\d:[0-5]\d(?::[0-5]\d)?"
    + TZ
    + r"|(?:noon|midnight|midday)\b|[0-2]?\d\s+in\s+the\s+(?:morning|afternoon|evening)\b",
)
def _time(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    if "noon" in s or "midday" in s:
        return _f(m, hour=12, minute=0)
    if "midnight" in s:  # midnight opens the day (T00:00); 'midnight Friday', a deadline, closes it (T24:00)
        deadline = _DAY_AFTER.match(text, m.end()) is not None
        return _f(m, hour=24 if deadline else 0, minute=0)
    hm = re.match(r"t?(\d+)(?:[:.](\d+))?(?::(\d+))?", s)
    if hm is None:
        return None
    h, mi = int(hm.group(1)), int(hm.group(2) or 0)
    sec = int(hm.group(3)) if hm.group(3) else None
    if "p" in s[hm.end() : hm.end() + 3] or "afternoon" in s or "evening" in s:
        h = h + 12 if h < 12 else h
    elif ("a" in s[hm.end() : hm.end() + 3] or "morning" in s) and h == 12:
        h = 0
    if h > 24 or (hm.group(2) is None and not re.search(r"[ap]\.?m|morning|afternoon|evening", s)):
        return None
    return _f(m, hour=h, minute=mi, second=sec)


@rule(
    "pod",
    220,
    r"(?:(?:this|last|that|the)\s+)?(?:morning|afternoon|evening|night)\b|overnight\b",
)
def _pod(m: re.Match[str], text: str) -> Frame | None:
    w = letter_digit_runs(m.group(0))
    if w[-1] == "overnight":
        return _f(m, pod="NI", anchored=False)
    fr = _f(m, pod=PARTS_OF_DAY[w[-1]], anchored=False)
    if w[0] == "this":
        fr.rel_unit, fr.rel_n, fr.anchored = "D", 0, True
    elif w[0] == "last" and w[-1] in {"night", "evening"}:
        fr.rel_unit, fr.rel_n, fr.anchored = "D", -1, True
    elif w[0] == "the":  # 'in the morning' given as a mention: that morning of the story
        fr.rel_unit, fr.rel_n, fr.ana = "D", 0, True
    return fr


_NAMED_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")
"""A capitalized word right after: "the Daily Courier", "(Weekly Standard)"."""
_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")


def _in_a_name(m: re.Match[str], text: str) -> bool:
    """A capitalized frequency word inside a sentence and followed by a capitalized word names a
    publication or a body ("the Daily Courier", "(Weekly Review)"), not a frequency; at a line's or a
    sentence's start ("Daily Protests Grip ...") it may be either, and stays a frequency."""
    before = text[max(0, m.start() - 40) : m.start()].rstrip(" \t")
    initial = bool(_INITIAL.search(before))  # "the N. Y. Daily News": a name's initial, not a sentence's end
    starts = not before or (before[-1] in ".!?\n\"'\u201c" and not initial)
    return m.group(0)[0].isupper() and not starts and bool(_NAMED_NEXT.match(text, m.end()))


@rule(
    "set",
    230,
    r"(?:every|each|per)\s+(?:other\s+)?(?:" + WEEKDAY + r"|year|month|week|day|quarter|morning|night|"
    r"evening|afternoon|hour|weekend)\b|(?:" + "|".join(sorted(SET_WORDS, key=len, reverse=True)) + r")\b",
)
def _set(m: re.Match[str], text: str) -> Frame | None:
    key = m.group(0).lower()
    if key in SET_WORDS:
        return None if _in_a_name(m, text) else _f(m, set_=SET_WORDS[key])
    w = letter_digit_runs(key)
    if w[-1] == "weekend":
        return _f(m, set_="XXXX-WXX-WE")
    if w[-1] in WEEKDAYS:
        return _f(m, set_=f"XXXX-WXX-{WEEKDAYS[w[-1]]}")
    u = _unit(w[-1]) if w[-1] in {"year", "month", "week", "day", "quarter", "hour"} else "D"
    return _f(m, set_={"Q": "P3M", "H": "PT1H"}.get(u, f"P1{u}"))


_MODAL_BEFORE = re.compile(r"\b(?:will|may|might|could|would|should|shall|to)\s+$|'ll\s+$", re.IGNORECASE)
_MODAL_AFTER = re.compile(r"\s+(?:will|would|may|might|could)\b", re.IGNORECASE)


@rule(
    "ref",
    240,
    "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in REFS), key=len, reverse=True))
    + r"\b|this\s+(?:[a-z]+\s+)?moment\b|soon\b",
)
def _ref(m: re.Match[str], text: str) -> Frame | None:
    key = re.sub(r"\s+", " ", m.group(0).lower())
    if key == "soon":  # 'will soon', 'it soon will': the future; not 'soon after', 'as soon as', 'was soon'
        ahead = _MODAL_BEFORE.search(text, max(0, m.start() - 8), m.start()) or _MODAL_AFTER.match(text, m.end())
        return _f(m, ref="FUTURE_REF") if ahead else None
    return _f(m, ref=REFS.get(key, "PRESENT_REF"))  # 'this (crucial) moment'


_TODAY_IS = re.compile(r"\b(?:today|it|this)\s+is\s+$|\bit's\s+$|\bit\u2019s\s+$", re.IGNORECASE)


@rule(
    "nthday",
    250,
    r"(?:the\s+)?" + ORD_WORD + r"\s+(?:straight\s+|consecutive\s+|full\s+)?day\b(?=\s+(?:of|in|since)\b)",
)
def _nthday(m: re.Match[str], text: str) -> Frame | None:
    """'today is the eighth day of the blockade', "it's the second day of the offensive": today."""
    lead = text[max(0, m.start() - 12) : m.start()]
    if _TODAY_IS.search(lead) is None:
        return None
    return _f(m, rel_unit="D", rel_n=0)


@rule(
    "mod",
    260,
    r"(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle\s+of|end\s+of|beginning\s+of|start\s+of|close\s+of"
    r"|turn\s+of|earlier|later|around|about|approximately|roughly|nearly|almost|sometime)(?=[\s-])",
)
def _mod(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    mod = (
        "START"
        if re.search(r"early|beginning|start|earlier", s)
        else "END"
        if re.search(r"late|end|close|later", s)
        else "MID"
        if re.search(r"mid|middle", s)
        else "APPROX"
        if re.search(r"around|about|approx|roughly|sometime", s)
        else "LESS_THAN"
    )
    return _f(m, mod=mod, anchored=False)


_ANA_UNIT = {
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "morning": "D",
    "afternoon": "D",
    "evening": "D",
    "night": "D",
}
_ANA_STEP = {"following": 1, "next": 1, "later": 1, "previous": -1, "preceding": -1, "prior": -1}


@rule(
    "ana",
    40,
    r"(?:(?:earlier|later)\s+(?:in\s+)?)?(?:that\s+same|that|the\s+same|the\s+following|the\s+next|the\s+previous|"
    r"the\s+preceding|the\s+prior)\s+(?:day|week|month|year|morning|afternoon|evening|night)\b(?![\s-]+(?:ago|earlier|later))"
    r"|(?:earlier|later)\s+in\s+the\s+(?:day|week|month)\b|the\s+day\b(?!\s+(?:before|after)\s+(?:yesterday|today|tomorrow))",
)
def _ana(m: re.Match[str], text: str) -> Frame | None:
    """An anaphoric mention: 'that day', 'the following year', 'later that week', 'two days later'."""
    w = letter_digit_runs(m.group(0))
    if w[-1] == "later" and len(w) > 2:  # "two days later": the discourse date plus the span
        n = _count(" ".join(w[:-2]))
        if n is None or n != int(n):
            return None
        unit = _unit(w[-2])
        if unit in ("H", "MIN", "S"):  # 'five minutes later': the same day
            return _f(m, rel_unit="D", rel_n=0, ana=True)
        return _f(m, rel_unit=unit if unit in ("D", "W", "M", "Y") else "D", rel_n=int(n), ana=True)
    if w == ["the", "day"]:  # too common to detect; kept only when given as a mention
        return _f(m, rel_unit="D", rel_n=0, ana=True, anchored=False)
    head = w[:-1] if w[0] not in {"earlier", "later"} else w[1:-1]
    n = next((_ANA_STEP[x] for x in head if x in _ANA_STEP), 0)
    fr = _f(m, rel_unit=_ANA_UNIT[w[-1]], rel_n=n, ana=True)
    if w[-1] in PARTS_OF_DAY:
        fr.pod = PARTS_OF_DAY[w[-1]]
    return fr


@rule(
    "shift",
    30,
    r"(?:the\s+)?(?:day\s+(?:before|after)|week\s+of)(?=\s+(?!yesterday|today|tomorrow|tonight)\w)",
)
def _shift(m: re.Match[str], text: str) -> Frame | None:
    w = letter_digit_runs(m.group(0))
    return _f(m, shift="W" if w[-1] == "of" else "D-1" if w[-1] == "before" else "D+1", anchored=False)

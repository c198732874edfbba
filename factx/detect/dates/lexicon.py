"""Word lists and regex fragments for date detection: kept apart so the grammar reads as data."""

from __future__ import annotations

import re

from factx.detect.numbers import DAY_ORDINALS, parse_number_words

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
}
ORDINALS: dict[str, int] = DAY_ORDINALS
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
}
UNITS: dict[str, str] = {
    "year": "Y",
    "month": "M",
    "week": "W",
    "day": "D",
    "decade": "DE",
    "century": "CE",
    "quarter": "Q",
    "hour": "H",
    "minute": "MIN",
    "min": "MIN",
    "hr": "H",
    "second": "S",
    "sec": "S",
    "weekend": "WE",
}
DECADE_WORDS: dict[str, int] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
REFS: dict[str, str] = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "then current": "PAST_REF",
    "then-current": "PAST_REF",
    "at present": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "a later date": "FUTURE_REF",
}
MENTION_REFS: dict[str, str] = {
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "recent": "PAST_REF",
    "once": "PAST_REF",
    "earlier": "PAST_REF",
    "the time": "PAST_REF",
    "past years": "PAST_REF",
    "future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF",
    "presently": "PRESENT_REF",
    "already": "PRESENT_REF",
    "yet": "PRESENT_REF",
    "from time to time": "FUTURE_REF",
    "one day": "FUTURE_REF",
}
"""Words that are a time reference when a caller already found them as a mention (too ambiguous to detect)."""
SET_WORDS: dict[str, str] = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "nightly": "P1D",
    "hourly": "PT1H",
    "annual": "P1Y",
    "biannual": "P6M",
    "semiannual": "P6M",
    "semi-annual": "P6M",
    "semiannually": "P6M",
    "quarterly": "P3M",
    "biweekly": "P2W",
    "bi-weekly": "P2W",
    "fortnightly": "P2W",
    "bimonthly": "P2M",
    "bi-monthly": "P2M",
}

_ALT = "|".join

MONTH_FULL = _ALT(sorted((m for m in MONTHS if len(m) > 4 or m in {"may", "june", "july"}), key=len, reverse=True))
MONTH_ABBR = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\."
MONTH_ABBR_NODOT = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY = _ALT(WEEKDAYS)
ORD_WORD = (
    r"(?:thirty[- ]first|thirtieth|twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth)|" + _ALT(sorted(ORDINALS, key=len, reverse=True)) + ")"
)
DAYNUM = r"(?:[0-3]?\d(?:st|nd|rd|th)?(?![\d,]\d)|" + ORD_WORD + r")"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
SHORT_YEAR = (
    r"'?\d\d(?![\d%]|[.,:]\d|\s*(?:percent|per\b)"
    r"|\s+(?!(?:in|on|at|and|or|to|when|after|before|still|was|were|is|the|a|by|for|from|with)\b)[a-z])"
)
"""A two-digit year after a day and month ('3 Aug 96'); not a count ('Aug 9, 96 people')."""
NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|one\s+and\s+a\s+half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+few|a\s+couple\s+of|a\s+half|half\s+an?|a\s+dozen|"
    r"one\s+and\s+a\s+half|a|an|several|some|many|hundreds\s+of|thousands\s+of)"
)
COUNT = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|{NUMWORD})"
UNIT = (
    r"(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies)|quarters?|hours?|hrs?|minutes?|mins?|seconds|secs?"
    r"|(?<![Aa]\s)second|weekends?)"
)
SPELLED_YEAR = (
    r"(?:nineteen[- ](?:hundred[- ](?:and[- ])?)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two[- ]thousand(?:[- ](?:and[- ])?"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five))?))?)"
)
TZ = r"(?:\s*(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|ET|PT|local\s+time))?"

_ORD_COMPOUND = re.compile(r"(twenty|thirty)[- ](\w+)")
_NUM_SUFFIX = re.compile(r"(\d+)(?:st|nd|rd|th)?")


def ordinal_value(word: str) -> int | None:
    """Numeric value of '3rd', '3', 'third' or 'twenty-first'."""
    w = word.lower().strip()
    m = _NUM_SUFFIX.fullmatch(w)
    if m:
        return int(m.group(1))
    if w in ORDINALS:
        return ORDINALS[w]
    c = _ORD_COMPOUND.fullmatch(w)
    if c:
        tens = 20 if c.group(1) == "twenty" else 30
        return tens + ORDINALS.get(c.group(2), 0) if c.group(2) in ORDINALS else None
    return None


def count_value(text: str) -> float | None:
    """Value of a count such as '3', 'three', 'a few' (3), 'several' (None: vague)."""
    t = re.sub(r"\s+", " ", text.lower().strip()).replace(",", "")
    if t in {"several", "some", "many", "a few", "few"} or t.endswith(" of"):
        return None
    if t == "a couple of":
        return 2.0
    if t in {"a", "an"}:
        return 1.0
    if t in {"a half", "half a", "half an"}:
        return 0.5
    if t == "one and a half":
        return 1.5
    try:
        return float(t)
    except ValueError:
        return parse_number_words(t.replace("a dozen", "twelve"))


def spelled_year(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand' -> 2000."""
    t = text.lower().replace("-", " ")
    words = [w for w in t.split() if w not in {"and", "hundred"}]
    if not words:
        return None
    if words[0] == "nineteen":
        rest = parse_number_words(" ".join(words[1:])) if len(words) > 1 else 0.0
        return None if rest is None else 1900 + int(rest)
    if words[:2] == ["two", "thousand"]:
        rest = parse_number_words(" ".join(words[2:])) if len(words) > 2 else 0.0
        return None if rest is None else 2000 + int(rest)
    return None

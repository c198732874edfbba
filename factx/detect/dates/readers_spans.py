"""Rules for named spans of the calendar: seasons, decades, centuries, spelled and written years, holidays."""

from __future__ import annotations

import re

from factx.detect.dates.grammar import Frame, rule
from factx.detect.dates.lexicon import (
    DECADE_WORDS,
    ORD_WORD,
    SEASONS,
    SPELLED_YEAR,
    YEAR4,
    ordinal_value,
    spelled_year,
)
from factx.detect.dates.readers import _HINTS, _PREFIX_LAST, _YEAR_RE, _after_name, _f, _hint
from factx.detect.tokens import letter_digit_runs

_AGE = re.compile(r"\b(?:his|her|their|my|your|our|its)\s+(?:early\s+|mid-?|late\s+)?$", re.IGNORECASE)
_HOLIDAYS = {
    "thanksgiving": (11, "4TH"),
    "christmas": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "election day": (11, "1TU"),
    "independence day": (7, 4),
    "labor day": (9, "1MO"),
    "memorial day": (5, "LMO"),
    "veterans day": (11, 11),
    "easter": (4, "EASTER"),
    "easter sunday": (4, "EASTER"),
    "easter monday": (4, "EASTERMON"),
    "good friday": (4, "GOODFRI"),
    "easter week": (4, "EASTERWK"),
    "holy week": (4, "EASTERWK"),
}
_HOLIDAY_NAMES = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _HOLIDAYS), key=len, reverse=True))


@rule(
    "season",
    140,
    _PREFIX_LAST + r"(?:(?:the|that)\s+)?(?:spring|summer|fall|autumn|winter)\b",
)
def _season(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    w = letter_digit_runs(s)
    if w[-1] in {"fall", "spring"} and len(w) == 1:
        after = text[m.end() : m.end() + 12].lower()
        if not re.match(r"\s+(?:of\s+)?(\d|nineteen|two)", after) and not re.search(
            r"\b(?:in|the|this|last|next|early|late|mid|of|(?:1[6-9]|20)\d\d)[\s-]+$",
            text[max(0, m.start() - 8) : m.start()],
            re.I,
        ):
            return None
    hint = -1 if "past" in w else 1 if "coming" in w else _hint(w)
    return _f(m, season=SEASONS[w[-1]], hint=hint)


@rule(
    "decade",
    150,
    r"(?:the\s+)?(?:(?:1[6-9]|20)\d0|'\d0|[2-9]0)'?s\b|(?:the\s+)?(?:" + "|".join(DECADE_WORDS) + r")\b"
    r"|(?:the\s+)?(?:last|this|past|previous)\s+decade\b",
)
def _decade(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    w = letter_digit_runs(s)
    if "decade" in w:
        if w[-2] == "past":  # 'the past decade': ten years up to now; 'the last decade' stays the one before
            return _f(m, dur="P10Y", back=True)
        return _f(m, rel_unit="DE", rel_n=_hint(w) or 0)
    if _AGE.search(text, max(0, m.start() - 12), m.start()):
        return None  # 'in his 30s': an age
    if w[-1] in DECADE_WORDS:
        return _f(m, decade=f"19{DECADE_WORDS[w[-1]]}")
    digits = re.search(r"(\d+)", s)
    if digits is None:
        return None
    d = digits.group(1)
    if len(d) == 4:
        return _f(m, decade=d[:3])
    return _f(m, decade=("19" if d[0] != "0" else "20") + d[0])


@rule(
    "century",
    160,
    r"(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|" + ORD_WORD + r")[\s-]+century\b|this\s+century\b",
)
def _century(m: re.Match[str], text: str) -> Frame | None:
    w = letter_digit_runs(m.group(0))
    if w[0] == "this":
        return _f(m, rel_unit="CE", rel_n=0)
    n = ordinal_value(w[1] if w[0] == "the" else w[0])
    if n is None or (len(w) > 2 and w[0] != "the" and ordinal_value(w[0]) is None):
        n = ordinal_value(" ".join(w[1:-1] if w[0] == "the" else w[:-1]).replace(" ", "-"))
    return _f(m, century=f"{n - 1:02d}") if n else None


@rule(
    "spelled",
    170,
    r"(?:the\s+year\s+)?" + SPELLED_YEAR + r"\b",
)
def _spelled(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    y = spelled_year(re.sub(r"(?i)^the\s+year\s+", "", s))
    if y is None or (s.lower().startswith("two") and not s.lower().startswith("the year")):
        return None
    return _f(m, year=y)


@rule(
    "year",
    180,
    r"(?<![\d$£€.,])(?:(?:fiscal|calendar)\s+(?:year\s+)?|the\s+year\s+)?" + YEAR4 + r"(?![\d%]|[.,]\d|\s*percent)\b",
)
def _year(m: re.Match[str], text: str) -> Frame | None:
    if m.group(0)[0].isdigit() and _after_name(text, m.start()):
        return None
    ym = _YEAR_RE.search(m.group(0))
    return _f(m, year=int(ym.group(0))) if ym else None


@rule("holiday", 190, r"(?:(?:last|next|this)\s+)?(?:" + _HOLIDAY_NAMES + r")(?:\s+day)?\b")
def _holiday(m: re.Match[str], text: str) -> Frame | None:
    s = re.sub(r"\s+", " ", m.group(0).lower())
    w = s.split()
    hint = _HINTS.get(w[0]) if w[0] in {"last", "next", "this"} else None
    name = " ".join(w[1:] if hint is not None else w)
    name = name[: -len(" day")] if name.endswith(" day") and name not in _HOLIDAYS else name
    if name not in _HOLIDAYS:
        return None
    month, day = _HOLIDAYS[name]
    return _f(
        m,
        month=month,
        day=day if isinstance(day, int) else 15,
        holiday=None if isinstance(day, int) else day,
        hint=hint,
    )

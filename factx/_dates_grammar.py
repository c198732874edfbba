"""The date grammar: one compiled regex of atoms, and per-atom readers that turn a match into a Frame."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields

from factx._dates_lexicon import (
    COUNT, DAYNUM, DECADE_WORDS, MONTH, MONTH_ABBR_NODOT, MONTHS, ORD_WORD, PARTS_OF_DAY, REFS,
    SEASONS, SET_WORDS, SPELLED_YEAR, TZ, UNIT, UNITS, WEEKDAY, WEEKDAYS, YEAR4, count_value,
    ordinal_value, spelled_year,
)


@dataclass
class Frame:
    """What one atom (or a merged group of atoms) says about a time; None means unsaid."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    decade: str | None = None
    century: str | None = None
    rel_unit: str | None = None
    rel_n: int | None = None
    hint: int | None = None
    fin: str | None = None
    pod: str | None = None
    hour: int | None = None
    minute: int | None = None
    mod: str | None = None
    ref: str | None = None
    dur: str | None = None
    set_: str | None = None
    anchored: bool = True
    weekend: bool = False
    ago: bool = False
    holiday: str | None = None


_MERGEABLE = ("year", "month", "day", "weekday", "quarter", "half", "season", "decade", "century",
              "rel_unit", "fin", "pod", "hour", "mod", "ref", "dur", "set_")
_COPY = [f.name for f in fields(Frame) if f.name not in {"start", "end", "anchored"}]

_PREFIX_LAST = r"(?:(?:this\s+past|this\s+coming|last|next|this|coming|past|the\s+previous|the\s+following)\s+)?"
_FINQ_CORE = r"(?:year-?(?:ago|earlier)|latest|current|recent|most\s+recent|comparable|corresponding|same|flat)"

_ATOMS: list[tuple[str, str]] = [
    ("iso", r"\d{4}-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d(?::[0-5]\d)?)?(?!\d)"),
    ("slash", r"[01]?\d/[0-3]?\d/(?:\d{4}|\d{2})(?![/\d])"),
    ("ago", r"(?:(?:nearly|almost|about|around|some|roughly|approximately|more\s+than|less\s+than|over|only|"
            r"just)\s+)?" + COUNT + r"[\s-]+" + UNIT + r"\s+(?:or\s+so\s+)?(?:ago|earlier|from\s+now|hence)\b"),
    ("vague", r"(?:the\s+)?(?:past|last|next|coming|recent)\s+(?:few|several|couple\s+of)\s+" + UNIT
              + r"|(?:in\s+)?(?:recent|coming|future|upcoming)\s+(?:years|months|weeks|days|quarters|decades)\b"
              + r"|(?:these|those)\s+days\b"),
    ("quarter", r"(?:(?:the|its|this\s+year's|last\s+year's|next\s+year's)\s+)?(?:(?:" + YEAR4 + r"|fiscal|calendar|"
                r"flat)[\s-]+)*(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter\b"
                r"|(?<![\w-])Q[1-4](?!\w)|(?<![\w-])H[12](?!\w)"
                r"|(?:the\s+)?(?:(?:" + YEAR4 + r"|fiscal)[\s-]+)?(?:first|second|last|latter)[\s-]+half\b"),
    ("finq", r"(?:the\s+|that\s+|this\s+)?(?:" + _FINQ_CORE + r"[\s-]+)*(?:fiscal[\s-]+)?(?:quarter|period)\b"
             r"|year-(?:ago|earlier)\b|(?:the\s+)?(?:" + YEAR4 + r")\s+(?:period|quarter)\b"),
    ("dur", r"(?:(?:the\s+)?(?:past|last|next|coming|first|final|previous|following)\s+)?(?:(?:nearly|almost|about|"
            r"around|some|roughly|approximately|more\s+than|less\s+than|over|only|just|at\s+least|up\s+to)\s+)?"
            + COUNT + r"[\s-]+(?:more\s+)?" + UNIT + r"(?:-long|-old)?\b"),
    ("rel", r"(?:the\s+)?(?:last|this|next|past|coming|previous|current|latest|following|present|prior|preceding)"
            r"\s+(?:fiscal\s+)?(?:week|weekend|month|year|quarter|decade|century|half)\b"
            r"|(?:the\s+)?(?:full|fiscal)\s+year\b|the\s+(?:weekend|month)\b|the\s+year\b(?![\s-]*(?:\d|two\b|nineteen|ago|earlier|end)|-)"
            r"|year[-\s]end\b|year's\s+end\b"),
    ("mdy", r"(?:(?:last|next|this|this\s+past|this\s+coming|coming|past)\s+)?(?:" + MONTH + r"|"
            + MONTH_ABBR_NODOT + r"(?=\s+\d))(?:\s*" + DAYNUM + r")?(?:\s*,?\s*" + YEAR4 + r"(?!\d))?(?!\w)"),
    ("dmy", r"(?:the\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?|" + ORD_WORD + r"\s+of)\s+(?:of\s+)?(?:" + MONTH + "|"
            + MONTH_ABBR_NODOT + r")(?:\s*,?\s*" + YEAR4 + r"(?!\d))?(?!\w)"),
    ("weekday", _PREFIX_LAST + r"(?:" + WEEKDAY + r")(?:s\b)?"),
    ("season", _PREFIX_LAST + r"(?:(?:the|that)\s+)?(?:spring|summer|fall|autumn|winter)\b"),
    ("decade", r"(?:the\s+)?(?:(?:1[6-9]|20)\d0|'\d0|[2-9]0)'?s\b|(?:the\s+)?(?:" + "|".join(DECADE_WORDS) + r")\b"
               r"|(?:the\s+)?(?:last|this|past|previous)\s+decade\b"),
    ("century", r"(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|" + ORD_WORD + r")[\s-]+century\b|this\s+century\b"),
    ("spelled", r"(?:the\s+year\s+)?" + SPELLED_YEAR + r"\b"),
    ("year", r"(?<![\d$£€.,])(?:(?:fiscal|calendar)\s+(?:year\s+)?|the\s+year\s+)?" + YEAR4
             + r"(?![\d%]|[.,]\d|\s*percent)\b"),
    ("holiday", r"(?:(?:last|next|this)\s+)?(?:thanksgiving|christmas(?:\s+eve)?|new\s+year's\s+(?:day|eve)"
                r"|election\s+day|independence\s+day|labor\s+day|memorial\s+day|veterans\s+day)(?:\s+day)?\b"),
    ("dayrel", r"(?:the\s+day\s+(?:before|after)\s+)?(?:today|yesterday|tomorrow|tonight)\b"),
    ("time", r"[0-2]?\d(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)" + TZ + r"|[0-2]?\d:[0-5]\d" + TZ
             + r"|(?:noon|midnight|midday)\b|[0-2]?\d\s+in\s+the\s+(?:morning|afternoon|evening)\b"),
    ("pod", r"(?:(?:this|last|that|the)\s+)?(?:morning|afternoon|evening|night)\b|overnight\b"),
    ("set", r"(?:every|each|per)\s+(?:other\s+)?(?:" + WEEKDAY + r"|year|month|week|day|quarter|morning|night|"
            r"evening|afternoon|hour)\b|(?:" + "|".join(SET_WORDS) + r")\b"),
    ("ref", "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in REFS), key=len, reverse=True)) + r"\b"),
    ("mod", r"(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle\s+of|end\s+of|beginning\s+of|start\s+of|close\s+of"
            r"|turn\s+of|earlier|later|around|about|approximately|roughly|nearly|almost|sometime)(?=[\s-])"),
]

ATOM_RE = re.compile(
    r"(?<![\w'])(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _ATOMS) + ")", re.IGNORECASE
)

_WORD = re.compile(r"[a-z]+|\d+", re.IGNORECASE)
_HINTS = {"last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "next": 1, "coming": 1,
          "following": 1, "this": 0, "current": 0, "present": 0, "latest": 0}
_UNIT_RE = re.compile(r"(year|month|weekend|week|day|decade|centur|quarter|hour|minute)", re.IGNORECASE)
_COUNT_RE = re.compile(r"(?<!\w)" + COUNT + r"(?!\w)", re.IGNORECASE)
_YEAR_RE = re.compile(YEAR4)
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_DAY_RE = re.compile(r"(?<![\w'])(" + DAYNUM + r")(?!\w)", re.IGNORECASE)
_MODAL_MONTH_OK = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|last|next|this|early|late|mid|through|during|before|after|from|to|and|"
    r"or|between|end|beginning|middle)[\s-]+$)", re.IGNORECASE)

Reader = Callable[[re.Match[str], str], "Frame | None"]


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


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


def _iso(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    y, mo, d = int(s[:4]), int(s[5:7]), int(s[8:10])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    fr = _f(m, year=y, month=mo, day=d)
    if len(s) > 10:
        fr.hour, fr.minute = int(s[11:13]), int(s[14:16])
    return fr


def _slash(m: re.Match[str], text: str) -> Frame | None:
    a, b, c = m.group(0).split("/")
    mo, d, y = int(a), int(b), int(c)
    if len(c) == 2:
        y += 1900 if y >= 50 else 2000
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return _f(m, year=y, month=mo, day=d)


def _ago(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    n = _count(s.split("ago")[0])
    unit = _unit(s)
    mod = "APPROX" if re.match(r"(nearly|almost|about|around|some|roughly|approx)", s) else None
    if n is None:
        return _f(m, ref="FUTURE_REF" if "from now" in s or "hence" in s else "PAST_REF")
    if n != int(n):
        return None
    sign = 1 if ("from now" in s or "hence" in s) else -1
    return _f(m, rel_unit=unit, rel_n=sign * int(n), mod=mod, ago=True)


def _vague(m: re.Match[str], text: str) -> Frame | None:
    w = _words(m.group(0))
    if w[0] in {"these", "those"}:
        return _f(m, ref="PRESENT_REF")
    if "recent" in w and "years" in w and "few" not in w:
        return _f(m, ref="PXY")
    return _f(m, ref="FUTURE_REF" if set(w) & {"next", "coming", "future", "upcoming"} else "PAST_REF")


def _quarter(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    w = _words(s)
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
    ordw = next((x for x in w if x in {"first", "second", "third", "fourth", "last", "latter", "1st", "2nd", "3rd",
                                       "4th"}), "first")
    num = {"last": 2, "latter": 2}.get(ordw) or ordinal_value(ordw) or 1
    if "half" in w:
        fr.half = min(num, 2)
    else:
        fr.quarter = num
    return fr


def _finq(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    ym = _YEAR_RE.search(s)
    if ym:
        return _f(m, year=int(ym.group(0)), fin="last" if "quarter" in s else None)
    if "ago" in s or "earlier" in s:
        return _f(m, fin="yago")
    if "current" in s:
        return _f(m, fin="cur")
    if "period" in s and not re.search(r"latest|recent|comparable|corresponding", s):
        return None
    return _f(m, fin="last")


def _dur(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    n = _count(s) if _COUNT_RE.search(s) else 1.0
    u = _unit(s)
    if n is None:
        return _f(m, dur=f"PX{u if u in 'YMWD' else 'Y'}")
    if u in {"H", "MIN"}:
        return _f(m, dur=f"PT{n:g}{'H' if u == 'H' else 'M'}")
    code = {"DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3), "WE": ("WE", 1)}.get(u, (u, 1))
    return _f(m, dur=f"P{n * code[1]:g}{code[0]}")


def _rel(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    w = _words(s)
    if "end" in w:
        return _f(m, rel_unit="Y", rel_n=0, mod="END")
    u = _unit(s)
    if w[-1] == "half":
        u = "H"
    hint = _hint(w)
    if u == "Q":
        if hint == 0 and ("current" in w):
            return _f(m, fin="cur")
        if hint in (0, None):
            return _f(m, fin="last")
        return _f(m, fin="q", rel_unit="Q", rel_n=hint)
    if u == "WE":
        return _f(m, rel_unit="WE", rel_n=hint if hint is not None else -1, weekend=True)
    return _f(m, rel_unit=u, rel_n=hint or 0, hint=hint)


def _month_ok(m: re.Match[str], text: str, word: str) -> bool:
    """'May' and 'March' are also verbs: alone, accept them capitalized and not opening a sentence."""
    lw = word.lower()
    if lw not in {"may", "march"} or m.group(0).lower().strip() != lw:
        return True
    if not word[0].isupper():
        return False
    before = text[max(0, m.start() - 12):m.start()]
    if _MODAL_MONTH_OK.search(before):
        return True
    stripped = before.rstrip(" \t\"'`(")
    return bool(stripped) and stripped[-1] not in ".!?:\n" and not re.match(r"\s+(?:be|have|not|also)\b",
                                                                              text[m.end():m.end() + 6])


def _mdy(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    mm = _MONTH_RE.search(s)
    whole = m.start() == 0 and m.end() == len(text)  # resolve_date: the mention is already found
    if mm is None or not (whole or _month_ok(m, text, mm.group(1))):
        return None
    rest = s[mm.end():]
    ym = _YEAR_RE.search(rest)
    dm = _DAY_RE.search(rest[: ym.start()] if ym else rest)
    day = ordinal_value(dm.group(1)) if dm else None
    if day is not None and not 1 <= day <= 31:
        return None
    if mm.group(1).lower() in {"may", "june", "july", "august"} and not mm.group(1)[0].isupper() \
            and day is None and ym is None and not text.islower():
        return None
    return _f(m, month=MONTHS[mm.group(1).lower()], day=day, year=int(ym.group(0)) if ym else None,
              hint=_hint(_words(s[: mm.start()])))


def _dmy(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    mm = _MONTH_RE.search(s)
    dm = _DAY_RE.search(s)
    if mm is None or dm is None:
        return None
    day = ordinal_value(dm.group(1))
    ym = _YEAR_RE.search(s[mm.end():])
    if day is None or not 1 <= day <= 31:
        return None
    return _f(m, month=MONTHS[mm.group(1).lower()], day=day, year=int(ym.group(0)) if ym else None)


def _weekday(m: re.Match[str], text: str) -> Frame | None:
    w = _words(m.group(0))
    day = next(WEEKDAYS[x.rstrip("s")] for x in w if x.rstrip("s") in WEEKDAYS)
    if w[-1].endswith("s") and w[-1] not in WEEKDAYS:
        return _f(m, set_=f"XXXX-WXX-{day}")
    hint = -1 if "past" in w else 1 if "coming" in w else _hint(w)
    return _f(m, weekday=day, hint=hint)


def _season(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    w = _words(s)
    if w[-1] in {"fall", "spring"} and len(w) == 1:
        after = text[m.end():m.end() + 12].lower()
        if not re.match(r"\s+of\s+(\d|nineteen|two)", after) and not re.search(
                r"\b(?:in|the|this|last|next|early|late|mid|of)[\s-]+$", text[max(0, m.start() - 8):m.start()], re.I):
            return None
    hint = -1 if "past" in w else 1 if "coming" in w else _hint(w)
    return _f(m, season=SEASONS[w[-1]], hint=hint)


def _decade(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    w = _words(s)
    if "decade" in w:
        return _f(m, rel_unit="DE", rel_n=_hint(w) or 0)
    if w[-1] in DECADE_WORDS:
        return _f(m, decade=f"19{DECADE_WORDS[w[-1]]}")
    digits = re.search(r"(\d+)", s)
    if digits is None:
        return None
    d = digits.group(1)
    if len(d) == 4:
        return _f(m, decade=d[:3])
    return _f(m, decade=("19" if d[0] != "0" else "20") + d[0])


def _century(m: re.Match[str], text: str) -> Frame | None:
    w = _words(m.group(0))
    if w[0] == "this":
        return _f(m, rel_unit="CE", rel_n=0)
    n = ordinal_value(w[1] if w[0] == "the" else w[0])
    if n is None or len(w) > 2 and w[0] != "the" and ordinal_value(w[0]) is None:
        n = ordinal_value(" ".join(w[1:-1] if w[0] == "the" else w[:-1]).replace(" ", "-"))
    return _f(m, century=f"{n - 1:02d}") if n else None


def _spelled(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0)
    y = spelled_year(re.sub(r"(?i)^the\s+year\s+", "", s))
    if y is None or (s.lower().startswith("two") and not s.lower().startswith("the year")):
        return None
    return _f(m, year=y)


def _year(m: re.Match[str], text: str) -> Frame | None:
    ym = _YEAR_RE.search(m.group(0))
    return _f(m, year=int(ym.group(0))) if ym else None


def _dayrel(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    n = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[s.split()[-1]]
    n += -1 if "before" in s else 1 if "after" in s else 0
    return _f(m, rel_unit="D", rel_n=n, pod="NI" if s.endswith("tonight") else None)


def _time(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    if "noon" in s or "midday" in s:
        return _f(m, hour=12, minute=0)
    if "midnight" in s:
        return _f(m, hour=24, minute=0)
    hm = re.match(r"(\d+)(?::(\d+))?", s)
    if hm is None:
        return None
    h, mi = int(hm.group(1)), int(hm.group(2) or 0)
    if "p" in s[hm.end():hm.end() + 3] or "afternoon" in s or "evening" in s:
        h = h + 12 if h < 12 else h
    elif ("a" in s[hm.end():hm.end() + 3] or "morning" in s) and h == 12:
        h = 0
    if h > 24 or (hm.group(2) is None and not re.search(r"[ap]\.?m|morning|afternoon|evening", s)):
        return None
    return _f(m, hour=h, minute=mi)


def _pod(m: re.Match[str], text: str) -> Frame | None:
    w = _words(m.group(0))
    if w[-1] == "overnight":
        return _f(m, pod="NI", anchored=False)
    fr = _f(m, pod=PARTS_OF_DAY[w[-1]], anchored=False)
    if w[0] == "this":
        fr.rel_unit, fr.rel_n, fr.anchored = "D", 0, True
    elif w[0] == "last" and w[-1] in {"night", "evening"}:
        fr.rel_unit, fr.rel_n, fr.anchored = "D", -1, True
    return fr


def _set(m: re.Match[str], text: str) -> Frame | None:
    w = _words(m.group(0))
    if w[-1] in SET_WORDS:
        return _f(m, set_=SET_WORDS[w[-1]])
    if w[-1] in WEEKDAYS:
        return _f(m, set_=f"XXXX-WXX-{WEEKDAYS[w[-1]]}")
    u = _unit(w[-1]) if w[-1] in {"year", "month", "week", "day", "quarter", "hour"} else "D"
    return _f(m, set_={"Q": "P3M", "H": "PT1H"}.get(u, f"P1{u}"))


def _ref(m: re.Match[str], text: str) -> Frame | None:
    key = re.sub(r"\s+", " ", m.group(0).lower())
    return _f(m, ref=REFS[key])


def _mod(m: re.Match[str], text: str) -> Frame | None:
    s = m.group(0).lower()
    mod = ("START" if re.search(r"early|beginning|start|earlier", s) else
           "END" if re.search(r"late|end|close|later", s) else
           "MID" if re.search(r"mid|middle", s) else
           "APPROX" if re.search(r"around|about|approx|roughly|sometime", s) else "LESS_THAN")
    return _f(m, mod=mod, anchored=False)


_HOLIDAYS = {"thanksgiving": (11, "4TH"), "christmas": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "election day": (11, "1TU"),
             "independence day": (7, 4), "labor day": (9, "1MO"), "memorial day": (5, "LMO"),
             "veterans day": (11, 11)}


def _holiday(m: re.Match[str], text: str) -> Frame | None:
    s = re.sub(r"\s+", " ", m.group(0).lower())
    w = s.split()
    hint = _HINTS.get(w[0]) if w[0] in {"last", "next", "this"} else None
    name = " ".join(w[1:] if hint is not None else w)
    name = name[: -len(" day")] if name.endswith(" day") and name not in _HOLIDAYS else name
    if name not in _HOLIDAYS:
        return None
    month, day = _HOLIDAYS[name]
    return _f(m, month=month, day=day if isinstance(day, int) else 15, holiday=None if isinstance(day, int) else day,
              hint=hint)


READERS: dict[str, Reader] = {"holiday": _holiday,
    "iso": _iso, "slash": _slash, "ago": _ago, "vague": _vague, "quarter": _quarter, "finq": _finq,
    "dur": _dur, "rel": _rel, "mdy": _mdy, "dmy": _dmy, "weekday": _weekday, "season": _season,
    "decade": _decade, "century": _century, "spelled": _spelled, "year": _year, "dayrel": _dayrel,
    "time": _time, "pod": _pod, "set": _set, "ref": _ref, "mod": _mod,
}


def mergeable(a: Frame, b: Frame) -> bool:
    """Whether two adjacent frames describe one time (no field said twice, no closed frame)."""
    if b.mod is not None and not b.anchored:
        return False
    if a.ref or a.dur or a.set_ or b.ref or b.dur or b.set_:
        return False
    return all(getattr(a, k) is None or getattr(b, k) is None for k in _MERGEABLE if k != "mod")


def merge(a: Frame, b: Frame) -> Frame:
    """Union of two compatible frames, spanning both."""
    out = Frame(a.start, b.end, anchored=a.anchored or b.anchored)
    for k in _COPY:
        va, vb = getattr(a, k), getattr(b, k)
        setattr(out, k, va if va is not None and va is not False else vb)
    return out

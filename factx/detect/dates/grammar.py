"""The date grammar: one compiled regex of atoms, and per-atom readers that turn a match into a Frame."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from factx.detect.dates.lexicon import (
    COUNT,
    DAYNUM,
    DECADE_WORDS,
    MONTH,
    MONTH_ABBR_NODOT,
    ORD_WORD,
    REFS,
    SET_WORDS,
    SPELLED_YEAR,
    TZ,
    UNIT,
    WEEKDAY,
    YEAR4,
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
    past: bool = False
    shift: str | None = (
        None  # 'the day before' (D-1), 'the day after' (D+1), 'the week of' (W): of the date that follows
    )
    ana: bool = False  # anaphoric: 'that day', 'the following year' resolve against the discourse date


_MERGEABLE = (
    "year",
    "month",
    "day",
    "weekday",
    "quarter",
    "half",
    "season",
    "decade",
    "century",
    "rel_unit",
    "fin",
    "pod",
    "hour",
    "mod",
    "ref",
    "dur",
    "set_",
)
_COPY = [f.name for f in fields(Frame) if f.name not in {"start", "end", "anchored"}]

_PREFIX_LAST = r"(?:(?:this\s+past|this\s+coming|last|next|this|coming|past|the\s+previous|the\s+following)\s+)?"
_FINQ_CORE = r"(?:year-?(?:ago|earlier)|latest|current|recent|most\s+recent|comparable|corresponding|same|flat)"

_ATOMS: list[tuple[str, str]] = [
    ("iso", r"\d{4}-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d(?::[0-5]\d)?)?(?!\d)"),
    ("slash", r"[01]?\d/[0-3]?\d/(?:\d{4}|\d{2})(?![/\d])"),
    (
        "shift",
        r"(?:the\s+)?(?:day\s+(?:before|after)|week\s+of)(?=\s+(?!yesterday|today|tomorrow|tonight)\w)",
    ),
    (
        "ana",
        r"(?:(?:earlier|later)\s+(?:in\s+)?)?(?:that\s+same|that|the\s+same|the\s+following|the\s+next|the\s+previous|"
        r"the\s+preceding|the\s+prior)\s+(?:day|week|month|year|morning|afternoon|evening|night)\b(?![\s-]+(?:ago|earlier|later))"
        r"|(?:earlier|later)\s+in\s+the\s+(?:day|week|month)\b|the\s+day\b(?!\s+(?:before|after)\s+(?:yesterday|today|tomorrow))"
        r"|(?:(?:nearly|almost|about|around|some|roughly|only|just)\s+)?" + COUNT + r"[\s-]+" + UNIT + r"\s+later\b",
    ),
    (
        "ago",
        r"(?:(?:nearly|almost|about|around|some|roughly|approximately|more\s+than|less\s+than|over|only|"
        r"just)\s+)?" + COUNT + r"[\s-]+" + UNIT + r"\s+(?:or\s+so\s+)?(?:ago|earlier|from\s+now|hence)\b",
    ),
    (
        "vague",
        r"(?:the\s+)?(?:past|last|next|coming|recent)\s+(?:few|several|couple\s+of)\s+"
        + UNIT
        + r"|(?:recent|coming|future|upcoming)\s+(?:years|months|weeks|days|quarters|decades)\b"
        + r"|(?:these|those)\s+days\b"
        + r"|a\s+(?:year|month|week)\s+or\s+two\b(?![\s-]+(?:ago|earlier|later|before|after))",
    ),
    (
        "quarter",
        r"(?:(?:the|its|this\s+year's|last\s+year's|next\s+year's)\s+)?(?:(?:" + YEAR4 + r"|fiscal|calendar|"
        r"flat)[\s-]+)*(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter\b"
        r"|(?<![\w-])Q[1-4](?!\w)|(?<![\w-])H[12](?!\w)"
        r"|(?:the\s+)?(?:(?:" + YEAR4 + r"|fiscal)[\s-]+)?(?:first|second|last|latter)[\s-]+half\b"
        r"|(?:the\s+)?(?:first|last|final|latter)\s+two\s+(?:fiscal\s+)?quarters\b",
    ),
    (
        "finq",
        r"(?:the\s+|that\s+|this\s+)?(?:" + _FINQ_CORE + r"[\s-]+)*(?:fiscal[\s-]+)?(?:quarter|period)\b(?!-)"
        r"|year-(?:ago|earlier)\b|(?:the\s+)?(?:" + YEAR4 + r")\s+(?:period|quarter)\b",
    ),
    (
        "dur",
        r"(?:(?:the\s+)?(?:past|last|next|coming|first|final|previous|following)\s+)?(?:(?:nearly|almost|about|"
        r"around|some|roughly|approximately|more\s+than|less\s+than|over|only|just|at\s+least|up\s+to)\s+)?"
        + COUNT
        + r"[\s-]+(?:more\s+)?"
        + UNIT
        + r"(?:-long|-old)?\b(?!-(?:ago|earlier))",
    ),
    (
        "rel",
        r"(?:the\s+)?(?:last|this|next|past|coming|previous|current|latest|following|present|prior|preceding)"
        r"\s+(?:fiscal\s+)?(?:week|weekend|month|year|quarter|decade|century|half)\b"
        r"|(?:the\s+)?(?:full|fiscal)\s+year\b|the\s+(?:weekend|month)\b|the\s+year\b(?![\s-]*(?:\d|two\b|nineteen|ago|earlier|end)|-)"
        r"|year[-\s]end\b|year's\s+end\b",
    ),
    (
        "mdy",
        r"(?:(?:last|next|this|this\s+past|this\s+coming|coming|past)\s+)?(?:"
        + MONTH
        + r"|"
        + MONTH_ABBR_NODOT
        + r"(?=\s+\d))(?:\s*"
        + DAYNUM
        + r")?(?:\s*,?\s*"
        + YEAR4
        + r"(?!\d))?(?!\w)",
    ),
    (
        "dmy",
        r"(?:the\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?|"
        + ORD_WORD
        + r"\s+of)\s+(?:of\s+)?(?:"
        + MONTH
        + "|"
        + MONTH_ABBR_NODOT
        + r")(?:\s*,?\s*"
        + YEAR4
        + r"(?!\d))?(?!\w)",
    ),
    ("weekday", _PREFIX_LAST + r"(?:" + WEEKDAY + r")(?:s\b)?"),
    ("season", _PREFIX_LAST + r"(?:(?:the|that)\s+)?(?:spring|summer|fall|autumn|winter)\b"),
    (
        "decade",
        r"(?:the\s+)?(?:(?:1[6-9]|20)\d0|'\d0|[2-9]0)'?s\b|(?:the\s+)?(?:" + "|".join(DECADE_WORDS) + r")\b"
        r"|(?:the\s+)?(?:last|this|past|previous)\s+decade\b",
    ),
    ("century", r"(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|" + ORD_WORD + r")[\s-]+century\b|this\s+century\b"),
    ("spelled", r"(?:the\s+year\s+)?" + SPELLED_YEAR + r"\b"),
    (
        "year",
        r"(?<![\d$£€.,])(?:(?:fiscal|calendar)\s+(?:year\s+)?|the\s+year\s+)?"
        + YEAR4
        + r"(?![\d%]|[.,]\d|\s*percent)\b",
    ),
    (
        "holiday",
        r"(?:(?:last|next|this)\s+)?(?:thanksgiving|christmas(?:\s+eve)?|new\s+year's\s+(?:day|eve)"
        r"|election\s+day|independence\s+day|labor\s+day|memorial\s+day|veterans\s+day"
        r"|easter(?:\s+(?:sunday|monday|week))?|good\s+friday|holy\s+week)(?:\s+day)?\b",
    ),
    ("dayrel", r"(?:the\s+day\s+(?:before|after)\s+)?(?:today|yesterday|tomorrow|tonight)\b"),
    (
        "time",
        r"[0-2]?\d(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)"
        + TZ
        + r"|[0-2]?\d:[0-5]\d"
        + TZ
        + r"|(?:noon|midnight|midday)\b|[0-2]?\d\s+in\s+the\s+(?:morning|afternoon|evening)\b",
    ),
    ("pod", r"(?:(?:this|last|that|the)\s+)?(?:morning|afternoon|evening|night)\b|overnight\b"),
    (
        "set",
        r"(?:every|each|per)\s+(?:other\s+)?(?:" + WEEKDAY + r"|year|month|week|day|quarter|morning|night|"
        r"evening|afternoon|hour)\b|(?:" + "|".join(SET_WORDS) + r")\b",
    ),
    (
        "ref",
        "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in REFS), key=len, reverse=True))
        + r"\b|this\s+(?:[a-z]+\s+)?moment\b|soon\b",
    ),
    (
        "nthday",
        r"(?:the\s+)?" + ORD_WORD + r"\s+(?:straight\s+|consecutive\s+|full\s+)?day\b(?=\s+(?:of|in|since)\b)",
    ),
    (
        "mod",
        r"(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle\s+of|end\s+of|beginning\s+of|start\s+of|close\s+of"
        r"|turn\s+of|earlier|later|around|about|approximately|roughly|nearly|almost|sometime)(?=[\s-])",
    ),
]

ATOM_RE = re.compile(r"(?<![\w'])(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _ATOMS) + ")", re.IGNORECASE)


def mergeable(a: Frame, b: Frame) -> bool:
    """Whether two adjacent frames describe one time (no field said twice, no closed frame)."""
    if b.mod is not None and not b.anchored:
        return False
    if a.ref or a.dur or a.set_ or b.ref or b.dur or b.set_:
        return False
    if (a.ana or b.ana) and a.hour is None and b.hour is None and a.pod is None and b.pod is None:
        return False  # 'the day Friday': two mentions, not one
    return all(getattr(a, k) is None or getattr(b, k) is None for k in _MERGEABLE if k != "mod")


def merge(a: Frame, b: Frame) -> Frame:
    """Union of two compatible frames, spanning both."""
    out = Frame(a.start, b.end, anchored=a.anchored or b.anchored)
    for k in _COPY:
        va, vb = getattr(a, k), getattr(b, k)
        setattr(out, k, va if va is not None and va is not False else vb)
    return out

"""Compiled regexes and context tests for the figure scanner: number tokens, what may stand left
of a number (currency, qualifier, sign) and right of it (scale, unit, currency, percent, noun)."""

from __future__ import annotations

import re

from factx.detect.figures.currency import (
    CURRENCY_NAMES,
    ISO_CODES,
    LOCAL_SIGNS,
    POSTFIX_SYMBOLS,
    SAFE_CODES,
    SYMBOLS,
    UPPER_CODES,
)
from factx.detect.figures.units import (
    BASIS_POINT_WORDS,
    CASED_UNITS,
    IRREGULAR_PLURALS,
    MONTHS,
    NOT_NOUNS,
    PERCENT_WORDS,
    POINT_WORDS,
    SCALES,
    UNITS,
)
from factx.detect.numbers import FRACTION_WORDS, ORDINAL_WORDS, VULGAR_FRACTIONS
from factx.detect.tokens import words


def _alt(words: object) -> str:
    """A regex alternation of literal words, longest first so "metric tons" beats "metric"."""
    forms = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms)


_CARDINALS = words(
    "zero naught nought one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions trillion trillions "
    "lakh lakhs crore crores dozen dozens half quarter"
)
_WORD = _alt(set(_CARDINALS) | ORDINAL_WORDS | FRACTION_WORDS)
_DATE = (
    r"\d{4}-\d{1,2}-\d{1,2}|\d{4}-W\d{1,2}|\d{4}-Q[1-4]|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.m\.|[ap]m\b)|\d{1,2}:\d{2}(?::\d{2})?"
    r"|\d{4}'?s\b|'\d0'?s\b|\d{1,3}(?:\.\d{1,3}){3}|[0-3]?\d\.[01]?\d\.\d{4}(?!\d)"
    r"|(?:1[89]|20)\d\d\s*[-–/]\s*(?:1[89]|20)?\d\d(?!\d)(?!\s*(?:%|percent|per\s+cent))"
)
_LOCAL_NUM = (
    r"\d{1,3}(?:[.\u00a0\u202f\u2009 ']\d{3})+,\d{1,2}(?![\d,])|\d{1,3}(?:'\d{3})+(?:\.\d{1,2})?(?![\d'])"
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d.])|\d+,\d{1,2}(?![\d,])"
)
"""Numerals grouped the way much of the world writes them: "2 285,81", "1'049,95", "1.144.000", "34,50"."""
_NUM = (
    r"(?:(?<![\w.,)\-–])(?=[-−])(?:[-−]|(?<![\d.,)%$€£]\s)[-−]\s))?"  # a spaced dash after a figure is no sign
    r"(?:(?=\d{1,3}[., '\u00a0\u202f\u2009]\d)(?:" + _LOCAL_NUM + r")|(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?!\d|,\d)|\d+)"
    r"(?:\.\d+)?(?:[eE][-+]?\d+(?![A-Za-z]))?(?:[ \u00a0]+\d{1,2}/\d{1,2}(?![\d/])|/\d+(?![\d/]))?"
    rf"[{VULGAR_FRACTIONS}]?|\.\d+|[{VULGAR_FRACTIONS}])"
)
TOKEN = re.compile(
    rf"(?P<date>(?<![\d.,]){_DATE})"
    r"|(?P<ord>(?<![\d.,])\d+(?:st|nd|rd|th)(?![A-Za-z]))"
    rf"|(?P<num>(?<![\d.,]){_NUM})"
    rf"|(?P<words>\b(?i:(?:{_WORD})(?:(?:\s+|\s*-\s*)(?:(?:and|point|of)\s+)?(?:an?\s+)?(?:{_WORD}))*)\b)"
)

_SCALE_WORDS = _alt(w for w in SCALES if len(w) > 2 or w in ("mn", "bn", "tn", "cr"))
SCALE = re.compile(rf"(?P<sp>\s*-?\s*)(?P<s>(?i:{_SCALE_WORDS})|mm|MM|[kK]|M(?![a-z]))(?![A-Za-z])")
MONEY_SUFFIX = re.compile(r"(?P<s>[mMbBtT])(?![A-Za-z])")

_PCT = _alt(PERCENT_WORDS)
_PP = _alt(POINT_WORDS)
_BP = _alt(BASIS_POINT_WORDS)
_CUR = _alt(k for k in CURRENCY_NAMES if k not in ("¢",)) + "|¢"
_UNIT = _alt(set(UNITS) | set(CASED_UNITS))
RIGHT = re.compile(
    rf"(?P<sp>\s*-\s*|\s*)(?:(?P<pp>(?i:{_PP}))|(?P<bp>(?i:{_BP}))|(?P<pct>(?i:{_PCT}))"
    rf"|(?P<cur>(?i:{_CUR})|{_alt(UPPER_CODES)})|(?P<sym>(?i:{_alt(POSTFIX_SYMBOLS)})(?!\s*[\d.]))"
    rf"|(?P<lsym>{_alt(LOCAL_SIGNS)})"
    rf"|(?P<unit>(?i:{_UNIT})))(?![A-Za-z0-9])"
)
AGE_TAIL = re.compile(r"(?i)(?:-old\b|\s+old\b|\s+of\s+age\b)")
TIME_TAIL = re.compile(
    r"(?i)\s*(?:[ap]\.m\.|[ap]m\b|o'clock\b|(?:GMT|EST|EDT|PST|PDT|UTC|CET)\b"
    r"|in\s+the\s+(?:morning|afternoon|evening)\b|at\s+night\b)"
)
# "six weeks ago", "10 days before the vote": a point in time, not a quantity.
AGO_TAIL = re.compile(r"(?i)\s*(?:ago|earlier|later|before|after|hence|from\s+now|back)\b")
TIME_UNITS = words("year month week day hour minute second decade century")
SPOKEN_YEAR = re.compile(
    r"(?i:(?:nineteen|twenty)[\s-]+(?:ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|oh)\b)"
)
OF_NEXT = re.compile(r"\s+of\b|\s*(?:[^\w\s-]|$)")
OF_AFTER = re.compile(r"\s+of\b|\s+(?:million|billion|thousand)\b", re.I)
VAGUE_BEFORE = re.compile(r"(?i)\b(?:few|several|many|some|numerous|tens\s+of|hundreds\s+of)\s+$")
YEAR_BEFORE = re.compile(r"(?i)\b(?:the\s+)?year\s+$")
NOUN1 = re.compile(r"[ \t]+(?P<n>[A-Za-z][a-z]{2,})\b")
NOT_ADJ = words("of and or to in on at for by with from the a an than that which who were are was is")
A_BEFORE = re.compile(r"(?<![A-Za-z])(?i:an?)\s+$")
A_WORDS = re.compile(
    r"(?i:hundred|thousand|million|billion|trillion|dozen|half|quarter|third|fourth"
    r"|fifth)\b"
)
NOUN = re.compile(r"[ \t]+(?:(?P<adj>[A-Za-z][a-z]+)[ \t]+)?(?P<n>[A-Za-z][a-z]{2,})\b")
SUBUNIT = re.compile(
    r"\s*,?\s*(?:and\s+)?(?P<n>\d{1,2}|(?i:[a-z]+(?:[\s-]+[a-z]+)?))\s*(?:(?P<u>(?i:cents?|c|¢|pence|p|sens?"
    r"|kopiykas))(?![A-Za-z])|(?=\s*(?:[.!?;)]|$)))"
)
FEET_INCHES = re.compile(r"\s*,?\s*(?:and\s+)?(?P<n>\d{1,2}(?:\.\d+)?)\s*(?:inches|inch|in\b|\"|'')")
ARTICLE = re.compile(r"\s+(?:of\s+)?an?(?=\s)")
CHANGE_VERB = re.compile(
    r"(?i:\b(?:ris|rose|fell|fall|increas|decreas|grew|grow|climb|jump|drop|cut|rais|reduc|lower|boost|slip|"
    r"slid|surg|soar|plung|tumbl|declin|gain|expand|shrink|widen|narrow|mov|chang|up|down)\w*[^.;]{0,25}$)"
)
BARE_FRACTION = re.compile(r"(?i:half|quarters?)")
PERIOD_BEFORE = re.compile(r"(?i:\b(?:the|first|second|third|fourth|this|last|next|other|latter|[a-z]+'s))\s+$")
# Range connectors: "10 to 15", "10-15", "8- to 16-meter", "between 10 and 15".
RANGE_SEP = re.compile(r"\s*(?:[-–—]\s*)?(?:to|through|and)\s+(?:about\s+|~\s*)?|\s*[-–—]\s*~?\s*")

_SYM_CHARS = _alt(k for k in SYMBOLS if not (k[:1].isascii() and k[:1].isalpha()))
_PREFIX_CODES = _alt(c for c in ISO_CODES if c not in UPPER_CODES and c.lower() not in SAFE_CODES)
CUR_PREFIX = re.compile(
    r"(?:(?<![A-Za-z])(?i:us|u\.s\.?|usd|c|cad|au|aud|nz|nzd|hk|nt|mex|mxn)\s?\$|(?<![A-Za-z])(?i:[asr])\$"
    rf"|(?<![A-Za-z])[A-Za-z]{{1,4}}\$|{_SYM_CHARS}|(?<![A-Za-z])(?:{_alt(LOCAL_SIGNS)})|(?<![A-Za-z])(?i:m(?:usd|eur|gbp|aud|cad|chf))"
    rf"|(?<![A-Za-z])(?:(?i:{_alt(SAFE_CODES)}|dollar|dollars|ringgit|rs|rm)|{_PREFIX_CODES})\.?)\s*$"
)
"""A currency written before an amount: a sign ("$", "CA$", "Kč", "Rp"), an ISO code, "MUSD"."""
_APPROX = (
    r"about|around|roughly|approximately|approx\.|some|an\s+estimated|estimated|circa|ca\.|c\.|~"
    r"|close\s+to"
)
_MORE = (
    r"more\s+than|over|above|exceeding|in\s+excess\s+of|upwards\s+of|greater\s+than|higher\s+than"
    r"|well\s+over"
)
_LEAST = r"at\s+least|no\s+less\s+than|no\s+fewer\s+than|a\s+minimum\s+of|not\s+less\s+than"
_LESS = r"less\s+than|fewer\s+than|under|below|lower\s+than|just\s+under|nearly|almost"
_MOST = r"up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of|as\s+many\s+as|as\s+much\s+as"
QUALIFIER = re.compile(
    rf"(?:(?<![A-Za-z])(?i:(?P<approx>{_APPROX})|(?P<more>{_MORE})|(?P<least>{_LEAST})|(?P<less>{_LESS})"
    rf"|(?P<most>{_MOST})))\s*$"
)
NEGATIVE_WORD = re.compile(r"(?<![A-Za-z])(?i:minus|negative)\s+$")
BETWEEN = re.compile(r"(?<![A-Za-z])(?i:between|from)\s+(?:\S+\s+){0,2}$")
RANGING = re.compile(r"(?i:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere|somewhere)\s+(?:from\s+)?$")
MONTH_BEFORE = re.compile(
    rf"(?<![A-Za-z])(?i:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\s*(?:the\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s*(?:,|and|or|to|through|-|–)\s*)?$"
)
MONTH_AFTER = re.compile(rf"\s*(?:of\s+)?(?i:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\b\.?")
CENTURY_AFTER = re.compile(
    r"(?i)\s*-?\s*(?:century|centuries|quarter|half|day|week|month|year|of\s+(?:the\s+)?month)\b"
)
IDENT_LEFT = re.compile(r"[A-Za-z][-/#]?$")


def is_plural_noun(word: str) -> bool:
    """A lower-case word that can be what a number counts ("troops", "people")."""
    w = word.lower()
    if w in NOT_NOUNS or not word[:1].islower():
        return False
    if w in IRREGULAR_PLURALS:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous"))


def month_near(text: str, start: int, end: int) -> bool:
    """A month name right before ("March 22") or after ("22 March", "22nd of May") the number."""
    return bool(MONTH_BEFORE.search(text, max(0, start - 22), start)) or bool(MONTH_AFTER.match(text, end))

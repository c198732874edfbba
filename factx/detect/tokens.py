"""Where words and sentences begin and end: one definition that the detectors, verify and the view share.

Sentence punctuation is written once here and every sentence pattern is built from it. The word
splitters are different readings of "a word", each named for what it serves; a new caller picks one
of them rather than writing another.
"""

from __future__ import annotations

import re

# Sentences ----------------------------------------------------------------------------------------

SENTENCE_MARKS = ".!?"
"""What ends a sentence."""
CLAUSE_MARKS = SENTENCE_MARKS + ":;"
"""What ends a sentence or a clause that the next words start afresh ("He said: Talks ...")."""
CLOSERS = "\"')]\u201d\u2019"
"""Closing quotes and brackets that may follow a sentence's mark ('... he said." Then')."""
OPENERS = "\"'`([\u201c\u2018"
"""Opening quotes and brackets that may come before a sentence's first word."""
ABBREVIATIONS = (
    *("Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col"),
    *("Corp", "Inc", "Co", "No"),
    *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
)
"""Capitalised words whose full stop ends no sentence ("Mr. Smith", "Corp. said", "Jan. 5"); a single
capital's ("U.S. officials", "John F. Kennedy") is ruled out in ``SENTENCE_BREAK`` itself."""


def _chars(chars: str) -> str:
    """A regex character class of ``chars``."""
    return "[" + re.escape(chars) + "]"


_NOT_ABBREVIATED = r"(?<!\b[A-Z]\.)" + "".join(rf"(?<!\b{a}\.)" for a in ABBREVIATIONS)

_MARK, _CLOSER, _OPENER = _chars(SENTENCE_MARKS), _chars(CLOSERS), _chars(OPENERS)
SENTENCE_BREAK = re.compile(rf"{_MARK}{_NOT_ABBREVIATED}{_CLOSER}*\s+(?={_OPENER}?[A-Z0-9])|\n\s*\n")
"""Where one sentence of running text ends and the next begins: a mark (not an abbreviation's full
stop), any closing quotes, white space, then a capital or a digit; or a blank line. The match starts
at the mark, so ``text[:m.start()]`` is the sentence without it."""


def sentence_bounds(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """Offsets of the sentence around ``text[start:end]``, its closing mark included, looking at most
    ``reach`` characters either side (a light splitter: a date's clause, the view's context)."""
    lo = max(0, start - reach)
    left = lo
    for m in SENTENCE_BREAK.finditer(text, lo, start):
        left = m.end()
    right = SENTENCE_BREAK.search(text, end, end + reach)
    return left, right.start() + 1 if right else min(len(text), end + reach)


LINE_ENDS_SENTENCE = re.compile(_chars(CLAUSE_MARKS + CLOSERS) + r"\s*\Z")
"""A line that ends as a sentence or clause does (a headline or caption usually does not)."""

AT_SENTENCE_START = re.compile(rf"(?:^|{_chars(CLAUSE_MARKS)}\s*|\n\s*){_OPENER}*\s*$")
"""Text before a word that ends where a sentence starts (nothing, a mark, a line break, then openers)."""

# Words --------------------------------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
"""A word as written, with its inner hyphens and apostrophes ("al-Qaeda", "O'Brien")."""
_WORD_OR_NUMBER = re.compile(WORD.pattern + r"|\d[\d.,]*")
_LETTERS_OR_DIGITS = re.compile(r"[a-z]+|\d+", re.IGNORECASE)
_NUMERAL_SPLIT = re.compile(r"[\s\-\u2010-\u2014]+")


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word-list string, as a frozen set (how the lexicons' long
    lists are written: ``words("attack assault bomb")``)."""
    return frozenset(text.split())


def text_words(text: str) -> list[str]:
    """The words and numbers of running text, lower-cased, in order ("al-Qaeda's 1,200" -> al-qaeda's,
    1,200): what verify compares between a model's words and the source's."""
    return [w.lower() for w in _WORD_OR_NUMBER.findall(text)]


def letter_digit_runs(text: str) -> list[str]:
    """Runs of letters and runs of digits, lower-cased ("mid-2012" -> mid, 2012; "3rd" -> 3, rd):
    how the date readers look a phrase's words up, whatever joins them."""
    return [w.lower() for w in _LETTERS_OR_DIGITS.findall(text)]


def numeral_words(text: str) -> list[str]:
    """The lower-cased words of a spelled-out number, split at spaces, hyphens and dashes
    ("Twenty-one thousand" -> twenty, one, thousand); digits and their separators stay whole."""
    return [w for w in _NUMERAL_SPLIT.split(text.lower().strip()) if w]

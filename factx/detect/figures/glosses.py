"""Where a figure sits in the text around it, for ``counts``: inside a parenthesis that glosses the phrase
before it ("participants (n = 30)", "the survey (range 66% to 88%)"), after a statistic's symbol
("p < 0.01", "t(39) = 1.2"), paired with another figure by "±" ("78 ± 0.6% of cells"), or one side of a
"vs." pair after a comparison ("more X than adults (54% vs. 14%)").

Read from the characters, not the parse: the tokenizer splits "t(39)" and "P=0.03" unevenly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from factx._types import FigureFact
from factx.detect.figures.tree import (
    PROPERTIES,
    Token,
    clause_subject,
    described,
    is_unit,
    sentence_start,
    subject,
)
from factx.detect.parse import tokens_between
from factx.detect.tokens import SENTENCE_MARKS

__all__ = [
    "Gloss",
    "compared",
    "enclosing_parenthesis",
    "glossed",
    "glossed_figure",
    "in_label",
    "plus_minus_pairs",
    "stat_owner",
]

_SEPARATORS = ",;"
_VERSUS = re.compile(r"(?:vs\.?|versus)\s*$", re.I)
_VERSUS_NEXT = re.compile(r"(?:vs\b|versus\b)", re.I)
_ABBREVIATIONS = ("vs", "ca", "e.g", "i.e", "al", "approx", "resp")  # a "." after these ends no sentence
_MAX_BACK = 80  # characters searched back for the opening parenthesis
# a statistic's symbol with its comparator: "n =", "p <", "r2 =", "t(39) =", "F(3, 8.9) =", "95% CI"
_STAT = re.compile(
    r"(?:^|(?<=\s))(?P<sym>[A-Za-zχβ][A-Za-z0-9²]{0,2}|LSD|SEM|OR|HR|RR)(?:\s*\([^()]*\))?\s*[=<>≤≥≈~∼]\s*$"
)
_INTERVAL = re.compile(r"^\s*\d+(?:\.\d+)?\s*%\s*(?:CI|confidence interval|credible interval)(?:\s*\[CI\])?\s*$", re.I)


@dataclass(frozen=True)
class Gloss:
    """A figure's place in a parenthesis: where "(" is, the label before the figure in its part of the
    parenthesis ("n =", "mean age", ""), the phrase a statistic's label names ("Fisher's exact test" in
    "(Fisher's exact test p = 0.02)"), and whether the label is a statistic or a confidence interval."""

    open_at: int
    label: str
    label_start: int
    named: tuple[int, int] | None
    statistic: bool
    interval: bool


def enclosing_parenthesis(text: str, start: int) -> Gloss | None:
    """The parenthesis the figure starting at ``start`` opens or sits in, else None (never across a
    sentence end or a closed parenthesis)."""
    depth = 0
    cut = start  # where the figure's own part of the parenthesis begins (after "(" or a separator)
    lowest = max(0, start - _MAX_BACK)
    i = start - 1
    while i >= lowest:
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return _gloss(text, i, cut if cut < start else i + 1, start)
            depth -= 1
        elif depth == 0 and ch in _SEPARATORS and cut == start:
            cut = i + 1
        elif (
            ch in SENTENCE_MARKS
            and i + 1 < len(text)
            and text[i + 1] == " "
            and depth == 0
            and not text[max(0, i - 6) : i].lower().endswith(_ABBREVIATIONS)
        ) or ch == "\n":
            return None
        i -= 1
    return None


def _gloss(text: str, open_at: int, cut: int, start: int) -> Gloss:
    label_start = cut
    while label_start < start and text[label_start].isspace():
        label_start += 1
    label = text[label_start:start]
    named = None
    stat = _STAT.search(label)
    if stat is not None:
        before = label[: stat.start()].rstrip()
        if any(c.isalpha() for c in before):
            named = (label_start, label_start + len(before))
    return Gloss(open_at, label.strip(), label_start, named, stat is not None, bool(_INTERVAL.match(label)))


def plus_minus_pairs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (k, k+1) of figures written "A ± B": one measurement and its spread, counting the same thing."""
    out = []
    for k in range(len(spans) - 1):
        between = text[spans[k][1] : spans[k + 1][0]]
        if between.strip() in ("±", "+/-", "+-") and len(between) <= 4:
            out.append((k, k + 1))
    return out


def in_label(token: Token, gloss: Gloss, f: FigureFact) -> bool:
    """``token`` is a property noun in the parenthesis' own label ("(mean age 54 years)", "(range 2-5%)")."""
    return bool(gloss.label_start <= token.idx < f.span.start and token.lemma_.lower() in PROPERTIES)


def stat_owner(doc: Any, gloss: Gloss, ids: set[int]) -> Token | None:
    """What a statistic in a parenthesis is of: the phrase its label names ("Fisher's exact test p = 0.02"),
    else the phrase before the parenthesis ("the host brain (n = 6)")."""
    if gloss.named is not None:
        toks = [t for t in tokens_between(doc, *gloss.named) if t.idx >= gloss.named[0] and t.i not in ids]
        heads = [t for t in toks if t.pos_ in ("NOUN", "PROPN") and not (t.head in toks and t.head.i != t.i)]
        if heads:
            return heads[-1]
    return glossed(doc, gloss.open_at, ids)


def glossed(doc: Any, open_at: int, ids: set[int]) -> Token | None:
    """The word a parenthesis glosses, from the token before it: a noun ("small pores (0.4 mm2)"), the noun
    of a numbered noun ("phase 3 (n = 8815)"), what an adjective describes ("sensitive (84%)"), or a verb's
    subject ("as Tb decreases (from 10 ms to 1 ms)")."""
    before = [t for t in tokens_between(doc, max(0, open_at - 40), open_at) if t.idx + len(t) <= open_at]
    if not before or before[-1].i in ids:
        return None
    token = before[-1]
    if token.like_num and token.dep_ == "nummod" and token.head.i < token.i:
        token = token.head
    if token.pos_ in ("NOUN", "PROPN") and not is_unit(token):
        return token
    if token.pos_ == "ADJ":
        return described(token, ids)
    if token.pos_ == "VERB":
        return subject(token, ids)
    return None


def glossed_figure(doc: Any, gloss: Gloss, where: dict[int, int]) -> int | None:
    """The figure right before the parenthesis ("an odds ratio of 2.8 (95% CI 1.7-4.9)"), if any."""
    before = [
        t for t in tokens_between(doc, max(0, gloss.open_at - 40), gloss.open_at) if t.idx + len(t) <= gloss.open_at
    ]
    return where.get(before[-1].i) if before else None


def compared(doc: Any, text: str, gloss: Gloss, f: FigureFact, ids: set[int]) -> Token | None:
    """The side of a comparison a figure gives in "A had more X than B (54% vs. 14%)": the first figure of a
    "vs." pair is A's (the comparison's subject), the second B's (what "than" names)."""
    first = _VERSUS_NEXT.match(text[f.span.end : f.span.end + 12].lstrip()) is not None
    if not first and _VERSUS.search(gloss.label) is None:
        return None
    before = [t for t in tokens_between(doc, max(0, gloss.open_at - 200), gloss.open_at) if t.idx < gloss.open_at]
    start = sentence_start(doc, before[-1]) if before else len(doc)
    than = next((t for t in reversed(before) if t.lower_ == "than" and t.i >= start), None)
    if than is None:
        return None
    if not first:
        return next((c for c in than.children if c.dep_ == "pobj" and c.i not in ids), None)
    return clause_subject(than, ids, 6)

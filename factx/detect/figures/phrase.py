"""The phrase a figure counts, as one contiguous span of the text: a head noun with its modifiers on the
left and its adjacent prepositional phrases, participles and conjuncts on the right ("seats in parliament",
"people killed", "sensitivity and specificity of the test"), never the figure itself."""

from __future__ import annotations

from typing import Any

from factx._types import FigureFact, Span
from factx.detect.figures.tree import Token
from factx.detect.parse import doc_text

_LEFT = frozenset(("compound", "amod", "nmod", "poss", "case", "npadvmod", "advmod", "hmod", "hyph"))
_MAX_WORDS = 12
_MAX_PHRASE = 18


def noun_phrase(doc: Any, token: Token, f: FigureFact, *, inside: bool = False) -> Span | None:
    """The head noun with its modifiers as one contiguous span (no determiner, no number); outside the
    figure unless the figure holds the noun itself ("15 rescue teams" -> "rescue teams")."""
    if token.pos_ in ("VERB", "AUX"):
        return Span.of(doc_text(doc), token.idx, token.idx + len(token))
    left = token.i
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if child.dep_ in _LEFT and _contiguous(child, left):
            left = child.left_edge.i
        else:
            break
    right = _right_edge(doc, token, left, f)
    while left < token.i and (
        doc[left].dep_ in ("det", "case", "quantmod", "nummod")
        or (doc[left].dep_ == "poss" and doc[left].pos_ == "PRON")
        or doc[left].is_punct
        or doc[left].like_num
        or (inside and doc[left].idx < f.span.end and doc[left].pos_ not in ("NOUN", "ADJ", "PROPN", "VERB"))
    ):
        left += 1
    start, end = doc[left].idx, doc[right].idx + len(doc[right])
    if not inside and start < f.span.end and f.span.start < end:  # the phrase holds the figure: keep what follows
        start = max(start, f.span.end)
        while start < end and not doc_text(doc)[start].isalnum():
            start += 1
        if start >= end:
            return None
    while end > start and doc_text(doc)[end - 1] in ",;:'\"()":
        end -= 1
    return Span.of(doc_text(doc), start, end)


def _right_edge(doc: Any, token: Token, left: int, f: FigureFact) -> int:
    """Where the noun phrase of ``token`` ends on the right: its adjacent modifiers ("seats in parliament",
    "people killed", "sensitivity and specificity of the test"), never past the figure, at most
    ``_MAX_WORDS`` words."""
    right = token.i
    for child in token.rights:
        if child.dep_ in ("cc", "punct"):
            continue
        gap = doc[right + 1 : child.i]
        if any(not (t.is_punct or t.dep_ == "cc") for t in gap) or (gap and child.dep_ != "conj"):
            break  # not adjacent (a conjunct may follow its "and" or comma)
        if child.idx < f.span.end and f.span.start < child.right_edge.idx + 1:
            break  # the phrase that holds the figure itself ("inventory of 4.5 kg")
        if child.right_edge.i + 1 < len(doc) and doc[child.right_edge.i + 1].idx == f.span.start:
            break  # the words that introduce the figure ("a plate of thickness 0.02 m")
        if child.right_edge.i - left >= _MAX_PHRASE:
            break
        if child.dep_ == "prep":
            right = child.right_edge.i
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            right = child.i  # "people killed"
        elif child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            right = child.right_edge.i
        else:
            break
    return int(right)


def _contiguous(child: Token, left: int) -> bool:
    """``child``'s subtree ends right before ``left`` (so adding it keeps the phrase in one piece)."""
    return bool(child.right_edge.i == left - 1 and child.left_edge.i >= max(0, left - _MAX_WORDS))

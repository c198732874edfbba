"""Whose quantity a figure is when its own phrase names only a symbol, a list's property or a substance,
for ``counts``: "a spectrum with fp = 0.5 Hz" (the spectrum), "The conditions were as follows: a laser
energy of 0.5 nJ, ..." (the conditions), "medium supplemented with 2 mM glutamine" (the medium)."""

from __future__ import annotations

from typing import Any

from factx.detect.figures.tree import PROPERTIES, Token, child_of, clause_subject, of_object, sentence_start, subject

__all__ = ["adjacent", "header_owner", "is_symbol", "mixture_owner", "repeated", "symbol_owner"]

_BE = frozenset(("be", "is", "was", "are", "were", "been", "being"))
_OWN = frozenset(("of", "in", "for", "at", "within"))
_SYMBOL_PREPS = frozenset(("with", "at", "to", "for", "in", "on", "of"))
# participles that add substances to a mixture: what a concentration listed after them is *in*
_ADDING = frozenset(("supplement", "contain", "enrich", "dope", "spike", "fortify", "amend"))
# nouns that count how often something happened, not things: "flew by 14 times", "cultured for 10 passages"
_ITERATIONS = frozenset(("time", "occasion", "passage", "fold", "round", "repetition", "replicate"))
_FOLLOWS = ("as follows", "the following", "following", "as below")


def is_symbol(token: Token) -> bool:
    """A symbol an equation names ("x", "dt", "p0", "ηnet", "T0"), not a word of the text ("speed")."""
    text = token.text
    if not any(c.isalpha() for c in text) or len(text) > 5:
        return False
    return not (text.isascii() and text.isalpha() and text.islower() and len(text) > 3)


def symbol_owner(doc: Any, sym: Token, ids: set[int]) -> Token | None:
    """What the system a symbol belongs to is, read from the word before it: "a spectrum with fp = 0.5 Hz"
    -> spectrum; "extended the model to p0 = 1 μbar" -> model; "was defined to be P ≡ 10 min" -> the
    subject; "with a time step of Δt = 12 s" -> what the step belongs to. None when nothing says."""
    if sym.i < 1:
        return None
    before = doc[sym.i - 1]
    if before.lower_ in ("and", ","):  # "with fp = 0.5 Hz and Hp = 1.8 cm": the first symbol's system
        equals = next((t for t in reversed(doc[max(0, sym.i - 7) : before.i]) if t.text in ("=", "≡")), None)
        if equals is not None and equals.i >= 1 and is_symbol(doc[equals.i - 1]) and doc[equals.i - 1].i != sym.i:
            return symbol_owner(doc, doc[equals.i - 1], ids)
        return None
    if before.lower_ in _BE and before.pos_ == "AUX":
        return subject(before, ids)
    if before.lower_ not in _SYMBOL_PREPS or before.i in ids:
        return None
    holder = before.head
    if before.lower_ == "of" and holder.pos_ in ("NOUN", "PROPN"):
        return _holder_of(holder, ids) or holder
    return _holder_of(before, ids, prep=True)


def _holder_of(token: Token, ids: set[int], *, prep: bool = False) -> Token | None:
    """The noun or verb a preposition (``prep``) or a noun's preposition hangs on: that noun, else the verb's
    object or subject."""
    if not prep:
        if token.dep_ != "pobj" or token.head.pos_ != "ADP" or token.head.lower_ in ("of", "than", "from"):
            return None
        token = token.head
    holder = token.head
    if holder.i == token.i or holder.i in ids:
        return None
    if holder.pos_ in ("NOUN", "PROPN") and holder.lemma_.lower() not in PROPERTIES:
        return holder
    if holder.pos_ in ("VERB", "AUX") and token.lower_ == "with":  # "with dt = 12 s, the run took a day"
        return subject(holder, ids) or child_of(holder, ("dobj",), ids)
    if holder.pos_ in ("VERB", "AUX"):
        return child_of(holder, ("dobj",), ids) or subject(holder, ids)
    return None


def header_owner(doc: Any, prop: Token, ids: set[int]) -> Token | None:
    """The header of the list a property noun is an item of ("The conditions were as follows: a laser energy
    of 0.5 nJ, ..." -> conditions; "Test conditions: a load of 5 kN" -> conditions), else None."""
    if prop.lemma_.lower() not in PROPERTIES:
        return None
    start = sentence_start(doc, prop)
    colon = next((t for t in reversed(doc[start : prop.i]) if t.text in (":", ";")), None)
    if colon is None or colon.text != ":" or colon.i < 1:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc[colon.i : prop.i + 1]) or of_object(prop, _OWN, ids) is not None:
        return None  # a clause after the colon ("Results: the well had a depth of 40 m") says its own owner
    if any(t.pos_ in ("VERB", "AUX") and t.head.i == prop.i for t in prop.rights):
        return None
    before = doc[start : colon.i]
    last = doc[colon.i - 1]
    if any(before.text.lower().endswith(w) for w in _FOLLOWS):
        verb = next(
            (t for t in before if t.dep_ == "ROOT" or (t.pos_ in ("VERB", "AUX") and t.head.i >= colon.i)), None
        )
        return None if verb is None else subject(verb, ids)
    if last.pos_ in ("NOUN", "PROPN") and last.lemma_.lower() not in PROPERTIES and last.i not in ids:
        return last
    return None


def mixture_owner(doc: Any, first: Token, ids: set[int]) -> Token | None:
    """The mixture a listed amount is in: "medium supplemented with 10% serum, 2 mM glutamine and ..." ->
    medium; "a buffer containing 5 mM NaCl" -> buffer. The list runs from the participle to the figure
    with no other verb or ";" between."""
    start = sentence_start(doc, first)
    after = max(ids) + 1
    if after < len(doc) and doc[after].pos_ == "ADJ" and any(doc[i].head.i == after for i in ids):
        return None  # "a layer (1 mm thick)": a size, not an amount in the mixture
    for t in reversed(doc[start : first.i]):
        if t.text == ";" or t.i in ids or (t.pos_ == "ADP" and t.lower_ not in ("with", "of")):
            return None
        if t.lower_ in ("the", "this", "these", "those") or t.pos_ == "PRON":
            return None  # "contained 43% and the others 40%": a new subject, not the next item
        if t.pos_ in ("VERB", "AUX") or t.tag_ in ("VBN", "VBG"):
            if t.lemma_.lower() not in _ADDING:
                return None
            return _mixture(doc, t, start)
    return None


def _mixture(doc: Any, verb: Token, start: int) -> Token | None:
    """The noun an adding participle describes: its head, else the noun written before it (past a
    parenthesis: "DMEM medium (Gibco) supplemented with")."""
    if verb.dep_ in ("acl", "amod", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    depth = 0
    for t in reversed(doc[start : verb.i]):
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            depth -= 1
        elif depth == 0:
            return t if t.pos_ in ("NOUN", "PROPN") else None
    return None


def repeated(noun: Token, ids: set[int]) -> Token | None:
    """What was repeated when the counted noun only counts repetitions ("the probe flew by 14 times", "cells
    were cultured for 10 passages" -> probe, cells): the subject of the verb the figure hangs on."""
    if noun.lemma_.lower() not in _ITERATIONS:
        return None
    return clause_subject(noun, ids, 4)


def adjacent(doc: Any, ids: set[int]) -> Token | None:
    """For a figure the parse attaches to nothing useful, the words written beside it: a dimension adjective
    after it ("complete 4.8 m long cores" -> cores) or a property noun before it ("a plate of thickness
    0.025 m" -> plate; "with thickness 2 mm" -> thickness)."""
    after, before = max(ids) + 1, min(ids) - 1
    if after < len(doc) and doc[after].pos_ == "ADJ" and doc[after].dep_ == "amod":
        head = doc[after].head
        if head.i > after and head.pos_ in ("NOUN", "PROPN"):
            return head
    if before < 0 or doc[before].lemma_.lower() not in PROPERTIES or doc[before].pos_ != "NOUN":
        return None
    prop = doc[before]
    if prop.dep_ == "pobj" and prop.head.lower_ == "of" and prop.head.head.pos_ in ("NOUN", "PROPN"):
        return prop.head.head if prop.head.head.i not in ids else None
    return prop

"""Walking the spaCy parse for ``counts``: a verb's subject, a preposition's object, what an adjective
describes, whether a token is a unit, and the general English nouns that name a measured property."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from factx.detect.figures.currency import CURRENCY_NAMES
from factx.detect.figures.units import CASED_UNITS, UNITS

__all__ = [
    "PROPERTIES",
    "SUBJECTS",
    "Token",
    "child_of",
    "described",
    "is_unit",
    "of_object",
    "sentence_start",
    "subject",
    "unit_like",
]

Token = Any  # spacy.tokens.Token; spaCy ships no type stubs

SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj"))

# general English nouns that name a measured property (what a reading is *of* is its owner)
PROPERTIES = frozenset(
    (
        "modulus",
        "depth",
        "length",
        "width",
        "height",
        "temperature",
        "concentration",
        "rate",
        "ratio",
        "size",
        "mass",
        "weight",
        "density",
        "pressure",
        "velocity",
        "speed",
        "thickness",
        "diameter",
        "radius",
        "proportion",
        "percentage",
        "fraction",
        "level",
        "content",
        "yield",
        "duration",
        "frequency",
        "strength",
        "stiffness",
        "viscosity",
        "conductivity",
        "resistance",
        "resistivity",
        "voltage",
        "current",
        "power",
        "energy",
        "intensity",
        "flux",
        "area",
        "volume",
        "porosity",
        "permeability",
        "altitude",
        "elevation",
        "distance",
        "age",
        "time",
        "period",
        "amount",
        "number",
        "count",
        "dose",
        "dosage",
        "capacity",
        "efficiency",
        "sensitivity",
        "specificity",
        "accuracy",
        "precision",
        "error",
        "value",
        "score",
        "range",
        "magnitude",
        "amplitude",
        "wavelength",
        "salinity",
        "acidity",
        "ph",
        "hardness",
        "toughness",
        "strain",
        "stress",
        "load",
        "variance",
    )
)


def described(adj: Token, ids: set[int]) -> Token | None:
    """What an adjective the figure measures describes: its noun ("a 1 mm thick layer") or the subject of
    its copula ("the plants were 40% taller")."""
    if adj.dep_ == "amod" and adj.head.pos_ in ("NOUN", "PROPN"):
        return adj.head
    if adj.dep_ in ("acomp", "oprd", "attr", "advmod") and adj.head.pos_ in ("VERB", "AUX"):
        return subject(adj.head, ids)
    return None


def of_object(token: Token, preps: frozenset[str], ids: set[int]) -> Token | None:
    """The object of an "of"-like preposition on ``token`` ("tonnes of wheat" -> wheat)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = child_of(child, ("pobj",), ids)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and obj.ent_type_ not in ("DATE", "TIME"):
                return obj
    return None


def child_of(token: Token, deps: Collection[str], ids: set[int]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps and c.i not in ids), None)


def subject(verb: Token, ids: set[int]) -> Token | None:
    """The verb's subject, through "xcomp"/"conj" chains and relative clauses; never a pronoun."""
    for _ in range(4):
        subj = child_of(verb, SUBJECTS, ids)
        if subj is not None:
            if subj.pos_ == "PRON" or subj.tag_ == "WDT":
                return verb.head if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") else None
            return subj if subj.pos_ in ("NOUN", "PROPN") else None
        if verb.dep_ == "ccomp" and verb.lemma_ == "be" and verb.head.i < verb.i and verb.head.tag_ in ("VBD", "VBN"):
            return subject(verb.head, ids)  # "the variance explained for X was 96%": a reduced relative misparsed
        if verb.dep_ not in ("xcomp", "conj", "advcl", "relcl", "acl") or verb.head.i == verb.i:
            return None
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        verb = verb.head
    return None


def clause_subject(token: Token, ids: set[int], steps: int) -> Token | None:
    """The subject of the first verb above ``token`` within ``steps`` heads (None at the root)."""
    for _ in range(steps):
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return subject(token, ids)
        if token.head.i == token.i:
            return None
    return None


def unit_like(token: Token) -> bool:
    """A unit or symbol, not a counted noun: in the unit lexicon, or short and not a lower-case word."""
    text = token.text
    if text in CASED_UNITS or text.lower() in UNITS or text.lower() in CURRENCY_NAMES:
        return True
    return (len(text) <= 4 and not text.islower()) or any(not c.isalpha() for c in text)


def is_unit(token: Token) -> bool:
    """In the unit lexicon, or a symbol with no letter ("%")."""
    text = token.text
    return text in CASED_UNITS or text.lower() in UNITS or not any(c.isalpha() for c in text)


def sentence_start(doc: Any, token: Token) -> int:
    """Index of the first token of ``token``'s sentence (0 when the parse set no sentence boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return 0
    return int(token.sent.start)

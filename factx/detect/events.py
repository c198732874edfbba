"""Detect, for events: sentences and candidate event clauses found by code (spaCy's parser).

The model never has to find or copy an event: it is offered these candidates by id and makes a
small, constrained choice among them. Names, places and evidence spans come from the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from factx.detect.parse import parse

_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "conj", "relcl", "parataxis", "xcomp", "acl", "pcomp", "csubj"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NOT_PLACES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
_PLACE_PREPS = {"in", "at", "near", "outside", "across", "inside", "into", "from", "to"}
_BACKGROUND = {  # reporting, cognition and state verbs: events only if the model says so
    "say",
    "tell",
    "add",
    "note",
    "state",
    "quote",
    "explain",
    "comment",
    "be",
    "have",
    "seem",
    "appear",
    "mean",
    "know",
    "think",
    "believe",
    "ask",
    "write",
    "describe",
    "accord",
}
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class EventCandidate:
    """An action code found: the verb (trigger), its clause (evidence), who did it and where."""

    key: str
    sentence: int
    trigger: tuple[int, int]
    clause: tuple[int, int]
    description: str
    actors: tuple[str, ...]
    location: str | None
    main: bool = True
    """True for a main clause (or what a reporting verb reports): kept without asking the model."""


def analyse(text: str) -> tuple[list[Sentence], list[EventCandidate]]:
    """Sentences of ``text`` and the candidate event clauses in each, in text order."""
    doc = parse(text)
    sentences: list[Sentence] = []
    candidates: list[EventCandidate] = []
    for index, sent in enumerate(doc.sents):
        sentences.append(Sentence(sent.start_char, sent.end_char))
        verbs = [t for t in sent if _is_event_verb(t)]
        for verb in verbs:
            start, end = _clause(verb, verbs)
            candidates.append(
                EventCandidate(
                    key=f"c{len(candidates) + 1}",
                    sentence=index,
                    trigger=(verb.idx, verb.idx + len(verb.text)),
                    clause=(start, end),
                    description=_describe(text[start:end], verb),
                    actors=_actors(verb),
                    location=_location(verb, start, end),
                    main=_is_main(verb) and verb.lemma_.lower() not in _BACKGROUND,
                )
            )
    return sentences, candidates


def _is_event_verb(token: Any) -> bool:
    return bool(token.pos_ == "VERB" and token.dep_ in _CLAUSE_DEPS and token.is_alpha)


def _is_main(verb: Any) -> bool:
    """A main-clause verb: the root, or a verb coordinated with it or reported by it ("X happened, they said")."""
    current = verb
    for _ in range(6):
        if current.dep_ == "ROOT":
            return True
        if current.dep_ not in ("conj", "parataxis", "ccomp"):
            return False
        current = current.head
    return False


def _clause(verb: Any, verbs: list[Any]) -> tuple[int, int]:
    """The verb's subtree without the clauses of other candidate verbs below it, trimmed of punctuation."""
    nested = {t.i for v in verbs if v is not verb and v.head is not v and _is_below(v, verb) for t in v.subtree}
    tokens = [t for t in verb.subtree if t.i not in nested or t.i == verb.i]
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ in ("cc", "mark")):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens.pop()
    if not tokens:
        return verb.idx, verb.idx + len(verb.text)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _is_below(token: Any, ancestor: Any) -> bool:
    return any(a.i == ancestor.i for a in token.ancestors)


def _subject(verb: Any) -> Any | None:
    """The verb's own subject, else the subject of the verb it is coordinated with or modifies."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if current.dep_ in ("conj", "advcl", "xcomp") and current.head is not current:
            current = current.head
        else:
            return None
    return None


def _actors(verb: Any) -> tuple[str, ...]:
    """Who acted: the active subject (not a passive one, not a quantity), or the "by ..." agent."""
    subject = _subject(verb)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head  # "floodwaters that swept": the noun the clause is about
    found: list[str] = []
    if subject is not None and subject.dep_ != "nsubjpass" and not _is_quantity(subject):
        found.append(_name_of(subject))
        for conj in subject.conjuncts:  # "Mali and Niger signed"
            found.append(_name_of(conj))
    for child in verb.children:  # "was attacked by the army"
        if child.dep_ == "agent":
            found += [_name_of(t) for t in child.children if t.dep_ == "pobj"]
    return tuple(dict.fromkeys(a.strip() for a in found if a.strip()))[:4]


def _is_quantity(noun: Any) -> bool:
    return any(t.like_num or t.ent_type_ in _NOT_PLACES for t in noun.subtree)


def _name_of(noun: Any) -> str:
    """The named entity a noun belongs to, else its noun phrase ("local officials")."""
    if noun.ent_type_ in _ACTOR_LABELS:
        return _entity_text(noun)
    if noun.pos_ == "PRON":
        return ""
    return _WS.sub(" ", noun.doc[_noun_start(noun) : noun.i + 1].text)


def _entity_text(token: Any) -> str:
    """The entity around ``token``, with a title before it ("Governor" + "Amara Lindqvist")."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            start = ent.start
            while start > 0 and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].ent_type_ == "":
                start -= 1
            return str(token.doc[start : ent.end].text)
    return str(token.text)


def _noun_start(noun: Any) -> int:
    start = int(noun.i)
    for child in noun.lefts:
        if child.dep_ in ("compound", "amod", "nummod", "poss"):
            start = min(start, child.left_edge.i)
    return start


def _location(verb: Any, start: int, end: int) -> str | None:
    """A place named after "in/at/near ..." inside the clause (NER label or proper noun)."""
    for token in verb.doc[verb.left_edge.i : verb.right_edge.i + 1]:
        if token.idx < start or token.idx >= end or token.dep_ != "pobj" or token.head.lower_ not in _PLACE_PREPS:
            continue
        place = _place(token)
        if place is None and token.pos_ == "NOUN":  # "in the port of Mirela"
            of = [c for p in token.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
            place = _place(of[0]) if of else None
        if place:
            return place
    return None


def _place(token: Any) -> str | None:
    if token.ent_type_ in _PLACE_LABELS:
        return _entity_text(token)
    if token.pos_ == "PROPN" and token.ent_type_ not in _NOT_PLACES:
        return _entity_text(token) if token.ent_type_ else _proper_name(token)
    return None


def _proper_name(token: Any) -> str:
    start = min([token.i] + [c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
    return str(token.doc[start : token.i + 1].text)


def _describe(clause: str, verb: Any) -> str:
    text = _WS.sub(" ", clause).strip()
    subject = _subject(verb)
    if subject is not None and subject.idx < verb.idx and subject.text not in text:
        text = f"{_WS.sub(' ', subject.doc[_noun_start(subject) : subject.i + 1].text)} {text}"
    return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "..."

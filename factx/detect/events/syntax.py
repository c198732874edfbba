"""What the role and place readers share: the ``Role`` record, the phrase of an argument, and small
questions asked of spaCy tokens (a verb's subject, a relative pronoun's antecedent, a quantity)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from factx.detect.entities import TITLES, Entities
from factx.detect.events.lexicon import EVENT_NOUNS, INSTRUMENTS, LIGHT_VERBS
from factx.detect.events.senses import is_measure
from factx.detect.parse import entity_at

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACES = {
    "DATE",
    "TIME",
    "MONEY",
    "PERCENT",
    "QUANTITY",
    "CARDINAL",
    "ORDINAL",
    "PERSON",
    "NORP",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
    "LANGUAGE",
}
_PEOPLE_PRONOUNS = {"they", "them", "we", "us", "he", "she", "him", "her", "i", "you", "who"}
NAMED_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
HARMED = {"attack", "die_injure", "damage_destroy", "arrest_charge"}
"""Types whose object is harmed (a patient) rather than moved or said (a theme)."""
SUBSTANCES = frozenset({"floodwater", "floodwaters", "water", "waters", "lava", "mud", "wind", "winds", "rain"})
"""noun.substance / noun.phenomenon heads that act as forces ("Floodwaters swept through the port"): a flood
event is "the flood", its water is what sweeps."""
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Role:
    """One participant (or the place) of a candidate: its role, span in the text and entity."""

    role: str
    start: int
    end: int
    name: str
    entity_id: str | None
    head: int
    """The character offset of the phrase's head token (for linking figures and dates)."""


class Reader:
    """Reads phrases from one parsed block; ``offset`` maps block offsets to text offsets."""

    def __init__(self, offset: int, entities: Entities) -> None:
        self.offset = offset
        self.entities = entities

    def phrase(self, token: Any, role: str) -> Role | None:
        """The phrase of an argument: its entity (title included) or its noun phrase, named canonically."""
        entity = self.entities.of_token(token, self.offset)
        if token.pos_ == "PRON" and entity is None and token.lower_ not in _PEOPLE_PRONOUNS:
            return None  # an unresolved "it", "which", "that" names no one; "they" is kept as written
        if token.pos_ == "NUM" or token.like_num:  # "No one was hurt" names no one: the "no" stays
            start = min((c.i for c in token.lefts if c.dep_ == "det" and c.lower_ == "no"), default=token.i)
            end = token.i
        else:
            start, end = noun_start(token), token.i
        ent = entity_at(token)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end - 1)
        doc = token.doc
        if role in ("theme", "patient") and token.ent_type_ not in NAMED_TYPES:  # "a state of emergency"
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > token.i), None)
            if of is not None and of.right_edge.i - token.i <= 6:  # a fronted "Of those, 17 ..." is no part
                end = of.right_edge.i
        if doc[end].tag_ == "POS" and end > start:
            end -= 1
        s, e = doc[start].idx, doc[end].idx + len(doc[end].text)
        text = _WS.sub(" ", doc[start : end + 1].text).strip()
        name = entity.name if entity is not None else text
        entity_id = entity.id if entity else None
        return Role(role, s + self.offset, e + self.offset, name, entity_id, token.idx + self.offset)


def subject_of(verb: Any) -> Any | None:
    """The verb's own subject, else that of the verb it is coordinated with or complements.

    A nominal subject is preferred to a mis-parsed one ("Is" of a quoted question); an infinitival
    modifier has none ("the opportunity to attack" is no attack by the opportunity).
    """
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECTS]
        if subjects:
            return next((c for c in subjects if c.pos_ not in ("AUX", "VERB")), None)
        if current.dep_ == "advcl" and current.tag_ == "VBG":  # "a device that exploded, wounding 13"
            current = _clause_before(current)
        elif current.dep_ in ("conj", "xcomp", "advcl", "acomp") and current.head is not current:
            current = current.head
        elif current.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
            return None
        elif current.dep_ in ("relcl", "acl") and current.head is not current:
            return current.head
        else:
            return None
    return None


def _clause_before(participle: Any) -> Any:
    """The verb a trailing participle ("..., killing 13") tells the result of: the nearest verb before it
    under its parsed head, where the parser hangs it on a farther one ("police are hunting a suspect who
    left a device that exploded, wounding 13": the explosion wounded them, not the hunt)."""
    head = participle.head
    if head.i > participle.i:
        return head
    verbs = [t for t in participle.doc[head.i + 1 : participle.i] if t.pos_ == "VERB" and head in t.ancestors]
    return verbs[-1] if verbs else head


def antecedent(token: Any) -> Any:
    """A relative pronoun stands for the noun its clause modifies ("the British-Libyan who carried out")."""
    if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def named_apposition(token: Any) -> Any:
    """The named member of an apposition: "One of them, Mr William Craig," and "Salman Abedi, the bomber"
    both name William Craig / Salman Abedi, the entity the text gives."""
    if token.ent_type_ in NAMED_TYPES:
        return token
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return child
    if token.dep_ == "appos" and token.head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return token.head
    return token


def agent_role(token: Any, kind: str) -> str | None:
    """The role of a would-be agent: none for a quantity, a measure or a date; a weapon ("killed by an
    improvised explosive device") is the instrument; an event is the theme of what it does not do
    ("deployments discussed", "the quake struck") and the agent only of a harm it does ("the flood
    destroyed the terminal", a natural force that destroys)."""
    if is_quantity(token) or token.ent_type_ in ("DATE", "TIME") or is_measure(token):
        return None
    if token.ent_type_ == "" and token.lemma_.lower() in INSTRUMENTS:
        return "instrument"
    if named_event(token) is not None:  # a flood or a quake does harm ("The flood destroyed the terminal")
        return "agent" if kind in HARMED else "theme"
    return "agent"


def named_event(token: Any) -> Any | None:
    """The event noun a phrase names ("the quake", "A magnitude 7.1 earthquake" parsed with "magnitude"
    as head): an event undergoes or causes, it does not act."""
    if token.pos_ != "NOUN" or token.ent_type_ != "":
        return None
    if token.lemma_.lower() in EVENT_NOUNS and token.lemma_.lower() not in SUBSTANCES:
        return token
    if not is_measure(token):
        return None
    beside = [c for c in token.head.children if c.dep_ == token.dep_ and c.i > token.i]  # "magnitude", "earthquake"
    words = [*token.subtree, *[t for c in beside for t in c.subtree]]
    return next((t for t in words if t.pos_ == "NOUN" and t.lemma_.lower() in EVENT_NOUNS and t.ent_type_ == ""), None)


LIGHT_PARTICLES = {"carry": "out"}
"""Light verbs that need their particle: one carries out an attack, but "carried the bombs" moved them."""


def is_light(verb: Any) -> bool:
    """A light verb whose object names the event ("held talks", "carried out an attack")."""
    lemma = verb.lemma_.lower()
    if lemma not in LIGHT_VERBS:
        return False
    particle = LIGHT_PARTICLES.get(lemma)
    return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children)


def pobj(prep: Any) -> Any | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def is_quantity(noun: Any) -> bool:
    """A measured amount ("1.8 percentage points", "$48 million"), never an agent."""
    return bool(noun.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") or noun.like_num) or any(
        t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") for t in noun.subtree if t.head is noun
    )


def noun_start(noun: Any) -> int:
    """Where a noun's phrase starts: its compounds, adjectives, numbers, determiners and possessor."""
    start = int(noun.i)
    for child in noun.lefts:
        if child.dep_ in ("compound", "amod", "nummod", "poss", "det", "nmod", "quantmod"):
            start = min(start, child.left_edge.i)
    return start


def is_title(token: Any) -> bool:
    return bool(token.lower_ in TITLES)

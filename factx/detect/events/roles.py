"""Who did what to whom, and where: role-tagged participants and the place of a trigger, from the parse.

agent = active subject or "by" agent (or the subject of a light verb: "held talks"); patient or
theme = object, passive subject, or the subject of a verb it happens to ("people died", "prices
rose"); recipient = dative or "to X" for giving, telling and meeting. A place is a GPE/LOC/FAC
(or proper noun) in a locative prepositional phrase of the trigger, or of the verb it hangs from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factx.detect.events.lexicon import RECIPIENT_TYPES, THEME_SUBJECT, TYPE_OF
from factx.detect.events.places import PlaceReader
from factx.detect.events.senses import is_person
from factx.detect.events.syntax import (
    HARMED,
    PLACE_LABELS,
    Role,
    agent_role,
    antecedent,
    is_light,
    is_quantity,
    named_apposition,
    named_event,
    noun_start,
    pobj,
    subject_of,
)
from factx.detect.rules import first
from factx.detect.tokens import words

__all__ = ["Role", "RoleReader", "noun_start", "pobj", "subject_of"]

PERFORMING = words("commit perpetrate execute")
"""Verbs besides the light ones whose object is an act they perform ("committed the murder")."""


class RoleReader(PlaceReader):
    """Reads roles and places from one parsed block; ``offset`` maps block offsets to text offsets."""

    def participants(self, trigger: Any, kind: str) -> list[Role]:
        """The role-tagged arguments of a verbal or nominal trigger, agents first."""
        found = self._noun_roles(trigger, kind) if trigger.pos_ == "NOUN" else self._verb_roles(trigger, kind)
        out: list[Role] = []
        for role, token in found:
            token = named_apposition(antecedent(token))
            for member in (token, *token.conjuncts):  # "North Korea and Russia signed": every conjunct
                kept = agent_role(member, kind) if role == "agent" else role
                if kept is None:
                    continue
                phrase = self.phrase(member, kept)
                if phrase is not None and all(p.start != phrase.start for p in out):
                    out.append(phrase)
        if kind == "move_deploy":  # where the movement ends and starts: roles, not its place
            path = self.path(trigger)  # "entered Syria": the object is the destination, not a theme
            out = [p for p in out if all(p.start != r.start for r in path)] + path
        return sorted(out, key=lambda r: (r.role != "agent", r.start))

    def _verb_roles(self, verb: Any, kind: str) -> list[tuple[str, Any]]:
        subject = _subject_role(verb, kind)
        roles: list[tuple[str, Any]] = [subject] if subject is not None else []
        if kind in ("die_injure", "damage_destroy") and not any(r == "agent" for r, _ in roles):
            roles += self._agents_of_cause(verb)  # "killed in IS attacks"
        for child in verb.children:
            met = named_apposition(child).ent_type_ in ("PERSON", "ORG", "GPE", "NORP")  # "met Osterland's leader X"
            if child.dep_ in ("dobj", "obj") and kind == "meet" and met:
                roles.append(("agent", child))  # "Kim met Putin": both meet
            elif child.dep_ in ("dobj", "obj"):
                roles.append(("patient" if kind in HARMED else "theme", child))
            elif child.dep_ == "dative":
                roles.append(("recipient", pobj(child) or child))
            elif child.dep_ == "agent" and pobj(child) is not None:
                roles.append(("agent", pobj(child)))
            elif child.lower_ == "to" and child.dep_ == "prep" and kind in RECIPIENT_TYPES and pobj(child) is not None:
                target = pobj(child)
                if target is not None and target.ent_type_ not in PLACE_LABELS | {"DATE", "TIME"}:
                    roles.append(("recipient", target))
        return roles

    def _agents_of_cause(self, verb: Any) -> list[tuple[str, Any]]:
        """The agents of an attack named as the cause of a death or damage ("killed in IS attacks")."""
        out: list[tuple[str, Any]] = []
        for prep in verb.children:
            target = pobj(prep) if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by", "during") else None
            if target is not None and target.pos_ == "NOUN" and TYPE_OF.get(target.lemma_.lower()) == "attack":
                out += [(r, t) for r, t in self._noun_roles(target, "attack") if r == "agent"]
        return out

    def _noun_roles(self, noun: Any, kind: str) -> list[tuple[str, Any]]:
        """The roles of a nominal trigger: its light verb's subject, then each dependent's role by the
        first rule of ``NOUN_RULES`` that reads it."""
        roles = _light_verb_subject(noun) + _responsible(noun)
        for child in noun.children:
            found = first(NOUN_RULES, child, kind)
            if found is not None:
                roles.append(found)
        return roles


def _subject_role(verb: Any, kind: str) -> tuple[str, Any] | None:
    """The verb's subject and its role: the agent, or what undergoes the event (passive, "people died",
    "7 militants killed"), or the instrument that caused it ("a parcel that exploded, wounding 13")."""
    subject = subject_of(verb)
    if subject is None:
        return None
    has_object = any(c.dep_ in ("dobj", "obj") for c in verb.children)
    passive = subject.dep_ == "nsubjpass"  # "a window, which was damaged": the relative's own voice
    participle = verb.dep_ == "acl" and verb.tag_ != "VBG" and subject.i == verb.head.i  # "members killed",
    caused = _undergoer_as_cause(subject, verb)
    subject = named_apposition(antecedent(subject))  # "the killer, Ali Dar, shot dead by police"
    subject = named_event(subject) or subject  # "A magnitude 7.1 earthquake struck": the earthquake
    undergoes = verb.lemma_.lower() in THEME_SUBJECT and not has_object  # "people died"
    undergoes = undergoes and not (kind == "move_deploy" and is_person(subject))  # "the troops arrived": they go
    bare = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if caused and kind in HARMED and named_event(subject) is None:
        return ("instrument", subject)
    if passive or participle or undergoes or bare:  # "7 militants killed in blasts"
        return ("patient" if kind in HARMED else "theme", subject)
    return ("theme", subject) if is_quantity(subject) else ("agent", subject)


def _undergoer_as_cause(subject: Any, verb: Any) -> bool:
    """A trailing participle's subject borrowed from a verb it undergoes: "a parcel that exploded, wounding
    13" (the parcel wounded no one by itself: it is what wounded them, an instrument)."""
    owner = subject.head
    return bool(verb.tag_ == "VBG" and owner.i != verb.i and owner.lemma_.lower() in THEME_SUBJECT)


def _light_verb_subject(noun: Any) -> list[tuple[str, Any]]:
    """ "held talks", "carried out a series of attacks": the light verb's subject acts; "the raid was carried
    out by special forces", "the bombing was claimed by the group": its "by" phrase does."""
    head, anchor = noun.head, noun
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":  # "a series of attacks"
        anchor = head.head
        head = anchor.head
    if anchor.dep_ == "nsubjpass" and (is_light(head) or head.lemma_.lower() in PERFORMING | {"claim"}):
        by = next((pobj(c) for c in head.children if c.dep_ == "agent"), None)  # "was carried out by X"
        return [("agent", by)] if by is not None and not is_quantity(by) else []
    if anchor.dep_ not in ("dobj", "obj") or not is_light(head):
        return []
    subject = subject_of(head)
    if subject is not None:
        subject = named_apposition(antecedent(subject))
    return [("agent", subject)] if subject is not None and not is_quantity(subject) else []


def _responsible(noun: Any) -> list[tuple[str, Any]]:
    """ "The group claimed responsibility for the attack", "they were responsible for the bombing": who
    owns the act did it (an unnegated claim only)."""
    prep = noun.head
    owner = prep.head if noun.dep_ == "pobj" and prep.lower_ == "for" else None
    if owner is None or owner.lemma_.lower() not in ("responsibility", "responsible", "credit"):
        return []
    verb = owner.head if owner.dep_ in ("dobj", "obj", "acomp") else None
    if verb is None or any(c.dep_ == "neg" for c in verb.children):
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or _nobody(subject):
        return []
    subject = named_apposition(antecedent(subject))
    return [] if is_quantity(subject) else [("agent", subject)]


def _nobody(token: Any) -> bool:
    """ "No group has claimed", "nobody claimed": a subject that names no one."""
    return token.lower_ in ("nobody", "none", "noone") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children
    )


def _possessor(child: Any, kind: str) -> tuple[str, Any] | None:
    """ "his death", "his arrest" undergo; "Russia's attack" acts."""
    if child.dep_ != "poss":
        return None
    return ("patient" if kind in ("die_injure", "arrest_charge") else "agent", child)


def _group_before(child: Any, kind: str) -> tuple[str, Any] | None:
    """ "Taliban attack", "IS attacks" act; not "the chikungunya outbreak"."""
    if child.dep_ in ("amod", "compound") and _group_name(child) and kind != "disaster":
        return ("agent", child)
    return None


def _performer(child: Any, kind: str) -> tuple[str, Any] | None:
    """ "attacks carried out by militants", "the bombing staged by the group": the doer of a participle that
    performs the act (a light verb or commit/perpetrate), not of one that judges it ("condemned by")."""
    if child.dep_ != "acl" or not (is_light(child) or child.lemma_.lower() in PERFORMING):
        return None
    by = next((c for c in child.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")), None)
    target = pobj(by) if by is not None else None
    return ("agent", target) if target is not None else None


_PREP_ROLES: tuple[tuple[frozenset[str], frozenset[str] | None, str], ...] = (
    (frozenset({"by"}), None, "agent"),
    (frozenset({"on", "against"}), frozenset(HARMED), "patient"),
    (frozenset({"between", "with", "among"}), frozenset({"meet", "agree"}), "agent"),
    (frozenset({"of"}), frozenset(HARMED | {"start_end_position"}), "patient"),
    (frozenset({"to"}), frozenset(RECIPIENT_TYPES), "recipient"),
)
"""A nominal trigger's prepositional phrase: the words, the types it applies to (None: all), the role."""


def _prepositional(child: Any, kind: str) -> tuple[str, Any] | None:
    """ "an attack by rebels", "the attack on the town", "talks with X", "the killing of X", "aid to X"."""
    target = pobj(child) if child.dep_ == "prep" else None
    if target is None:
        return None
    word = child.lower_
    return next(
        ((role, target) for words, kinds, role in _PREP_ROLES if word in words and (kinds is None or kind in kinds)),
        None,
    )


NOUN_RULES: tuple[Callable[[Any, str], tuple[str, Any] | None], ...] = (
    _possessor,
    _group_before,
    _performer,
    _prepositional,
)
"""In order, for each dependent of a nominal trigger; the first rule that reads it gives its role."""


def _group_name(token: Any) -> bool:
    """A group or organisation named before an act ("Taliban attack", "IS attacks"): a NORP/ORG entity, or a
    proper noun in capitals the tagger left unlabelled."""
    unlabelled = token.ent_type_ == "" and token.pos_ == "PROPN" and token.text.isupper()
    return bool(token.ent_type_ in ("NORP", "ORG") or unlabelled)

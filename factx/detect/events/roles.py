"""Who did what to whom, and where: role-tagged participants and the place of a trigger, from the parse.

agent = active subject or "by" agent (or the subject of a light verb: "held talks"); patient or
theme = object, passive subject, or the subject of a verb it happens to ("people died", "prices
rose"); recipient = dative or "to X" for giving, telling and meeting. A place is a GPE/LOC/FAC
(or proper noun) in a locative prepositional phrase of the trigger, or of the verb it hangs from.
"""

from __future__ import annotations

from typing import Any

from factx.detect.events.lexicon import LIGHT_VERBS, RECIPIENT_TYPES, THEME_SUBJECT, TYPE_OF
from factx.detect.events.places import PlaceReader
from factx.detect.events.syntax import (
    HARMED,
    PLACE_LABELS,
    Role,
    agent_role,
    antecedent,
    is_quantity,
    named_apposition,
    named_event,
    noun_start,
    pobj,
    subject_of,
)

__all__ = ["Role", "RoleReader", "noun_start", "pobj", "subject_of"]


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
        roles: list[tuple[str, Any]] = []
        subject = subject_of(verb)
        has_object = any(c.dep_ in ("dobj", "obj") for c in verb.children)
        if subject is not None:
            passive = subject.dep_ == "nsubjpass"  # "a window, which was damaged": the relative's own voice
            participle = verb.dep_ == "acl" and verb.tag_ != "VBG" and subject.i == verb.head.i  # "members killed",
            subject = named_apposition(antecedent(subject))  # "the killer, Ali Dar, shot dead by police"
            subject = named_event(subject) or subject  # "A magnitude 7.1 earthquake struck": the earthquake
            undergoes = verb.lemma_.lower() in THEME_SUBJECT and not has_object  # "people died"
            bare = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
            if passive or participle or undergoes or bare:  # "7 militants killed in blasts"
                roles.append(("patient" if kind in HARMED else "theme", subject))
            elif not is_quantity(subject):
                roles.append(("agent", subject))
            else:
                roles.append(("theme", subject))
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

    def _noun_roles(self, noun: Any, kind: str) -> list[tuple[str, Any]]:  # noqa: C901, PLR0912 - a long chain left to split into named rules
        roles: list[tuple[str, Any]] = []
        head, anchor = noun.head, noun
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":  # "a series of attacks"
            anchor = head.head
            head = anchor.head
        if anchor.dep_ in ("dobj", "obj") and head.lemma_.lower() in LIGHT_VERBS:  # "held talks"
            subject = subject_of(head)
            if subject is not None:
                subject = named_apposition(antecedent(subject))
            if subject is not None and not is_quantity(subject):
                roles.append(("agent", subject))
        for child in noun.children:
            if child.dep_ == "poss":  # "his death", "his arrest" undergo; "Russia's attack" acts
                roles.append(("patient" if kind in ("die_injure", "arrest_charge") else "agent", child))
            elif child.dep_ in ("amod", "compound") and _group_name(child) and kind != "disaster":
                roles.append(("agent", child))  # "Taliban attack", "IS attacks"; not "the chikungunya outbreak"
            elif child.dep_ == "prep" and pobj(child) is not None:
                target = pobj(child)
                word = child.lower_
                if word == "by":
                    roles.append(("agent", target))
                elif word in ("on", "against") and kind in HARMED:
                    roles.append(("patient", target))
                elif word in ("between", "with", "among") and kind in ("meet", "agree"):
                    roles.append(("agent", target))
                elif word == "of" and kind in HARMED | {"start_end_position"}:
                    roles.append(("patient", target))
                elif word == "to" and kind in RECIPIENT_TYPES:
                    roles.append(("recipient", target))
        return roles


def _group_name(token: Any) -> bool:
    """A group or organisation named before an act ("Taliban attack", "IS attacks"): a NORP/ORG entity, or a
    proper noun in capitals the tagger left unlabelled."""
    unlabelled = token.ent_type_ == "" and token.pos_ == "PROPN" and token.text.isupper()
    return bool(token.ent_type_ in ("NORP", "ORG") or unlabelled)

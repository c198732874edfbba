"""Who did what to whom, and where: role-tagged participants and the place of a trigger, from the parse.

agent = active subject or "by" agent (or the subject of a light verb: "held talks"); patient or
theme = object, passive subject, or the subject of a verb it happens to ("people died", "prices
rose"); recipient = dative or "to X" for giving, telling and meeting. A place is a GPE/LOC/FAC
(or proper noun) in a locative prepositional phrase of the trigger, or of the verb it hangs from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from factx.detect.entities import TITLES, Entities
from factx.detect.events.lexicon import (
    AREA_NOUNS,
    EVENT_NOUNS,
    INSTRUMENTS,
    LIGHT_VERBS,
    PLACE_NOUNS,
    RECIPIENT_TYPES,
    REPORTING,
    STATE,
    THEME_SUBJECT,
    TYPE_OF,
)
from factx.detect.events.senses import is_measure, sense
from factx.detect.parse import entity_at

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACES = {
    "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "PERSON", "NORP", "EVENT", "WORK_OF_ART",
    "LAW", "PRODUCT", "LANGUAGE",
}
PLACE_PREPS = {"in", "at", "near", "outside", "across", "inside", "throughout", "around", "into", "through"}
GOAL_PREPS = {"to", "into", "toward", "towards", "onto"}
"""Prepositions that name where a movement ends ("flew to Korvana", "crossed into Dagestan")."""
ARRIVALS = {"arrive", "land", "reach", "enter", "return"}
"""Movements whose "in"/"at" phrase or place object is their goal ("arrived in Junction City", "entered Syria")."""
DEPARTURES = {"leave", "depart", "flee", "escape", "evacuate", "withdraw"}
"""Movements whose place object is where they start ("fled Syria")."""
_LOCATIVE_ONLY = {"in", "near", "outside", "inside", "throughout", "across"}
"""Prepositions whose object is only ever a place, so a proper noun there is one whatever its tag."""
WITNESSES = {"see", "witness", "experience", "suffer"}
"""Verbs whose subject is where the event in their object happened ("the city has seen attacks")."""
_PEOPLE_PRONOUNS = {"they", "them", "we", "us", "he", "she", "him", "her", "i", "you", "who"}
NAMED_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_HARMED = {"attack", "die_injure", "damage_destroy", "arrest_charge"}
_PLACE_OF_OBJECT = _HARMED | {"move_deploy", "disaster", "protest"}
_WS = re.compile(r"\s+")


DIRECTIONS = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outside", "inside",
    "downstream", "upstream", "offshore", "off",
}
"""Words that locate by direction from a place ("north of Arequipa", "outside of Kabul")."""
_WITHIN_CLAUSE = {"conj", "xcomp", "advcl", "pcomp", "prep", "pobj", "dobj", "obj", "nsubj", "nsubjpass", "attr"}
"""Dependencies that stay within one clause on the way up (a relative or reported clause ends it)."""


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


class RoleReader:
    """Reads roles from one parsed block; ``offset`` maps block offsets to text offsets."""

    def __init__(self, offset: int, entities: Entities) -> None:
        self.offset = offset
        self.entities = entities

    # ---- participants ------------------------------------------------------------------------
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

    def path(self, trigger: Any) -> list[Role]:
        """A movement's destination ("flew to Korvana", "arrived in Junction City", "entered Syria") and
        origin ("from Kabul", "fled Syria"), each widened like a place."""
        lemma = trigger.lemma_.lower()
        found: list[tuple[str, Any]] = []
        for holder in (trigger, *[c for c in trigger.children if c.dep_ in ("advmod", "prt")]):  # "flew back to"
            for child in holder.children:
                target = pobj(child) if child.dep_ == "prep" else None
                word = child.lower_
                goal = word in GOAL_PREPS or (lemma in ARRIVALS and word in ("in", "at"))
                if target is not None and (goal or word == "from"):
                    token = self._place_token(target, word)
                    if token is not None:
                        found.append(("destination" if goal else "origin", token))
        for child in trigger.children:
            if child.dep_ in ("dobj", "obj") and child.ent_type_ in PLACE_LABELS and lemma in ARRIVALS | DEPARTURES:
                found.append(("origin" if lemma in DEPARTURES else "destination", child))
        out: list[Role] = []
        for role, token in found:
            phrase = self._with_parts(token)
            if phrase is not None and not any(r.role == role for r in out):
                out.append(replace(phrase, role=role))
        return out

    def _verb_roles(self, verb: Any, kind: str) -> list[tuple[str, Any]]:
        roles: list[tuple[str, Any]] = []
        subject = subject_of(verb)
        has_object = any(c.dep_ in ("dobj", "obj") for c in verb.children)
        if subject is not None:
            passive = subject.dep_ == "nsubjpass"  # "a window, which was damaged": the relative's own voice
            subject = named_apposition(antecedent(subject))
            subject = named_event(subject) or subject  # "A magnitude 7.1 earthquake struck": the earthquake
            undergoes = verb.lemma_.lower() in THEME_SUBJECT and not has_object  # "people died"
            participle = verb.dep_ == "acl" and verb.tag_ != "VBG" and subject.i == verb.head.i  # "members killed"
            bare = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
            if passive or participle or undergoes or bare:  # "7 militants killed in blasts"
                roles.append(("patient" if kind in _HARMED else "theme", subject))
            elif not is_quantity(subject):
                roles.append(("agent", subject))
            else:
                roles.append(("theme", subject))
        if kind in ("die_injure", "damage_destroy") and not any(r == "agent" for r, _ in roles):
            roles += self._agents_of_cause(verb)  # "killed in IS attacks"
        for child in verb.children:
            if child.dep_ in ("dobj", "obj") and kind == "meet" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
                roles.append(("agent", child))  # "Kim met Putin": both meet
            elif child.dep_ in ("dobj", "obj"):
                roles.append(("patient" if kind in _HARMED else "theme", child))
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
            elif child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "ORG") and kind != "disaster":
                roles.append(("agent", child))  # "Taliban attack"; not "the chikungunya outbreak"
            elif child.dep_ == "prep" and pobj(child) is not None:
                target = pobj(child)
                word = child.lower_
                if word == "by":
                    roles.append(("agent", target))
                elif word in ("on", "against") and kind in _HARMED:
                    roles.append(("patient", target))
                elif word in ("between", "with", "among") and kind in ("meet", "agree"):
                    roles.append(("agent", target))
                elif word == "of" and kind in _HARMED | {"start_end_position"}:
                    roles.append(("patient", target))
                elif word == "to" and kind in RECIPIENT_TYPES:
                    roles.append(("recipient", target))
        return roles

    def phrase(self, token: Any, role: str) -> Role | None:
        """The phrase of an argument: its entity (title included) or its noun phrase, named canonically."""
        entity = self.entities.of_token(token, self.offset)
        if token.pos_ == "PRON" and entity is None and token.lower_ not in _PEOPLE_PRONOUNS:
            return None  # an unresolved "it", "which", "that" names no one; "they" is kept as written
        if token.pos_ == "NUM" or token.like_num:
            start = end = token.i
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

    # ---- place ---------------------------------------------------------------------------------
    def place(self, trigger: Any, kind: str) -> Role | None:
        """A place named in a locative phrase of the trigger, of its object, or of the verb it depends on.

        A movement's goal is its destination, not its place (KAIROS: Destination, not Place): the
        troops "deployed to the flooded districts" were sent from elsewhere. Only a mover that goes
        itself is also placed at its goal (a reader's "Reyes flew to Korvana" happened in Korvana).
        """
        found = self._place_of(trigger, kind)
        if found is not None:
            return self._with_parts(found)
        if kind == "move_deploy" and trigger.pos_ == "VERB" and _moves_itself(trigger):  # "flew to Korvana"
            goal = next((r for r in self.path(trigger) if r.role == "destination"), None)
            return replace(goal, role="place") if goal is not None else None
        return None

    def _place_of(self, trigger: Any, kind: str) -> Any | None:
        """The first place the rules find, nearest the trigger first (``PLACE_RULES``)."""
        for rule in PLACE_RULES:
            found = rule(self, trigger, kind)
            if found is not None:
                return found
        return None

    def _compound_place(self, trigger: Any, kind: str) -> Any | None:
        """ "the Kabul bombing", "house arrest", "the market bombing"."""
        if trigger.pos_ != "NOUN":
            return None
        for child in trigger.children:
            if child.dep_ == "compound" and (
                child.ent_type_ in PLACE_LABELS or (child.ent_type_ == "" and child.lemma_.lower() in PLACE_NOUNS)
            ):
                return child
        return None

    def _of_place(self, trigger: Any, kind: str) -> Any | None:
        """ "the bombing of Belfast", "of the city"; "of the building" is its target, not its place."""
        if trigger.pos_ != "NOUN" or kind not in _HARMED:
            return None
        for child in trigger.children:
            target = pobj(child) if child.dep_ == "prep" and child.lower_ == "of" else None
            if target is not None and (target.ent_type_ in PLACE_LABELS or target.lemma_.lower() in AREA_NOUNS):
                return target
        return None

    def _witness_place(self, trigger: Any, kind: str) -> Any | None:
        """ "the republic has seen bombings", "has seen dozens of bombings": the witness is the place."""
        if trigger.pos_ != "NOUN":
            return None
        anchor = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" else trigger
        witness = anchor.head if anchor.dep_ in ("dobj", "obj") else None
        if witness is None or witness.lemma_.lower() not in WITNESSES:
            return None
        return next((self._place_token(c) for c in witness.children if c.dep_ == "nsubj"), None)

    def _object_place(self, trigger: Any, kind: str) -> Any | None:
        """A place that is the object of a visit or of a disaster: "visit Moscow", "the quake struck southern
        Peru" ("entered Syria" is a destination, "attacked Kabul" a target)."""
        if kind not in ("meet", "disaster") or trigger.pos_ != "VERB":
            return None
        return next((c for c in trigger.children if c.dep_ in ("dobj", "obj") and c.ent_type_ in PLACE_LABELS), None)

    def _where_place(self, trigger: Any, kind: str) -> Any | None:
        """ "the station, where six people were killed"; not "on April 14, where"."""
        where = trigger.dep_ == "relcl" and any(c.lower_ == "where" for c in trigger.children)
        if where and trigger.head.pos_ in ("NOUN", "PROPN") and trigger.head.ent_type_ not in NOT_PLACES:
            return trigger.head
        return None

    def _locative_place(self, trigger: Any, kind: str) -> Any | None:
        """A locative phrase of the trigger, of what it is done to or of its cause."""
        return self._first_locative(_holders(trigger, kind), _preps_of(trigger, kind))

    def _argument_place(self, trigger: Any, kind: str) -> Any | None:
        """A locative phrase inside an argument's noun phrase: "an Oregon bank in Woodburn was robbed",
        "residents of a village near Lyon fled"."""
        heads = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj")]
        return self._first_locative([h for h in heads if h.pos_ in ("NOUN", "PROPN")], _LOCATIVE_ONLY | {"at"})

    def _clause_place(self, trigger: Any, kind: str) -> Any | None:
        """The place of the verb whose clause the trigger is part of, found by the same rules ("the earthquake
        struck northern Ecuador": the earthquake is there too); a reporting verb or a state above ends the
        clause ("said at a rally in X that troops had withdrawn", "remained in prison as they were charged")."""
        if trigger.dep_ not in _WITHIN_CLAUSE or trigger.head is trigger:
            return None
        head = trigger.head
        if head.pos_ == "ADP":  # "killed in an attack": on past the preposition
            return self._clause_place(head, kind)
        if head.pos_ not in ("VERB", "NOUN") or head.lemma_.lower() in REPORTING | (STATE - LIGHT_VERBS):
            return None
        return self._place_of(head, sense(head, TYPE_OF.get(head.lemma_.lower(), "other")))

    def _first_locative(self, holders: list[Any], preps: set[str] | frozenset[str]) -> Any | None:
        """The first place in a prepositional phrase (of ``preps``) of one of ``holders``, or after a
        direction word ("40 km north of Arequipa")."""
        for holder in holders:
            for child in holder.children:
                if child.dep_ in ("advmod", "npadvmod") and child.lower_ in DIRECTIONS:
                    found = self._direction_place(child)
                elif child.dep_ == "prep" and child.lower_ in preps:
                    target = pobj(child)
                    found = self._place_token(target, child.lower_) if target is not None else None
                    on = child.lower_ == "on"  # "on a busy street", never "on Friday" or "on Paris" (a target)
                    if found is not None and on and found.ent_type_ not in ("FAC", "LOC"):
                        found = found if found.lemma_.lower() in PLACE_NOUNS else None
                else:
                    continue
                if found is not None:
                    return found
        return None

    def _direction_place(self, word: Any) -> Any | None:
        """ "north of Arequipa", "outside of Kabul": the place a direction word is measured from (a proper
        noun there is a place whatever its tag)."""
        of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = pobj(of) if of is not None else None
        if target is not None and target.pos_ == "PROPN" and target.ent_type_ not in ("PERSON", "DATE", "TIME"):
            return target
        return self._place_token(target, "in") if target is not None else None

    def _with_parts(self, token: Any) -> Role | None:
        """The place's phrase, widened over the places that locate it ("Helmand Province, Afghanistan",
        "Strasbourg, eastern France") or stand beside it ("Oxford Street and the Cavehill Road")."""
        found = self.phrase(token, "place")
        if found is None:
            return None
        end = found.end
        parts = [c for c in token.children if c.dep_ in ("appos", "conj")]
        parts += [t for p in token.children if p.dep_ == "prep" and p.lower_ in ("in", "at") for t in [pobj(p)] if t]
        for child in parts:  # "the Christmas market in Strasbourg, eastern France"
            alike = child.dep_ == "conj" and child.ent_type_ == token.ent_type_  # "in Badia X and Badia Y"
            named = child.pos_ == "PROPN" and (alike or child.ent_type_ not in NOT_PLACES)
            if child.ent_type_ in PLACE_LABELS or named:
                part = self._with_parts(child) if child.dep_ == "pobj" else self.phrase(child, "place")
                if part is not None and part.end - found.end < 80:
                    end = max(end, part.end)
        if end == found.end:
            return found
        doc, off = token.doc, self.offset  # the name is the phrase as written, like its span
        name = _WS.sub(" ", doc.text[found.start - off : end - off]).strip()
        return Role("place", found.start, end, name, found.entity_id, found.head)

    def _place_token(self, token: Any, prep: str = "in") -> Any | None:
        if token.ent_type_ in PLACE_LABELS or (token.ent_type_ == "ORG" and prep == "at"):
            return token
        if token.ent_type_ == "PERSON" and token.pos_ == "PROPN" and prep in _LOCATIVE_ONLY:
            return token  # "killed ... in Derry" mis-tagged PERSON: no one is killed "in" a person
        entity = self.entities.of_token(token, self.offset)
        if entity is not None and entity.labels & PLACE_LABELS:  # "Korvana" tagged ORG here, GPE elsewhere
            return token
        if token.pos_ == "PROPN" and token.ent_type_ not in NOT_PLACES and token.ent_type_ != "ORG":
            return token
        if token.pos_ == "NOUN":  # "the port of Korvana", "the city of Deir ez-Zor"
            for child in token.children:
                target = pobj(child) if child.lower_ == "of" else None
                if target is not None and target.pos_ != "NOUN" and self._place_token(target, "of") is not None:
                    return target
            if token.lemma_.lower() in PLACE_NOUNS:  # "across the city", "in a house"
                return token
        return None


PLACE_RULES: tuple[Callable[[RoleReader, Any, str], Any | None], ...] = (
    RoleReader._compound_place,
    RoleReader._of_place,
    RoleReader._witness_place,
    RoleReader._object_place,
    RoleReader._where_place,
    RoleReader._locative_place,
    RoleReader._argument_place,
    RoleReader._clause_place,
)
"""The place rules in order: the trigger's own phrase, then its clause's, then its arguments' phrases."""


def _holders(trigger: Any, kind: str) -> list[Any]:
    """Where the trigger's locative phrases hang: the trigger, what it is done to, its cause, its adverb,
    the verb it hangs from."""
    holders = [trigger]
    if kind in _PLACE_OF_OBJECT:  # "attacked a convoy in Kabul"; not "postponed the matches in X"
        holders += [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]
        holders += [pobj(p) for p in trigger.children if p.lower_ in ("on", "against") and pobj(p) is not None]
    holders += [t for t in (_cause(p, kind) for p in trigger.children) if t is not None]
    holders += [c for c in trigger.children if c.dep_ == "advmod"]  # "flew back to Belfast"
    head = trigger.head  # the verb above has its own place, found whole by the clause rule
    if trigger.pos_ == "NOUN" and head.dep_ == "agent":  # "the building in X was shattered by an explosion"
        holders += [head.head, *[c for c in head.head.children if c.dep_ == "nsubjpass"]]
    return holders


def _cause(prep: Any, kind: str) -> Any | None:
    """The object of a phrase that holds the trigger's place: "killed in an attack near Bagram", "during
    Bloody Sunday in Derry", "On May 2 in Bagram"; not "said after talks in X"."""
    target = pobj(prep) if prep.dep_ == "prep" else None
    if target is None:
        return None
    causes = ("in", "by", "after") if kind in _PLACE_OF_OBJECT else ("in", "by")
    cause = prep.lower_ in causes and target.pos_ == "NOUN" and target.lemma_.lower() in TYPE_OF
    return target if cause or prep.lower_ == "during" or target.ent_type_ in ("DATE", "TIME") else None


def _preps_of(trigger: Any, kind: str) -> set[str]:
    """Locative prepositions of the trigger; a movement's goal is its destination ("into Dagestan",
    "arrived in Junction City"), not its place."""
    preps = PLACE_PREPS | {"on"}
    if kind == "move_deploy":
        preps = preps - GOAL_PREPS - ({"in", "at"} if trigger.lemma_.lower() in ARRIVALS else set())
    return preps


def _moves_itself(verb: Any) -> bool:
    """The subject itself goes ("Reyes flew to Korvana"), not a theme it sends ("deployed troops to")."""
    return not any(c.dep_ in ("dobj", "obj", "nsubjpass") and c.ent_type_ not in PLACE_LABELS for c in verb.children)


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
        if current.dep_ in ("conj", "xcomp", "advcl", "acomp") and current.head is not current:
            current = current.head
        elif current.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
            return None
        elif current.dep_ in ("relcl", "acl") and current.head is not current:
            return current.head
        else:
            return None
    return None


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
    """The role of a would-be agent: none for a quantity, a measure or a date; what a harm was done with
    ("killed by an improvised explosive device") or an event ("the quake killed", "deployments discussed")
    is its instrument or theme, since only a person, a group or a thing acting can be an agent."""
    if is_quantity(token) or token.ent_type_ in ("DATE", "TIME") or is_measure(token):
        return None
    if token.ent_type_ == "" and token.lemma_.lower() in INSTRUMENTS:
        return "instrument"
    if named_event(token) is not None:
        return "instrument" if kind in _HARMED else "theme"
    return "agent"


def named_event(token: Any) -> Any | None:
    """The event noun a phrase names ("the quake", "A magnitude 7.1 earthquake" parsed with "magnitude"
    as head): an event undergoes or causes, it does not act."""
    if token.pos_ != "NOUN" or token.ent_type_ != "":
        return None
    if token.lemma_.lower() in EVENT_NOUNS:
        return token
    if not is_measure(token):
        return None
    beside = [c for c in token.head.children if c.dep_ == token.dep_ and c.i > token.i]  # "magnitude", "earthquake"
    words = [*token.subtree, *[t for c in beside for t in c.subtree]]
    return next((t for t in words if t.pos_ == "NOUN" and t.lemma_.lower() in EVENT_NOUNS and t.ent_type_ == ""), None)


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

"""Where an event happened, from the parse: ordered rules over the trigger's own phrases, its arguments'
noun phrases and its clause, and a movement's destination and origin (roles, not its place)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from factx.detect.entities import TITLES
from factx.detect.events.lexicon import (
    ANCHORING,
    AREA_NOUNS,
    INSTITUTIONS,
    LIGHT_VERBS,
    PLACE_NOUNS,
    REPORTING,
    STATE,
    TYPE_OF,
)
from factx.detect.events.senses import is_person, sense
from factx.detect.events.syntax import HARMED, NOT_PLACES, PLACE_LABELS, Reader, Role, pobj
from factx.detect.rules import first

PLACE_PREPS = {"in", "at", "near", "off", "outside", "across", "inside", "throughout", "around", "into", "through"}
GOAL_PREPS = {"to", "into", "toward", "towards", "onto"}
"""Prepositions that name where a movement ends ("flew to Korvana", "crossed into Dagestan")."""
ARRIVALS = {"arrive", "land", "reach", "enter", "return"}
"""Movements whose "in"/"at" phrase or place object is their goal ("arrived in Junction City", "entered Syria")."""
DEPARTURES = {"leave", "depart", "flee", "escape", "evacuate", "withdraw"}
"""Movements whose place object is where they start ("fled Syria")."""
_LOCATIVE_ONLY = {"in", "near", "off", "outside", "inside", "throughout", "across"}
"""Prepositions whose object is only ever a place, so a proper noun there is one whatever its tag ("off":
a coast, a cape, an island, where ships sink and pirates strike; "laid off" is a particle, not this)."""
WITNESSES = {"see", "witness", "experience", "suffer"}
"""Verbs whose subject is where the event in their object happened ("the city has seen attacks")."""
_PLACE_OF_OBJECT = HARMED | {"move_deploy", "disaster", "protest"}
_NOT_ARGUMENT = {"during", "since", "until", "after", "before", "than", "like"}
"""Prepositions whose object is a time or a comparison, never an argument whose phrase may locate the event
(a place object is read by the locative rule first: "in the Colts' victory over the Jaguars at X" is not)."""
DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "outside",
    "inside",
    "downstream",
    "upstream",
    "offshore",
    "off",
}
"""Words that locate by direction from a place ("north of Arequipa", "outside of Kabul")."""
_WITHIN_CLAUSE = {
    "conj",
    "xcomp",
    "advcl",
    "pcomp",
    "prep",
    "pobj",
    "dobj",
    "obj",
    "nsubj",
    "nsubjpass",
    "attr",
    "csubj",
}
"""Dependencies that stay within one clause on the way up (a relative or reported clause ends it)."""


class PlaceReader(Reader):
    """The place and the path of a trigger (``place``, ``path``)."""

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
            facility = child.ent_type_ == "ORG" and child.lemma_.lower() in PLACE_NOUNS  # "left the Ford Centre"
            named = child.ent_type_ in PLACE_LABELS or facility  # "evacuated three hospitals" empties them
            if child.dep_ in ("dobj", "obj") and named and lemma in ARRIVALS | DEPARTURES:
                found.append(("origin" if lemma in DEPARTURES else "destination", child))
        out: list[Role] = []
        for role, token in found:
            phrase = self._with_parts(token)
            if phrase is not None and not any(r.role == role for r in out):
                out.append(replace(phrase, role=role))
        return out

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
        return first(PLACE_RULES, self, trigger, kind)

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
        if trigger.pos_ != "NOUN" or kind not in HARMED:
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
        """A locative phrase inside an argument's noun phrase, down its "of"/"with"/"over" phrases: "an Oregon
        bank in Woodburn was robbed", "fell to their deaths in the Alps", "a stoppage of Rahman in Mannheim";
        a harmed object's place-name possessor ("destroyed Alaska's largest dairy")."""
        objects = ("dobj", "obj") if kind in _PLACE_OF_OBJECT else ()  # not "postponed the matches in X"
        heads = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass", *objects)]
        heads += [
            t for p in trigger.children if p.dep_ == "prep" and p.lower_ not in _NOT_ARGUMENT for t in [pobj(p)] if t
        ]
        owners = [c for h in heads if h.dep_ in ("dobj", "obj") for c in h.children if c.dep_ == "poss"]
        if kind in HARMED | {"disaster"} and (owner := next((o for o in owners if o.ent_type_ == "GPE"), None)):
            return owner
        nouns = [h for h in heads if h.pos_ in ("NOUN", "PROPN") and h.ent_type_ not in ("DATE", "TIME")]
        for _ in range(2):  # the noun phrase and the noun phrases of its prepositional phrases
            found = self._first_locative(nouns, _LOCATIVE_ONLY | {"at"})
            if found is not None:
                return found
            nouns = [
                t
                for n in nouns
                for p in n.children
                if p.dep_ == "prep" and p.lower_ not in _NOT_ARGUMENT
                for t in [pobj(p)]
                if t is not None and t.pos_ in ("NOUN", "PROPN")
            ]
        return None

    def _clause_place(self, trigger: Any, kind: str) -> Any | None:
        """The place of the verb whose clause the trigger is part of, found by the same rules ("the earthquake
        struck northern Ecuador": the earthquake is there too); a reporting verb or a state above ends the
        clause ("said at a rally in X that troops had withdrawn", "remained in prison as they were charged")."""
        if trigger.dep_ not in _WITHIN_CLAUSE or trigger.head is trigger or _time_anchor(trigger):
            return None
        head = trigger.head
        if head.pos_ == "ADP":  # "killed in an attack": on past the preposition
            return self._clause_place(head, kind)
        if head.pos_ not in ("VERB", "NOUN") or head.lemma_.lower() in REPORTING | (STATE - LIGHT_VERBS):
            return None
        return self._place_of(head, sense(head, TYPE_OF.get(head.lemma_.lower(), "other")))

    def _sentence_place(self, trigger: Any, kind: str) -> Any | None:
        """The one place the sentence names in a locative phrase: what the reader takes as where a
        sentence's events happened when nothing nearer says (and before any dateline); a sentence naming
        several leaves it open, and a report gets none ("said ... that troops withdrew from X")."""
        if trigger.lemma_.lower() in REPORTING or kind == "statement" or _time_anchor(trigger):
            return None
        clause = _anchored_clause(trigger)
        found = [
            (t.i, place)
            for t in trigger.sent
            if t.dep_ == "prep"
            and (_anchored_clause(t) == clause or kind in _WHERE_ITS_CAUSE)  # "arrested ... after X sank off Y"
            and t.lower_ in _LOCATIVE_ONLY | {"at", "through", "around"}
            and (target := pobj(t))
            and (t.head.i == trigger.i or t.head.lemma_.lower() not in STATE - LIGHT_VERBS)  # "remained in prison"
            and not _affiliation(t)
            for place in [self._place_token(target, t.lower_)]
            if place is not None
        ]
        names = {place.lemma_.lower() for _, place in found}
        return found[0][1] if len(names) == 1 else None  # one place named: several leave it open

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
        name = " ".join(doc.text[found.start - off : end - off].split())
        return Role("place", found.start, end, name, found.entity_id, found.head)

    def _place_token(self, token: Any, prep: str = "in") -> Any | None:
        if token.ent_type_ in PLACE_LABELS or (token.ent_type_ == "ORG" and prep in ("at", "off")):
            return token  # "at the Arca" is a venue; "sank off Varnel": a ship sinks off a coast, not a firm
        if token.ent_type_ == "ORG" and token.lemma_.lower() in PLACE_NOUNS:
            return token  # a named facility: "Promises Treatment Center", "the Arca Arena"
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
            if token.lemma_.lower() in PLACE_NOUNS and not _institution_at_work(token):  # "across the city"
                return token
        return None


PLACE_RULES: tuple[Callable[[PlaceReader, Any, str], Any | None], ...] = (
    PlaceReader._compound_place,
    PlaceReader._of_place,
    PlaceReader._witness_place,
    PlaceReader._object_place,
    PlaceReader._where_place,
    PlaceReader._locative_place,
    PlaceReader._argument_place,
    PlaceReader._clause_place,
    PlaceReader._sentence_place,
)
"""The place rules in order: the trigger's own phrase, then its clause's, then its arguments' phrases."""


def _holders(trigger: Any, kind: str) -> list[Any]:
    """Where the trigger's locative phrases hang: the trigger, what it is done to, its cause, its adverb,
    the verb it hangs from."""
    holders = [trigger]
    if kind in _PLACE_OF_OBJECT:  # "attacked a convoy in Kabul"; not "postponed the matches in X"
        holders += [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        holders += [pobj(p) for p in trigger.children if p.lower_ in ("on", "against") and pobj(p) is not None]
    holders += [t for t in (_cause(p, kind) for p in trigger.children) if t is not None]
    holders += [c for c in trigger.children if c.dep_ == "advmod"]  # "flew back to Belfast"
    holders += [c for c in trigger.children if c.ent_type_ in ("DATE", "TIME") and c.dep_ == "npadvmod"]  # "a
    # shooting Dec. 6 in Athens"; "shot and killed a boy in Brooklyn": the place of the verb coordinated below
    holders += [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]
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


_ANCHORS = {"after", "before", "since", "until", "following", "ahead", "prior"}
"""Prepositions whose object is an earlier or later event that dates the clause ("days after the bombing")."""


def _time_anchor(trigger: Any) -> bool:
    """An event named to date another ("three days after the bombing, they removed ... from a dorm in X"):
    the sentence's place is where the other event happened, not this one."""
    head = trigger.head
    return trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and head.lower_ in _ANCHORS


def _affiliation(prep: Any) -> bool:
    """A place inside the source of a report tells who speaks, not where what they report happened: "the
    head of the surgery department at the X Hospital said three people died"."""
    phrase = prep.head
    while phrase.dep_ not in ("nsubj", "nsubjpass", "ROOT") and phrase.pos_ != "VERB":  # up the noun phrase
        phrase = phrase.head
    holder = prep.head
    person = is_person(holder) or holder.lemma_.lower() in INSTITUTIONS or holder.lemma_.lower() in TITLES
    return phrase.dep_ == "nsubj" and phrase.head.lemma_.lower() in REPORTING and person


def _institution_at_work(noun: Any) -> bool:
    """A bare institution noun names the institution at work, not a building: "a motion in parliament",
    "testified in court" (but "outside the court", "in the parliament building" are places)."""
    bare = not any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in noun.children)
    return bare and noun.lemma_.lower() in INSTITUTIONS and noun.tag_ == "NN"


def _moves_itself(verb: Any) -> bool:
    """The subject itself goes ("Reyes flew to Korvana"), not a theme it sends ("deployed troops to")."""
    return not any(
        c.dep_ in ("dobj", "obj", "nsubjpass") and c.ent_type_ not in PLACE_LABELS and c.lower_ not in _REFLEXIVES
        for c in verb.children
    )  # "checked herself into a clinic": she goes


_REFLEXIVES = {"herself", "himself", "themselves", "itself", "myself", "ourselves", "yourself"}


_WHERE_ITS_CAUSE = frozenset({"die_injure"})
"""Events that happen where what caused them did, though told in another clause: "died after slipping
from a ridge near the glacier", "charged with murder after opening fire at a party in Vancouver"."""


def _anchored_clause(token: Any) -> int | None:
    """The nearest clause of after/before/since/until (``ANCHORING``) that holds ``token``, itself included
    (its head's index; None: the main clause): "after the ferry sank off X" tells of another event."""
    for a in (token, *token.ancestors):
        marked = a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ANCHORING for c in a.children)
        if marked or (a.dep_ == "pcomp" and a.head.lower_ in ANCHORING):
            return int(a.i)
    return None

"""A trigger's sense from its arguments: the lexicon's type is a default that the arguments can overrule.

A lexicon entry says what its arguments must be: one arrests a person, not global warming; an attack
has an attacker, not a magnitude; a fired coach changes position; "won more games" elects no one.
The arguments' classes come from spaCy's entity types and from small noun classes (below) that
stand in for WordNet's lexicographer files (noun.person, noun.quantity, noun.act ...): no WordNet
package on PyPI ships its data offline, and these few classes are all the senses here read.
Each rule is small and named; ``sense`` applies the first that decides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factx._types import EventType
from factx.detect.events.lexicon import PLACE_NOUNS, TYPE_OF
from factx.detect.rules import first
from factx.detect.tokens import words

PERSON_NOUNS = words(
    "people person persons man men woman women child children boy boys girl girls baby family families "
    "suspect suspects protester protesters demonstrator demonstrators activist activists journalist journalists "
    "reporter reporters soldier soldiers troops officer officers policeman policemen civilian civilians "
    "resident residents student students worker workers employee employees staff leader leaders president "
    "minister ministers official officials member members player players coach coaches manager managers "
    "director directors executive executives chief chairman chairwoman secretary spokesman spokeswoman "
    "driver drivers passenger passengers victim victims militant militants gunman gunmen fighter fighters "
    "rebel rebels prisoner prisoners detainee detainees hostage hostages lawyer lawyers doctor doctors nurse "
    "nurses teacher teachers citizen citizens migrant migrants refugee refugees immigrant immigrants actor "
    "actress singer star stars opponent opponents critic critics dissident dissidents father mother son "
    "daughter husband wife brother sister teenager teenagers youth crew crews pilot pilots guard guards "
    "candidate candidates voter voters diplomat diplomats envoy ambassador mayor governor senator lawmaker "
    "lawmakers general commander smuggler smugglers thief thieves robber robbers killer attacker attackers "
    "bomber bombers sniper snipers owner owners founder founders ceo analyst analysts expert experts"
)
"""noun.person: who can be arrested, fired, hired or sent."""

POSITION_NOUNS = words(
    "coach manager director chief executive ceo head chairman chairwoman president minister secretary "
    "official commander general captain editor principal governor ambassador envoy spokesman spokeswoman"
)
"""Nouns naming a position a person holds: firing, hiring or appointing one changes a position."""

MEASURE_NOUNS = words(
    "magnitude percent percentage point points degree degrees rate level amount number total figure "
    "sum share proportion majority minority scale value size height depth length width weight speed "
    "dose volume count tally score margin"
)
"""noun.quantity / noun.attribute: a measure is never an agent ("A magnitude 7.1 earthquake struck")."""

CONTEST_NOUNS = words(
    "game games match matches race races title titles championship championships trophy cup medal medals "
    "tournament award awards prize prizes contest contests series round rounds battle case cases lawsuit "
    "appeal bid contract contracts approval support praise"
)
"""What one wins that is not an office: "won more games", "won the case"; an election's nouns are apart."""

ELECTION_NOUNS = words(
    "election elections vote votes seat seats ballot ballots presidency nomination mandate referendum "
    "primary primaries majority office term race"
)
"""What one wins in a vote: "won the election", "won 71 seats"."""

IMPACT_VERBS = words(
    "strike hit rock shake jolt batter sweep ravage lash pound slam devastate tear rattle engulf wreck"
)
"""Verbs whose subject is a force of nature or an explosion that strikes: the subject names the event."""

MEASURE_WORDS = words(
    "measure law bill proposal proposals sanction sanctions resolution deal agreement package plan budget "
    "decision motion ban reform reforms amendment treaty move nomination appointment veto"
)
"""What a vote can block: "Hungary blocked the measure" is a veto, not an obstruction of a road."""

PERSON_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
TAKE_PEOPLE = words("arrest detain capture imprison jail extradite release ban charge indict convict sentence")
"""arrest_charge lemmas whose patient must be a person or a group ("arrest global warming" arrests no one)."""
DISMISS = words("fire sack dismiss axe oust")
"""Verbs that end a person's position when their object is one (a coach, a named person)."""

_PEOPLE_PRONOUNS = words("him her them us me he she they who whom")


def is_person(token: Any) -> bool:
    """A person or a group of people: a PERSON/ORG/NORP/GPE entity, a people pronoun or a noun.person noun."""
    if token.ent_type_ in PERSON_LABELS:
        return True
    if token.pos_ == "PRON":
        return token.lower_ in _PEOPLE_PRONOUNS
    return token.lemma_.lower() in PERSON_NOUNS or token.lower_ in PERSON_NOUNS


ABSTRACT_SUFFIXES = ("ing", "tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence")
"""noun.act / noun.process / noun.state by their suffixes ("warming", "gatherings", "inflation")."""


def is_abstract(token: Any) -> bool:
    """A process, an act, a state or a measure, never a person: "global warming", "oil imports", "public
    gatherings", "sea levels". A bare number ("Thousands were arrested") or a noun of unknown class
    ("leftists") is not: either may stand for people."""
    if token.pos_ != "NOUN" or token.ent_type_ != "" or is_person(token):
        return False
    lemma = token.lemma_.lower()
    return lemma in TYPE_OF or lemma.endswith(ABSTRACT_SUFFIXES) or is_measure(token)


def is_measure(token: Any) -> bool:
    """A measure or a quantity noun ("magnitude", "percent", "the rate")."""
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in MEASURE_NOUNS


def _objects(token: Any) -> list[Any]:
    """The trigger's patient words: a verb's object or passive subject, a noun's "of" object."""
    out = [c for c in token.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if token.pos_ == "NOUN":
        out += [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("of", "on")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    out = [_counted_by(t) for t in out]
    return [t for t in out if t.ent_type_ not in ("DATE", "TIME")]  # "a ban ... on Thursday"


def _counted_by(token: Any) -> Any:
    """What a measure counts ("a number of people" -> people), else the token."""
    if not is_measure(token):
        return token
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((g for g in of.children if g.dep_ == "pobj"), token) if of is not None else token


def subject_event(verb: Any) -> EventType | None:
    """The type of an event noun that is the verb's subject or heads it ("the quake hit", "A magnitude 7.1
    earthquake struck"): the subject names the happening and the verb only says that it happened."""
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for word in (child, *[t for t in child.subtree if t.i < verb.i and t.pos_ == "NOUN"]):
            found = TYPE_OF.get(word.lemma_.lower())
            if found in ("disaster", "attack") and word.pos_ == "NOUN":
                return found
    return None


def _impact(token: Any, etype: EventType) -> EventType | None:
    """ "The quake hit": a strike by a disaster or an explosion is that disaster or explosion."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in IMPACT_VERBS:
        return None
    return subject_event(token)


def _arrest_of_a_thing(token: Any, etype: EventType) -> EventType | None:
    """ "to arrest global warming": no person is arrested or charged; "a ban on gatherings" bans no one,
    it is a decree (announced, planned or proposed)."""
    if etype != "arrest_charge" or token.lemma_.lower() not in TAKE_PEOPLE:
        return None
    patients = _objects(token)
    if patients and all(is_abstract(p) for p in patients):
        return "plan_announce" if token.lemma_.lower() == "ban" else "other"  # a ban on gatherings is a decree
    return None


def _dismissal(token: Any, etype: EventType) -> EventType | None:
    """ "fired the coach", "sacked Ms Vale": a dismissal (change of position), not gunfire."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in DISMISS:
        return None
    patients = _objects(token)
    if any(p.ent_type_ == "PERSON" or p.lemma_.lower() in POSITION_NOUNS for p in patients):
        return "start_end_position"
    return None


def _contest(token: Any, etype: EventType) -> EventType | None:
    """ "won more games", "won the case": a win is an election only when what is won is one."""
    if token.lemma_.lower() != "win" or token.pos_ != "VERB":
        return None
    won = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    if any(w.lemma_.lower() in ELECTION_NOUNS or w.lower_ in ELECTION_NOUNS for w in won):
        return None
    return "other" if won else None


def _veto(token: Any, etype: EventType) -> EventType | None:
    """ "Hungary blocked the measure": blocking a decision is a vote against it (a veto)."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ("block", "veto"):
        return None
    if any(p.lemma_.lower() in MEASURE_WORDS for p in _objects(token)):
        return "vote_elect"
    return None


def _message(token: Any, etype: EventType) -> EventType | None:
    """A sending or giving whose object is a message is a statement ("sent a birthday message")."""
    if etype not in ("move_deploy", "transfer") or token.pos_ != "VERB":
        return None
    if any(TYPE_OF.get(c.lemma_.lower()) == "statement" for c in token.children if c.dep_ in ("dobj", "obj")):
        return "statement"
    return None


def _attempt(token: Any, etype: EventType) -> EventType | None:
    """ "tried to" is an attempt, not a trial."""
    if token.lemma_.lower() == "try" and any(c.dep_ == "xcomp" for c in token.children):
        return "other"
    return None


PHRASAL: dict[tuple[str, str], EventType] = {
    ("check", "into"): "move_deploy",
    ("check", "in"): "move_deploy",
    ("check", "out"): "move_deploy",
    ("blow", "up"): "attack",
    ("set", "off"): "attack",
    ("step", "down"): "start_end_position",
    ("break", "out"): "disaster",
    ("walk", "out"): "protest",
    ("open", "fire"): "attack",
}
"""Verbs whose particle or preposition makes the event: "checked into a clinic" (a move), "blew up a bus",
"the dockworkers walked out" (a strike, or leaving a meeting in protest), "opened fire on" (an attack)."""


def _phrasal(token: Any, etype: EventType) -> EventType | None:
    """ "checked into rehab", "blew up the bridge", "stepped down": the verb with its particle."""
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    words = [  # the parser may read the particle as an adverb ("walked out" with "out" an advmod)
        c.lower_ for c in token.children if (c.dep_ in ("prt", "prep") and c.i > token.i) or c.i == token.i + 1
    ]
    return next((PHRASAL[(lemma, w)] for w in words if (lemma, w) in PHRASAL), None)


VERB_SENSES: dict[str, EventType] = {"storm": "attack"}
"""Words whose verb is another event than their noun: a storm is a disaster, to storm a compound an assault."""


def _verb_sense(token: Any, etype: EventType) -> EventType | None:
    """ "Soldiers stormed the compound": the verb's own sense."""
    return VERB_SENSES.get(token.lemma_.lower()) if token.pos_ == "VERB" else None


def _naming(token: Any, etype: EventType) -> EventType | None:
    """ "Macron called the explosion an attack": naming something states nothing that happened."""
    if token.lemma_.lower() != "call" or token.pos_ != "VERB":
        return None
    named = any(c.dep_ in ("oprd", "xcomp", "attr") and c.pos_ in ("NOUN", "PROPN", "ADJ") for c in token.children)
    return "other" if named and any(c.dep_ in ("dobj", "obj") for c in token.children) else None


def _left_behind(token: Any, etype: EventType) -> EventType | None:
    """ "the clash left one student injured", "he left a confession in the boat": what one leaves behind
    (a thing, or people in a state) is no departure; leaving a place or an organisation is."""
    if token.lemma_.lower() != "leave" or token.pos_ != "VERB":
        return None
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    if any(c.dep_ in ("oprd", "ccomp", "xcomp", "acomp") for c in token.children):
        return "other"  # a resultative: "left thousands homeless"
    gone = any(o.ent_type_ in ("GPE", "LOC", "FAC", "ORG") or o.lemma_.lower() in PLACE_NOUNS for o in objects)
    return "other" if objects and not gone else None


RULES: tuple[Callable[[Any, EventType], EventType | None], ...] = (
    _phrasal,
    _verb_sense,
    _impact,
    _dismissal,
    _arrest_of_a_thing,
    _contest,
    _veto,
    _naming,
    _left_behind,
    _message,
    _attempt,
)
"""In order; the first rule that decides gives the sense."""


def sense(token: Any, etype: EventType) -> EventType:
    """The trigger's type given its arguments: the first rule that decides, else the lexicon's."""
    found: EventType | None = first(RULES, token, etype)
    return etype if found is None else found

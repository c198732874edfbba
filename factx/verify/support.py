"""Verify every part of an event against its evidence, not only the quote.

An event stands only if: its evidence is the source's own text, outside any zone that addresses
the model; the trigger lies in the evidence; every participant and the place is a span inside the
evidence, or a mention of an entity the evidence names (the dateline city for lead events); the
description's content words come from the evidence or the participants; the type agrees with the
trigger's lexicon type; a negation or modal next to the trigger rules out ``asserted``.
"""

from __future__ import annotations

from collections.abc import Sequence

from factx._types import EventFact, EventType, Span, Zone
from factx.detect.entities import Entities
from factx.detect.events.lexicon import TYPE_LEMMAS, TYPE_OF
from factx.detect.tokens import text_words, words
from factx.verify.ground import contains

_NEGATIONS = {"not", "n't", "never", "no", "without", "nor"}
_MODALS = {"will", "would", "may", "might", "could", "can", "should", "must", "shall", "wo", "ca"}
_FUNCTION = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "as",
        "that",
        "this",
        "these",
        "those",
        "its",
        "it",
        "his",
        "her",
        "their",
        "our",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "will",
        "would",
        "may",
        "might",
        "could",
        "can",
        "should",
        "must",
        "shall",
        "not",
        "no",
        "than",
        "into",
        "over",
        "under",
        "after",
        "before",
        "during",
        "about",
        "up",
        "out",
        "off",
    }
)


def problems(
    fact: EventFact, text: str, zones: Sequence[Zone], entities: Entities, lemma: str | None = None
) -> list[str]:
    """Every way ``fact`` is not backed by its evidence (empty when every part is supported)."""
    out = evidence_problems(fact, text, zones)
    if out:
        return out
    for p in fact.participants:
        if not _anchored(p.span, p.name, p.entity_id, fact.span, text, entities):
            out.append(f"participant {p.name!r} is neither in the evidence nor a mention of an entity it names")
    if fact.location and not _placed(fact, text, zones, entities):
        out.append(f"place {fact.location!r} is neither in the evidence nor a mention of an entity it names")
    out += description_problems(fact)
    out += type_problems(fact, text, lemma)
    out += factuality_problems(fact, text)
    return out


def evidence_problems(fact: EventFact, text: str, zones: Sequence[Zone]) -> list[str]:
    """The evidence is the source's own text, addressed to the reader, and holds the trigger: else no event."""
    span = fact.span
    if text[span.start : span.end] != span.text:
        return ["evidence span differs from the source"]
    out: list[str] = []
    if any(z.kind == "instruction" and z.span.overlaps(span) for z in zones):
        out.append("evidence lies in a passage that addresses the model, not the reader")
    trigger = fact.trigger
    if trigger is None or not contains(span, trigger) or text[trigger.start : trigger.end] != trigger.text:
        out.append("trigger is not a word of the evidence")
    return out


def description_problems(fact: EventFact) -> list[str]:
    """The description's content words come from the evidence or the participants' names."""
    allowed = _bare_words(fact.span.text) | {w for p in fact.participants for w in _bare_words(p.name)}
    allowed |= _bare_words(fact.location or "") | {w for p in fact.participants for w in _bare_words(p.span.text)}
    stray = [w for w in _bare_words(fact.description) - allowed if w not in _FUNCTION and not _inflects(w, allowed)]
    return [f"description words not in the evidence: {', '.join(sorted(stray)[:6])}"] if stray else []


def _anchored(at: Span, name: str, entity_id: str | None, evidence: Span, text: str, entities: Entities) -> bool:
    if text[at.start : at.end] != at.text:
        return False
    if contains(evidence, at):
        return True
    entity = entities.get(entity_id)
    if entity is None:
        return False
    return name == entity.name and any(evidence.start <= s and e <= evidence.end for s, e in entity.mentions)


def _placed(fact: EventFact, text: str, zones: Sequence[Zone], entities: Entities) -> bool:
    at = fact.location_span
    if at is None or text[at.start : at.end] != at.text:
        return False
    if contains(fact.span, at):
        return True
    if any(z.kind == "dateline" and contains(z.span, at) for z in zones):
        return True  # the documented dateline fallback for lead events
    named = next((e for e in entities.items if e.name == fact.location), None)
    return named is not None and any(fact.span.start <= s and e <= fact.span.end for s, e in named.mentions)


RELATED: dict[str, frozenset[str]] = {
    "attack": frozenset({"die_injure", "damage_destroy", "move_deploy"}),
    "die_injure": frozenset({"attack", "disaster", "damage_destroy"}),
    "damage_destroy": frozenset({"attack", "disaster", "die_injure"}),
    "disaster": frozenset({"die_injure", "damage_destroy"}),
    "meet": frozenset({"statement", "agree", "plan_announce"}),
    "statement": frozenset({"meet", "plan_announce", "agree", "protest", "arrest_charge"}),
    "agree": frozenset({"meet", "statement", "transfer"}),
    "plan_announce": frozenset({"statement", "meet"}),
    "protest": frozenset({"statement"}),
    "arrest_charge": frozenset({"statement"}),
    "move_deploy": frozenset({"attack"}),
    "transfer": frozenset({"agree"}),
    "vote_elect": frozenset({"start_end_position"}),
    "start_end_position": frozenset({"vote_elect"}),
}
"""Types one happening can have at once, so a trigger of one may be read as the other: a violent act
and what it does (an assassination is an attack and a death; a bombing destroys), a calamity and its
toll, talks that are meetings and statements, an election that starts a term."""


READINGS: dict[EventType, frozenset[str]] = {
    "move_deploy": words(
        "go come arrive leave depart drive walk run fly sail travel reach head return flee escape cross enter exit "
        "approach carry bring take ship transport evacuate relocate migrate march ride move movement journey trip "
        "deploy send withdraw retreat advance convoy"
    ),
    "transfer": words(
        "give donate pay buy sell purchase sale rent lease reserve lend loan borrow fund grant award supply provide "
        "deliver hand acquire acquisition trade export import smuggle steal rob"
    ),
    "statement": words(
        "blame recall issue present instruct order command beg plead oblige require urge insist explain describe "
        "note add write post tweet publish inform notify request appeal ultimatum coerce coercion interview "
        "suggest propose recommend remark comment argue insist answer complain"
    ),
    "meet": words("interview host receive welcome convene assemble rally summit"),
    "arrest_charge": words(
        "search hunt seize capture detain jail imprison prison court trial try sentence convict prosecute indict "
        "sue raid investigate investigation probe extradite release free parole"
    ),
    "die_injure": words("beat beating slaughter maim maiming claim suffer bleed starve poison"),
    "attack": words(
        "conflict counter use bring collide firearm blow blown crash ram storm torch burn loot kidnap abduct "
        "hostage gun weapon"
    ),
    "disaster": words(
        "disease virus bacteria bacterium fever infection illness outbreak contagion cholera measles malaria "
        "storm surge heatwave avalanche fire smog contamination"
    ),
    "start_end_position": words("fire sack dismiss lose hire appoint resign retire quit step oust"),
    "protest": words("clash riot march rally strike boycott picket sit"),
}
"""Verb and noun classes the event lexicon leaves out because they are not news triggers on their own
(verbs of motion, of possession changing hands, of communication and ordering, of legal process, of
illness), and second senses of lexicon words ("fired" from a job, "claimed" lives, a "clash" of
protesters): a type a model gives such a trigger is read as possible, not refused."""

_TYPE_WINDOW = 40
"""Characters around a trigger unknown to the lexicon where a word naming the type backs it
("carried out an ambush-style shootout")."""


def type_problems(fact: EventFact, text: str, lemma: str | None = None) -> list[str]:
    """A proposed type stands unless its evidence rules it out: the trigger's own senses (and the types
    that co-occur with them, ``RELATED``) decide for a trigger the lexicon knows; for one it does not
    know, a word next to the trigger must name the type. Compared case-insensitively."""
    if fact.type == "other" or fact.trigger is None:
        return []
    word = fact.trigger.text.lower()
    family = {f for w in word.replace("-", " ").split() for f in _family(w)} | ({lemma.lower()} if lemma else set())
    senses = {t for t, lemmas in TYPE_LEMMAS.items() if family & lemmas}
    senses |= {t for t, lemmas in READINGS.items() if family & lemmas}
    if fact.type in senses or any(fact.type in RELATED.get(s, ()) for s in senses):
        return []
    if senses:
        known = ", ".join(sorted(senses))
        return [f"type {fact.type!r} disagrees with the trigger {word!r} ({known})"]
    start = max(fact.span.start, fact.trigger.start - _TYPE_WINDOW)
    near = _bare_words(text[start : min(fact.span.end, fact.trigger.end + _TYPE_WINDOW)])
    named = TYPE_LEMMAS[fact.type] | READINGS.get(fact.type, frozenset())
    if any(f in named for w in near for f in _family(w)):
        return []
    return [f"type {fact.type!r}: no word at the trigger {word!r} names an event of that type"]


_DERIVATIONS = (
    ("ation", "ate"),
    ("ation", ""),
    ("ition", "ite"),
    ("ion", "e"),
    ("ion", ""),
    ("ment", ""),
    ("ure", "e"),
    ("al", ""),
    ("er", ""),
    ("out", ""),
    ("up", ""),
    ("s", ""),
)
"""Event nouns back to their verbs: assassination, seizure, shootout, crackdown, arrival."""


def _family(word: str) -> set[str]:
    """The word, its likely lemmas and the verb an event noun derives from (or a compound's head)."""
    out = set(_forms(word))
    for suffix, repl in _DERIVATIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            out.update(_forms(word[: -len(suffix)] + repl))
    return out


def factuality_problems(fact: EventFact, text: str) -> list[str]:
    """A negation or modal right before the trigger rules out ``asserted``; ``negated`` needs a negation."""
    if fact.trigger is None:
        return []
    window = text[max(fact.span.start, fact.trigger.start - 40) : fact.trigger.start]
    before = text_words(window)
    near = before[-3:]
    out = []
    if fact.factuality == "asserted" and any(w in _NEGATIONS or w.endswith("n't") for w in near):
        out.append("a negation before the trigger: cannot be 'asserted'")
    if fact.factuality == "asserted" and any(w in _MODALS for w in near):
        out.append("a modal before the trigger: cannot be 'asserted'")
    evidence = set(text_words(fact.span.text))
    if fact.factuality == "negated" and not (evidence & _NEGATIONS or any(w.endswith("n't") for w in evidence)):
        out.append("'negated' without a negation in the evidence")
    return out


def lexical_type(word: str) -> str | None:
    """The lexicon's first type for a word (any case) or its likely lemma."""
    for form in _forms(word.lower()):
        if form in TYPE_OF:
            return TYPE_OF[form]
    return None


def _forms(word: str) -> list[str]:
    """The word and its likely lemmas (a crude stemmer: enough to look a trigger up in the lexicon)."""
    out = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("d", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    if len(out) > 1 and len(out[-1]) > 2 and out[-1][-1] == out[-1][-2]:
        out.append(out[-1][:-1])  # "planned" -> "plann" -> "plan"
    return out


def _bare_words(text: str) -> set[str]:
    """The words of ``text`` as a set, without quote marks at their ends ("'rebels'" -> rebels)."""
    return {w.strip("'\u2019") for w in text_words(text)}


def _inflects(word: str, allowed: set[str]) -> bool:
    """``word`` is a form of an allowed word: they share a likely lemma ("killed", "killing")."""
    forms = set(_forms(word))
    return any(forms.intersection(_forms(a)) for a in allowed)

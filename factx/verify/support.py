"""Verify every part of an event against its evidence, not only the quote.

An event stands only if: its evidence is the source's own text, outside any zone that addresses
the model; the trigger lies in the evidence; every participant and the place is a span inside the
evidence, or a mention of an entity the evidence names (the dateline city for lead events); the
description's content words come from the evidence or the participants; the type agrees with the
trigger's lexicon type; a negation or modal next to the trigger rules out ``asserted``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factx._types import EventFact, Span, Zone
from factx.detect.entities import Entities
from factx.detect.events.lexicon import TYPE_LEMMAS, TYPE_OF
from factx.verify.ground import contains

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d.,]*")
_NEGATIONS = {"not", "n't", "never", "no", "without", "nor"}
_MODALS = {"will", "would", "may", "might", "could", "can", "should", "must", "shall", "wo", "ca"}
_FUNCTION = frozenset(
    {
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "as", "that",
        "this", "these", "those", "its", "it", "his", "her", "their", "our", "has", "have", "had", "is", "are", "was",
        "were", "be", "been", "being", "will", "would", "may", "might", "could", "can", "should", "must", "shall",
        "not", "no", "than", "into", "over", "under", "after", "before", "during", "about", "up", "out", "off"
    }
)


def problems(
    fact: EventFact, text: str, zones: Sequence[Zone], entities: Entities, lemma: str | None = None
) -> list[str]:
    """Every way ``fact`` is not backed by its evidence (empty when every part is supported)."""
    span = fact.span
    if text[span.start : span.end] != span.text:
        return ["evidence span differs from the source"]
    out: list[str] = []
    if any(z.kind == "instruction" and z.span.overlaps(span) for z in zones):
        out.append("evidence lies in a passage that addresses the model, not the reader")
    trigger = fact.trigger
    if trigger is None or not contains(span, trigger) or text[trigger.start : trigger.end] != trigger.text:
        return [*out, "trigger is not a word of the evidence"]
    for p in fact.participants:
        if not _anchored(p.span, p.name, p.entity_id, span, text, entities):
            out.append(f"participant {p.name!r} is neither in the evidence nor a mention of an entity it names")
    if fact.location and not _placed(fact, text, zones, entities):
        out.append(f"place {fact.location!r} is neither in the evidence nor a mention of an entity it names")
    allowed = _words(span.text) | {w for p in fact.participants for w in _words(p.name)}
    allowed |= _words(fact.location or "") | {w for p in fact.participants for w in _words(p.span.text)}
    stray = [w for w in _words(fact.description) - allowed if w not in _FUNCTION and not _inflects(w, allowed)]
    if stray:
        out.append(f"description words not in the evidence: {', '.join(sorted(stray)[:6])}")
    out += _type_problems(fact, lemma)
    out += _factuality_problems(fact, text)
    return out


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


def _type_problems(fact: EventFact, lemma: str | None) -> list[str]:
    word = fact.trigger.text.lower() if fact.trigger else ""
    lexical = TYPE_OF.get(lemma) if lemma else lexical_type(word)
    if lexical is not None:
        return [] if lexical == fact.type else [f"type {fact.type!r} disagrees with the trigger {word!r} ({lexical})"]
    if fact.type == "other":
        return []
    if any(f in TYPE_LEMMAS[fact.type] for w in _words(fact.span.text) for f in _forms(w)):
        return []
    return [f"type {fact.type!r}: no word of the evidence names an event of that type"]


def _factuality_problems(fact: EventFact, text: str) -> list[str]:
    if fact.trigger is None:
        return []
    window = text[max(fact.span.start, fact.trigger.start - 40) : fact.trigger.start]
    before = [w.lower() for w in _WORD.findall(window)]
    near = before[-3:]
    out = []
    if fact.factuality == "asserted" and any(w in _NEGATIONS or w.endswith("n't") for w in near):
        out.append("a negation before the trigger: cannot be 'asserted'")
    if fact.factuality == "asserted" and any(w in _MODALS for w in near):
        out.append("a modal before the trigger: cannot be 'asserted'")
    evidence = {w.lower() for w in _WORD.findall(fact.span.text)}
    if fact.factuality == "negated" and not (evidence & _NEGATIONS or any(w.endswith("n't") for w in evidence)):
        out.append("'negated' without a negation in the evidence")
    return out


def lexical_type(word: str) -> str | None:
    for form in _forms(word):
        if form in TYPE_OF:
            return TYPE_OF[form]
    return None


def _forms(word: str) -> list[str]:
    """The word and its likely lemmas (a crude stemmer: enough to look a trigger up in the lexicon)."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""),
                         ("s", ""), ("d", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    if len(out) > 1 and len(out[-1]) > 2 and out[-1][-1] == out[-1][-2]:
        out.append(out[-1][:-1])  # "planned" -> "plann" -> "plan"
    return out


def _words(text: str) -> set[str]:
    return {w.lower().strip("'\u2019") for w in _WORD.findall(text)}


def _inflects(word: str, allowed: set[str]) -> bool:
    return any(form in allowed for form in _forms(word)) or any(word in _forms(a) for a in allowed)

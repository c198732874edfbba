"""How certain an event is and on whose word, from the words around its trigger.

negated: a negation of the trigger ("did not attack", "no talks"); hypothetical: an if/unless
clause; possible: may/might/could/can/should/must; planned: will/shall, "going to", or a governor
that looks ahead ("vowed to remain", "called for an inquiry"); reported: what a reporting verb
reports ("..., police said"), "according to X", "reportedly". The source is who reports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factx._types import Factuality
from factx.detect.events.lexicon import FUTURE_MODALS, HEARSAY, PLANNING, POSSIBLE_MODALS, REPORTING
from factx.detect.events.roles import RoleReader, pobj, subject_of

_MODAL_FORMS = {"'ll": "will", "wo": "will", "ca": "can", "'d": "would"}
_CHAIN = {"ccomp", "xcomp", "conj", "advcl", "parataxis", "relcl", "acl", "dobj", "pobj", "prep", "pcomp", "attr"}


@dataclass(frozen=True)
class Certainty:
    """The factuality of a trigger with the words that decided it."""

    factuality: Factuality
    source: str | None
    source_id: str | None
    modal: str | None
    negated: bool
    reporter: int | None
    """The token index of the reporting verb, when the event is reported."""


def certainty(trigger: Any, roles: RoleReader) -> Certainty:
    """Factuality, source and modal of a trigger (negation first, then condition, modality, report)."""
    negated = _negated(trigger)
    modal = _modal(trigger)
    conditional = _conditional(trigger)
    planned = _planned(trigger)
    source, source_id, reporter = _source(trigger, roles)
    hearsay = any(c.lower_ in HEARSAY for c in trigger.children) or any(
        c.lower_ in HEARSAY for c in trigger.head.children if trigger.pos_ == "NOUN"
    )
    value: Factuality
    if negated:
        value = "negated"
    elif conditional:
        value = "hypothetical"
    elif _modified(trigger) is not None:
        value = _modified(trigger) or "planned"
    elif modal in POSSIBLE_MODALS:
        value = "possible"
    elif modal == "would":
        value = "planned" if reporter is not None else "hypothetical"
    elif modal in FUTURE_MODALS or planned:
        value = "planned"
    elif source is not None or hearsay or reporter is not None:
        value = "reported"
    else:
        value = "asserted"
    return Certainty(value, source, source_id, modal, negated, reporter)


_NOBODY = {"nobody", "none", "neither", "nothing", "noone"}
_NEG_LINKS = {"cc", "preconj", "dep", "advmod", "det"}


FAILING = frozenset({"fail", "refuse", "decline", "neglect"})
"""Governors whose complement did not happen: "failed to agree", "refused to sign"."""
BLOCKING = frozenset({"block", "veto", "prevent", "thwart", "foil", "scuttle", "torpedo"})
"""Verbs whose object did not happen: "blocked the sanctions", "vetoed the ban"."""
PROPOSED = {
    "proposed": "planned",
    "planned": "planned",
    "intended": "planned",
    "mooted": "planned",
    "threatened": "planned",
    "expected": "planned",
    "scheduled": "planned",
    "would-be": "planned",
    "possible": "possible",
    "potential": "possible",
    "likely": "possible",
    "alleged": "reported",
}
"""Modifiers that make a nominal event not yet real: "a proposed ban", "a possible strike"."""


def _failed(trigger: Any) -> bool:
    """The event is what a subject failed or refused to do, or what was blocked, or a noun inside either
    ("failed to agree on a ban": neither the agreement nor the ban happened)."""
    current = trigger
    for _ in range(4):
        head = current.head
        if head is current:
            return False
        lemma = head.lemma_.lower()
        if current.dep_ == "xcomp" and lemma in FAILING:
            return True
        if current.dep_ in ("dobj", "obj") and lemma in BLOCKING and current.pos_ == "NOUN":
            return True
        if current.dep_ not in ("pobj", "prep", "xcomp"):
            return False
        current = head
    return False


def _modified(trigger: Any) -> Factuality | None:
    """A nominal event's own modifier that makes it unreal ("the proposed ban", "a possible strike")."""
    if trigger.pos_ != "NOUN":
        return None
    for child in trigger.children:
        found = PROPOSED.get(child.lower_) if child.dep_ in ("amod", "compound", "advmod") else None
        if found is not None:
            return found  # type: ignore[return-value]
    return None


def _negated(trigger: Any) -> bool:
    """The trigger is negated by the first rule of ``NEGATIONS`` that says so."""
    return any(rule(trigger) for rule in NEGATIONS)


def _not(trigger: Any) -> bool:
    """ "did not attack", "failed to agree"."""
    return any(c.dep_ == "neg" for c in trigger.children) or _failed(trigger)


def _nor(trigger: Any) -> bool:
    """ "Nor do analysts expect", "neither a rise nor inflation"."""
    return any(c.lower_ in ("nor", "neither") and c.dep_ in _NEG_LINKS for c in trigger.children)


def _no_longer(trigger: Any) -> bool:
    """ "no longer consolidates"."""
    return any(c.lower_ == "longer" and any(d.lower_ == "no" for d in c.children) for c in trigger.children)


def _neither_subject(trigger: Any) -> bool:
    """ "Neither Equus nor Tony Lama gave", "Perlman nor Price said"."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ in ("neither", "nor") for d in c.children)
        for c in trigger.children
    )


def _negated_conjunct(trigger: Any) -> bool:
    """ "no gains or losses": the determiner covers the conjuncts; "It hasn't diversified, nor has it linked up"."""
    if trigger.dep_ != "conj":
        return False
    if trigger.pos_ == "NOUN" and _negated(trigger.head):
        return True
    return any(c.dep_ == "cc" and c.lower_ == "nor" for c in trigger.head.children)


def _not_having_to(trigger: Any) -> bool:
    """ "didn't have to adjust", "wasn't to begin", "not going to dignify"."""
    head = trigger.head
    governs = trigger.dep_ == "xcomp" and head.lemma_.lower() in ("have", "be", "go")
    return governs and any(c.dep_ == "neg" for c in head.children)


def _nobody(trigger: Any) -> bool:
    """ "Nobody hurried", "No one was hurt", "has no problem"."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj")
        and (c.lower_ in _NOBODY or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
        for c in trigger.children
    )


def _none_planned(trigger: Any) -> bool:
    """ "no trip planned"."""
    return trigger.dep_ == "acl" and any(d.dep_ == "det" and d.lower_ == "no" for d in trigger.head.children)


def _no_act(trigger: Any) -> bool:
    """A nominal trigger with "no" or "without", or the object of a negated verb: "no talks", "did not
    hold talks", "without a vote"."""
    if trigger.pos_ != "NOUN":
        return False
    head = trigger.head
    if any(c.lower_ in ("no", "without") for c in trigger.children):
        return True
    if trigger.dep_ in ("dobj", "obj") and any(c.dep_ == "neg" for c in head.children):
        return True
    return bool(head.lower_ == "without")


def _without(trigger: Any) -> bool:
    """ "left without paying"."""
    return bool(trigger.head.lower_ == "without" and trigger.dep_ in ("pcomp", "pobj"))


NEGATIONS: tuple[Callable[[Any], bool], ...] = (
    _not,
    _nor,
    _no_longer,
    _neither_subject,
    _negated_conjunct,
    _not_having_to,
    _nobody,
    _none_planned,
    _no_act,
    _without,
)
"""The ways a trigger is negated, each a small rule over its parse."""


def _modal(trigger: Any) -> str | None:
    """The modal of the trigger's verb group (inherited by an infinitive: "will continue to work")."""
    current = trigger
    for _ in range(3):
        for child in current.children:
            if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
                word = str(child.lower_)
                return _MODAL_FORMS.get(word, word)
        if trigger.pos_ == "NOUN" and current is trigger:
            current = trigger.head
        elif current.dep_ == "xcomp":
            current = current.head
        else:
            break
    return None


def _conditional(trigger: Any) -> bool:
    verb = trigger.head if trigger.pos_ == "NOUN" else trigger
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return True
    has_would = any(c.tag_ == "MD" and c.lower_ in ("would", "could", "might") for c in verb.children)
    return has_would and any(
        c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children) for c in verb.children
    )


def _planned(trigger: Any) -> bool:
    """Governed by a verb or adjective that looks ahead, or "going to"."""
    current = trigger
    for _ in range(3):
        head = current.head
        if head is current:
            return False
        if current.dep_ in ("xcomp", "pobj", "dobj", "ccomp") and head.lemma_.lower() in PLANNING:
            return not (current.dep_ == "ccomp" and head.lemma_.lower() not in ("plan", "expect", "hope", "want"))
        if current.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in PLANNING:
            return True
        if current.dep_ not in ("xcomp", "pobj", "prep"):
            return False
        current = head
    return False


def _source(trigger: Any, roles: RoleReader) -> tuple[str | None, str | None, int | None]:
    """Who reports the event: the subject of a reporting verb above it, or "according to X"."""
    current = trigger
    for _ in range(5):
        head = current.head
        if head is current or current.dep_ not in _CHAIN:
            break
        if head.pos_ == "VERB" and head.lemma_.lower() in REPORTING and current.dep_ in ("ccomp", "parataxis"):
            subject = subject_of(head)
            phrase = roles.phrase(subject, "source") if subject is not None else None
            return (phrase.name, phrase.entity_id, int(head.i)) if phrase else (None, None, int(head.i))
        current = head
    for token in trigger.sent:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            target = pobj(to) if to is not None else None
            if target is not None:
                phrase = roles.phrase(target, "source")
                if phrase is not None:
                    return phrase.name, phrase.entity_id, int(token.i)
        elif (  # "X happened, the agency said" parsed with "said" as a parenthetical
            token.dep_ == "parataxis"
            and token.lemma_.lower() in REPORTING
            and trigger.i < token.i  # the report follows what it reports: "X happened, police said"
            and not any(a.i == token.i for a in trigger.ancestors)
        ):
            subject = subject_of(token)
            phrase = roles.phrase(subject, "source") if subject is not None else None
            return (phrase.name, phrase.entity_id, int(token.i)) if phrase else (None, None, int(token.i))
    return None, None, None

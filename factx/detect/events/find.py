"""Event mentions found by code: verbal and nominal triggers with type, class, roles, place, factuality.

Each headline, caption and run of body text is parsed on its own (zones first), entities are
resolved over the whole document, then every trigger becomes a candidate with its description
built from its roles. The model never has to find or copy an event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from factx._types import EventClass, EventType, Factuality, Zone, ZoneKind
from factx.detect.entities import NAMED, Entities
from factx.detect.events.factuality import certainty
from factx.detect.events.lexicon import (
    COMPLEX_PREPOSITIONS,
    COUNT_NOUNS,
    EVENT_NOUNS,
    EVENT_SUFFIXES,
    LIGHT_VERBS,
    NOT_EVENT_NOUNS,
    REPORTING,
    SUFFIX_MIN,
    THING_NOUNS,
    TYPE_OF,
    event_class,
    type_of,
)
from factx.detect.events.places import DIRECTIONS
from factx.detect.events.roles import Role, RoleReader, noun_start
from factx.detect.events.senses import sense
from factx.detect.events.syntax import is_light
from factx.detect.parse import doc_text, parse_many
from factx.detect.text import blocks, is_title_case, masked, sentence_cased, zones

_VERB_SKIP = {"aux", "auxpass", "amod", "compound", "prep"}
"""Verbs in these relations are no events: auxiliaries, modifiers, and participles the parse reads as a
preposition ("troops, including Marines", "compared with a year ago", "information regarding the cache")."""
_NOT_TRIGGERS = {"accord"}  # "according to": attribution, not an event


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    zone: ZoneKind = "body"


@dataclass(frozen=True)
class EventCandidate:
    """One event mention code found: trigger, evidence sentence, type, class, roles, place, factuality."""

    key: str
    sentence: int
    trigger: tuple[int, int]
    clause: tuple[int, int]
    description: str
    lemma: str = ""
    pos: str = "VERB"
    type: EventType = "other"
    event_class: EventClass = "OCCURRENCE"
    participants: tuple[Role, ...] = ()
    place: Role | None = None
    factuality: Factuality = "asserted"
    source: str | None = None
    modal: str | None = None
    zone: ZoneKind = "body"
    main: bool = True
    """A main clause (or what a reporting verb reports), as opposed to a subordinate or nominal mention."""
    lead: bool = False
    """In the headline or the first body sentence."""
    lexical: bool = True
    """The trigger is in the event lexicon (a typed verb or an event noun), not a bare verb or suffix noun."""
    definite: bool = False
    """A nominal mention that points back ("the summit", "their talks"): a coreference candidate."""
    reports: tuple[str, ...] = ()
    """Keys of the candidates this reporting verb reports (its content)."""
    conj_of: str | None = None
    """The verb this one is coordinated with ("declared ... and asked"): it shares that verb's time."""
    governor: tuple[str, str] | None = None
    """The nearest trigger above this one in the parse and the dependency by which the path leaves it
    ("exploded on Friday, killing three": killing is governed by exploded via advcl)."""

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.name for p in self.participants if p.role == "agent"))


@dataclass
class Analysis:
    """What code read in one text: zones, sentences, entities, candidates and which token belongs to which."""

    zones: list[Zone]
    sentences: list[Sentence] = field(default_factory=list)
    candidates: list[EventCandidate] = field(default_factory=list)
    entities: Entities = field(default_factory=Entities)
    heads: dict[int, tuple[int, int, str | None, str | None]] = field(default_factory=dict)
    docs: list[tuple[int, Any]] = field(default_factory=list)
    """Each parsed block's start offset and ``Doc`` (see ``parse.join``)."""
    """Token start -> (token end, head token start, owning candidate, candidate it dates)."""

    def owner(self, start: int, end: int, *, time: bool = False) -> str | None:
        """The candidate a span attaches to: the nearest trigger above its head token.

        With ``time``, the path may not pass through an argument ("this weekend's matches" does
        not date "postponed"), so a date is the event's own time.
        """
        inside = [(s, v) for s, v in self.heads.items() if start <= s < end]
        chosen = next((v for _s, v in inside if not (start <= v[1] < end)), inside[0][1] if inside else None)
        if chosen is None:
            return None
        return chosen[3] if time else chosen[2]


def analyse(text: str) -> Analysis:
    """Zones, sentences and every event mention of ``text``, in text order."""
    found = zones(text)
    clean = masked(text, found)
    result = Analysis(zones=found)
    spans = blocks(text, found)
    parsed = list(zip(spans, parse_many(_readable(clean, b.kind, b.start, b.end) for b in spans), strict=True))
    result.docs = [(block.start, doc) for block, doc in parsed]
    for block, doc in parsed:
        result.entities.add_doc(doc, block.start)
    first_body = True
    for block, doc in parsed:
        reader = RoleReader(block.start, result.entities)
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            index = len(result.sentences)
            s, e = _trimmed(sent, block.start)
            result.sentences.append(Sentence(s, e, block.kind))
            lead = block.kind == "headline" or (block.kind == "body" and first_body)
            if block.kind == "body":
                first_body = False
            _read_sentence(sent, index, (s, e), block.kind, lead, reader, result)
    return result


def _readable(text: str, kind: ZoneKind, start: int, end: int) -> str:
    """The block as the parser should read it: a title-case headline sentence-cased, so its verbs are verbs."""
    block = text[start:end]
    return sentence_cased(block, text) if kind == "headline" and is_title_case(block) else block


def _read_sentence(
    sent: Any, index: int, span: tuple[int, int], kind: ZoneKind, lead: bool, reader: RoleReader, out: Analysis
) -> None:
    offset = reader.offset
    triggers = [t for t in sent if _is_trigger(t)]
    by_token: dict[int, str] = {}
    made: list[EventCandidate] = []
    for token in triggers:
        key = f"c{len(out.candidates) + len(made) + 1}"
        by_token[token.i] = key
        lemma = token.lemma_.lower()
        pos = "NOUN" if token.pos_ == "NOUN" else "VERB"
        etype: EventType = sense(token, type_of(lemma, pos) or "other")
        participants = tuple(reader.participants(token, etype))
        place = reader.place(token, etype)
        sure = certainty(token, reader)
        made.append(
            EventCandidate(
                key=key,
                sentence=index,
                trigger=(token.idx + offset, token.idx + offset + len(token.text)),
                clause=span,
                description=describe(token, participants, place, reader),
                lemma=lemma,
                pos=pos,
                type=etype,
                event_class=event_class(lemma, pos),
                participants=participants,
                place=place,
                factuality=sure.factuality,
                source=sure.source,
                modal=sure.modal,
                zone=kind,
                main=_is_main(token),
                lead=lead,
                lexical=type_of(lemma, pos) is not None or (pos == "NOUN" and lemma in EVENT_NOUNS),
                definite=pos == "NOUN" and any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in token.children),
                reports=(),
            )
        )
    for n, cand in enumerate(made):  # a reporting verb's content: the candidates below it
        token = triggers[n]
        if token.dep_ in ("conj", "xcomp") and token.head.i in by_token and token.pos_ == "VERB":
            cand = made[n] = _with(cand, conj_of=by_token[token.head.i])
        above = _governor(token, by_token)
        if above is not None:
            cand = made[n] = _with(cand, governor=above)
        if cand.event_class == "REPORTING":
            below = tuple(by_token[t.i] for t in triggers if t.i != token.i and _reported_by(t, token))
            made[n] = _with(cand, reports=below)
    out.candidates.extend(made)
    dating = dict(by_token)  # "had a loss in the quarter", "there has been a rise over the past year"
    for token in triggers:
        light = token.head.lemma_.lower() in LIGHT_VERBS | {"be"}
        if token.pos_ == "NOUN" and token.dep_ in ("dobj", "obj", "attr") and token.head.i not in by_token and light:
            dating[token.head.i] = by_token[token.i]
    for token in sent:
        owner = next((by_token[a.i] for a in (token, *token.ancestors) if a.i in by_token), None)
        out.heads[token.idx + offset] = (
            token.idx + offset + len(token.text),
            token.head.idx + offset,
            owner,
            _dated(token, dating),
        )


COUNTED = "counted"
"""The relation of an event to the trigger above it when the path crosses a noun that counts it
(``COUNT_NOUNS``): "the number of people killed ... rose on Wednesday" dates the count, not the killing."""
RELATIVE = "relcl"
"""The relation when the path leaves a relative clause on a noun below the trigger: "the company whose line
may have started the fire faced questions on Monday" says nothing of when the fire started (a progressive
clause, ongoing then, is left out: ``_progressive``)."""


def _governor(token: Any, by_token: dict[int, str]) -> tuple[str, str] | None:
    """The nearest trigger above ``token`` and the dependency of the path's last step below it
    (``COUNTED`` when the path crosses a counting noun, else ``RELATIVE`` when it leaves a relative clause)."""
    current, counted, relative = token, False, False
    for _ in range(8):
        head = current.head
        if head.i == current.i:
            return None
        if head.i in by_token:
            return by_token[head.i], COUNTED if counted else RELATIVE if relative else str(current.dep_)
        counted = counted or (head.pos_ == "NOUN" and head.lemma_.lower() in COUNT_NOUNS)
        relative = relative or (current.dep_ == "relcl" and not _progressive(current))
        current = head
    return None


def _progressive(verb: Any) -> bool:
    """A verb in the progressive ("who was watching her clothes dry ... was killed Thursday"): ongoing at the
    time of the clause it hangs from, so it shares that clause's time even from a relative clause."""
    return bool(verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children))


def _dated(token: Any, by_token: dict[int, str]) -> str | None:
    """The trigger a time expression dates: the nearest above it, reached without crossing an argument
    ("" when an argument's modifier stops it: the date of a thing, which dates no event)."""
    for a in (token, *token.ancestors):
        if a.i in by_token:
            return by_token[a.i]
        if a.dep_ in ("poss", "compound", "nmod", "amod") and a.head.i not in by_token and a.head.dep_ != "pobj":
            return ""  # "postponed this weekend's matches": the date of a thing; "in today's editions" dates
    return None


def _with(cand: EventCandidate, **changes: Any) -> EventCandidate:
    from dataclasses import replace

    return replace(cand, **changes)


def _is_trigger(token: Any) -> bool:
    if not token.text.replace("-", "").isalpha() or token.ent_type_ in NAMED:
        return False
    if token.text[0].isupper() and not token.text.isupper() and not token.is_sent_start:
        return False  # a name written like a word: the clinic "Promises", "Operation Storm"
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        if token.dep_ in _VERB_SKIP or lemma in _NOT_TRIGGERS:
            return False
        if lemma == "be" and any(c.dep_ == "expl" for c in token.children):
            return False  # "there were no injuries": an existential "be" names no happening
        if token.tag_ in ("VBG", "VBN") and token.head.pos_ in ("NOUN", "PROPN") and token.i < token.head.i:
            return False  # "neighbouring Belmora", "flooded districts": a modifier, not a clause
        light = is_light(token) and any(
            c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN" and c.lemma_.lower() in EVENT_NOUNS for c in token.children
        )
        return not light
    if token.pos_ == "NOUN":
        if token.dep_ == "compound":
            return False  # "rescue crews", "emergency agency"
        if _in_complex_preposition(token):
            return False
        if lemma in EVENT_NOUNS:
            return True
        if lemma not in TYPE_OF and type_of(lemma, "NOUN") is not None:  # "the smuggling", "a kidnapping"
            return True
        return (
            len(lemma) >= SUFFIX_MIN
            and lemma.endswith(EVENT_SUFFIXES)
            and lemma not in NOT_EVENT_NOUNS
            and lemma not in THING_NOUNS
        )
    return False


def _in_complex_preposition(noun: Any) -> bool:
    """The noun of a preposition frozen around it ("arrested in connection with the bombing", "in addition,
    ..."): bare, after its preposition, and before one it may take or at the phrase's end."""
    frame = COMPLEX_PREPOSITIONS.get(noun.lower_)
    if frame is None or noun.dep_ != "pobj" or noun.head.lower_ != frame[0]:
        return False
    if noun.head.i != noun.i - 1:
        return False  # "in the connection", "in a new light": a determiner or modifier makes it a noun phrase
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return after is None or after.lower_ in frame[1] or (noun.lower_ == "addition" and after.is_punct)


def _reported_by(token: Any, reporter: Any) -> bool:
    current = token
    for _ in range(6):
        if current.head is current:
            return False
        if current.head.i == reporter.i:
            return current.dep_ in ("ccomp", "parataxis", "xcomp", "dobj", "conj") or current is not token
        current = current.head
    return False


def _is_main(token: Any) -> bool:
    """A main-clause trigger: the root, a verb coordinated with it, or what a reporting verb reports."""
    if token.pos_ == "NOUN":
        head = token.head
        return bool(token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and head.pos_ == "VERB" and _is_main(head))
    current = token
    for _ in range(6):
        if current.dep_ == "ROOT":
            return True
        if current.dep_ not in ("conj", "parataxis", "ccomp", "xcomp", "acomp"):
            return False  # "ready to lend", "agreed to pay": the complement is what the clause says
        if current.dep_ == "ccomp" and current.head.lemma_.lower() not in REPORTING:
            return False
        current = current.head
    return False


def _trimmed(sent: Any, offset: int) -> tuple[int, int]:
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return sent.start_char + offset, sent.end_char + offset
    return tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1].text) + offset


# ---- descriptions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """What the description rules read: the trigger, its roles sorted into slots, and the text."""

    trigger: Any
    participants: tuple[Role, ...]
    place: Role | None
    text: str
    off: int
    agents: list[Role]
    recipients: list[Role]
    before: list[Role]
    after: list[Role]
    group: str

    @property
    def verbal(self) -> bool:
        return bool(self.trigger.pos_ == "VERB")


def _frame(trigger: Any, participants: tuple[Role, ...], place: Role | None, reader: RoleReader) -> _Frame:
    """The roles in the slots a statement fills: the subject before the trigger, the object after it."""
    text = doc_text(trigger.doc)
    off = reader.offset
    objects = [p for p in participants if p.role in ("patient", "theme")]
    causes = [p for p in participants if p.role == "instrument" and p.start - off < trigger.idx]  # "the flood"
    return _Frame(
        trigger=trigger,
        participants=participants,
        place=place,
        text=text,
        off=off,
        agents=_coordinated([p for p in participants if p.role == "agent"], text, off),
        recipients=_coordinated([p for p in participants if p.role == "recipient"], text, off),
        before=_coordinated([p for p in objects if p.start - off < trigger.idx] or causes, text, off),
        after=_coordinated([p for p in objects if p.start - off >= trigger.idx], text, off),
        group=_verb_group(trigger) if trigger.pos_ == "VERB" else _noun_group(trigger),
    )


def describe(trigger: Any, participants: tuple[Role, ...], place: Role | None, reader: RoleReader) -> str:
    """A statement built from the roles, in the evidence's own words: "Kim Jong-un sent a message to Putin"."""
    frame = _frame(trigger, participants, place, reader)
    parts: list[str] = []
    for rule in DESCRIPTION_RULES:
        parts += rule(frame, parts)
    out = " ".join(p for p in parts if p).strip()
    if not participants and not place:  # nothing to build from: the trigger's own phrase
        out = _own_phrase(trigger)
    out = out[0].upper() + out[1:] if out else frame.text[trigger.idx : trigger.idx + len(trigger.text)]
    return out if len(out) <= 200 else out[:197].rsplit(" ", 1)[0] + "..."


def _verb_clause(f: _Frame, parts: list[str]) -> list[str]:
    """ "the convoy was hit by ...", "Kim sent a message": the subject (a fronted object first), the verb
    group, the object after it."""
    if not f.verbal:
        return []
    return [_names(f.before or f.agents), f.group, _names(f.after)]


def _passive_agent(f: _Frame, parts: list[str]) -> list[str]:
    """ "the bridge was destroyed by rebels": the agent after a fronted object."""
    return ["by " + _names(f.agents)] if f.verbal and f.before and f.agents else []


def _verb_complement(f: _Frame, parts: list[str]) -> list[str]:
    """ "called for an inquiry", "voted against the bill": a verb with no object keeps its complement."""
    return [_complement(f.trigger)] if f.verbal and not f.after and not f.recipients else []


def _light_noun(f: _Frame) -> Any:
    """The light verb that takes the noun as its object ("held talks"), else None."""
    trigger = f.trigger
    return trigger.head if trigger.dep_ in ("dobj", "obj") and is_light(trigger.head) else None


def _noun_head(f: _Frame, parts: list[str]) -> list[str]:
    """ "Moscow held talks", "the talks by Moscow": the agent before a light verb, else after "by"."""
    if f.verbal:
        return []
    light = _light_noun(f)
    if light is not None:
        return [_names(f.agents), _verb_group(light), f.group]
    if f.agents and not any(a.start - f.off >= noun_start(f.trigger) for a in f.agents):
        return [f.group, "by " + _names(f.agents)]
    return [f.group]


def _noun_object(f: _Frame, parts: list[str]) -> list[str]:
    """ "the sale of the company": the noun's object, when it stands after the trigger."""
    if f.verbal or not f.after or any(p.start - f.off < f.trigger.idx for p in f.after):
        return []
    said = _words_before(f.after[0], f.text, f.off)[-1:]
    return [(said[0] if said and said[0] in _OBJECT_PREPOSITIONS else "of") + " " + _names(f.after)]


def _recipient(f: _Frame, parts: list[str]) -> list[str]:
    """ "... a message to Putin"."""
    return ["to " + _names(f.recipients)] if f.recipients else []


def _path(f: _Frame, parts: list[str]) -> list[str]:
    """ "from Kyiv", "to Warsaw": origin and destination, unless the place already names them."""
    out: list[str] = []
    for role, word in (("origin", "from "), ("destination", "to ")):
        path = [p for p in f.participants if p.role == role]
        if path and not (f.place is not None and f.place.start == path[0].start):
            out.append(word + _names(path))
    return out


def _place(f: _Frame, parts: list[str]) -> list[str]:
    """ "in Deir ez-Zor", "near Orlen", "north of Tarvo" as the text says it, unless the statement already names
    the place or a participant it names lies inside the place's phrase ("an attack on the embassy in Tarvo")."""
    place = f.place
    if place is None or place.name.lower() in " ".join(parts).lower():
        return []
    if any(p.start < place.end and place.start < p.end for p in f.participants):
        return []
    return [_place_preposition(place, f.text, f.off) + " " + place.name]


DESCRIPTION_RULES: tuple[Callable[[_Frame, list[str]], list[str]], ...] = (
    _verb_clause,
    _passive_agent,
    _verb_complement,
    _noun_head,
    _noun_object,
    _recipient,
    _path,
    _place,
)
"""The pieces of a description in the order it reads, each a small rule adding words the text holds."""


def _own_phrase(trigger: Any) -> str:
    """The trigger's subtree without subordinate clauses, trimmed of punctuation and conjunctions."""
    tokens = [t for t in trigger.subtree if t.i == trigger.i or not _clause_below(t, trigger)]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in ("cc", "mark", "det")):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return " ".join(t.text for t in tokens)


def _clause_below(token: Any, top: Any) -> bool:
    current = token
    while current.i != top.i and current.head is not current:
        if current.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis", "acl") and current.pos_ == "VERB":
            return True
        current = current.head
    return False


def _coordinated(roles: list[Role], text: str, off: int) -> list[Role]:
    """The roles that stand in one coordination as the text writes it ("X, Y and Z"): a conjunct the
    parser joins across a clause ("the terminal, which handled ..., or roughly 12 percent") is left
    out, so a description never splices two statements into one."""
    ordered = sorted(roles, key=lambda r: r.start)
    kept = ordered[:1]
    for role in ordered[1:]:
        gap = text[kept[-1].end - off : role.start - off].strip(" ,").lower()
        if role.start < kept[-1].end or gap not in _COORDINATORS:
            break
        kept.append(role)
    return kept


_COORDINATORS = {"", "and", "or", "as well as", "and also", "nor"}
_COMPLEMENT_PREPS = {"for", "against", "on", "with", "about", "over", "of", "into"}


def _complement(verb: Any) -> str:
    """The verb's prepositional complement right after it, as written ("for an inquiry"): a verb with no
    object says little without it; a place or a date is not one."""
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS and child.i <= verb.i + 2:
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is None or target.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") or target.i > child.i + 4:
                return ""
            return " ".join(t.text for t in verb.doc[child.i : target.i + 1])
        if child.dep_ not in ("prt", "advmod"):
            return ""
    return ""


def _names(roles: list[Role]) -> str:
    return " and ".join(dict.fromkeys(r.name for r in roles))


def _verb_group(verb: Any) -> str:
    """Auxiliaries, negation, particle and the verb, with the governing verb of an infinitive."""
    tokens = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    tokens += [verb] + [c for c in verb.children if c.dep_ == "prt"]
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB":
        head = verb.head
        tokens = [c for c in head.children if c.dep_ in ("aux", "neg") and c.i < head.i] + [head] + tokens
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def _noun_group(noun: Any) -> str:
    start = noun_start(noun)
    words = [t.text for t in noun.doc[start : noun.i + 1] if t.dep_ != "det" and not t.is_punct]
    return " ".join(words)


_OBJECT_PREPOSITIONS = frozenset({"of", "on", "against", "at", "for", "into", "over", "with", "to", "toward", "upon"})
"""Prepositions a noun's object keeps as the text says them ("an attack on the embassy", not "of the embassy")."""
_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "inside", "on", "to", "into", "from", "across", "around", "along", "off", "within"}
)
"""Prepositions a place keeps: "near Orlen" is not "in Orlen"; any other word before a place reads as "in"."""


def _words_before(role: Role, text: str, off: int) -> list[str]:
    """The two words before a role's phrase, lower-cased: where its preposition is."""
    return text[max(0, role.start - off - 24) : role.start - off].lower().split()[-2:]


def _place_preposition(place: Role, text: str, off: int) -> str:
    """The text's own preposition for a place ("near", "north of", "outside of"), else "in"."""
    said = _words_before(place, text, off)
    if len(said) == 2 and said[1] == "of" and said[0] in DIRECTIONS:
        return " ".join(said)
    return said[-1] if said and said[-1] in _PLACE_PREPOSITIONS else "in"

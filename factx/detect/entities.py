"""Entities within one document: every mention of a person, group or place tied to one canonical name.

Rules, in text order: a name that repeats part of an earlier name is that entity ("Kim" ->
"Kim Jong-un", "Reyes" -> "Tomas Reyes"); an acronym matches the initials of an earlier name;
titles are kept out of the name ("Prime Minister Tomas Reyes" -> "Tomas Reyes") and remembered
as descriptors, as are appositions ("Ines Moreau, a hydrologist"), so a later "the hydrologist" or
"the North Korean leader" resolves when the text stated it; he/she/his/her resolve to the last
person named, it/its to the last organisation or place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from factx.detect.parse import entity_at

NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
TITLES = {
    "president",
    "prime",
    "minister",
    "governor",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "secretary",
    "general",
    "gen.",
    "gen",
    "senator",
    "sen.",
    "representative",
    "rep.",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "chief",
    "commander",
    "colonel",
    "col.",
    "major",
    "lieutenant",
    "captain",
    "sergeant",
    "dr.",
    "dr",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "sir",
    "lord",
    "premier",
    "chancellor",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "ceo",
    "head",
    "deputy",
    "vice",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "opposition",
    "first",
    "lady",
    "officer",
    "envoy",
    "emperor",
    "sheikh",
    "ayatollah",
    "cardinal",
    "bishop",
    "rev.",
    "father",
    "coach",
}
_PERSONAL = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_NEUTER = {"it", "its", "itself"}
_LEADING = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


@dataclass
class Entity:
    """One entity of the document: its canonical name, label, mentions and the descriptors the text gave it."""

    id: str
    name: str
    label: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    descriptors: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)


@dataclass
class Entities:
    """The entity table of one document, looked up by the character offset of a token."""

    items: list[Entity] = field(default_factory=list)
    by_offset: dict[int, str] = field(default_factory=dict)
    _last: dict[str, str] = field(default_factory=dict)

    def get(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.items if e.id == entity_id), None) if entity_id else None

    def of_token(self, token: Any, offset: int) -> Entity | None:
        """The entity a token (of a block at ``offset``) belongs to: its name, a title, a pronoun, a descriptor."""
        return self.get(self.by_offset.get(int(token.idx) + offset))

    def add_doc(self, doc: Any, offset: int) -> None:
        """Read the named entities, descriptors and pronouns of one parsed block (``offset`` into the text)."""
        for token in doc:
            ent = _entity_of(token)
            if ent is not None and token.i == ent.start:
                self._add_name(ent, offset)
            elif ent is None and token.lower_ in _PERSONAL | _NEUTER and token.pos_ == "PRON":
                kind = "PERSON" if token.lower_ in _PERSONAL else "THING"
                target = self._last.get(kind)
                if target:
                    self._mention(target, token.idx + offset, token.idx + offset + len(token.text))
            elif ent is None and token.pos_ == "NOUN" and any(c.lower_ == "the" for c in token.children):
                target = self._described(token)
                if target:
                    self._mention(target, token.idx + offset, token.idx + offset + len(token.text))

    def _add_name(self, ent: Any, offset: int) -> None:
        tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        while tokens and ent.label_ == "PERSON" and len(tokens) > 1 and tokens[0].lower_ in TITLES:
            tokens.pop(0)
        if not tokens:
            return
        raw = ent.doc[tokens[0].i : tokens[-1].i + 1].text
        name = _POSSESSIVE.sub("", _LEADING.sub("", " ".join(raw.split()))).strip()
        if not name:
            return
        found = self._match(name, ent.label_)
        if found is None:
            found = Entity(id=f"n{len(self.items) + 1}", name=name, label=ent.label_)
            self.items.append(found)
        elif len(name.split()) > len(found.name.split()) and ent.label_ == "PERSON":
            found.name = name
        for t in ent:
            self.by_offset[t.idx + offset] = found.id
        found.mentions.append((ent.start_char + offset, ent.end_char + offset))
        found.labels.add(ent.label_)
        found.descriptors |= _descriptors(ent)
        for t in ent.root.lefts:  # "Prime Minister" of "Prime Minister Tomas Reyes"
            if t.i < ent.start and t.dep_ == "compound" and t.lower_ in TITLES:
                self.by_offset.setdefault(t.idx + offset, found.id)
        self._last["PERSON" if ent.label_ == "PERSON" else "THING"] = found.id

    def _match(self, name: str, label: str) -> Entity | None:
        words = set(name.lower().split())
        for item in reversed(self.items):
            known = set(item.name.lower().split())
            if item.name.lower() == name.lower():
                return item
            person = "PERSON" in (label, item.label) and {label, item.label} <= {"PERSON", "ORG", "GPE", "NORP"}
            if person and (words <= known or (known <= words and label == item.label)):
                return item
            if _acronym(name) == item.name.replace(".", "") or _acronym(item.name) == name.replace(".", ""):
                return item
        return None

    def _mention(self, entity_id: str, start: int, end: int) -> None:
        self.by_offset[start] = entity_id
        entity = self.get(entity_id)
        if entity is not None:
            entity.mentions.append((start, end))

    def _described(self, noun: Any) -> str | None:
        """ "the hydrologist", "the North Korean leader": the last entity the text gave that descriptor."""
        phrase = " ".join(t.lower_ for t in noun.subtree if t.i <= noun.i and t.lower_ != "the")
        for item in reversed(self.items):
            if noun.lemma_.lower() in {d.split()[-1] for d in item.descriptors if d} and any(
                d.endswith(phrase) for d in item.descriptors
            ):
                return item.id
        return None


def _entity_of(token: Any) -> Any | None:
    if token.ent_type_ not in NAMED:
        return None
    return entity_at(token)


def _descriptors(ent: Any) -> set[str]:
    """Titles before a name ("North Korean leader" Kim) and appositions after it ("a hydrologist")."""
    out: set[str] = set()
    root = ent.root
    lefts = [t for t in root.lefts if t.i < ent.start and t.dep_ in ("compound", "amod", "nmod")]
    if lefts:
        start = min(t.left_edge.i for t in lefts)
        words = [t.lower_ for t in root.doc[start : ent.start] if not t.is_punct and t.lower_ != "the"]
        if words:
            out.add(" ".join(words))
    inside = [t.lower_ for t in ent if t.lower_ in TITLES]
    if inside:
        out.add(" ".join(inside))
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            words = [t.lower_ for t in child.subtree if t.i <= child.i and t.dep_ not in ("det", "punct")]
            out.add(" ".join(words))
    return out


def _acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper() and w.lower() not in ("of", "the", "and")]
    return "".join(w[0] for w in words) if len(words) > 1 else ""

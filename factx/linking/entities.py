"""Entities across documents: one person, organisation or place under the names different reports give it.

Within a document factx already maps "Reid" and "the actress" to "Tara Reid"; across documents the
canonical names themselves differ. A short proper name joins the one longer name (capitalized past
its first word) that contains all its words ("Reid" -> "Tara Reid"; "Ferry" stays apart from a
headline's "Ferry operator chief"), an acronym the one name it abbreviates ("UN" -> "United
Nations"); a short name that fits two longer ones ("Smith": "John Smith", "Ann Smith") stays apart.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from factx._types import Participant
from factx.detect.tokens import words as _words

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['.-][A-Za-z0-9]+)*")


_DROP = _words("the a an his her its their our my your mr mrs ms dr sen rep gov gen pres")
_PRONOUNS = _words("i you he she it we they me him her us them myself yourself himself herself itself")


def name_key(name: str) -> str:
    """A name compared without case, articles, possessives or titles: "the U.S. Navy's" -> "us navy"."""
    words = [w.lower().replace(".", "") for w in _TOKEN.findall(name.replace("'s", ""))]
    return " ".join(w for w in words if w and w not in _DROP)


def is_proper(name: str) -> bool:
    """A name, not a description: one capitalized word ("Reid"), or words capitalized past the first ("Tara
    Reid"); "No one" and "Death toll" are capitalized only where a sentence or headline starts."""
    words = _TOKEN.findall(name)
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return False
    kept = _name_words(name)
    if len(kept) > 1:
        return named_past_first(name)
    return any(w[0].isupper() for w in kept)


def has_a_name(name: str) -> bool:
    """A capitalized word past articles and titles: "Marvask coast", "Delbeck"; not "the hills east", "the town"."""
    return any(w[0].isupper() for w in _name_words(name))


def named_in(name: str, lower: frozenset[str]) -> bool:
    """A name in a document whose lower-case words are ``lower`` (``lower_words``): proper (``is_proper``),
    and a one-word name the document never writes in lower case ("Police arrested ..." where it says
    "police said" later; "Earthquake shakes ..." above "the earthquake struck"): a capital where a sentence
    or headline starts names nothing."""
    if not is_proper(name):
        return False
    words = _name_words(name)
    return len(words) != 1 or words[0].lower() not in lower


def names_someone(part: Participant, text: str, lower: frozenset[str]) -> bool:
    """A participant that names someone (``named_in``); a one-word name no entity was found for, capitalized
    only because it opens a sentence or a line ("Investigators said", "Rescuers pulled"), names no one."""
    if not named_in(part.name, lower):
        return False
    words = _name_words(part.name)
    if part.entity_id is not None or len(words) != 1:
        return True
    at = part.span.text.find(words[0])
    return at < 0 or not opens_sentence(text, part.span.start + at)


_OPENERS = frozenset(".!?\n\"'\u201c\u2018(-\u2013\u2014:")
"""What a word that opens a sentence, a line, a quote or a dateline's story follows."""
_STRAIGHT_QUOTES = frozenset("\"'")


def opens_sentence(text: str, at: int) -> bool:
    """The word at ``at`` opens a sentence, a line or a quote: its capital says nothing of a name. A straight
    quote written right after a word or a comma closes a quote ("'We will rebuild,' Ruiz said"), opening nothing."""
    before = text[max(0, at - 16) : at].rstrip(" \t")
    if at == 0 or not before:
        return True
    if before[-1] in _STRAIGHT_QUOTES and len(before) > 1 and not before[-2].isspace() and before[-2] not in _OPENERS:
        return False
    return before[-1] in _OPENERS


def lower_words(text: str) -> frozenset[str]:
    """The words a text writes in lower case (read once per document, for ``named_in``)."""
    return frozenset(w for w in _TOKEN.findall(text) if w[0].islower())


def named_past_first(name: str) -> bool:
    """A word after the name's first is capitalized ("Tara Reid", "the U.S. Navy"): a name of several words,
    where "Ferry operator chief" (a title-case headline, a sentence's first words) is capitalized by position."""
    return any(w[0].isupper() for w in _name_words(name)[1:])


def _name_words(name: str) -> list[str]:
    """A name's words without articles, possessive determiners or titles (``_DROP``)."""
    return [w for w in _TOKEN.findall(name) if w.lower() not in _DROP]


def _acronym(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in {"of", "and", "for", "de"})


@dataclass
class EntityIndex:
    """Name keys -> entity ids, built once for the whole input, so every feature compares ids."""

    of_key: dict[str, str] = field(default_factory=dict)
    names: dict[str, Counter[str]] = field(default_factory=dict)

    def entity(self, name: str) -> str | None:
        return self.of_key.get(name_key(name))


def build_index(names: Iterable[str]) -> EntityIndex:
    """Link the names (each occurrence counted): the same key, a contained proper name, an acronym."""
    tally = _Tally.of(names)
    groups = _Groups(tally.counts)
    by_word, by_acronym = _long_names(tally)
    for key in tally.counts:
        if tally.proper[key]:
            groups.join_one(key, _containing(key, by_word, by_acronym))
    return _numbered(tally, groups)


@dataclass
class _Tally:
    """Each name key with its occurrences, the surface names it was written as, and whether it is proper."""

    counts: Counter[str] = field(default_factory=Counter)
    shown: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    proper: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def of(cls, names: Iterable[str]) -> _Tally:
        tally = cls()
        for name in names:
            key = name_key(name)
            if not key:
                continue
            tally.counts[key] += 1
            tally.shown[key][name] += 1
            tally.proper[key] = tally.proper.get(key, False) or is_proper(name)
        return tally


class _Groups:
    """Union-find over the name keys: a key's group is named by its root key."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {key: key for key in keys}

    def root(self, key: str) -> str:
        parent = self.parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join_one(self, key: str, longer: set[str]) -> None:
        """Put ``key`` in the group of its longer names when they are all one group ("Smith" fitting
        "John Smith" and "Ann Smith" stays apart)."""
        tops = {self.root(k) for k in longer}
        if len(tops) == 1:
            self.parent[self.root(key)] = tops.pop()


def _long_names(tally: _Tally) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The names of two words or more (one written with a capital past its first word), by each of their
    words and by their acronym."""
    by_word: dict[str, set[str]] = defaultdict(set)
    by_acronym: dict[str, set[str]] = defaultdict(set)
    for key in tally.counts:
        if " " in key and any(named_past_first(name) for name in tally.shown[key]):
            for word in key.split():
                by_word[word].add(key)
            by_acronym[_acronym(key)].add(key)
    return by_word, by_acronym


def _containing(key: str, by_word: dict[str, set[str]], by_acronym: dict[str, set[str]]) -> set[str]:
    """The longer names that hold every word of ``key`` ("Reid" -> "tara reid") or that it abbreviates
    ("un" -> "united nations")."""
    words = key.split()
    longer = set.intersection(*(by_word.get(w, set()) for w in words)) - {key} if words else set()
    longer = {k for k in longer if len(k.split()) > len(words)}
    if len(words) == 1 and len(key) >= 2:
        longer |= {k for k in by_acronym.get(key, set()) if len(k.split()) >= 2}
    return longer


def _numbered(tally: _Tally, groups: _Groups) -> EntityIndex:
    """Entity ids x1, x2, ... by group, the most mentioned first, each with every name its keys were written as."""
    index = EntityIndex()
    members: dict[str, list[str]] = defaultdict(list)
    for key in tally.counts:
        members[groups.root(key)].append(key)
    counts = tally.counts
    for number, top in enumerate(sorted(members, key=lambda k: (-sum(counts[m] for m in members[k]), k)), 1):
        ident = f"x{number}"
        merged: Counter[str] = Counter()
        for key in members[top]:
            index.of_key[key] = ident
            merged.update(tally.shown[key])
        index.names[ident] = merged
    return index


def canonical(names: Counter[str]) -> tuple[str, tuple[str, ...]]:
    """The name to show (the fullest proper name, then the most used) and the other names, most used first."""
    best = max(names, key=lambda n: (is_proper(n), len(name_key(n).split()), names[n], -len(n)))
    others = tuple(n for n, _ in names.most_common() if n != best)
    return best, others

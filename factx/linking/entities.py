"""Entities across documents: one person, organisation or place under the names different reports give it.

Within a document factx already maps "Reid" and "the actress" to "Tara Reid"; across documents the
canonical names themselves differ. A short proper name joins the one longer name that contains
all its words ("Reid" -> "Tara Reid"), an acronym the one name it abbreviates ("UN" -> "United
Nations"); a short name that fits two longer ones ("Smith": "John Smith", "Ann Smith") stays apart.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from factx.detect.tokens import words as _words

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['.-][A-Za-z0-9]+)*")


_DROP = _words("the a an his her its their our my your mr mrs ms dr sen rep gov gen pres")
_PRONOUNS = _words("i you he she it we they me him her us them myself yourself himself herself itself")


def name_key(name: str) -> str:
    """A name compared without case, articles, possessives or titles: "the U.S. Navy's" -> "us navy"."""
    words = [w.lower().replace(".", "") for w in _TOKEN.findall(name.replace("'s", ""))]
    return " ".join(w for w in words if w and w not in _DROP)


def is_proper(name: str) -> bool:
    """A name, not a description: a word of it is capitalized past the first letter of the phrase."""
    words = _TOKEN.findall(name)
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return False
    return any(w[0].isupper() for w in words if w.lower() not in _DROP)


def _acronym(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in {"of", "and", "for", "de"})


@dataclass
class EntityIndex:
    """Name keys -> entity ids, built once for the whole input, so every feature compares ids."""

    of_key: dict[str, str] = field(default_factory=dict)
    names: dict[str, Counter[str]] = field(default_factory=dict)

    def entity(self, name: str) -> str | None:
        return self.of_key.get(name_key(name))


def build_index(names: Iterable[str]) -> EntityIndex:  # noqa: C901 - a long chain left to split into named rules
    """Link the names (each occurrence counted): the same key, a contained proper name, an acronym."""
    counts: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    proper: dict[str, bool] = {}
    for name in names:
        key = name_key(name)
        if not key:
            continue
        counts[key] += 1
        shown[key][name] += 1
        proper[key] = proper.get(key, False) or is_proper(name)
    parent = {key: key for key in counts}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    by_word: dict[str, set[str]] = defaultdict(set)
    by_acronym: dict[str, set[str]] = defaultdict(set)
    for key in counts:
        if proper[key] and " " in key:
            for word in key.split():
                by_word[word].add(key)
            by_acronym[_acronym(key)].add(key)
    for key in counts:
        if not proper[key]:
            continue
        words = key.split()
        longer = set.intersection(*(by_word.get(w, set()) for w in words)) - {key} if words else set()
        longer = {k for k in longer if len(k.split()) > len(words)}
        if len(words) == 1 and len(key) >= 2:
            longer |= {k for k in by_acronym.get(key, set()) if len(k.split()) >= 2}
        tops = {root(k) for k in longer}
        if len(tops) == 1:
            parent[root(key)] = tops.pop()
    index = EntityIndex()
    members: dict[str, list[str]] = defaultdict(list)
    for key in counts:
        members[root(key)].append(key)
    for number, top in enumerate(sorted(members, key=lambda k: (-sum(counts[m] for m in members[k]), k)), 1):
        ident = f"x{number}"
        merged: Counter[str] = Counter()
        for key in members[top]:
            index.of_key[key] = ident
            merged.update(shown[key])
        index.names[ident] = merged
    return index


def canonical(names: Counter[str]) -> tuple[str, tuple[str, ...]]:
    """The name to show (the fullest proper name, then the most used) and the other names, most used first."""
    best = max(names, key=lambda n: (is_proper(n), len(name_key(n).split()), names[n], -len(n)))
    others = tuple(n for n, _ in names.most_common() if n != best)
    return best, others

"""Words of a trigger: its lemma, derivational family and synonyms, so "explosion" meets "exploded", "hit" "strike".

The family is English derivational morphology written down: the nominalizing suffixes (-tion,
-sion, -ment, -al, -ure, -ance, -ing ...) undone into candidate stems, and the irregular pairs
(death/die, loss/lose) listed; two words are of one family when their candidate stems meet.
Synonyms come from WordNet 3.1 (``wordnet_events.tsv.gz``, built by ``wordnet_build.py``: no PyPI
package ships WordNet's data for offline use).
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from factx.detect.parse import nlp

IRREGULAR: dict[str, str] = {
    "death": "die",
    "dead": "die",
    "loss": "lose",
    "sale": "sell",
    "flight": "fly",
    "choice": "choose",
    "proof": "prove",
    "speech": "speak",
    "theft": "steal",
    "gift": "give",
    "growth": "grow",
    "trial": "try",
    "birth": "bear",
    "sight": "see",
    "shot": "shoot",
    "bid": "bid",
    "fell": "fall",
    "won": "win",
    "victory": "win",
    "defeat": "defeat",
    "arson": "burn",
    "robbery": "rob",
    "burglary": "burgle",
    "injury": "injure",
    "seizure": "seize",
    "pursuit": "pursue",
    "response": "respond",
    "complaint": "complain",
    "descent": "descend",
    "ascent": "ascend",
    "intent": "intend",
    "analysis": "analyze",
    "breach": "break",
    "sentence": "sentence",
}
"""Nominalizations and participles that no suffix rule reaches: the noun (or adjective) -> its verb."""

_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ication", ("y", "")),
    ("ization", ("ize",)),
    ("isation", ("ise", "ize")),
    ("ution", ("ve", "ute")),
    ("ation", ("", "ate", "e")),
    ("ssion", ("t", "ss", "d")),
    ("sion", ("d", "de", "se")),
    ("ction", ("ct",)),
    ("ption", ("be", "pt")),
    ("tion", ("t", "te", "")),
    ("ment", ("",)),
    ("ance", ("", "e")),
    ("ence", ("", "e")),
    ("ure", ("", "e")),
    ("ings", ("", "e")),
    ("ing", ("", "e")),
    ("al", ("", "e")),
    ("ery", ("",)),
    ("ery", ("e",)),
)
"""Nominalizing suffixes, longest first, each with the endings the verb may have instead."""

MIN_STEM = 4
"""A stem shorter than this is not trusted: "station" and "state" would meet at "st"."""

_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


def _stem(word: str) -> str:
    """The comparable form of a base word: a final silent e or y->i folded ("arrive" -> "arriv", "deny" -> "deni")."""
    if word.endswith("e") and len(word) > MIN_STEM:
        return word[:-1]
    if word.endswith("y") and len(word) >= MIN_STEM:
        return word[:-1] + "i"
    return word


@lru_cache(maxsize=65536)
def family(lemma: str) -> frozenset[str]:
    """The candidate stems of a lemma: two lemmas of one derivational family share at least one."""
    word = IRREGULAR.get(lemma, lemma)
    stems = {_stem(word)}
    for suffix, endings in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            root = word[: -len(suffix)]
            for ending in endings:
                base = root + ending
                if len(base) >= MIN_STEM:
                    stems.add(_stem(base))
            if len(root) >= 2 and root[-1] == root[-2] and suffix.startswith("ing"):
                stems.add(root[:-1])  # "hitting" -> "hit"
            break
    if word.endswith("ate") and len(word) - 3 >= MIN_STEM:
        stems.add(word[:-3])  # "nominate" meets "nomination" at "nomin"
    return frozenset(s for s in stems if len(s) >= MIN_STEM or s == _stem(word))


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The trigger's lemma, read without its sentence: as a verb when the verb rules change it, else as a noun."""
    low = word.strip().lower()
    if not _WORD.fullmatch(low):
        return low
    lemmatizer = _lemmatizer()
    if lemmatizer is None:
        return low
    from spacy.tokens import Doc

    vocab = nlp().vocab
    as_verb = lemmatizer.rule_lemmatize(Doc(vocab, words=[low], pos=["VERB"])[0])[0]
    if as_verb != low and not low.endswith("ings"):
        return str(as_verb)
    as_noun: str = lemmatizer.rule_lemmatize(Doc(vocab, words=[low], pos=["NOUN"])[0])[0]
    return as_noun


@lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    pipeline = nlp()
    return pipeline.get_pipe("lemmatizer") if "lemmatizer" in pipeline.pipe_names else None


def head_word(text: str) -> str:
    """The word of a trigger span that names the event: its last word ("took over" -> "took" is the exception)."""
    words: list[str] = _WORD.findall(text.lower())
    if not words:
        return text.lower().strip()
    if len(words) > 1 and words[-1] in _PARTICLES:
        return words[0]
    return words[-1]


_PARTICLES = frozenset(("up", "down", "out", "off", "over", "in", "into", "on", "away", "back", "through"))
_PARTICLE_SENSE = {"into": "in", "onto": "on"}


def particle(text: str) -> str | None:
    """A phrasal trigger's particle, "into" read as "in": "checked herself into" -> "in", "checks out" -> "out"."""
    words: list[str] = _WORD.findall(text.lower())
    if len(words) > 1 and words[-1] in _PARTICLES:
        return _PARTICLE_SENSE.get(words[-1], words[-1])
    return None


WORDNET = Path(__file__).with_name("wordnet_events.tsv.gz")


@lru_cache(maxsize=1)
def _wordnet() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    table: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    with gzip.open(WORDNET, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            lemma_, own, near = line.rstrip("\n").split("\t")
            table[lemma_] = (frozenset(own.split(",")), frozenset(near.split(",")) - {""})
    return table


def senses(lemma: str) -> tuple[frozenset[str], frozenset[str]]:
    """The lemma's frequent event senses (WordNet synsets) and the synsets one hypernym or derivation away."""
    return _wordnet().get(lemma, (frozenset(), frozenset()))


def synonyms(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A sense of one is a sense of the other, or its hypernym or derivation: "murder" -> "kill", "death" -> "die"."""
    return bool(a[0] & (b[0] | b[1])) or bool(b[0] & a[1])

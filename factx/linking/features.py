"""What linking compares: each record's trigger family, entities, place, time, figures and words, and its document's."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factx._types import EventFact, FactSheet, FigureFact
from factx.detect.tokens import words as _words
from factx.linking.entities import EntityIndex, is_proper, name_key
from factx.linking.words import family, head_word, lemma, senses, synonyms

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


STOPWORDS = _words(
    """a an the and or but if of to in on at by for with from as into onto over under after before about
    against between during through up down out off than then so not no nor is are was were be been being
    has have had do does did will would shall should can could may might must this that these those it
    its it's he him his she her they them their we us our you your i me my who whom whose which what
    when where why how all any both each few more most other some such only own same too very just also
    said says say told one two three new last first year years day days week time people there here
    while since until because although though whether"""
)
_SKIP_ZONES = frozenset({"url", "email", "markup", "instruction", "byline"})


@dataclass(frozen=True)
class Doc:
    """A document as linking sees it: its id, sheet and the weighted words that say what it is about."""

    id: str
    order: int
    sheet: FactSheet
    vector: dict[str, float]
    group: int = 0
    """The documents that tell one story share a group (``document_groups``)."""


@dataclass(frozen=True)
class Record:
    """One event record with the parts linking compares, precomputed once."""

    index: int
    doc: Doc
    event: EventFact
    lemma: str
    family: frozenset[str]
    entities: frozenset[str]
    agents: frozenset[str]
    place: str | None
    start: dt.date | None
    end: dt.date | None
    figures: tuple[FigureFact, ...]
    words: frozenset[str]
    chain: str | None = None
    senses: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    """The document's folded record (``sheet.events``) whose mentions include this trigger: factx's own coreference."""

    @property
    def reporting(self) -> bool:
        return self.event.event_class == "REPORTING"


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry content (no function words, no numbers)."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in STOPWORDS and len(w) > 2]


def doc_terms(sheet: FactSheet) -> Counter[str]:
    """A document's terms: its content words and, weighted double, the proper names its events name."""
    text = sheet.text
    skip = [(z.span.start, z.span.end) for z in sheet.zones if z.kind in _SKIP_ZONES]
    if skip:
        parts, at = [], 0
        for start, end in sorted(skip):
            parts.append(text[at:start])
            at = max(at, end)
        parts.append(text[at:])
        text = " ".join(parts)
    terms: Counter[str] = Counter(content_words(text))
    for event in sheet.event_mentions or sheet.events:
        for part in event.participants:
            if is_proper(part.name):
                terms["@" + name_key(part.name)] += 2
        if event.location:
            terms["@" + name_key(event.location)] += 2
    return terms


def vectors(sheets: Sequence[FactSheet]) -> list[dict[str, float]]:
    """TF-IDF vectors of the documents (sublinear counts, unit length) over the input's own document counts."""
    terms = [doc_terms(s) for s in sheets]
    df: Counter[str] = Counter()
    for t in terms:
        df.update(t.keys())
    n = len(sheets)
    out = []
    for t in terms:
        vec = {w: (1.0 + math.log(c)) * math.log((n + 1) / (df[w] + 0.5)) for w, c in t.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({w: v / norm for w, v in vec.items()})
    return out


TOP_TERMS = 30
"""A document meets the documents that share one of its this many heaviest terms (of those another document has)."""
DOC_THRESHOLD = 0.04
"""Documents whose mean cosine exceeds this are one group (fitted on the odd ECB+ dev topics' sub-topics)."""


def document_groups(vecs: Sequence[dict[str, float]]) -> list[int]:
    """Group the documents that tell one story: average link over the cosines of documents sharing a heavy term."""
    from factx.linking.cluster import BLOCK, WINDOW, average_link

    df: Counter[str] = Counter()
    for vec in vecs:
        df.update(vec.keys())
    postings: dict[str, list[int]] = {}
    for n, vec in enumerate(vecs):
        shared = [w for w in vec if df[w] > 1]
        for term in sorted(shared, key=lambda w: -vec[w])[:TOP_TERMS]:
            postings.setdefault(term, []).append(n)
    pairs: set[tuple[int, int]] = set()
    for docs in postings.values():
        for x, a in enumerate(docs):
            for b in docs[x + 1 : x + 1 + (len(docs) if len(docs) <= BLOCK else WINDOW)]:
                pairs.add((a, b))
    scores = {(a, b): cosine(vecs[a], vecs[b]) for a, b in pairs}
    group = [0] * len(vecs)
    for number, members in enumerate(average_link(len(vecs), scores, DOC_THRESHOLD)):
        for n in members:
            group[n] = number
    return group


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def record(index: int, doc: Doc, event: EventFact, entities: EntityIndex) -> Record:
    """The comparable parts of one record; its figures looked up in its sheet."""
    word = head_word(event.trigger.text) if event.trigger else head_word(event.description)
    lem = lemma(word)
    names = {entities.entity(p.name) for p in event.participants if is_proper(p.name)}
    agents = {entities.entity(p.name) for p in event.participants if p.role == "agent" and is_proper(p.name)}
    place = entities.entity(event.location) if event.location else None
    start = end = None
    if event.time is not None and event.time.start is not None and event.time.grain not in ("unknown",):
        start, end = event.time.start, event.time.end or event.time.start
    figures = {f.id: f for f in doc.sheet.figures}
    sentence = set(content_words(event.span.text)) - {word, lem}
    chain = None
    if event.trigger is not None:
        t = event.trigger
        chain = next(
            (f.id for f in doc.sheet.events if any(m.start < t.end and t.start < m.end for m in f.mentions)), None
        )
    return Record(
        index=index,
        doc=doc,
        event=event,
        lemma=lem,
        family=family(lem),
        entities=frozenset(n for n in names if n),
        agents=frozenset(a for a in agents if a),
        place=place,
        start=start,
        end=end,
        figures=tuple(figures[i] for i in event.figure_ids if i in figures),
        words=frozenset(sentence),
        chain=chain,
        senses=senses(lem),
    )


FEATURES = (
    "bias",
    "same_lemma",
    "same_family",
    "same_type",
    "doc_similarity",
    "same_doc",
    "shared_entity",
    "agent_clash",
    "same_place",
    "place_clash",
    "time_overlap",
    "time_clash",
    "shared_figure",
    "sentence_overlap",
    "reporting",
    "same_chain",
    "lemma_x_doc",
    "kin_x_doc",
    "typed_entity",
    "lemma_x_sentence",
    "same_group",
    "lemma_x_group",
    "synonym",
    "synonym_x_group",
)
"""The pairwise features, in the order of the fitted weights (``factx.linking.score.WEIGHTS``)."""


def pair_features(a: Record, b: Record, doc_sim: float) -> list[float]:
    """The feature vector of a pair of records (see ``FEATURES``)."""
    same_lemma = a.lemma == b.lemma
    same_family = not same_lemma and (bool(a.family & b.family) or _compound_head(a.lemma, b.lemma))
    typed = a.event.type != "other" and a.event.type == b.event.type
    shared = bool(a.entities & b.entities)
    agent_clash = bool(a.agents) and bool(b.agents) and not (a.agents & b.agents)
    same_place = a.place is not None and a.place == b.place
    place_clash = a.place is not None and b.place is not None and a.place != b.place
    overlap = clash = False
    if a.start and b.start and a.end and b.end:
        overlap = a.start <= b.end and b.start <= a.end
        clash = not overlap
    shared_figure = any(_same_figure(f, g) for f in a.figures for g in b.figures)
    union = len(a.words | b.words)
    jaccard = len(a.words & b.words) / union if union else 0.0
    kin = not same_lemma and (same_family or typed)
    synonym = not same_lemma and not same_family and synonyms(a.senses, b.senses)
    same_chain = a.doc.id == b.doc.id and a.chain is not None and a.chain == b.chain
    return [
        1.0,
        float(same_lemma),
        float(same_family),
        float(typed),
        doc_sim,
        float(a.doc.id == b.doc.id),
        float(shared),
        float(agent_clash),
        float(same_place),
        float(place_clash),
        float(overlap),
        float(clash),
        float(shared_figure),
        jaccard,
        float(a.reporting or b.reporting),
        float(same_chain),
        float(same_lemma) * doc_sim,
        float(kin) * doc_sim,
        float(typed and shared),
        float(same_lemma) * jaccard,
        float(a.doc.group == b.doc.group),
        float(same_lemma and a.doc.group == b.doc.group),
        float(synonym),
        float(synonym and a.doc.group == b.doc.group),
    ]


def _compound_head(a: str, b: str) -> bool:
    """One word is the head of the other, a closed compound ("quake" of "earthquake", "strike" of "airstrike")."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and len(long) - len(short) >= 3 and long.endswith(short)


def _same_figure(f: FigureFact, g: FigureFact) -> bool:
    return f.value == g.value and f.unit == g.unit and f.value != 0

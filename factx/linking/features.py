"""What linking compares: each record's trigger family, entities, place, time, figures and words, and its document's."""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from factx._types import EventFact, FactSheet, FigureFact
from factx.detect.tokens import words as _words
from factx.linking.entities import EntityIndex, lower_words, name_key, names_someone
from factx.linking.words import family, head_word, lemma, particle, senses, synonyms

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+(?:[.,:]\d+)*")


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
    subject: int = 0
    """The documents about one subject (``subjects``): records of two subjects are never compared."""
    starts: tuple[int, ...] = ()
    """Where the document's event sentences start, in text order (``sentence_starts``)."""
    headline: tuple[int, int] | None = None
    lower: frozenset[str] = frozenset()
    """The words the document writes in lower case (``entities.lower_words``): which capitals name someone."""


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
    """The document's folded record (``sheet.events``) whose mentions include this trigger: factx's own coreference."""
    senses: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    terms: dict[str, float] = field(default_factory=dict)
    """The sentence's content words and numbers, TF-IDF weighted over the input's documents, unit length."""
    particle: str | None = None
    """A phrasal verb's particle ("checked into" -> "in"): "check in" and "check out" are different acts."""
    lead: bool = False
    """The record's sentence is among its document's first ``LEAD`` event sentences: the news' main event."""
    spread: float = 0.0
    """The share of its document group's documents that name an event by this lemma (``with_spread``)."""
    near: dict[str, float] = field(default_factory=dict)
    """The words within ``NEAR`` tokens of the trigger, weighted as ``terms``: the event's own arguments."""
    names: frozenset[str] = frozenset()
    """Capitalized words (names, demonyms) within ``NEAR`` tokens of the trigger, lower-cased."""
    numbers: frozenset[str] = frozenset()
    """Numbers within ``NEAR`` tokens of the trigger: a count, a distance, an age that tells two events apart."""
    doers: frozenset[str] = frozenset()
    """Every agent's name as its document resolved it (``name_key``), named or not: "investigators", "anna brekke"."""
    named: tuple[bool, ...] = ()
    """Per participant of the event: whether it names someone (``entities.names_someone``), read once for the
    features and the story."""

    @property
    def reporting(self) -> bool:
        return self.event.event_class == "REPORTING"


def sentence_terms(text: str, idf: dict[str, float], default: float) -> dict[str, float]:
    """A sentence's content words and numbers as a unit vector, each weighted by its rarity among documents."""
    words = set(content_words(text)) | set(_NUMBER.findall(text))
    return unit({w: idf.get(w, default) for w in words})


def unit(vec: dict[str, float]) -> dict[str, float]:
    """``vec`` scaled to length 1 (an empty one stays empty), so a dot product is a cosine."""
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


NEAR = 8
"""How many tokens either side of a trigger stand for its arguments (its sentence may tell of several events)."""


@dataclass(frozen=True)
class Near:
    """What stands close to a trigger: weighted words, names and numbers."""

    terms: dict[str, float]
    names: frozenset[str]
    numbers: frozenset[str]


def near_trigger(event: EventFact, idf: dict[str, float], default: float) -> Near:
    """The words, names and numbers within ``NEAR`` tokens of the trigger, in its sentence."""
    if event.trigger is None:
        return Near({}, frozenset(), frozenset())
    start, end = event.trigger.start - event.span.start, event.trigger.end - event.span.start
    tokens = list(_TOKEN.finditer(event.span.text))
    at = [n for n, m in enumerate(tokens) if m.start() < end and start < m.end()]
    if not at:
        return Near({}, frozenset(), frozenset())
    window = tokens[max(0, at[0] - NEAR) : at[-1] + NEAR + 1]
    inside = set(at)
    words = [m for k, m in enumerate(window, max(0, at[0] - NEAR)) if k not in inside]
    names = {m.group(0).lower() for m in words if m.group(0)[0].isupper() and m.start() > 0}
    numbers = {m.group(0).replace(",", "") for m in words if m.group(0)[0].isdigit()}
    kept = {m.group(0).lower() for m in words} - STOPWORDS
    vec = unit({w: idf.get(w, default) for w in kept if len(w) > 2 or w[0].isdigit()})
    return Near(vec, frozenset(names - STOPWORDS), frozenset(numbers))


def idf_table(vecs: Sequence[Mapping[str, float]]) -> tuple[dict[str, float], float]:
    """Each document term's inverse document frequency, and the weight of a term no document vector has."""
    df: Counter[str] = Counter()
    for vec in vecs:
        df.update(vec.keys())
    n = len(vecs)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}, math.log((n + 1) / 1.5)


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry content (no function words, no numbers)."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in STOPWORDS and len(w) > 2]


def doc_terms(sheet: FactSheet, lower: frozenset[str] | None = None) -> Counter[str]:
    """A document's terms: its content words and, weighted double, the proper names its events name
    (``lower``: the document's ``lower_words``, when the caller has read them)."""
    lower = lower_words(sheet.text) if lower is None else lower
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
            if names_someone(part, sheet.text, lower):
                terms["@" + name_key(part.name)] += 2
        if event.location:
            terms["@" + name_key(event.location)] += 2
    return terms


def vectors(terms: Sequence[Counter[str]]) -> list[dict[str, float]]:
    """TF-IDF vectors of the documents' terms (``doc_terms``; sublinear counts, unit length) over their own
    document counts."""
    idf, _ = idf_table(terms)
    return [unit({w: (1.0 + math.log(c)) * idf[w] for w, c in t.items()}) for t in terms]


TOP_TERMS = 30
"""A document meets the documents that share one of its this many heaviest terms (of those another document has)."""
DOC_THRESHOLD = 0.04
"""Documents whose mean cosine exceeds this are one group (fitted on the odd ECB+ dev topics' sub-topics)."""


FEW = 6
"""Below this many documents, TF-IDF cosines run low and the group thresholds are scaled down (``few_scale``)."""


def few_scale(documents: int) -> float:
    """How far the group thresholds drop for an input of few documents: log(n+1) / log(FEW+1), at most 1.

    A term's weight is at most log((n+1)/1.5), and a term two documents share weighs
    log((n+1)/2.5): among two or three documents every shared word weighs little beside the
    words one report has alone, so two reports of one story meet at a lower cosine. On ECB+ dev
    topics dealt into inputs of 2, 3 and 6 documents, the cosine that best parts same-story from
    other-story pairs was 0.018, 0.030, 0.044 (odd topics) and 0.023, 0.033, 0.038 (even); this
    scale gives 0.023, 0.028, 0.040.
    """
    return min(1.0, math.log(documents + 1) / math.log(FEW + 1))


def document_groups(vecs: Sequence[dict[str, float]]) -> list[int]:
    """Group the documents that tell one story (at ``DOC_THRESHOLD``, lower for few documents: ``few_scale``);
    small groups then join a near larger one."""
    scale = few_scale(len(vecs))
    group, scores = cluster_documents(vecs, DOC_THRESHOLD * scale)
    return _join_strays(group, scores, STRAY_THRESHOLD * scale)


def cluster_documents(
    vecs: Sequence[dict[str, float]], threshold: float
) -> tuple[list[int], dict[tuple[int, int], float]]:
    """Each document's cluster by average link over the cosines of documents sharing a heavy term, and those cosines."""
    from factx.linking.cluster import average_link

    scores = {(a, b): cosine(vecs[a], vecs[b]) for a, b in term_pairs(vecs)}
    cluster = [0] * len(vecs)
    for number, members in enumerate(average_link(len(vecs), scores, threshold)):
        for n in members:
            cluster[n] = number
    return cluster, scores


def term_pairs(vecs: Sequence[dict[str, float]]) -> set[tuple[int, int]]:
    """Pairs of documents worth comparing: one holds another's heavy term (its ``TOP_TERMS`` heaviest that
    another document has); a term held by more than ``BLOCK`` documents pairs each with its ``WINDOW`` next."""
    from factx.linking.cluster import BLOCK, WINDOW

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
    return pairs


STRAY = 2
"""A group of at most this many documents is a stray: a report the story's other reports left out by a little."""
STRAY_THRESHOLD = 0.02
"""A stray joins the larger group whose mean cosine with it is highest, when that mean exceeds this
(scaled by ``few_scale`` as ``DOC_THRESHOLD`` is)."""


def _join_strays(group: list[int], scores: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Each small group joins its closest larger group, judged with a lower bar than the one that formed groups.

    Average link leaves a report of a story alone when it shares fewer words with most of them
    (a short wire item, a report from another angle); a larger group it is near is still its story.
    """
    size = Counter(group)
    near: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for (a, b), s in scores.items():
        near[a][group[b]] += s
        near[b][group[a]] += s
    moved = list(group)
    for n, g in enumerate(group):
        if size[g] > STRAY:
            continue
        means = {other: total / size[other] for other, total in near[n].items() if size[other] > STRAY}
        if means:
            best = max(means, key=lambda k: (means[k], -k))
            if means[best] > threshold:
                moved[n] = best
    return moved


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


LEAD = 3
"""A record in its document's headline or first this many event sentences tells the news itself."""


def sentence_starts(sheet: FactSheet) -> tuple[int, ...]:
    """The distinct starts of the sentences that state the document's events, in text order."""
    return tuple(sorted({e.span.start for e in sheet.event_mentions} | {e.span.start for e in sheet.events}))


def headline(sheet: FactSheet) -> tuple[int, int] | None:
    return next(((z.span.start, z.span.end) for z in sheet.zones if z.kind == "headline"), None)


def _lead(doc: Doc, event: EventFact) -> bool:
    at = event.trigger.start if event.trigger else event.span.start
    if doc.headline is not None and doc.headline[0] <= at < doc.headline[1]:
        return True
    return bisect.bisect_right(doc.starts, event.span.start) <= LEAD


def with_spread(records: Sequence[Record]) -> list[Record]:
    """Each record with the share of its document group's documents that name an event by the same lemma.

    A lemma that most reports of one story use names the story's event ("quake" in every report of
    a quake); one a single report uses is more likely a side event that reports do not share.
    """
    docs_of_group: dict[int, set[str]] = {}
    docs_of_lemma: dict[tuple[int, str], set[str]] = {}
    for rec in records:
        docs_of_group.setdefault(rec.doc.group, set()).add(rec.doc.id)
        docs_of_lemma.setdefault((rec.doc.group, rec.lemma), set()).add(rec.doc.id)
    out = []
    for rec in records:
        size = len(docs_of_group[rec.doc.group])
        share = len(docs_of_lemma[(rec.doc.group, rec.lemma)]) / size if size > 1 else 0.0
        out.append(replace(rec, spread=share))
    return out


def record(
    index: int,
    doc: Doc,
    event: EventFact,
    entities: EntityIndex,
    idf: tuple[dict[str, float], float] | None = None,
    flags: tuple[bool, ...] | None = None,
) -> Record:
    """The comparable parts of one record; its figures looked up in its sheet, its words weighted by ``idf``
    (``flags``: which participants name someone, where the caller has read them: ``named_flags``)."""
    word = head_word(event.trigger.text) if event.trigger else head_word(event.description)
    lem = lemma(word)
    flags = named_flags(doc, event) if flags is None else flags
    named = [p for p, f in zip(event.participants, flags, strict=True) if f]
    names = {entities.entity(p.name) for p in named}
    agents = {entities.entity(p.name) for p in named if p.role == "agent"}
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
    weights = idf or ({}, 1.0)
    near = near_trigger(event, *weights)
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
        terms=sentence_terms(event.span.text, *weights),
        particle=particle(event.trigger.text) if event.trigger else None,
        lead=_lead(doc, event),
        near=near.terms,
        names=near.names,
        numbers=near.numbers,
        doers=frozenset(name_key(p.name) for p in event.participants if p.role == "agent"),
        named=flags,
    )


def named_flags(doc: Doc, event: EventFact) -> tuple[bool, ...]:
    """Which of the event's participants name someone (``entities.names_someone``)."""
    return tuple(names_someone(p, doc.sheet.text, doc.lower) for p in event.participants)


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
    "sentence_cosine",
    "lemma_x_cosine",
    "particle_clash",
    "both_lead",
    "lemma_x_lead",
    "lemma_spread",
    "report_pair",
    "report_same_speaker",
    "near_cosine",
    "lemma_x_near",
    "name_clash",
    "shared_name",
    "number_clash",
    "shared_number",
    "same_sentence",
)
"""The pairwise features, in the order of the fitted weights (``factx.linking.score.WEIGHTS``)."""


def pair_features(a: Record, b: Record, doc_sim: float) -> list[float]:
    """The feature vector of a pair of records (see ``FEATURES``)."""
    same_lemma = a.lemma == b.lemma
    same_family = not same_lemma and (bool(a.family & b.family) or _compound_head(a.lemma, b.lemma))
    typed = a.event.type != "other" and a.event.type == b.event.type
    shared = bool(a.entities & b.entities)
    agent_clash = bool(a.agents) and bool(b.agents) and not (a.agents & b.agents)
    if a.doc.id == b.doc.id and a.doers and b.doers:  # one document resolved "the governor" to her name already
        agent_clash = agent_clash or not (a.doers & b.doers)
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
    sentence_cos = cosine(a.terms, b.terms)
    near_cos = cosine(a.near, b.near)
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
        sentence_cos,
        float(same_lemma) * sentence_cos,
        float(a.particle is not None and b.particle is not None and a.particle != b.particle),
        float(a.lead and b.lead),
        float(same_lemma and a.lead and b.lead),
        float(same_lemma and a.doc.group == b.doc.group) * min(a.spread, b.spread),
        float(a.reporting and b.reporting),
        float(a.reporting and b.reporting and bool(a.entities & b.entities)),
        near_cos,
        float(same_lemma) * near_cos,
        float(bool(a.names) and bool(b.names) and not (a.names & b.names)),
        float(bool(a.names & b.names)),
        float(bool(a.numbers) and bool(b.numbers) and not (a.numbers & b.numbers)),
        float(bool(a.numbers & b.numbers)),
        float(a.doc.id == b.doc.id and a.event.span == b.event.span),
    ]


def _compound_head(a: str, b: str) -> bool:
    """One word is the head of the other, a closed compound ("quake" of "earthquake", "strike" of "airstrike")."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and len(long) - len(short) >= 3 and long.endswith(short)


def _same_figure(f: FigureFact, g: FigureFact) -> bool:
    return f.value == g.value and f.unit == g.unit and f.value != 0

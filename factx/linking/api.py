"""``link``: many documents' sheets -> one Story of events linked across them, on a timeline."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from factx._errors import FactxInputError
from factx._types import FactSheet, Usage
from factx.linking import score as _score
from factx.linking.cluster import average_link, candidate_pairs, mean_score
from factx.linking.entities import EntityIndex, build_index, lower_words
from factx.linking.features import (
    Doc,
    Record,
    cosine,
    doc_terms,
    document_groups,
    headline,
    idf_table,
    named_flags,
    pair_features,
    record,
    sentence_starts,
    vectors,
    with_spread,
)
from factx.linking.score import THRESHOLD, probability
from factx.linking.story import story_entities, story_event
from factx.linking.subjects import subjects
from factx.linking.types import Story, StoryEvent

if TYPE_CHECKING:
    from factx.backends import Backend

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``: stages ``records``, ``pairs``, ``votes``, ``story``."""


def documents(results: object) -> list[tuple[str, FactSheet]]:
    """``(id, sheet)`` per good document of ``results``; failed documents (typed errors) are left out.

    ``results`` is a mapping id -> sheet, or an iterable of sheets (ids are their positions), of
    ``(id, sheet)`` pairs, of ``extract_many``'s / ``aextract_many``'s results and outcomes, or of
    ``{"id", "sheet"}`` dicts as ``factx extract`` writes them in JSONL.
    """
    if isinstance(results, FactSheet):
        raise FactxInputError("link takes many documents: a list or a mapping of FactSheets, not one sheet")
    items: Iterable[Any] = results.items() if isinstance(results, Mapping) else results  # type: ignore[assignment]
    if isinstance(results, str | bytes) or not isinstance(items, Iterable):
        raise FactxInputError(f"link takes a list or a mapping of FactSheets, not {type(results).__name__}")
    out: list[tuple[str, FactSheet]] = []
    seen: set[str] = set()
    for position, item in enumerate(items):
        ident, sheet = _one(position, item)
        if sheet is None:
            continue
        if ident in seen:
            raise FactxInputError(f"document id {ident!r} appears twice")
        seen.add(ident)
        out.append((ident, sheet))
    return out


def _one(position: int, item: Any) -> tuple[str, FactSheet | None]:
    if isinstance(item, FactSheet):
        return str(position), item
    if isinstance(item, BaseException | str):
        return str(position), None
    if isinstance(item, tuple) and len(item) == 2:
        return str(item[0]), _sheet(item[1], str(item[0]))
    if isinstance(item, dict) and "id" in item:
        return str(item["id"]), (_sheet(item["sheet"], str(item["id"])) if "sheet" in item else None)
    if hasattr(item, "result") and hasattr(item, "id"):
        ident = item.id if item.id is not None else getattr(item, "index", position)
        return str(ident), _sheet(item.result, str(ident))
    raise FactxInputError(f"document {position}: not a FactSheet, an (id, sheet) pair or an outcome")


def _sheet(value: Any, ident: str) -> FactSheet | None:
    if isinstance(value, FactSheet):
        return value
    if isinstance(value, BaseException | str):  # a failed document: its error, or the error's message
        return None
    if isinstance(value, dict):
        return FactSheet.model_validate(value)
    raise FactxInputError(f"document {ident!r}: not a FactSheet")


def link(
    results: object,
    *,
    mentions: bool = False,
    threshold: float = THRESHOLD,
    backend: Backend | None = None,
    votes: int = 20,
    vote_weight: float | None = None,
    timeout: float | None = 60.0,
    stories: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> Story:
    """Link the same real-world events across documents into one Story.

    Each document's ``sheet.events`` (``mentions=True``: every mention-level record) is compared
    with the records of other documents that share a blocking key; a pair's score weighs the
    trigger's lemma and derivational family, the documents' words and names, shared entities,
    place, time, figures and the sentences' words; clusters grow by average link above
    ``threshold``. With ``backend``, at most ``votes`` close merges (a mean within ``vote_weight``
    of the threshold) are put to the model within ``timeout`` seconds, 8 at a time, as the pair
    across the two clusters that code found most alike; each answer moves the merge's mean by
    ``vote_weight`` (default 0.15, a tie-break for a small model; at most 0.5, for a capable one).
    An answer that turns code's merge is asked again with the two reports swapped and counts only
    when both agree (so up to twice ``votes`` requests, and 8 control questions before the first).
    ``stories`` (document id -> a story label) says which documents tell one story, where the caller
    knows (a feed's clusters, an editor's topics): those documents are one group, compared with no
    other; code groups the documents not named there.
    """
    weight = _vote_weight(vote_weight)
    docs_in = documents(results)
    records, entities = build_records(docs_in, mentions=mentions, stories=stories, progress=progress)
    pairs = candidate_pairs(records)
    scores = score_pairs(records, pairs, progress)
    voting = None
    if backend is not None and votes > 0 and scores:
        from factx.linking.vote import Votes  # the backends load only when a model is asked

        voting = Votes(records, scores, backend, limit=votes, timeout=timeout, weight=weight)
        clusters = voting.cluster(threshold, _score.MISSING)
        if progress:
            progress("votes", voting.asked, votes)
    else:
        clusters = average_link(len(records), scores, threshold, _score.MISSING)
    built = []
    for n, cluster in enumerate(clusters):
        built.append(story_event([records[i] for i in cluster], entities, mean_score(cluster, scores)))
        if progress and (n % 200 == 0 or n == len(clusters) - 1):
            progress("story", n + 1, len(clusters))
    return Story(
        events=_timeline(built),
        entities=story_entities(records, entities),
        documents=tuple(ident for ident, _ in docs_in),
        votes=voting.asked if voting else 0,
        votes_withdrawn=voting.disputed if voting else 0,
        model_trusted=voting.trusted if voting else None,
        usage=voting.usage if voting else Usage(),
    )


def _vote_weight(value: float | None) -> float:
    """The step a model's vote moves a merge by: the default tie-break, or the caller's up to ``MAX_VOTE_WEIGHT``."""
    if value is None:
        return _score.VOTE_WEIGHT
    if not 0.0 <= value <= _score.MAX_VOTE_WEIGHT:
        raise FactxInputError(
            f"vote_weight must lie between 0 and {_score.MAX_VOTE_WEIGHT} (code's score keeps a say), not {value}"
        )
    return value


def build_records(
    docs_in: list[tuple[str, FactSheet]],
    *,
    mentions: bool = False,
    stories: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> tuple[list[Record], EntityIndex]:
    """The documents' records to link (``mentions``: every mention-level record), and the entities they name."""
    lowers = [lower_words(s.text) for _, s in docs_in]
    terms = [doc_terms(s, low) for (_, s), low in zip(docs_in, lowers, strict=True)]  # for subjects and TF-IDF
    subject, given = _subjects(terms, _labels(docs_in, stories))
    members: dict[int, list[int]] = {}
    for n, number in enumerate(subject):
        members.setdefault(number, []).append(n)
    docs_by_order: dict[int, Doc] = {}
    idfs: dict[int, tuple[dict[str, float], float]] = {}
    groups_before = 0
    for number, ns in members.items():  # each subject weighs its words and groups its documents alone
        vecs = vectors([terms[n] for n in ns])
        groups = [0] * len(ns) if number in given else document_groups(vecs)
        idfs[number] = idf_table(vecs)
        for n, vec, group in zip(ns, vecs, groups, strict=True):
            ident, sheet = docs_in[n]
            docs_by_order[n] = Doc(
                id=ident,
                order=n,
                sheet=sheet,
                vector=vec,
                group=groups_before + group,
                subject=number,
                starts=sentence_starts(sheet),
                headline=headline(sheet),
                lower=lowers[n],
            )
        groups_before += len(ns)
    docs = [docs_by_order[n] for n in range(len(docs_in))]
    events = [(doc, e) for doc in docs for e in (doc.sheet.event_mentions if mentions else doc.sheet.events)]
    flags = [named_flags(doc, e) for doc, e in events]
    named = (p for (_, e), fl in zip(events, flags, strict=True) for p, f in zip(e.participants, fl, strict=True) if f)
    names = [p.name for p in named]
    names += [e.location for _, e in events if e.location]
    entities = build_index(names)
    records: list[Record] = []
    for n, (doc, event) in enumerate(events):
        records.append(record(n, doc, event, entities, idfs[doc.subject], flags[n]))
        if progress and (n % 500 == 0 or n == len(events) - 1):
            progress("records", n + 1, len(events))
    return with_spread(records), entities


def _labels(docs_in: list[tuple[str, FactSheet]], stories: Mapping[str, str] | None) -> list[str | None]:
    """Each document's story label from ``stories`` (None: code groups it); a label for no document is an error."""
    if not stories:
        return [None] * len(docs_in)
    ids = {ident for ident, _ in docs_in}
    unknown = sorted(set(stories) - ids)
    if unknown:
        shown = ", ".join(repr(u) for u in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        raise FactxInputError(f"stories name {len(unknown)} document(s) not among the results: {shown}")
    return [None if stories.get(ident) is None else str(stories[ident]) for ident, _ in docs_in]


def _subjects(terms: list[Counter[str]], labels: list[str | None]) -> tuple[list[int], set[int]]:
    """Each document's subject: the caller's story where labelled, else code's subjects of the rest; and the
    subjects the caller gave (each one group)."""
    free = [n for n, label in enumerate(labels) if label is None]
    subject = [0] * len(terms)
    found = subjects([terms[n] for n in free]) if free else []
    for n, number in zip(free, found, strict=True):
        subject[n] = number
    first = max(found, default=-1) + 1
    given: dict[str, int] = {}
    for n, label in enumerate(labels):
        if label is not None:
            subject[n] = given.setdefault(label, first + len(given))
    return subject, set(given.values())


def score_pairs(
    records: list[Record], pairs: Iterable[tuple[int, int]], progress: Progress | None = None
) -> dict[tuple[int, int], float]:
    """Each candidate pair's probability of naming one event (documents' similarity computed once per pair)."""
    similarity: dict[tuple[int, int], float] = {}
    scores: dict[tuple[int, int], float] = {}
    todo = sorted(pairs)
    for n, (i, j) in enumerate(todo):
        a, b = records[i], records[j]
        key = (min(a.doc.order, b.doc.order), max(a.doc.order, b.doc.order))
        if key not in similarity:
            similarity[key] = 1.0 if key[0] == key[1] else cosine(a.doc.vector, b.doc.vector)
        scores[(i, j)] = probability(pair_features(a, b, similarity[key]))
        if progress and (n % 5000 == 0 or n == len(todo) - 1):
            progress("pairs", n + 1, len(todo))
    return scores


def _timeline(events: list[StoryEvent]) -> tuple[StoryEvent, ...]:
    """Dated events by their start, then end; undated ones after, in the order their first report appears."""

    def when(n: int) -> tuple[bool, dt.date, dt.date, int]:
        time = events[n].time
        start = time.start if time is not None else None
        end = time.end if time is not None else None
        return (start is None, start or dt.date.max, end or start or dt.date.max, n)

    order = sorted(range(len(events)), key=when)
    return tuple(events[n].model_copy(update={"id": f"s{k}"}) for k, n in enumerate(order, 1))

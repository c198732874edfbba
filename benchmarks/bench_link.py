"""Cross-document event linking on ECB+ dev, beside the same-lemma baseline in the same run; link speed.

Usage: python benchmarks/bench_link.py [--fit [--rounds N]] [--speed] [--sheets CACHE.jsonl]
       [--oracles] [--oracle-votes N ... [--vote-noise P ...] [--vote-weight W] [--noise-per-pair] [--no-recheck]]
       [--one-call N [--vote-noise P ...]]
       [--few N ... [--one-story]] [--stories]

- Scores within topics (each topic's documents linked together, as the literature's gold-topic
  setting): MUC, B-cubed, CEAF-e and their mean, CoNLL F1, over the action mentions of the carefully
  annotated sentences, singletons included.
- (a) gold mentions: each gold trigger becomes a record; it takes the factx mention-level record
  whose trigger overlaps it (participants, place, time, figures), else the parts of factx's
  records in the same sentence. (b) end to end: factx's own mention-level records in the
  annotated sentences; one matched to a gold trigger (overlap, one to one) is that mention, an
  unmatched one is a spurious mention (costs precision), a gold mention factx missed costs recall.
- Same-lemma baseline: records whose trigger lemma is the same, within a topic, are one event.
- The dev topics are split by number: odd topics tune (``--fit`` refits the weights of
  ``factx.linking.score`` on them: a logistic fit of the candidate pairs, then ``--rounds`` of
  coordinate ascent of the weights and threshold on the clustering's CoNLL F1, gold mentions and
  end to end), even topics check; both are printed.
- ``--oracle-votes N ...``: the model path's reach. A backend built from gold answers each vote
  ``link`` asks (at most N close merges per topic, each moving its merge by ``--vote-weight``);
  ``--vote-noise P ...`` flips each answer with probability P (seeded by the question), a model
  that is wrong that often; ``--noise-per-pair`` seeds it by the pair, a model whose mistake repeats when
  asked again with the reports swapped; ``--no-recheck`` turns that second ask off (``Votes(confirm=False)``).
  Both halves, gold mentions and end to end, beside no votes; votes answered and requests made.
- ``--oracles``: where the loss lies. The clustering redone with some pairs' scores replaced by
  the gold answer (1 same event, 0 not): all candidate pairs, the same-lemma pairs, those within
  one document group, the different-lemma pairs; and with gold singletons never merged.
- ``--speed``: records linked per second at 1,000 and 10,000 records (factx's mention-level
  records of every dev document, all topics in one call: no topic blocking), peak traced memory;
  at 10,000 records, with 80, 400 and 2,000 votes a stand-in model answers at once (code's cost).
- ``--few N ...``: each topic's documents dealt into inputs of N (shuffled, seeded by the topic),
  each input linked alone, as a user links a handful of reports; CoNLL F1 over all inputs.
- ``--one-story``: with ``--few``, also inputs dealt from one sub-topic's documents alone (full inputs
  only): a user who gathered reports of one story.
- ``--stories``: also with each topic's gold sub-topics given as ``link(stories=...)``, the caller who
  knows which reports tell one story (the literature's gold document clusters).
- ``--one-call N``: each half's topics in one ``link`` call, as a user's corpus, code alone and
  with N votes a topic answered from gold (wrong as often as each ``--vote-noise``), in rounds of 8
  questions and in rounds grown with the input; CoNLL F1 within topics, and the seconds spent.

Sheets are extracted once with code only (the choose strategy with no model answers, as
bench_events.py runs it) and kept in ``--sheets`` (default: one file per digest of factx's source in
the system's temp directory, so changed code never reads stale sheets).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import hashlib
import itertools
import json
import math
import random
import re
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _paths import gold
from bench_events import NoModel

import factx
from factx._types import EventFact, FactSheet, Participant, Span, Usage
from factx.backends import Backend, ModelRequest, Reply
from factx.detect.events.lexicon import TYPE_OF, event_class
from factx.linking import link, score
from factx.linking.api import build_records
from factx.linking.cluster import average_link, candidate_pairs
from factx.linking.features import FEATURES, Doc, cosine, pair_features
from factx.linking.score import THRESHOLD
from factx.linking.vote import SameEvent, pair_messages
from factx.linking.words import head_word, lemma

# ---------------------------------------------------------------- data


def rows() -> list[dict[str, Any]]:
    with gold("ecbplus_dev.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def default_cache() -> Path:
    """A sheet cache named by a digest of factx's source: changed code extracts afresh, never reads stale sheets."""
    digest = hashlib.sha256()
    for path in sorted(Path(factx.__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return Path(tempfile.gettempdir()) / f"factx-ecbplus-sheets-{digest.hexdigest()[:12]}.jsonl"


def sheets(docs: list[dict[str, Any]], cache: Path) -> dict[str, FactSheet]:
    """Each document's sheet, extracted by code alone, kept in ``cache`` between runs."""
    kept: dict[str, FactSheet] = {}
    if cache.is_file():
        for line in cache.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            kept[row["id"]] = FactSheet.model_validate(row["sheet"])
    todo = [d for d in docs if d["id"] not in kept]
    if todo:
        started = time.perf_counter()
        with cache.open("a", encoding="utf-8") as fh:
            for n, doc in enumerate(todo, 1):
                try:
                    sheet = factx.extract_facts(doc["text"], backend=NoModel(), strategy="choose")
                except Exception as exc:  # a document factx fails on links with no records of its own
                    print(
                        f"  {doc['id']}: extraction failed ({type(exc).__name__}): counted with no records",
                        file=sys.stderr,
                    )
                    sheet = FactSheet(text=doc["text"], model="failed")
                kept[doc["id"]] = sheet
                fh.write(json.dumps({"id": doc["id"], "sheet": sheet.model_dump(mode="json")}) + "\n")
                if n % 50 == 0:
                    print(f"  extracted {n}/{len(todo)} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return kept


def _annotated(doc: dict[str, Any], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in doc["annotated_sentences"])


def gold_mentions(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The action mentions of the annotated sentences; a mention with no cross-document id is a singleton."""
    out = []
    for a in doc["actions"]:
        if a["annotated"]:
            cluster = a["cross_doc_id"] or f"single:{doc['id']}:{a['id']}"
            out.append({"key": f"{doc['id']}:{a['id']}", "cluster": cluster, "start": a["start"], "end": a["end"]})
    return out


def _overlaps(a: Span | None, start: int, end: int) -> bool:
    return a is not None and a.start < end and start < a.end


def gold_records(doc: dict[str, Any], sheet: FactSheet) -> list[EventFact]:
    """A record at each gold trigger: factx's mention there, else the parts factx found in its sentence."""
    text = doc["text"]
    sentence = {n: (s, e) for n, s, e in doc["sentences"]}
    out = []
    for a in doc["actions"]:
        if not a["annotated"]:
            continue
        trigger = Span.of(text, a["start"], a["end"])
        ident = f"g{a['id']}"
        same = [m for m in sheet.event_mentions if _overlaps(m.trigger, a["start"], a["end"])]
        if same:
            out.append(same[0].model_copy(update={"id": ident, "trigger": trigger}))
            continue
        s, e = sentence[a["sentence"]]
        near = [m for m in sheet.event_mentions if m.span.start < e and s < m.span.end]
        parts: dict[tuple[int, int], Participant] = {}
        for m in near:
            for p in m.participants:
                parts.setdefault((p.span.start, p.span.end), p)
        placed = next((m for m in near if m.location), None)
        timed = next((m for m in near if m.time), None)
        lem = lemma(head_word(trigger.text))
        out.append(
            EventFact(
                id=ident,
                span=Span.of(text, s, e),
                trigger=trigger,
                description=text[s:e].strip() or trigger.text,
                type=TYPE_OF.get(lem, "other"),
                event_class=event_class(lem, "VERB"),
                participants=tuple(parts.values()),
                location=placed.location if placed else None,
                location_span=placed.location_span if placed else None,
                date_ids=timed.date_ids if timed else (),
                time=timed.time if timed else None,
                figure_ids=tuple(dict.fromkeys(f for m in near for f in m.figure_ids)),
            )
        )
    return out


def factx_records(doc: dict[str, Any], sheet: FactSheet) -> list[EventFact]:
    """factx's mention-level records whose trigger lies in an annotated sentence."""
    return [m for m in sheet.event_mentions if m.trigger and _annotated(doc, m.trigger.start, m.trigger.end)]


def matched(doc: dict[str, Any], records: list[EventFact]) -> dict[str, str]:
    """Record id -> gold mention key, by trigger overlap, one to one, in text order."""
    golds = gold_mentions(doc)
    used: set[str] = set()
    out: dict[str, str] = {}
    for rec in sorted(records, key=lambda r: r.trigger.start if r.trigger else 0):
        for g in golds:
            if g["key"] not in used and _overlaps(rec.trigger, g["start"], g["end"]):
                used.add(g["key"])
                out[rec.id] = g["key"]
                break
    return out


# ---------------------------------------------------------------- scores


class Tally:
    """Numerators and denominators of MUC, B-cubed and CEAF-e, summed over topics."""

    def __init__(self) -> None:
        self.v: dict[str, float] = defaultdict(float)

    def add(self, key: list[set[str]], response: list[set[str]]) -> None:
        v = self.v
        for name, (a, b) in (("r", (key, response)), ("p", (response, key))):
            where = {m: n for n, c in enumerate(b) for m in c}
            for c in a:
                parts = {where.get(m, f"missing:{m}") for m in c}
                v[f"muc_{name}_num"] += len(c) - len(parts)
                v[f"muc_{name}_den"] += len(c) - 1
                for m in c:
                    if m in where:
                        v[f"b3_{name}_num"] += len(c & b[where[m]]) / len(c)
                v[f"b3_{name}_den"] += len(c)
        v["ceaf_num"] += _ceaf(key, response)
        v["ceaf_key"] += len(key)
        v["ceaf_resp"] += len(response)

    def scores(self) -> dict[str, tuple[float, float, float]]:
        v = self.v

        def prf(p: float, r: float) -> tuple[float, float, float]:
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        def div(a: float, b: float) -> float:
            return a / b if b else 0.0

        out = {
            "MUC": prf(div(v["muc_p_num"], v["muc_p_den"]), div(v["muc_r_num"], v["muc_r_den"])),
            "B3": prf(div(v["b3_p_num"], v["b3_p_den"]), div(v["b3_r_num"], v["b3_r_den"])),
            "CEAF-e": prf(div(v["ceaf_num"], v["ceaf_resp"]), div(v["ceaf_num"], v["ceaf_key"])),
        }
        conll = sum(out[k][2] for k in ("MUC", "B3", "CEAF-e")) / 3
        out["CoNLL"] = (math.nan, math.nan, conll)
        return out


def _ceaf(key: list[set[str]], response: list[set[str]]) -> float:
    """The best one-to-one alignment of key and response clusters under phi4 (Luo 2005)."""
    if not key or not response:
        return 0.0
    where = {m: n for n, c in enumerate(response) for m in c}
    cost: dict[tuple[int, int], float] = {}
    for i, c in enumerate(key):
        for m in c:
            if m in where:
                j = where[m]
                cost[(i, j)] = cost.get((i, j), 0.0) + 1
    rows_ = sorted({i for i, _ in cost})
    cols = sorted({j for _, j in cost})
    ri = {i: n for n, i in enumerate(rows_)}
    ci = {j: n for n, j in enumerate(cols)}
    phi = [[0.0] * len(cols) for _ in rows_]
    for (i, j), shared in cost.items():
        phi[ri[i]][ci[j]] = 2 * shared / (len(key[i]) + len(response[j]))
    return _max_assignment(phi)


def _max_assignment(m: list[list[float]]) -> float:
    """The largest sum of a one-to-one assignment of rows to columns (Hungarian method, O(n^3))."""
    if len(m) > len(m[0]):
        m = [list(col) for col in zip(*m, strict=True)]
    n, k = len(m), len(m[0])
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (k + 1), [0] * (k + 1), [0] * (k + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (k + 1)
        used = [False] * (k + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, k + 1):
                if not used[j]:
                    cur = -m[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(k + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sum(m[p[j] - 1][j - 1] for j in range(1, k + 1) if p[j])


def show(title: str, tally: Tally) -> str:
    s = tally.scores()
    cells = "  ".join(f"{k} {s[k][0]:.3f}/{s[k][1]:.3f}/{s[k][2]:.3f}" for k in ("MUC", "B3", "CEAF-e"))
    return f"  {title:<28} {cells}  CoNLL F1 {s['CoNLL'][2]:.3f}"


# ---------------------------------------------------------------- runs


def topic_sheets(topic_docs: list[dict[str, Any]], kept: dict[str, FactSheet], gold_mode: bool) -> dict[str, FactSheet]:
    """The topic's sheets with the records to link (gold triggers or factx's mentions) as their mention-level records.

    ``sheet.events`` stay factx's own, so linking sees factx's within-document coreference.
    """
    out = {}
    for doc in topic_docs:
        sheet = kept[doc["id"]]
        events = gold_records(doc, sheet) if gold_mode else factx_records(doc, sheet)
        out[doc["id"]] = sheet.model_copy(update={"event_mentions": tuple(events)})
    return out


MODES = (("(a) gold mentions", True), ("(b) end to end", False))
"""The two ways records are made: at the gold triggers, or factx's own mentions."""

MentionName = Callable[[str, str], str]
"""(document id, record id) -> the gold mention key it matched, or a "spurious:" name of its own."""


def topic_keys(
    docs: list[dict[str, Any]], kept: dict[str, FactSheet], gold_mode: bool
) -> tuple[dict[str, FactSheet], MentionName, list[set[str]]]:
    """A topic's sheets to link, each record's gold mention name, and the gold clusters of mention keys."""
    linked = topic_sheets(docs, kept, gold_mode)
    key_of: dict[tuple[str, str], str] = {}
    for doc in docs:
        events = list(linked[doc["id"]].event_mentions)
        found = matched(doc, events) if not gold_mode else {e.id: f"{doc['id']}:{e.id[1:]}" for e in events}
        key_of.update({(doc["id"], rid): gkey for rid, gkey in found.items()})
    clusters: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for g in gold_mentions(doc):
            clusters[g["cluster"]].add(g["key"])

    def name(doc_id: str, rid: str) -> str:
        return key_of.get((doc_id, rid), f"spurious:{doc_id}:{rid}")

    return linked, name, list(clusters.values())


def evaluate(
    by_topic: dict[int, list[dict[str, Any]]],
    kept: dict[str, FactSheet],
    gold_mode: bool,
    threshold: float,
    told: bool = False,
) -> tuple[Tally, Tally, int, float]:
    """factx.link and the same-lemma baseline on the topics given; records linked and seconds spent linking.

    ``told``: the gold sub-topics are given as the caller's ``stories`` (the literature's gold-document-
    cluster setting), in place of code's document groups.
    """
    ours, base = Tally(), Tally()
    n_records, seconds = 0, 0.0
    for _topic, docs in sorted(by_topic.items()):
        linked, name, key = topic_keys(docs, kept, gold_mode)
        n_records += sum(len(s.event_mentions) for s in linked.values())

        started = time.perf_counter()
        stories = {d["id"]: str(d["subtopic"]) for d in docs} if told else None
        story = link(linked, threshold=threshold, mentions=True, stories=stories)
        seconds += time.perf_counter() - started
        ours.add(key, [{name(r.doc, r.event_id) for r in e.reports} for e in story.events])
        lemmas: dict[str, set[str]] = defaultdict(set)
        for doc in docs:
            for e in linked[doc["id"]].event_mentions:
                word = head_word(e.trigger.text) if e.trigger else e.description
                lemmas[lemma(word)].add(name(doc["id"], e.id))
        base.add(key, list(lemmas.values()))
    return ours, base, n_records, seconds


class GoldVotes(Backend):
    """Answers a link vote from gold: the pair's question -> whether both mentions are of one gold cluster.

    ``noise`` flips an answer with that probability, drawn from a generator seeded by the question,
    so a run repeats exactly; with ``pairs`` (question -> its pair, whichever report comes first), seeded
    by the pair: a model wrong about the pair itself, which asking again with the reports swapped repeats.
    """

    name = "gold-votes"

    def __init__(
        self, answers: dict[str, bool], noise: float = 0.0, latency: float = 0.0, pairs: dict[str, str] | None = None
    ) -> None:
        self.answers = answers
        self.noise = noise
        self.latency = latency
        self.pairs = pairs

    async def request(self, req: ModelRequest[Any]) -> Reply[Any]:
        if self.latency:
            await asyncio.sleep(self.latency)  # a remote model's round trip
        question = req.messages[-1]["content"]
        seed = self.pairs.get(question, question) if self.pairs is not None else question
        flip = self.noise > 0 and random.Random(seed).random() < self.noise
        return Reply(SameEvent(same=self.answers[question] != flip), Usage(requests=1))


VoteTopic = tuple[dict[str, FactSheet], MentionName, list[set[str]], dict[str, bool], dict[str, str]]
"""A topic's sheets to link, record -> gold mention name, the key clusters, each candidate pair's question (in
either order) -> its gold answer, and each question -> the pair's question in its first order."""


def vote_topics(
    by_topic: dict[int, list[dict[str, Any]]], kept: dict[str, FactSheet], gold_mode: bool
) -> list[VoteTopic]:
    """Per topic, what ``with_votes`` needs, built once for every vote limit and noise level."""
    out: list[VoteTopic] = []
    for _topic, docs in sorted(by_topic.items()):
        linked, name, key = topic_keys(docs, kept, gold_mode)
        cluster = {m: n for n, members in enumerate(key) for m in members}
        recs, _ = build_records(list(linked.items()), mentions=True)

        answers, pairs = {}, {}
        for i, j in candidate_pairs(recs):
            a, b = name(recs[i].doc.id, recs[i].event.id), name(recs[j].doc.id, recs[j].event.id)
            first = pair_messages(recs[i], recs[j])[-1]["content"]
            for question in (first, pair_messages(recs[j], recs[i])[-1]["content"]):
                answers[question] = a in cluster and cluster[a] == cluster.get(b)
                pairs[question] = first
        out.append((linked, name, key, answers, pairs))
    return out


def with_votes(
    topics: list[VoteTopic],
    limit: int,
    noise: float,
    weight: float,
    latency: float = 0.0,
    *,
    per_pair: bool = False,
    recheck: bool = True,
) -> tuple[Tally, int, int]:
    """factx.link with at most ``limit`` votes per topic answered from gold (``noise``: share of wrong answers,
    ``per_pair``: drawn per pair, not per question; ``recheck``: ``Votes``' swapped second ask); the votes
    answered and the requests made."""
    from factx.linking import vote

    tally, asked, requests = Tally(), 0, 0
    votes = functools.partial(vote.Votes, confirm=recheck)
    for linked, name, key, answers, pairs in topics:
        backend = GoldVotes(answers, noise, latency, pairs if per_pair else None)
        with mock.patch.object(vote, "Votes", votes):
            story = link(linked, mentions=True, backend=backend, votes=limit, vote_weight=weight, timeout=None)
        asked += story.votes
        requests += story.usage.requests
        tally.add(key, [{name(r.doc, r.event_id) for r in e.reports} for e in story.events])
    return tally, asked, requests


def show_votes(
    halves: dict[str, dict[int, list[dict[str, Any]]]],
    kept: dict[str, FactSheet],
    limits: list[int],
    noises: list[float],
    weight: float,
    *,
    per_pair: bool = False,
    recheck: bool = True,
) -> None:
    """CoNLL F1 with votes answered from gold, per mode and half, for each vote limit and noise."""
    print(
        f"votes answered from gold (a vote moves a merge by {weight}; merges within that of the threshold are "
        f"asked); noise drawn per {'pair' if per_pair else 'question'}; swapped recheck {'on' if recheck else 'off'}"
    )
    for mode, gold_mode in MODES:
        for half, by_topic in halves.items():
            cells = []
            topics = vote_topics(by_topic, kept, gold_mode)
            for noise in noises:
                for limit in limits:
                    run = with_votes(topics, limit, noise, weight, per_pair=per_pair, recheck=recheck)
                    tally, asked, requests = run
                    conll_f1 = tally.scores()["CoNLL"][2]
                    cells.append(
                        f"{limit}/topic, {noise:.0%} wrong: {conll_f1:.3f} ({asked} votes, {requests} requests)"
                    )
            print(f"  {mode}, {half}: " + "; ".join(cells))
    print()


def show_vote_latency(by_topic: dict[int, list[dict[str, Any]]], kept: dict[str, FactSheet], latency: float) -> None:
    """Wall time of 100 votes a topic at 0.5 on three topics when each answer takes ``latency`` seconds,
    asked one at a time and ``vote.CONCURRENCY`` at a time (a round of one asks only in the order the
    clustering meets the merges, so the questions, and the clusters, may differ a little)."""
    from factx.linking import vote

    topics = vote_topics(dict(sorted(by_topic.items())[:3]), kept, True)
    print(f"votes with {latency} s a request, topics {sorted(by_topic)[:3]}, gold mentions, 100 a topic at 0.5")
    for at_once in (1, vote.CONCURRENCY):
        with mock.patch.object(vote, "CONCURRENCY", at_once):
            started = time.perf_counter()
            tally, asked, requests = with_votes(topics, 100, 0.0, 0.5, latency)
            wall = time.perf_counter() - started
        conll_f1 = tally.scores()["CoNLL"][2]
        print(f"  {at_once} at a time: {wall:.1f} s, {requests} requests, {asked} votes, CoNLL F1 {conll_f1:.3f}")
    print()


class OneCallGold(GoldVotes):
    """``GoldVotes`` over many topics linked in one call: a pair across two topics is never one event."""

    async def request(self, req: ModelRequest[Any]) -> Reply[Any]:
        self.answers.setdefault(req.messages[-1]["content"], False)
        return await super().request(req)


def show_one_call(
    halves: dict[str, dict[int, list[dict[str, Any]]]],
    kept: dict[str, FactSheet],
    per_topic: int,
    weight: float,
    noise: float = 0.0,
) -> None:
    """Each half's topics linked in one call (no topic given: as a user's corpus), code alone and with
    ``per_topic`` votes a topic answered from gold (``noise``: the share flipped), in rounds of
    ``vote.CONCURRENCY`` questions and in rounds grown with the input (``vote.PAIRS_PER_WAVE``); CoNLL F1
    within topics, votes, requests, seconds, on the gold mentions and end to end."""
    from factx.linking import vote

    print(f"each half in one call; {per_topic} votes a topic answered from gold at {weight}, {noise:.0%} wrong")
    for (mode, gold_mode), (half, by_topic) in itertools.product(MODES, halves.items()):
        topics = vote_topics(by_topic, kept, gold_mode)
        linked: dict[str, FactSheet] = {}
        answers: dict[str, bool] = {}
        key: list[set[str]] = []
        name_of: dict[str, MentionName] = {}
        for sheets_, name, clusters, asked, _pairs in topics:
            linked.update(sheets_)
            answers.update(asked)
            key.extend(clusters)
            name_of.update(dict.fromkeys(sheets_, name))
        records = sum(len(s.event_mentions) for s in linked.values())
        rows_ = []
        runs = [("code alone", vote.PAIRS_PER_WAVE, 0)]
        if per_topic:
            runs.append((f"rounds of {vote.CONCURRENCY}", 10**12, per_topic * len(topics)))
            runs.append(("rounds grown with the input", vote.PAIRS_PER_WAVE, per_topic * len(topics)))
        for label, wave, limit in runs:
            backend = OneCallGold(dict(answers), noise) if limit else None
            with mock.patch.object(vote, "PAIRS_PER_WAVE", wave):
                started = time.perf_counter()
                story = link(linked, mentions=True, backend=backend, votes=limit, vote_weight=weight, timeout=None)
                wall = time.perf_counter() - started
            tally = Tally()
            tally.add(key, [{name_of[r.doc](r.doc, r.event_id) for r in e.reports} for e in story.events])
            rows_.append(
                f"{label}: CoNLL F1 {tally.scores()['CoNLL'][2]:.3f}, {story.votes} votes, "
                f"{story.usage.requests} requests, {wall:.1f} s"
            )
        print(f"  {mode}, {half}: {len(topics)} topics, {records} records; " + "; ".join(rows_))
    print()


ORACLES: dict[str, Callable[[bool, bool], bool]] = {
    "every candidate pair": lambda same_lemma, same_group: True,
    "same-lemma pairs": lambda same_lemma, same_group: same_lemma,
    "same-lemma pairs in one document group": lambda same_lemma, same_group: same_lemma and same_group,
    "different-lemma pairs": lambda same_lemma, same_group: not same_lemma,
}
"""Which pairs take the gold answer in place of their score, by (same lemma, same document group)."""


def oracle(data: Prepared, weights: Any, threshold: float, which: str) -> float:
    """CoNLL F1 with the pairs ``which`` names scored from gold (1 or 0), or with gold singletons never merged."""
    import numpy as np

    lemma_at, group_at = FEATURES.index("same_lemma"), FEATURES.index("same_group")
    tally = Tally()
    for n, pairs, x, key, names in data:
        cluster = {m: c for c, members in enumerate(key) for m in members}
        size = {m: len(members) for members in key for m in members}
        p = 1 / (1 + np.exp(-np.clip(x @ weights, -30, 30)))
        scores = {}
        for k, (i, j) in enumerate(pairs):
            gold = float(names[i] in cluster and cluster[names[i]] == cluster.get(names[j]))
            single = size.get(names[i], 1) == 1 or size.get(names[j], 1) == 1
            if which == "gold singletons never merged":
                scores[(i, j)] = 0.0 if single else float(p[k])
            else:
                take = ORACLES[which](bool(x[k, lemma_at]), bool(x[k, group_at]))
                scores[(i, j)] = gold if take else float(p[k])
        clusters = average_link(n, scores, threshold, score.MISSING)
        tally.add(key, [{names[i] for i in c} for c in clusters])
    return tally.scores()["CoNLL"][2]


def show_oracles(halves: dict[str, dict[int, list[dict[str, Any]]]], kept: dict[str, FactSheet]) -> None:
    """CoNLL F1 per half and mode with each oracle, beside factx's own scores."""
    import numpy as np

    weights = np.array([score.WEIGHTS.get(f, 0.0) for f in FEATURES])
    print("oracles: CoNLL F1 with these pairs answered from gold")
    for mode, gold_mode in MODES:
        for half, by_topic in halves.items():
            data = prepare(by_topic, kept, gold_mode)
            cells = [f"none {conll(data, weights, THRESHOLD):.3f}"]
            for which in (*ORACLES, "gold singletons never merged"):
                cells.append(f"{which} {oracle(data, weights, THRESHOLD, which):.3f}")
            print(f"  {mode}, {half}: " + "; ".join(cells))
    print()


def fit(by_topic: dict[int, list[dict[str, Any]]], kept: dict[str, FactSheet]) -> dict[str, float]:
    """Logistic regression of the candidate pairs' features on the gold labels (records at gold triggers)."""
    import numpy as np

    xs: list[list[float]] = []
    ys: list[float] = []
    for _topic, docs in sorted(by_topic.items()):
        linked = topic_sheets(docs, kept, True)
        cluster_of = {f"{d['id']}:{g['key'].split(':')[1]}": g["cluster"] for d in docs for g in gold_mentions(d)}
        recs, _ = build_records(list(linked.items()), mentions=True)
        for i, j in candidate_pairs(recs):
            a, b = recs[i], recs[j]
            xs.append(pair_features(a, b, _similarity(a.doc, b.doc)))
            ca = cluster_of[f"{a.doc.id}:{a.event.id[1:]}"]
            cb = cluster_of[f"{b.doc.id}:{b.event.id[1:]}"]
            ys.append(float(ca == cb))
    x = np.array(xs)
    y = np.array(ys)
    w = np.zeros(x.shape[1])
    for _ in range(3000):  # plain gradient descent with a little L2: few features, many pairs
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / len(y) + 1e-3 * np.r_[0.0, w[1:]]
        w -= 1.0 * grad
    print(f"  fitted on {len(y)} candidate pairs ({int(y.sum())} coreferent)")
    return {name: round(float(v), 2) for name, v in zip(FEATURES, w, strict=True)}


Prepared = list[tuple[int, list[tuple[int, int]], Any, list[set[str]], list[str]]]


def prepare(by_topic: dict[int, list[dict[str, Any]]], kept: dict[str, FactSheet], gold_mode: bool) -> Prepared:
    """Per topic: the records' count, candidate pairs, their features, the key clusters, each record's gold name."""
    import numpy as np

    out: Prepared = []
    for _topic, docs in sorted(by_topic.items()):
        linked, name, key = topic_keys(docs, kept, gold_mode)
        recs, _ = build_records(list(linked.items()), mentions=True)
        names = [name(r.doc.id, r.event.id) for r in recs]
        pairs = sorted(candidate_pairs(recs))
        rows_ = [
            pair_features(
                recs[i],
                recs[j],
                1.0 if recs[i].doc.id == recs[j].doc.id else cosine(recs[i].doc.vector, recs[j].doc.vector),
            )
            for i, j in pairs
        ]
        x = np.array(rows_) if rows_ else np.zeros((0, len(FEATURES)))
        out.append((len(recs), pairs, x, key, names))
    return out


def dealt(
    by_topic: dict[int, list[dict[str, Any]]], size: int, one_story: bool = False
) -> dict[int, list[dict[str, Any]]]:
    """Each topic's documents dealt into inputs of ``size`` (shuffled, seeded by the topic), keyed topic * 1000 + n.

    ``one_story``: each sub-topic's documents dealt alone, full inputs only (a user who gathered reports of
    one story), keyed topic * 1000 + 500 * (second sub-topic) + n.
    """
    out: dict[int, list[dict[str, Any]]] = {}
    for topic, docs in sorted(by_topic.items()):
        order = sorted(docs, key=lambda d: str(d["id"]))
        random.Random(topic).shuffle(order)
        if not one_story:
            for n, at in enumerate(range(0, len(order), size)):
                out[topic * 1000 + n] = order[at : at + size]
            continue
        for part, sub in enumerate(sorted({str(d["subtopic"]) for d in order})):
            mine = [d for d in order if str(d["subtopic"]) == sub]
            for n, at in enumerate(range(0, len(mine) - size + 1, size)):
                out[topic * 1000 + 500 * part + n] = mine[at : at + size]
    return out


def show_few(
    halves: dict[str, dict[int, list[dict[str, Any]]]],
    kept: dict[str, FactSheet],
    sizes: list[int],
    threshold: float,
    told: bool = False,
    one_story: bool = False,
) -> None:
    """CoNLL F1 when each topic comes as several small inputs (a user linking a handful of reports), each alone."""
    print(
        "few documents at a time: each "
        + ("sub-topic" if one_story else "topic")
        + " dealt into inputs of N documents, each linked alone (CoNLL F1)"
        + (", the sub-topics given as stories" if told else "")
    )
    for size in sizes:
        for mode, gold_mode in MODES:
            cells = []
            for half, by_topic in halves.items():
                inputs = dealt(by_topic, size, one_story)
                ours, base, _n, _secs = evaluate(inputs, kept, gold_mode, threshold, told)
                cells.append(
                    f"{half} {ours.scores()['CoNLL'][2]:.3f} (same lemma {base.scores()['CoNLL'][2]:.3f}, "
                    f"{len(inputs)} inputs)"
                )
            print(f"  N={size} {mode}: " + "; ".join(cells))
    print()


def _similarity(a: Doc, b: Doc) -> float:
    return 1.0 if a.id == b.id else cosine(a.vector, b.vector)


def conll(data: Prepared, weights: Any, threshold: float) -> float:
    """CoNLL F1 over the prepared topics with these weights (a vector in ``FEATURES`` order) and threshold."""
    import numpy as np

    tally = Tally()
    for n, pairs, x, key, names in data:
        p = 1 / (1 + np.exp(-np.clip(x @ weights, -30, 30)))
        clusters = average_link(n, dict(zip(pairs, p.tolist(), strict=True)), threshold, score.MISSING)
        tally.add(key, [{names[i] for i in c} for c in clusters])
    return tally.scores()["CoNLL"][2]


def tune(
    by_topic: dict[int, list[dict[str, Any]]],
    kept: dict[str, FactSheet],
    start: dict[str, float],
    threshold: float,
    rounds: int = 2,
) -> tuple[dict[str, float], float]:
    """Coordinate ascent of the weights and threshold on the mean of gold-mention and end-to-end CoNLL F1.

    The logistic fit weighs every candidate pair alike, so the large clusters' many easy pairs
    dominate it; the score that counts is the clustering's. Each weight moves by a step of +-0.5
    or +-1 when that raises the objective on the tuning topics, in rounds, never against its
    feature's direction (``score.SIGNS``).
    """
    import numpy as np

    gold_data, e2e_data = prepare(by_topic, kept, True), prepare(by_topic, kept, False)
    w = np.array([_signed(f, start.get(f, 0.0)) for f in FEATURES])

    def objective(w: Any, t: float) -> float:
        return (conll(gold_data, w, t) + conll(e2e_data, w, t)) / 2

    best = objective(w, threshold)
    print(f"  logistic fit: objective {best:.4f}")
    for rnd in range(rounds):
        for k, name in enumerate(FEATURES):
            for step in (0.5, -0.5, 1.0, -1.0):
                trial = w.copy()
                trial[k] = _signed(name, trial[k] + step)
                if trial[k] == w[k]:
                    continue
                value = objective(trial, threshold)
                if value > best + 1e-4:
                    best, w = value, trial
                    print(f"  round {rnd}: {name} {step:+} -> {best:.4f}")
                    break
        for t in (threshold - 0.05, threshold + 0.05):
            value = objective(w, t)
            if value > best + 1e-4:
                best, threshold = value, t
                print(f"  round {rnd}: threshold {t:.2f} -> {best:.4f}")
    return {f: round(float(v), 2) for f, v in zip(FEATURES, w, strict=True)}, threshold


def _signed(name: str, weight: float) -> float:
    """The weight kept to the direction ``score.SIGNS`` gives its feature."""
    sign = score.SIGNS.get(name, 0)
    return max(0.0, weight) if sign > 0 else min(0.0, weight) if sign < 0 else weight


def speed(docs: list[dict[str, Any]], kept: dict[str, FactSheet]) -> None:
    """Records linked per second (factx's mention-level records, every topic in one call), and peak memory."""
    pool = [(d["id"], kept[d["id"]]) for d in docs]
    total = sum(len(s.event_mentions) for _, s in pool)
    print(
        f"  {total} mention-level records in {len(pool)} documents; copies of the documents (new ids) fill larger sizes"
    )
    for size in (1000, 10000):
        chosen: dict[str, FactSheet] = {}
        count, copy = 0, 0
        while count < size:
            for ident, sheet in pool:
                if count >= size:
                    break
                take = sheet.event_mentions[: size - count]
                chosen[f"{ident}#{copy}"] = sheet.model_copy(update={"event_mentions": take})
                count += len(take)
            copy += 1
        started = time.perf_counter()
        cpu = time.process_time()
        story = link(chosen, mentions=True)
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu
        tracemalloc.start()
        link(chosen, mentions=True)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"  {count:>6} records, {len(chosen)} documents: {wall:.1f} s wall, {cpu:.1f} s CPU, "
            f"{count / wall:,.0f} records/s, {len(story.events)} story events, peak traced memory {peak / 1e6:.0f} MB"
        )
    for limit in (80, 400, 2000):
        started = time.perf_counter()
        story = link(chosen, mentions=True, backend=SameText(), votes=limit, vote_weight=0.5, timeout=None)
        wall = time.perf_counter() - started
        print(
            f"  {count:>6} records, {limit} votes at 0.5 answered at once (the same sentence's copies: yes): "
            f"{wall:.1f} s wall, {story.usage.requests} requests, {len(story.events)} story events"
        )


class SameText(Backend):
    """A stand-in model for timing votes: it answers at once, "same" when both sentences are one text."""

    name = "same-text"

    async def request(self, req: ModelRequest[Any]) -> Reply[Any]:
        shown = re.findall(r'"(.{20,}?)" \(event word', req.messages[-1]["content"])
        return Reply(SameEvent(same=len(shown) == 2 and shown[0] == shown[1]), Usage(requests=1))


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sheets", type=Path, default=None, help="sheet cache (default: one per code version)")
    ap.add_argument("--fit", action="store_true", help="refit the weights and threshold on the odd topics")
    ap.add_argument("--speed", action="store_true", help="records linked per second at 1,000 and 10,000 records")
    ap.add_argument("--speed-only", action="store_true", help="only the speed rows")
    ap.add_argument("--oracles", action="store_true", help="CoNLL F1 with some pairs answered from gold")
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument(
        "--rounds", type=int, default=2, help="--fit: rounds of coordinate ascent on the odd topics' CoNLL F1"
    )
    ap.add_argument("--topics", type=int, nargs="*", help="only these topics")
    ap.add_argument(
        "--oracle-votes", type=int, nargs="*", default=[], help="votes per topic answered from gold (the model path)"
    )
    ap.add_argument("--vote-noise", type=float, nargs="*", default=[0.0], help="--oracle-votes: share of wrong answers")
    ap.add_argument("--vote-weight", type=float, default=score.VOTE_WEIGHT, help="--oracle-votes: what a vote moves")
    ap.add_argument(
        "--noise-per-pair", action="store_true", help="--oracle-votes: a wrong answer repeats when asked again"
    )
    ap.add_argument("--no-recheck", action="store_true", help="--oracle-votes: no swapped second ask")
    ap.add_argument(
        "--vote-latency", type=float, default=None, help="seconds a gold answer takes: votes one and 8 at a time"
    )
    ap.add_argument(
        "--one-call", type=int, default=None, help="each half's topics in one link call, N votes a topic from gold"
    )
    ap.add_argument("--few", type=int, nargs="*", default=[], help="each topic dealt into inputs of N documents")
    ap.add_argument(
        "--stories", action="store_true", help="also with the gold sub-topics given as the caller's stories"
    )
    ap.add_argument(
        "--one-story", action="store_true", help="--few: also inputs of one sub-topic's documents (one story)"
    )
    args = ap.parse_args(list(argv) if argv is not None else None)
    docs = [d for d in rows() if not args.topics or d["topic"] in args.topics]
    kept = sheets(docs, args.sheets or default_cache())
    halves: dict[str, dict[int, list[dict[str, Any]]]] = {
        "odd (tune)": defaultdict(list),
        "even (check)": defaultdict(list),
    }
    for d in docs:
        halves["odd (tune)" if d["topic"] % 2 else "even (check)"][d["topic"]].append(d)
    if args.speed_only:
        speed(docs, kept)
        return
    if args.fit:
        weights = fit(halves["odd (tune)"], kept)
        print("  WEIGHTS =", json.dumps(weights, indent=4))
        weights, threshold = tune(halves["odd (tune)"], kept, weights, THRESHOLD, rounds=args.rounds)
        print("  WEIGHTS =", json.dumps(weights, indent=4))
        print(f"  THRESHOLD = {threshold:.2f}")
        return
    print(f"ECB+ dev, within topics; threshold {args.threshold}\n")
    for mode, gold_mode in (("(a) gold mentions", True), ("(b) end to end, factx's mentions", False)):
        print(mode)
        for half, by_topic in halves.items():
            if not by_topic:
                continue
            ours, base, n, secs = evaluate(by_topic, kept, gold_mode, args.threshold)
            print(f" {half}: topics {sorted(by_topic)}, {n} records, linked in {secs:.1f} s")
            print(show("factx.linking", ours))
            if args.stories:
                told, _, _, _ = evaluate(by_topic, kept, gold_mode, args.threshold, told=True)
                print(show("  sub-topics as stories", told))
            print(show("same-lemma baseline", base))
        print()
    if args.few:
        show_few(halves, kept, args.few, args.threshold)
        if args.stories:
            show_few(halves, kept, args.few, args.threshold, told=True)
        if args.one_story:
            show_few(halves, kept, args.few, args.threshold, one_story=True)
    if args.oracles:
        show_oracles(halves, kept)
    if args.oracle_votes:
        show_votes(
            halves,
            kept,
            args.oracle_votes,
            args.vote_noise,
            args.vote_weight,
            per_pair=args.noise_per_pair,
            recheck=not args.no_recheck,
        )
    if args.vote_latency is not None:
        show_vote_latency(halves["odd (tune)"], kept, args.vote_latency)
    if args.one_call is not None:
        for noise in args.vote_noise:
            show_one_call(halves, kept, args.one_call, args.vote_weight, noise)
    if args.speed:
        print("speed")
        speed(docs, kept)


if __name__ == "__main__":
    main()

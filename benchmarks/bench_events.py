"""Events against gold, beside a plain spaCy every-verb baseline, in one run; printed tables.

Usage: python benchmarks/bench_events.py [--model none|local] [--tbaq-docs 256]

- WikiEvents dev (../shared/eval/wikievents_dev.jsonl): trigger P/R/F1 of ``sheet.events``, agent
  and place F1 (strict and Place-or-Destination) on matched events, events per document beside gold's.
- TBAQ (tempeval3_tbaq_docs.jsonl): all-mentions trigger F1 (``sheet.event_mentions``), TimeML class
  accuracy, negation P/R (TimeBank part), modality P/R, event-to-date link accuracy.
- ECB+ dev (ecbplus_dev.jsonl), halves by topic: trigger P/R/F1 of ``sheet.event_mentions`` in the
  annotated sentences and the place recall/precision of the matched mentions.
- The sample article: the reader's list (examples/sample_article_reader_gold.json) among the first
  N+2 of ``sheet.events`` with agent, place, date and factuality.

``--model none`` (default) runs the embedded default's choose path with no model answers (code's
records and salience only); ``--model local`` lets SmolLM2 make its choices. The TBAQ metrics read
mention-level events, which no model answer changes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _paths import ROOT, gold

import factx
from factx._errors import FactxModelError
from factx.backends import resolve_backend
from factx.backends.base import Backend, ModelRequest, Reply
from factx.detect.parse import nlp

AGENT_ROLES = {
    "Attacker",
    "Killer",
    "Injurer",
    "Perpetrator",
    "Communicator",
    "Participant",
    "Transporter",
    "Giver",
    "Demonstrator",
    "Investigator",
    "Jailer",
    "Impeder",
    "Regulator",
    "Damager",
    "Destroyer",
    "Prosecutor",
    "Employer",
    "Observer",
    "Manufacturer",
    "Releaser",
}
PLACE_ROLES = {"Place", "Destination"}
"""KAIROS gives a movement no Place but a Destination; factx records it as a ``destination`` participant."""
STRICT_PLACE = {"Place"}
"""The strict KAIROS rule: only a Place argument counts as the event's place."""
LINK_RELS = {"IS_INCLUDED", "SIMULTANEOUS", "DURING", "BEGINS", "ENDS"}
MATCHING = """matching rules:
- trigger: a record's mentions (trigger spans) match gold events they overlap, each mention one gold
  event and each gold event once, greedy in text order (WikiEvents annotates every coreferent mention
  as its own event; a record stands for all of them). P = records with a match / records,
  R = matched gold events / gold events. TBAQ: the same, mention by mention.
- agent (on matched events): predicted agents = participants with role agent; gold agents =
  arguments with roles {roles}; a predicted agent matches a gold agent when its span overlaps the
  argument or any other mention of the argument's entity. Place likewise, the record's location_span,
  printed two ways: strict (gold role Place only, the KAIROS rule) and Place-or-Destination (the
  location_span and the participants with role destination, against gold Place and Destination).
- baseline: spaCy en_core_web_sm on the whole text, every VERB an event, its nsubj subtree the
  agent, a GPE/LOC/FAC in a prepositional object of the verb the place.""".format(roles=", ".join(sorted(AGENT_ROLES)))


class NoModel(Backend):
    """A backend with no answers: the choose strategy keeps code's records and salience as they are."""

    name = "none"

    async def request(self, req: ModelRequest[Any]) -> Reply[Any]:
        raise FactxModelError("no model in this benchmark run", attempts=0)


def _rows(name: str) -> list[dict[str, Any]]:
    with gold(name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _match(preds: list[list[tuple[int, int]]], golds: list[tuple[int, int]]) -> dict[int, list[int]]:
    """pred index -> the gold indexes its mentions cover: each mention one gold event, each gold event once."""
    used: set[int] = set()
    out: dict[int, list[int]] = {}
    for pi, spans in sorted(enumerate(preds), key=lambda x: min(s[0] for s in x[1]) if x[1] else 0):
        for span in spans:
            gi = next((g for g, gs in enumerate(golds) if g not in used and _overlaps(span, gs)), None)
            if gi is not None:
                used.add(gi)
                out.setdefault(pi, []).append(gi)
    return out


def _bad_spans(sheet: factx.FactSheet) -> int:
    text = sheet.text
    spans = [f.span for f in (*sheet.dates, *sheet.figures, *sheet.events, *sheet.event_mentions)]
    for e in (*sheet.events, *sheet.event_mentions):
        spans += [p.span for p in e.participants] + ([e.location_span] if e.location_span else [])
        spans += list(e.mentions) + ([e.trigger] if e.trigger else [])
    return sum(1 for s in spans if text[s.start : s.end] != s.text)


# ---- WikiEvents ---------------------------------------------------------------------------------


def _baseline(text: str) -> list[dict[str, Any]]:
    out = []
    for t in nlp()(text):
        if t.pos_ != "VERB":
            continue
        agents = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in t.children if c.dep_ == "nsubj"]
        places = [
            (o.idx, o.idx + len(o.text))
            for p in t.children
            if p.dep_ == "prep"
            for o in p.children
            if o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC", "FAC")
        ]
        out.append({"spans": [(t.idx, t.idx + len(t.text))], "agents": agents, "places": places[:1]})
    return out


def _factx_events(sheet: factx.FactSheet) -> list[dict[str, Any]]:
    return [
        {
            "spans": [(m.start, m.end) for m in e.mentions],
            "agents": [(p.span.start, p.span.end) for p in e.participants if p.role == "agent"],
            "places": [(e.location_span.start, e.location_span.end)] if e.location_span else [],
            "goals": [(p.span.start, p.span.end) for p in e.participants if p.role == "destination"],
        }
        for e in sheet.events
    ]


def _arg_spans(arg: dict[str, Any]) -> list[tuple[int, int]]:
    return [(arg["start"], arg["end"])] + [(m["start"], m["end"]) for m in arg.get("mentions", [])]


def _role_counts(pred: list[tuple[int, int]], gold_args: list[dict[str, Any]]) -> tuple[int, int, int, int]:
    tp_p = sum(1 for s in pred if any(_overlaps(s, g) for a in gold_args for g in _arg_spans(a)))
    tp_g = sum(1 for a in gold_args if any(_overlaps(s, g) for s in pred for g in _arg_spans(a)))
    return tp_p, len(pred), tp_g, len(gold_args)


def wikievents(backend: Any) -> tuple[dict[str, list[int]], int, float]:
    """Tallies per arm and half: "factx A" is the even-indexed documents (tuned on), "factx B" the odd."""
    docs = _rows("wikievents_dev.jsonl")
    tally: dict[str, list[int]] = {
        f"{arm} {half}": [0] * 17 for arm in ("factx", "spaCy every-verb") for half in ("A", "B", "all")
    }
    bad = 0
    chars = sum(len(d["text"]) for d in docs)
    started = time.perf_counter()
    for index, doc in enumerate(docs):
        half = "A" if index % 2 == 0 else "B"
        sheet = factx.extract_facts(
            doc["text"], reference_date=doc.get("reference"), backend=backend, strategy="choose"
        )
        bad += _bad_spans(sheet)
        golds = [(e["trigger"]["start"], e["trigger"]["end"]) for e in doc["events"]]
        for arm, preds in (("factx", _factx_events(sheet)), ("spaCy every-verb", _baseline(doc["text"]))):
            matched = _match([p["spans"] for p in preds], golds)
            for t in (tally[f"{arm} {half}"], tally[f"{arm} all"]):
                _tally(t, preds, golds, matched, doc)
    return tally, bad, chars / (time.perf_counter() - started)


def _tally(
    t: list[int],
    preds: list[dict[str, Any]],
    golds: list[tuple[int, int]],
    matched: dict[int, list[int]],
    doc: dict[str, Any],
) -> None:
    """Add one document's trigger, agent and place counts to a tally."""
    t[0] += len(matched)
    t[1] += len(preds)
    t[2] += len(golds)
    t[12] += sum(len(g) for g in matched.values())
    for pi, gis in matched.items():
        args = [a for gi in gis for a in doc["events"][gi]["arguments"]]
        a = _role_counts(preds[pi]["agents"], [x for x in args if x["role"] in AGENT_ROLES])
        wheres = list(dict.fromkeys(preds[pi]["places"] + preds[pi].get("goals", [])))
        p = _role_counts(wheres, [x for x in args if x["role"] in PLACE_ROLES])
        q = _role_counts(preds[pi]["places"], [x for x in args if x["role"] in STRICT_PLACE])
        for k in range(4):
            t[3 + k] += a[k]
            t[7 + k] += p[k]
            t[13 + k] += q[k]
    t[11] += 1


def print_wikievents(tally: dict[str, list[int]], bad: int, speed: float) -> None:
    print("## WikiEvents dev (20 documents; half A = even index, tuned on; B = odd): sheet.events vs gold\n")
    print(
        "| arm | events/doc (gold) | trigger P | R | F1 | agent P | R | F1 | place (Place or Destination) P | R | F1 "
        "| place strict (Place) P | R | F1 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for arm, t in tally.items():
        p, r, f = _prf(t[0], t[1], t[12], t[2])
        ap, ar, af = _prf(t[3], t[4], t[5], t[6])
        pp, pr, pf = _prf(t[7], t[8], t[9], t[10])
        sp, sr, sf = _prf(t[13], t[14], t[15], t[16])
        print(
            f"| {arm} | {t[1] / t[11]:.1f} ({t[2] / t[11]:.1f}) | {p:.3f} | {r:.3f} | {f:.3f} | {ap:.3f} | "
            f"{ar:.3f} | {af:.3f} | {pp:.3f} | {pr:.3f} | {pf:.3f} | {sp:.3f} | {sr:.3f} | {sf:.3f} |"
        )
    print(f"\nfactx spans differing from the source: {bad}; factx {speed:,.0f} chars/s\n")


# ---- TBAQ ---------------------------------------------------------------------------------------


def tbaq(limit: int, half: int) -> dict[str, Any]:
    """TBAQ counts over the documents of one half: 0 = even index (tuned on), 1 = odd."""
    docs = [d for n, d in enumerate(_rows("tempeval3_tbaq_docs.jsonl")[:limit]) if n % 2 == half]
    c: dict[str, Any] = {
        k: 0
        for k in (
            "tp",
            "pred",
            "gold",
            "class_ok",
            "matched",
            "neg_tp",
            "neg_pred",
            "neg_gold",
            "mod_tp",
            "mod_pred",
            "mod_gold",
            "link_ok",
            "link_matched",
            "link_gold",
            "bad",
            "base_tp",
            "base_pred",
        )
    }
    for doc in docs:
        sheet = factx.extract_facts(
            doc["text"], reference_date=doc["reference"][:10], backend=NoModel(), strategy="choose"
        )
        c["bad"] += _bad_spans(sheet)
        mentions = list(sheet.event_mentions)
        golds = [(e["start"], e["end"]) for e in doc["events"]]
        matched = {
            p: g[0]
            for p, g in _match(
                [[(m.trigger.start, m.trigger.end)] if m.trigger else [] for m in mentions], golds
            ).items()
        }
        base = _match([p["spans"] for p in _baseline(doc["text"])], golds)
        c["base_tp"] += len(base)
        c["base_pred"] += len(_baseline(doc["text"]))
        c["tp"] += len(matched)
        c["pred"] += len(mentions)
        c["gold"] += len(golds)
        timex = {t["id"]: t for t in doc["timexes"] if t["type"] in ("DATE", "TIME")}
        by_id = {d.id: d for d in sheet.dates}
        by_gold = {gi: pi for pi, gi in matched.items()}
        timebank = doc["split"] == "timebank"
        for gi, ev in enumerate(doc["events"]):
            pi = by_gold.get(gi)
            m = mentions[pi] if pi is not None else None
            links = [t["tid"] for t in ev.get("times", []) if t["rel"] in LINK_RELS and t["tid"] in timex]
            if links:
                c["link_gold"] += 1
            if m is None:
                if timebank and ev.get("polarity") == "NEG":
                    c["neg_gold"] += 1
                if ev.get("modality"):
                    c["mod_gold"] += 1
                continue
            c["matched"] += 1
            c["class_ok"] += m.event_class == ev.get("class")
            if timebank:
                gneg, pneg = ev.get("polarity") == "NEG", m.factuality == "negated"
                c["neg_tp"] += gneg and pneg
                c["neg_pred"] += pneg
                c["neg_gold"] += gneg
            gmod, pmod = bool(ev.get("modality")), m.factuality in ("possible", "planned", "hypothetical")
            c["mod_tp"] += gmod and pmod
            c["mod_pred"] += pmod
            c["mod_gold"] += gmod
            if links:
                c["link_matched"] += 1
                spans = [(timex[t]["start"], timex[t]["end"]) for t in links]
                linked = [by_id[i].span for i in m.date_ids if i in by_id]
                c["link_ok"] += any(_overlaps((s.start, s.end), g) for s in linked for g in spans)
    c["docs"] = len(docs)
    c["half"] = "AB"[half]
    return c


def print_tbaq(c: dict[str, Any]) -> None:
    p, r, f = _prf(c["tp"], c["pred"], c["tp"], c["gold"])
    bp, br, bf = _prf(c["base_tp"], c["base_pred"], c["base_tp"], c["gold"])
    npp, nr, _ = _prf(c["neg_tp"], c["neg_pred"], c["neg_tp"], c["neg_gold"])
    mp, mr, _ = _prf(c["mod_tp"], c["mod_pred"], c["mod_tp"], c["mod_gold"])
    print(f"## TBAQ half {c['half']} ({c['docs']} documents): sheet.event_mentions vs every gold event\n")
    print("| metric | factx | spaCy every-verb |")
    print("|---|---|---|")
    print(f"| all-mentions trigger P / R / F1 | {p:.3f} / {r:.3f} / {f:.3f} | {bp:.3f} / {br:.3f} / {bf:.3f} |")
    print(f"| TimeML class accuracy (matched, n={c['matched']}) | {c['class_ok'] / max(1, c['matched']):.3f} | - |")
    print(f"| negation P / R (TimeBank part) | {npp:.3f} / {nr:.3f} (gold {c['neg_gold']}) | - |")
    print(f"| modality P / R | {mp:.3f} / {mr:.3f} (gold {c['mod_gold']}) | - |")
    print(
        f"| event-to-date link accuracy (matched linked events, n={c['link_matched']}) | "
        f"{c['link_ok'] / max(1, c['link_matched']):.3f} | - |"
    )
    print(
        f"| event-to-date link accuracy (all linked gold events, n={c['link_gold']}) | "
        f"{c['link_ok'] / max(1, c['link_gold']):.3f} | - |"
    )
    print(f"\nfactx spans differing from the source: {c['bad']}\n")


# ---- ECB+ ---------------------------------------------------------------------------------------


def ecb(backend: Any, limit: int, every: int = 1) -> dict[str, dict[str, int]]:
    """ECB+ dev per half (A = odd topics, tuned on; B = even): event mentions in annotated sentences
    against gold actions, and the places of the matched ones against the sentence's gold locations."""
    out = {
        h: dict.fromkeys(
            ("tp", "pred", "gold_tp", "gold", "matched", "placed", "correct", "named", "where_placed", "where_correct"),
            0,
        )
        for h in ("A", "B")
    }
    for doc in _rows("ecbplus_dev.jsonl")[:limit:every]:
        c = out["A" if doc["topic"] % 2 == 1 else "B"]
        sheet = factx.extract_facts(doc["text"], backend=backend, strategy="choose")
        inside = [(s, e) for s, e in doc["annotated_sentences"]]
        mentions = [m for m in sheet.event_mentions if m.trigger and any(s <= m.trigger.start < e for s, e in inside)]
        actions = [a for a in doc["actions"] if a["annotated"] and any(s <= a["start"] < e for s, e in inside)]
        matched = _match(
            [[(m.trigger.start, m.trigger.end)] for m in mentions if m.trigger],
            [(a["start"], a["end"]) for a in actions],
        )
        c["tp"] += len(matched)
        c["pred"] += len(mentions)
        c["gold_tp"] += sum(len(g) for g in matched.values())
        c["gold"] += len(actions)
        for pi, gis in matched.items():
            sentence = actions[gis[0]]["sentence"]
            places = [(x["start"], x["end"]) for x in doc["locations"] if x["sentence"] == sentence]
            span = mentions[pi].location_span
            c["matched"] += 1
            c["named"] += bool(places)
            c["placed"] += span is not None
            c["correct"] += span is not None and any(_overlaps((span.start, span.end), g) for g in places)
            wheres = [(span.start, span.end)] if span is not None else []
            wheres += [
                (p.span.start, p.span.end) for p in mentions[pi].participants if p.role in ("destination", "origin")
            ]
            c["where_placed"] += bool(wheres)
            c["where_correct"] += any(_overlaps(w, g) for w in wheres for g in places)
    return out


def print_ecb(out: dict[str, dict[str, int]]) -> None:
    print("## ECB+ dev (half A = odd topics, tuned on; B = even): event mentions in annotated sentences\n")
    print(
        "| half | trigger P | R | F1 | matched | sentence names a place | placed | place P | place R "
        "| place or path P | R |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for half, c in out.items():
        p, r, f = _prf(c["tp"], c["pred"], c["gold_tp"], c["gold"])
        pp, pr, _ = _prf(c["correct"], c["placed"], c["correct"], c["named"])
        wp, wr, _ = _prf(c["where_correct"], c["where_placed"], c["where_correct"], c["named"])
        print(
            f"| {half} | {p:.3f} | {r:.3f} | {f:.3f} | {c['matched']} | {c['named']} | {c['placed']} | "
            f"{pp:.3f} | {pr:.3f} | {wp:.3f} | {wr:.3f} |"
        )
    print(
        "\nplace: a matched mention's location_span overlaps a gold location of the gold action's sentence "
        "(ECB+ links no argument to its action); R over the matched mentions whose sentence names one; "
        "place or path: the location_span or a destination/origin participant (ECB+ annotates both as "
        "locations)\n"
    )


# ---- the sample article ---------------------------------------------------------------------------


def sample(backend: Any) -> None:
    text = (ROOT / "examples" / "sample_article.txt").read_text(encoding="utf-8")
    wanted = json.loads((ROOT / "examples" / "sample_article_reader_gold.json").read_text(encoding="utf-8"))
    sheet = factx.extract_facts(text, reference_date=wanted["reference_date"], backend=backend, strategy="choose")
    events = wanted["events"]
    top = list(sheet.events[: len(events) + 2])
    dates = {d.id: d for d in sheet.dates}
    print(
        f"## Sample article: {len(events)} events a reader lists, looked for among the first {len(top)} "
        f"of {len(sheet.events)} in sheet.events\n"
    )
    print("| reader's event | rank | agent | place | date | factuality |")
    print("|---|---|---|---|---|---|")
    ok = {"found": 0, "agent": 0, "place": 0, "date": 0, "factuality": 0}
    for want in events:
        at = text.index(want["context"]) + want["context"].index(want["trigger"])
        rank = next((n for n, e in enumerate(top, 1) if any(m.start <= at < m.end for m in e.mentions)), None)
        cells = ["-"] * 4
        if rank is not None:
            e = top[rank - 1]
            got_date = next((dates[i].value for i in e.date_ids if i in dates), None)
            checks = {
                "agent": want["agent"] in e.actors if want.get("agent") else not e.actors,
                "place": e.location == want.get("place"),
                "date": got_date == want.get("date") or (e.time is not None and e.time.value == want.get("date")),
                "factuality": e.factuality == want["factuality"],
            }
            ok["found"] += 1
            for k, v in checks.items():
                ok[k] += bool(v)
            cells = [
                f"{'ok' if checks[k] else 'no'} ({v})"
                for k, v in (
                    ("agent", ", ".join(e.actors)),
                    ("place", e.location),
                    ("date", got_date),
                    ("factuality", e.factuality),
                )
            ]
        print(f"| {want['trigger']} ({want['type']}) | {rank or 'missing'} | " + " | ".join(cells) + " |")
    n = len(events)
    print(
        f"\nfound {ok['found']}/{n}; agent {ok['agent']}/{n}, place {ok['place']}/{n}, date {ok['date']}/{n}, "
        f"factuality {ok['factuality']}/{n}; spans differing from the source: {_bad_spans(sheet)}\n"
    )


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="none", help="none (code's records only) or local (SmolLM2 chooses)")
    ap.add_argument("--tbaq-docs", type=int, default=256)
    ap.add_argument("--ecb-docs", type=int, default=772)
    ap.add_argument("--ecb-every", type=int, default=1, help="every n-th ECB+ document (a faster sample)")
    ap.add_argument("--only", default="wikievents,tbaq,ecb,sample", help="comma-separated parts to run")
    args = ap.parse_args(list(argv) if argv is not None else None)
    parts = set(args.only.split(","))
    backend = NoModel() if args.model == "none" else resolve_backend(args.model)
    print(f"model part: {args.model}\n")
    if "wikievents" in parts:
        print_wikievents(*wikievents(backend))
    if "tbaq" in parts:
        for half in (0, 1):
            print_tbaq(tbaq(args.tbaq_docs, half))
    if "ecb" in parts:
        print_ecb(ecb(backend, args.ecb_docs, args.ecb_every))
    if "sample" in parts:
        sample(backend)
    print(MATCHING)


if __name__ == "__main__":
    main()

"""What a perfect model's reading keeps on the way through factx, and whether a corrupted one is refused.

Usage: python benchmarks/bench_oracle.py [--seeds 5] [--docs N] [--examples 2]

WikiEvents dev (../shared/eval/wikievents_dev.jsonl, 20 documents), scored on ``sheet.events`` with
the matching and scoring of ``bench_events.py`` (trigger, agent, place strict and Place-or-Destination
P/R/F1), over all documents and over the two halves (even / odd document index), in one run:

1. code alone: ``NoModel`` and ``strategy="choose"`` (as ``bench_events.py --model none``);
2. the perfect model: ``FakeBackend(responder=...)`` answering every ``extract`` request
   (``PassageReading``) as gold says, with ``strategy="extract"``;
3. noisy runs: the same answers, 30 % of them with one part corrupted, for each of ``--seeds`` seeds.

The perfect answer for one passage (``_oracle.py``); the passage is the window of the document the
pipeline cut (``strategies.passages``), its listed ids are the request's event lines:
- Gold events of the passage are those whose trigger starts in it. Listed candidates, in text order,
  match the first unmatched gold event whose trigger overlaps theirs (each gold event once); a
  candidate overlapping an already matched gold trigger is the same event (kept, ``same_as`` the
  other ids matched to it). A matched id gets keep=true, an unmatched one keep=false (no other part).
- type: the gold KAIROS type mapped to factx's types (``_oracle.TYPE_OF``: Conflict.Attack -> attack,
  Life.Die/Injure -> die_injure, Contact.Contact.Meet -> meet, other Contact -> statement, Justice ->
  arrest_charge, Movement -> move_deploy, Transaction -> transfer, Disaster -> disaster, Conflict.
  Demonstrate -> protest, DamageDestroy -> damage_destroy, Personnel.EndPosition ->
  start_end_position; GenericCrime, Cognitive, Control, Medical, ManufactureAssemble -> other).
- participants (always restated, the full list): the gold event's arguments (Place aside) named in
  the sentence holding the candidate's trigger (``analyse(text).sentences``): the argument's own span
  if it lies there, else the longest mention of its entity there; name = that exact text; role agent
  for ``AGENT_ROLES``, patient for Victim/Target/Defendant/Detainee/Patient/Employee, instrument for
  ExplosiveDevice/Instrument/Vehicle, recipient, destination, origin, else theme. Agents first, at
  most 8.
- location: the gold Place named in that sentence (as above); else "" (no place) when code listed a
  place that is no mention of a gold Place or Destination; else left out (code's reading stands).
- date_ids, factuality and source are left out (code's reading stands).
- Additions: every gold event of the passage that no listed id matched (at most 8, in text order):
  quote = the text from the gold trigger to the end of its sentence (at most 400 characters, so the
  trigger is the first thing the quote holds), trigger = the gold trigger's text, description = the
  quote (at most 200 characters), type mapped, agents as ``actors`` and the other arguments as
  ``participants`` and the Place as ``location``, named in the sentence as above.
- A re-ask gets the same answer again (a stubborn model): what still fails is refused part by part.
Noise (``random.Random(f"{seed}:{doc id}:{passage start}")``, so the answers do not depend on the
order in which the pipeline's threads ask): with probability 0.3 an answer gets exactly one part of
one kept verdict or addition corrupted, chosen at random among: the quote (an addition's; one word
replaced by an invented one), a participant (an invented name replaces one, or is added as an agent),
the place (an invented place), the type (one that is neither gold's, nor related to it in
``verify.support.RELATED``, nor code's own).

Parts checked on the sheet (``sheet.event_mentions``, where code's mentions come first in candidate
order, then the additions): a verdict's keep (``model_verdict``), type, each participant (a mention
participant with that role whose span overlaps the gold argument's span or one of its entity's
mentions: the same words elsewhere, "he" inside "The", do not count) and location ("" -> none); an
addition's presence (an added mention whose trigger overlaps the gold trigger), type, each actor and
participant and location. A correct part that is not there is "refused" when a rejection of its item
names it, else "changed, no rejection" (accepted but grounded elsewhere). A corrupted part is refused
when its value is not on the mention (an addition whose quote was corrupted: not added at all) and a
rejection in ``sheet.rejected`` names it. "Correct parts of corrupted answers" are every other part
of those answers, except the other parts of an addition whose quote was corrupted (they stand on the
quote). The refusal reasons of correct parts are the problems in ``sheet.rejected`` of the perfect
run (all its parts are correct), and in the noisy runs those not about the corrupted part of their item.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _oracle import Given, Oracle
from _paths import ROOT
from bench_events import (
    NoModel,
    _factx_events,
    _match,
    _prf,
    _rows,
    _tally,
)

import factx
from factx.testing import FakeBackend

FIELDS = 17
"""The tally of one arm, laid out as ``bench_events.wikievents`` lays it out."""


@dataclass
class Arm:
    """One arm's run: the per-document tallies, usage and the seconds it took."""

    name: str
    tallies: dict[int, list[int]] = field(default_factory=dict)
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    sheets: dict[int, factx.FactSheet] = field(default_factory=dict)
    oracle: Oracle | None = None


def score(doc: dict[str, Any], sheet: factx.FactSheet) -> list[int]:
    """One document's counts, exactly as ``bench_events.wikievents`` counts its factx arm."""
    t = [0] * FIELDS
    golds = [(e["trigger"]["start"], e["trigger"]["end"]) for e in doc["events"]]
    preds = _factx_events(sheet)
    _tally(t, preds, golds, _match([p["spans"] for p in preds], golds), doc)
    return t


def run(name: str, docs: Sequence[dict[str, Any]], seed: int | None, oracle_on: bool) -> Arm:
    """One arm over the documents: code alone (``oracle_on`` False) or the oracle (noisy when ``seed``)."""
    arm = Arm(name, oracle=Oracle(seed) if oracle_on else None)
    started = time.perf_counter()
    for n, doc in enumerate(docs):
        if arm.oracle is None:
            sheet = factx.extract_facts(
                doc["text"], reference_date=doc.get("reference"), backend=NoModel(), strategy="choose"
            )
        else:
            fake = FakeBackend(responder=arm.oracle.document(n, doc), name="oracle")
            sheet = factx.extract_facts(
                doc["text"], reference_date=doc.get("reference"), backend=fake, strategy="extract"
            )
        arm.sheets[n] = sheet
        arm.tallies[n] = score(doc, sheet)
        arm.requests += sheet.usage.requests
        arm.prompt_tokens += sheet.usage.prompt_tokens
        arm.completion_tokens += sheet.usage.completion_tokens
    arm.seconds = time.perf_counter() - started
    return arm


def answer_itself(docs: Sequence[dict[str, Any]], oracle: Oracle) -> dict[int, list[int]]:
    """Trigger counts of the perfect answer as given (kept ids with their same_as, plus additions)."""
    out: dict[int, list[int]] = {}
    for n, doc in enumerate(docs):
        preds: list[list[tuple[int, int]]] = []
        for answer in (a for a in oracle.answers if a.doc == n):
            groups: dict[int, list[tuple[int, int]]] = {}
            for x in answer.items:
                if x.gold is not None:
                    groups.setdefault(x.gold, []).append(x.trigger)
            preds += list(groups.values())
        golds = [(e["trigger"]["start"], e["trigger"]["end"]) for e in doc["events"]]
        t = [0] * FIELDS
        matched = _match(preds, golds)
        t[0], t[1], t[2], t[11] = len(matched), len(preds), len(golds), 1
        t[12] = sum(len(g) for g in matched.values())
        out[n] = t
    return out


# ---- parts on the sheet -------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _target(x: Given, sheet: factx.FactSheet, keys: list[str]) -> factx.EventFact | None:
    """The mention a verdict is about, or the mention an addition became (None if it was not added)."""
    mentions = sheet.event_mentions
    if x.kind == "verdict":
        n = keys.index(x.key) if x.key in keys else -1
        return mentions[n] if 0 <= n < len(mentions) else None
    return next(
        (
            m
            for m in mentions[len(keys) :]
            if m.model_verdict == "added" and m.trigger and _overlaps((m.trigger.start, m.trigger.end), x.trigger)
        ),
        None,
    )


def _named(mention: factx.EventFact, role: str, name: str, spans: list[tuple[int, int]]) -> bool:
    """A participant of the mention with this role that is the argument meant (its span overlaps one of the
    argument's mentions; without gold spans, the same words)."""
    wanted = name.strip().lower()
    return any(
        p.role == role
        and (
            any(_overlaps((p.span.start, p.span.end), s) for s in spans)
            if spans
            else p.span.text.strip().lower() == wanted
        )
        for p in mention.participants
    )


def parts(x: Given, item: dict[str, Any]) -> list[tuple[str, Any]]:
    """The checkable parts of an answered item: (part, value)."""
    out: list[tuple[str, Any]] = [("keep", item["keep"])] if x.kind == "verdict" else [("added", True)]
    if "type" in item:
        out.append(("type", item["type"]))
    out += [("participant", ("agent", a)) for a in item.get("actors", [])]
    out += [("participant", (p["role"], p["name"])) for p in item.get("participants", [])]
    if "location" in item:
        out.append(("location", item["location"]))
    return out


def kept(x: Given, part: str, value: Any, mention: factx.EventFact | None) -> bool:
    """Whether one part of an answered item is on the sheet."""
    if mention is None:
        return part == "keep" and value is False and x.kind == "verdict"
    if part == "keep":
        return bool(mention.model_verdict == ("kept" if value else "dropped"))
    if part == "added":
        return True
    if part == "type":
        return bool(mention.type == value)
    if part == "participant":
        return _named(mention, value[0], value[1], x.targets.get(value[1], []))
    if part == "location":
        if not value:
            return mention.location is None
        at = mention.location_span
        spans = x.targets.get(value, [])
        if at is not None and spans:
            return any(_overlaps((at.start, at.end), s) for s in spans)
        return bool((mention.location or "").strip().lower() == value.strip().lower())
    return False


@dataclass
class Noise:
    """What one oracle arm's answers did on the sheet."""

    answers: int = 0
    corrupted_answers: int = 0
    corrupted: Counter[str] = field(default_factory=Counter)
    absent: Counter[str] = field(default_factory=Counter)
    named: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    others: int = 0
    others_kept: int = 0
    parts: int = 0
    parts_kept: int = 0
    lost: Counter[str] = field(default_factory=Counter)
    truncated: int = 0
    leaks: list[str] = field(default_factory=list)
    lost_examples: list[str] = field(default_factory=list)


def noise(arm: Arm, docs: Sequence[dict[str, Any]]) -> Noise:
    """Corrupted parts refused, and correct parts kept (of corrupted answers, and of all answers)."""
    assert arm.oracle is not None
    out = Noise()
    for answer in arm.oracle.answers:
        out.answers += 1
        out.corrupted_answers += answer.corrupted
        out.truncated += answer.dropped_additions
        sheet, keys = arm.sheets[answer.doc], arm.oracle.keys[answer.doc]
        text = docs[answer.doc]["text"]
        for x in answer.items:
            mention = _target(x, sheet, keys)
            for part, value in parts(x, x.clean if x.corrupted else x.item):
                if x.corrupted and (x.corrupted == "quote" or _is_bad(x, part, value)):
                    continue
                ok = kept(x, part, value, mention)
                out.parts += 1
                out.parts_kept += ok
                if answer.corrupted:
                    out.others += 1
                    out.others_kept += ok
                if not ok:
                    how = "refused" if _refused_part(x, part, value, sheet.rejected) else "changed, no rejection"
                    out.lost[f"{x.kind} {part} ({how})"] += 1
                    if len(out.lost_examples) < 400:
                        out.lost_examples.append(f"{how}: " + _example(x, part, value, mention, text))
            if x.corrupted:
                out.corrupted[x.corrupted] += 1
                absent = _absent(x, mention)
                named = any(_names(r, x) for r in sheet.rejected)
                out.absent[x.corrupted] += absent
                out.named[x.corrupted] += named
                out.refused[x.corrupted] += absent and named
                if not (absent and named):
                    out.leaks.append(
                        f"doc {x.doc} {x.kind} {x.key or x.trigger} {x.corrupted}={x.bad_value!r} "
                        f"absent={absent} named={named}"
                    )
    return out


def _total(runs: Sequence[Noise]) -> Noise:
    """The noisy runs' counts added up (their examples and leaks left out)."""
    out = Noise()
    for x in runs:
        out.answers += x.answers
        out.corrupted_answers += x.corrupted_answers
        out.others += x.others
        out.others_kept += x.others_kept
        out.parts += x.parts
        out.parts_kept += x.parts_kept
        out.truncated += x.truncated
        for mine, theirs in ((out.corrupted, x.corrupted), (out.absent, x.absent), (out.named, x.named),
                             (out.refused, x.refused), (out.lost, x.lost)):  # fmt: skip
            mine.update(theirs)
    return out


def _is_bad(x: Given, part: str, value: Any) -> bool:
    """Whether (part, value) of the clean item is the one the corruption replaced."""
    bad = x.item
    if x.corrupted == "type":
        return part == "type"
    if x.corrupted == "location":
        return part == "location"
    if x.corrupted == "participant" and part == "participant":
        now = [("agent", a) for a in bad.get("actors", [])] + [
            (p["role"], p["name"]) for p in bad.get("participants", [])
        ]
        return value not in now
    return False


def _absent(x: Given, mention: factx.EventFact | None) -> bool:
    bad = x.bad_value or ""
    if mention is None:
        return True
    if x.corrupted == "quote":
        return False
    if x.corrupted == "type":
        return bool(mention.type != bad)
    if x.corrupted == "location":
        return (mention.location or "").lower() != bad.lower()
    return not any(bad.lower() in (p.name.lower(), p.span.text.lower()) for p in mention.participants)


def _names(r: factx.Rejection, x: Given) -> bool:
    """Whether a rejection is about this item's corrupted part."""
    if _item_key(r.proposed) != _key_of(x):
        return False
    return any(_about_corruption(x, problem) for problem in (r.detail or r.reason).split("; "))


def _key_of(x: Given) -> str:
    return f"id:{x.key}" if x.kind == "verdict" else f"quote:{x.item['quote']}"


def _refused_part(x: Given, part: str, value: Any, rejected: Sequence[factx.Rejection]) -> bool:
    """Whether a rejection of this item names this part (else it was lost or changed silently)."""
    for r in rejected:
        if _item_key(r.proposed) not in (_key_of(x), f"quote:{x.clean.get('quote', '')}"):
            continue
        for problem in (r.detail or r.reason).split("; "):
            head = problem.split(":", 1)[0].split(".")[-1]
            if part == "participant" and head.startswith("participants") and repr(value[1]) in problem:
                return True
            if part == "participant" and head == "actors" and repr(value[1]) in problem:
                return True
            if part in ("type", "location") and head == part:
                return True
            if part == "added" and head in ("quote", "trigger", "evidence"):
                return True
    return False


def _context(text: str, start: int, end: int) -> str:
    """The span with a few characters either side, its own text in brackets."""
    return f"{text[max(0, start - 12) : start]}[{text[start:end]}]{text[end : end + 12]}".replace("\n", " ")


def _example(x: Given, part: str, value: Any, mention: factx.EventFact | None, text: str) -> str:
    where = text[x.trigger[0] : x.trigger[1]]
    got: Any
    if mention is None:
        got = "no mention"
    elif part == "participant":
        got = [(p.role, _context(text, p.span.start, p.span.end)) for p in mention.participants]
    elif part == "location":
        got = mention.location
    elif part == "type":
        got = mention.type
    else:
        got = mention.model_verdict
    meant = ""
    if part == "participant" and x.targets.get(value[1]):
        meant = " (meant: " + _context(text, *x.targets[value[1]][0]) + ")"
    return f"doc {x.doc} {x.kind} {x.key or ''} {where!r}: {part} {value!r}{meant} -> on the sheet {got!r}"


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def reasons(arm: Arm, skip_bad: bool) -> tuple[Counter[str], dict[str, list[str]]]:
    """The problems in ``sheet.rejected``, normalised (quoted words and indexes hidden), with examples;
    with ``skip_bad`` only those about correct parts (not the corrupted part of their item)."""
    assert arm.oracle is not None
    items: dict[tuple[int, str], Given] = {}
    for answer in arm.oracle.answers:
        for x in answer.items:
            items[(answer.doc, _key_of(x))] = x
    tally: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for n, sheet in arm.sheets.items():
        for r in sheet.rejected:
            what = r.reason.split(" not supported")[0].split(" after")[0]
            about = items.get((n, _item_key(r.proposed)))
            for problem in (r.detail or r.reason).split("; "):
                if skip_bad and about is not None and _about_corruption(about, problem):
                    continue
                key = f"{what} | " + _QUOTED.sub("'…'", re.sub(r"\[\d+\]", "[n]", problem))
                tally[key] += 1
                examples.setdefault(key, []).append(f"doc {n}: {problem}")
    return tally, examples


def _item_key(proposed: str) -> str:
    """How a rejection's proposed JSON names its item: a verdict's id, an addition's quote."""
    try:
        said = json.loads(proposed)
    except ValueError:
        return ""
    if not isinstance(said, dict):
        return ""
    return f"id:{said['id']}" if "id" in said else f"quote:{said.get('quote', '')}"


def _about_corruption(x: Given, problem: str) -> bool:
    """Whether a problem of a corrupted item is about its corrupted part."""
    if not x.corrupted:
        return False
    head = problem.split(":", 1)[0].split(".")[-1]
    if x.corrupted == "quote":
        return head in ("quote", "trigger")
    if x.corrupted == "participant":
        return bool(x.bad_value) and str(x.bad_value) in problem
    return head == x.corrupted


# ---- printing -----------------------------------------------------------------------------------


def _sum(tallies: dict[int, list[int]], which: Iterable[int]) -> list[int]:
    out = [0] * FIELDS
    for n in which:
        for k, v in enumerate(tallies.get(n, [0] * FIELDS)):
            out[k] += v
    return out


def _row(label: str, t: list[int], arm: Arm | None, roles: bool = True) -> str:
    p, r, f = _prf(t[0], t[1], t[12], t[2])
    cells = [f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"]
    for a, b, c, d in ((3, 4, 5, 6), (13, 14, 15, 16), (7, 8, 9, 10)):
        cells += [f"{x:.3f}" for x in _prf(t[a], t[b], t[c], t[d])] if roles else ["—"] * 3
    runs = (
        [str(arm.requests), f"{arm.prompt_tokens:,}", f"{arm.completion_tokens:,}", f"{arm.seconds:.1f}"]
        if arm
        else ["—"] * 4
    )
    per_doc = f"{t[1] / max(1, t[11]):.1f} ({t[2] / max(1, t[11]):.1f})"
    return f"| {label} | {per_doc} | " + " | ".join(cells + runs) + " |"


def print_table(arms: Sequence[Arm], itself: dict[int, list[int]] | None, n_docs: int) -> None:
    halves = (("all", range(n_docs)), ("even", range(0, n_docs, 2)), ("odd", range(1, n_docs, 2)))
    print(f"## WikiEvents dev ({n_docs} documents): sheet.events vs gold, the perfect model and noisy ones\n")
    print(
        "| arm (documents) | events/doc (gold) | trigger P | R | F1 | agent P | R | F1 | place strict P | R | F1 "
        "| place or destination P | R | F1 | requests | prompt tokens | completion tokens | seconds |"
    )
    print("|---|" + "---|" * 17)
    for arm in arms:
        for half, which in halves:
            print(_row(f"{arm.name} ({half})", _sum(arm.tallies, which), arm if half == "all" else None))
    if itself is not None:
        for half, which in halves:
            print(_row(f"the perfect answer itself ({half})", _sum(itself, which), None, roles=False))
    print()


def print_noise(rows: Sequence[tuple[str, Noise]]) -> None:
    print("## The oracle's answers on the sheet: corrupted parts refused, correct parts kept\n")
    print(
        "| arm | answers | corrupted answers | corrupted parts (quote/participant/location/type) | refused "
        "(absent and named in rejected) | absent from the sheet | correct parts of corrupted answers kept "
        "| all correct parts kept | gold events past 8 additions |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, x in rows:
        kinds = "/".join(str(x.corrupted[k]) for k in ("quote", "participant", "location", "type"))
        total = sum(x.corrupted.values())
        others = f"{x.others_kept}/{x.others} ({x.others_kept / x.others:.1%})" if x.others else "—"
        print(
            f"| {name} | {x.answers} | {x.corrupted_answers} | {total} ({kinds}) | {sum(x.refused.values())}/{total} "
            f"| {sum(x.absent.values())}/{total} | {others} | {x.parts_kept}/{x.parts} "
            f"({x.parts_kept / max(1, x.parts):.1%}) | {x.truncated} |"
        )
    print()


def print_reasons(title: str, tally: Counter[str], examples: dict[str, list[str]], shown: int, top: int = 15) -> None:
    print(f"### {title}\n")
    if not tally:
        print("(none)\n")
        return
    print("| count | who / problem |")
    print("|---|---|")
    for key, count in tally.most_common(top):
        print(f"| {count} | {key.replace('|', '/', 1)} |")
    if shown:
        print()
        for key, _ in tally.most_common(top):
            for ex in examples[key][:shown]:
                print(f"- {ex}")
    print()


def _version() -> str:
    """The checkout's commit, and whether factx/ has uncommitted changes (figures depend on both)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "factx"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return "an unknown commit"
    return head.stdout.strip() + (" with uncommitted changes in factx/" if dirty.stdout.strip() else "")


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=5, help="noisy runs, seeds 0..N-1 (0: none)")
    ap.add_argument("--docs", type=int, default=0, help="only the first N documents (0: all)")
    ap.add_argument("--examples", type=int, default=2, help="examples printed per refusal reason")
    args = ap.parse_args(list(argv) if argv is not None else None)
    docs = _rows("wikievents_dev.jsonl")
    docs = docs[: args.docs] if args.docs else docs
    print(f"factx at {_version()}\n")

    arms = [run("code alone", docs, None, False), run("perfect model", docs, None, True)]
    arms += [run(f"noisy, seed {s}", docs, s, True) for s in range(args.seeds)]
    perfect = arms[1]
    assert perfect.oracle is not None
    print_table(arms, answer_itself(docs, perfect.oracle), len(docs))

    rows = [(a.name, noise(a, docs)) for a in arms[1:]]
    print_noise(
        rows + ([(f"noisy, {len(rows) - 1} seeds together", _total([x for _, x in rows[1:]]))] if rows[1:] else [])
    )
    leaks = [leak for _, x in rows for leak in x.leaks]
    if leaks:
        print("Corrupted parts not refused:\n")
        print("\n".join(f"- {leak}" for leak in leaks[:30]))
        print()
    lost = rows[0][1]
    print("### Correct parts of the perfect answers that did not reach event_mentions, by part\n")
    print(", ".join(f"{k}: {v}" for k, v in lost.lost.most_common()) or "(none)")
    print()
    silent = [ex for ex in lost.lost_examples if not ex.startswith("refused")]
    refused = [ex for ex in lost.lost_examples if ex.startswith("refused")]
    for ex in silent[:20] + refused[: 6 * args.examples]:
        print(f"- {ex}")
    print()
    tally, examples = reasons(perfect, skip_bad=False)
    print_reasons(
        "Refusals in the perfect run (every part correct): sheet.rejected problems", tally, examples, args.examples
    )
    if len(arms) > 2:
        seen: Counter[str] = Counter()
        correct: Counter[str] = Counter()
        ex_all: dict[str, list[str]] = {}
        for arm in arms[2:]:
            t_all, e_all = reasons(arm, skip_bad=False)
            t_ok, _ = reasons(arm, skip_bad=True)
            seen.update(t_all)
            correct.update(t_ok)
            for k, v in e_all.items():
                ex_all.setdefault(k, []).extend(v)
        print_reasons(f"Rejection reasons seen in the {len(arms) - 2} noisy runs (all problems)", seen, ex_all, 0)
        print_reasons("... of which not about a corrupted part (correct parts refused)", correct, ex_all, 0)
    given = [x for a in perfect.oracle.answers for x in a.items]
    verdicts = [x for x in given if x.kind == "verdict"]
    kept_ids = sum(1 for x in verdicts if x.item["keep"])
    same = sum(1 for x in verdicts if x.item.get("same_as"))
    print(
        f"perfect answers: {len(verdicts)} verdicts ({kept_ids} keep, {len(verdicts) - kept_ids} drop, {same} with "
        f"same_as), {len(given) - len(verdicts)} additions; {perfect.oracle.asked} requests answered, of which "
        f"{perfect.oracle.reasks} re-asks"
    )


if __name__ == "__main__":
    main()

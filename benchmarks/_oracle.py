"""The perfect model of ``bench_oracle.py``: a ``FakeBackend`` responder that answers every ``extract``
request as the WikiEvents gold says, optionally with one part of 30 % of its answers corrupted.

The rules it answers by are written in ``bench_oracle.py``'s docstring; each answered item is logged
(``Given``) so the benchmark can check afterwards, part by part, what reached the sheet.
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from factx.detect.events import Analysis, EventCandidate, analyse
from factx.interpret.strategies import passages
from factx.verify.support import RELATED

AGENT_ROLES = {
    "Attacker", "Killer", "Injurer", "Perpetrator", "Communicator", "Participant", "Transporter", "Giver",
    "Demonstrator", "Investigator", "Jailer", "Impeder", "Regulator", "Damager", "Destroyer", "Prosecutor",
    "Employer", "Observer", "Manufacturer", "Releaser",
}  # fmt: skip
"""The same set as ``bench_events.AGENT_ROLES`` (kept here so this module imports nothing of the benchmarks)."""

ROLE_OF = {
    **dict.fromkeys(AGENT_ROLES, "agent"),
    **dict.fromkeys(("Victim", "Target", "Defendant", "Detainee", "Patient", "Employee"), "patient"),
    **dict.fromkeys(("ExplosiveDevice", "Instrument", "Vehicle"), "instrument"),
    "Recipient": "recipient",
    "Destination": "destination",
    "Origin": "origin",
}
"""A KAIROS argument role as factx names it; any other role (Topic, Artifact, PassengerArtifact ...) is a theme.
Place is not a participant: it is the event's location."""

TYPE_OF = {
    "ArtifactExistence.DamageDestroyDisableDismantle": "damage_destroy",
    "Conflict.Attack": "attack",
    "Conflict.Demonstrate": "protest",
    "Contact.Contact.Meet": "meet",
    "Contact.RequestCommand.Meet": "meet",
    "Contact": "statement",
    "Disaster": "disaster",
    "Justice": "arrest_charge",
    "Life": "die_injure",
    "Movement": "move_deploy",
    "Personnel.EndPosition": "start_end_position",
    "Personnel.StartPosition": "start_end_position",
    "Transaction": "transfer",
}
"""KAIROS type prefix -> factx's EventType, the longest prefix first wins; anything else (GenericCrime,
Cognitive, Control, Medical, ManufactureAssemble) is ``other``."""

TYPES = (
    "attack", "die_injure", "damage_destroy", "disaster", "meet", "statement", "agree", "protest", "arrest_charge",
    "move_deploy", "transfer", "vote_elect", "start_end_position", "quantity_change", "plan_announce",
)  # fmt: skip

INVENTED_NAMES = ("Halvard Mensik", "Orla Bexwright", "Tamsin Quorvel", "Brennick Ostrava", "Ysolde Farnham")
INVENTED_PLACES = ("Port Velmora", "Karsk Valley", "Ostrelund", "Mirrowgate", "Fenholt Bay")
INVENTED_WORDS = ("quarnish", "blenthor", "vostrane", "marquill", "tessivar")

MAX_DRAFTS = 8
"""``PassageReading.events`` takes at most this many additions."""
MAX_VERDICT_ROLES = 8
MAX_DRAFT_ROLES = 6


def factx_type(kairos: str) -> str:
    """The factx type of a KAIROS type (longest matching prefix), else ``other``."""
    for prefix in sorted(TYPE_OF, key=len, reverse=True):
        if kairos == prefix or kairos.startswith(prefix + "."):
            return TYPE_OF[prefix]
    return "other"


@dataclass
class Given:
    """One item the oracle answered (a verdict on a listed id, or an addition), as sent, and its corruption."""

    doc: int
    window: tuple[int, int]
    kind: str  # "verdict" or "addition"
    key: str | None  # the candidate key of a verdict
    trigger: tuple[int, int]  # the candidate's trigger (verdict) or the gold trigger (addition)
    item: dict[str, Any]
    gold: int | None  # the gold event index it stands for (None: a keep=false verdict)
    code_type: str | None = None  # code's type of a verdict's mention (a "wrong" type is never code's own)
    corrupted: str | None = None  # "quote", "participant", "location" or "type"
    bad_value: str | None = None
    clean: dict[str, Any] = field(default_factory=dict)  # the item before its corruption
    targets: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    """Per name given, the gold argument's spans (its own and its entity's mentions) the name stands for."""


@dataclass
class Answer:
    """One passage's answer: its items and whether one part of one item was corrupted."""

    doc: int
    window: tuple[int, int]
    items: list[Given]
    corrupted: bool
    dropped_additions: int  # gold events past ``MAX_DRAFTS`` that the answer could not add


_LISTED = re.compile(r'^(\S+): "', re.MULTILINE)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _spans(arg: dict[str, Any]) -> list[tuple[int, int]]:
    return [(arg["start"], arg["end"])] + [(m["start"], m["end"]) for m in arg.get("mentions", [])]


class Oracle:
    """Answers ``extract`` requests from gold, document by document; ``seed`` None answers perfectly."""

    def __init__(self, seed: int | None = None, rate: float = 0.3) -> None:
        self.seed = seed
        self.rate = rate
        self.answers: list[Answer] = []
        self.keys: dict[int, list[str]] = {}
        """Per document, the candidate keys in order (``sheet.event_mentions`` starts with one per key)."""
        self.asked = 0
        self.reasks = 0
        self._lock = threading.Lock()

    def document(self, index: int, doc: dict[str, Any]) -> Callable[[Any, list[dict[str, Any]]], dict[str, Any]]:
        """A responder for one document (its analysis computed once, as the pipeline computes it)."""
        text: str = doc["text"]
        analysis = analyse(text)
        by_key = {c.key: c for c in analysis.candidates}
        self.keys[index] = [c.key for c in analysis.candidates]
        windows = passages(text, analysis.sentences, candidates=analysis.candidates)
        cache: dict[tuple[int, int], dict[str, Any]] = {}

        def respond(tool: Any, messages: list[dict[str, Any]]) -> dict[str, Any]:
            if getattr(tool, "__name__", tool) != "PassageReading":
                return {}
            users = [m for m in messages if m.get("role") == "user"]
            content = str(users[0].get("content", "")) if users else ""
            window = _window(content, text, windows)
            with self._lock:
                self.asked += 1
                if window in cache:  # a re-ask: the same answer again (a stubborn model)
                    self.reasks += 1
                    return cache[window]
            if window is None:
                return {}
            listed = [k for k in _LISTED.findall(_section(content, "Events found", "Dates found")) if k in by_key]
            answer = self._answer(index, doc, analysis, by_key, window, listed)
            with self._lock:
                cache[window] = answer_json = _json(answer)
                self.answers.append(answer)
            return answer_json

        return respond

    # ---- the perfect answer ------------------------------------------------------------------

    def _answer(
        self,
        index: int,
        doc: dict[str, Any],
        analysis: Analysis,
        by_key: dict[str, EventCandidate],
        window: tuple[int, int],
        listed: list[str],
    ) -> Answer:
        text: str = doc["text"]
        events = doc["events"]
        here = sorted((g for g, e in enumerate(events) if window[0] <= e["trigger"]["start"] < window[1]),
                      key=lambda g: events[g]["trigger"]["start"])  # fmt: skip
        trig = {g: (events[g]["trigger"]["start"], events[g]["trigger"]["end"]) for g in here}
        matched: dict[str, int] = {}
        used: set[int] = set()
        for key in sorted(listed, key=lambda k: by_key[k].trigger):
            span = by_key[key].trigger
            fresh = next((g for g in here if g not in used and _overlaps(span, trig[g])), None)
            again = next((g for g in here if _overlaps(span, trig[g])), None)
            if fresh is not None:
                used.add(fresh)
                matched[key] = fresh
            elif again is not None:
                matched[key] = again  # a second mention of the same gold trigger: kept, same_as the first
        items: list[Given] = []
        for key in listed:
            cand = by_key[key]
            g = matched.get(key)
            if g is None:
                items.append(Given(index, window, "verdict", key, cand.trigger, {"id": key, "keep": False}, None))
                continue
            sent = analysis.sentences[cand.sentence]
            item: dict[str, Any] = {"id": key, "keep": True, "type": factx_type(events[g]["type"])}
            agents, others = _roles(text, events[g], (sent.start, sent.end))
            item["participants"] = [{"role": "agent", "name": n} for n in agents] + others
            item["participants"] = item["participants"][:MAX_VERDICT_ROLES]
            place = _place(text, events[g], (sent.start, sent.end))
            if place:
                item["location"] = place
            elif cand.place is not None and not _gold_where(events[g], (cand.place.start, cand.place.end)):
                item["location"] = ""
            same = [k for k, h in matched.items() if h == g and k != key]
            if same:
                item["same_as"] = same
            targets = _targets(text, events[g], (sent.start, sent.end))
            items.append(
                Given(index, window, "verdict", key, cand.trigger, item, g, code_type=cand.type, targets=targets)
            )
        missed = [g for g in here if g not in set(matched.values())]
        for g in missed[:MAX_DRAFTS]:
            items.append(self._addition(index, window, text, analysis, events[g], g))
        answer = Answer(index, window, items, False, max(0, len(missed) - MAX_DRAFTS))
        if self.seed is not None:
            rng = random.Random(f"{self.seed}:{doc['id']}:{window[0]}")
            if rng.random() < self.rate:
                answer.corrupted = _corrupt(rng, answer, text, events)
        return answer

    def _addition(
        self, index: int, window: tuple[int, int], text: str, analysis: Analysis, event: dict[str, Any], g: int
    ) -> Given:
        start, end = event["trigger"]["start"], event["trigger"]["end"]
        sent = next((s for s in analysis.sentences if s.start <= start < s.end), None)
        stop = sent.end if sent is not None else end
        quote = _cut(text[start:stop].strip(), 400)
        if len(quote) < end - start:
            quote = text[start:end]
        bounds = (sent.start, sent.end) if sent is not None else (start, end)
        agents, others = _roles(text, event, bounds)
        item: dict[str, Any] = {
            "quote": quote,
            "trigger": text[start:end][:40],
            "description": _cut(quote, 200),
            "type": factx_type(event["type"]),
            "actors": agents[:MAX_DRAFT_ROLES],
            "participants": others[:MAX_DRAFT_ROLES],
        }
        place = _place(text, event, bounds)
        if place:
            item["location"] = place
        return Given(index, window, "addition", None, (start, end), item, g, targets=_targets(text, event, bounds))


# ---- helpers --------------------------------------------------------------------------------


def _json(answer: Answer) -> dict[str, Any]:
    return {
        "records": [x.item for x in answer.items if x.kind == "verdict"],
        "events": [x.item for x in answer.items if x.kind == "addition"],
    }


def _section(content: str, head: str, next_head: str) -> str:
    at = content.find(head)
    if at < 0:
        return ""
    stop = content.find(next_head, at)
    return content[at : stop if stop >= 0 else len(content)]


def _window(content: str, text: str, windows: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The passage of the request, as one of the windows the pipeline cuts (else found in the text)."""
    head = "Passage:\n"
    at = content.find(head)
    stop = content.find("\n\nEvents found in the passage")
    if at < 0 or stop < 0:
        return None
    passage = content[at + len(head) : stop]
    for start, end in windows:
        if text[start:end].strip() == passage.strip():
            return start, end
    found = text.find(passage.strip())
    return (found, found + len(passage.strip())) if found >= 0 else None


def _cut(text: str, most: int) -> str:
    """At most ``most`` characters, cut at a word boundary."""
    if len(text) <= most:
        return text
    cut = text[:most]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def _mention_span(arg: dict[str, Any], bounds: tuple[int, int]) -> tuple[int, int] | None:
    """The argument's own span if it lies in ``bounds``, else the longest other mention of its entity there."""
    inside = [(s, e) for s, e in _spans(arg) if bounds[0] <= s and e <= bounds[1]]
    if not inside:
        return None
    own = (arg["start"], arg["end"])
    return own if own in inside else max(inside, key=lambda x: x[1] - x[0])


def _mention(text: str, arg: dict[str, Any], bounds: tuple[int, int]) -> str | None:
    """The words naming the argument in ``bounds`` (``_mention_span``)."""
    at = _mention_span(arg, bounds)
    return text[at[0] : at[1]] if at else None


def _roles(text: str, event: dict[str, Any], bounds: tuple[int, int]) -> tuple[list[str], list[dict[str, str]]]:
    """The gold arguments named in ``bounds``: agents' names, and the other participants with their role."""
    agents: list[str] = []
    others: list[dict[str, str]] = []
    for arg in event["arguments"]:
        if arg["role"] == "Place":
            continue
        name = _mention(text, arg, bounds)
        if name is None:
            continue
        role = ROLE_OF.get(arg["role"], "theme")
        if role == "agent":
            if name not in agents:
                agents.append(name)
        elif {"role": role, "name": name} not in others:
            others.append({"role": role, "name": name})
    return agents, others


def _targets(text: str, event: dict[str, Any], bounds: tuple[int, int]) -> dict[str, list[tuple[int, int]]]:
    """Each name the answer gives for an argument, and every span of that argument (the one named first)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for arg in event["arguments"]:
        at = _mention_span(arg, bounds)
        if at is not None:
            out.setdefault(text[at[0] : at[1]], []).extend([at] + [s for s in _spans(arg) if s != at])
    return out


def _place(text: str, event: dict[str, Any], bounds: tuple[int, int]) -> str | None:
    for arg in event["arguments"]:
        if arg["role"] == "Place":
            name = _mention(text, arg, bounds)
            if name:
                return name
    return None


def _gold_where(event: dict[str, Any], span: tuple[int, int]) -> bool:
    """True if ``span`` overlaps a mention of the event's gold Place or Destination."""
    return any(
        _overlaps(span, s) for a in event["arguments"] if a["role"] in ("Place", "Destination") for s in _spans(a)
    )


def _corrupt(rng: random.Random, answer: Answer, text: str, events: list[dict[str, Any]]) -> bool:
    """Corrupt one part of one kept verdict or addition at random; False when there is nothing to corrupt."""
    options: list[tuple[Given, str]] = []
    for x in answer.items:
        if x.gold is None:
            continue
        gold_type = factx_type(events[x.gold]["type"])
        parts = ["participant", "location"] + (["type"] if gold_type != "other" else [])
        options += [(x, p) for p in parts + (["quote"] if x.kind == "addition" else [])]
    if not options:
        return False
    given, part = rng.choice(options)
    given.clean = {k: (list(v) if isinstance(v, list) else v) for k, v in given.item.items()}
    given.corrupted = part
    item = given.item
    if part == "quote":
        words = item["quote"].split(" ")
        n = rng.randrange(1, len(words)) if len(words) > 1 else 0
        words[n] = _fresh(rng, INVENTED_WORDS, text)
        item["quote"] = " ".join(words) if len(words) > 1 else words[0] + " " + item["quote"]
        given.bad_value = item["quote"]
    elif part == "participant":
        name = _fresh(rng, INVENTED_NAMES, text)
        given.bad_value = name
        if given.kind == "addition":
            actors = list(item["actors"])
            if actors:
                actors[rng.randrange(len(actors))] = name
            else:
                actors.append(name)
            item["actors"] = actors
        else:
            people = [dict(p) for p in item["participants"]]
            if people:
                people[rng.randrange(len(people))]["name"] = name
            else:
                people.append({"role": "agent", "name": name})
            item["participants"] = people
    elif part == "location":
        given.bad_value = item["location"] = _fresh(rng, INVENTED_PLACES, text)
    else:
        gold_type = factx_type(events[given.gold or 0]["type"])
        wrong = [t for t in TYPES if t not in (gold_type, given.code_type) and t not in RELATED.get(gold_type, ())]
        given.bad_value = item["type"] = rng.choice(wrong)
    return True


def _fresh(rng: random.Random, pool: tuple[str, ...], text: str) -> str:
    """An invented word or name that the text does not hold."""
    choices = [w for w in pool if w.lower() not in text.lower()]
    return rng.choice(choices or [pool[0] + " Zq"])

"""Check what a remote model says about events, part by part: verdicts on code's records by id, and
added events.

Every part stands or falls alone: a restated participant must be named in the record's evidence, a
place too, a source likewise, a type must not be ruled out by the trigger and its evidence, a
factuality must not contradict a negation or modal at the trigger, date ids and same-event ids must
be listed ones. A failing part is refused with its reason and code's reading of it stands; an added
event needs its quote and trigger in the passage, and loses only the parts that fail.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from factx._types import EventFact, Participant, Span
from factx.build.records import Correction
from factx.detect.events import Analysis

if TYPE_CHECKING:  # the answer models import this module for their validation context
    from factx.verify.answers import EventDraft as Draft
    from factx.verify.answers import RecordVerdict as Verdict

from factx.verify.ground import Window, contains, ground, ground_name
from factx.verify.support import (
    description_problems,
    evidence_problems,
    factuality_problems,
    lexical_type,
    type_problems,
)

__all__ = ["Checked", "Checker", "Correction", "PassageContext", "Problem"]
"""``Correction`` (build's) is what a checked verdict becomes: interpret reads it from here."""


@dataclass(frozen=True)
class Problem:
    """One part of an answer that its evidence does not back: which part, and why."""

    part: str
    reason: str
    where: str = ""

    def at(self, where: str) -> Problem:
        return replace(self, where=where)

    def __str__(self) -> str:
        return f"{self.where}.{self.part}: {self.reason}" if self.where else f"{self.part}: {self.reason}"


@dataclass(frozen=True)
class PassageContext:
    """The validation context of one passage's answer: what its ids and quotes may refer to."""

    passage: str
    window: Window
    check: Checker
    date_ids: frozenset[str] = frozenset()
    figure_ids: frozenset[str] = frozenset()
    event_ids: frozenset[str] = frozenset()

    def quoted(self, quote: str) -> bool:
        return ground(quote, self.passage) is not None


@dataclass
class Checked:
    """A verdict's parts that passed (as a ``Correction``), and the problems of those that did not."""

    correction: Correction
    problems: list[Problem] = field(default_factory=list)


class Checker:
    """The checks of one document, handed to the model's answer validation (and used after it)."""

    def __init__(self, text: str, analysis: Analysis, mentions: Mapping[str, EventFact]) -> None:
        self.text = text
        self.analysis = analysis
        self.mentions = mentions
        self._lemmas = {c.key: c.lemma for c in analysis.candidates}
        self._judged: dict[tuple[Window, str], Checked] = {}
        self._drafted: dict[tuple[Window, str], tuple[EventFact | None, list[Problem]]] = {}
        """Answers already checked (the validation and the keeping after it read the same answer once)."""

    def verdict(self, verdict: Verdict, ctx: PassageContext) -> list[Problem]:
        """Problems of a verdict on a code record, one per failing part."""
        return self.judge(verdict, ctx).problems

    def judge(self, verdict: Verdict, ctx: PassageContext) -> Checked:
        """Each part of the verdict checked alone: the parts that pass, and why the others fail."""
        key = (ctx.window, _fingerprint(verdict))
        if key not in self._judged:
            self._judged[key] = self._judge(verdict, ctx)
        return self._judged[key]

    def _judge(self, verdict: Verdict, ctx: PassageContext) -> Checked:
        fact = self.mentions.get(verdict.id)
        if fact is None or (ctx.event_ids and verdict.id not in ctx.event_ids):
            return Checked(Correction(), [Problem("id", f"unknown event id {verdict.id!r}")])
        out: list[Problem] = []
        parts: dict[str, object] = {"keep": verdict.keep, "decides": True}
        where = self._sentence(fact.trigger or fact.span)  # names are looked for in the trigger's sentence
        near = (fact.trigger or fact.span).start
        lemma = self._lemmas.get(verdict.id)
        if verdict.type and verdict.type != fact.type:
            found = type_problems(fact.model_copy(update={"type": verdict.type}), self.text, lemma)
            out += [Problem("type", p) for p in found]
            parts["type"] = None if found else verdict.type
        if verdict.factuality and verdict.factuality != fact.factuality:
            found = factuality_problems(fact.model_copy(update={"factuality": verdict.factuality}), self.text)
            out += [Problem("factuality", p) for p in found]
            parts["factuality"] = None if found else verdict.factuality
        if verdict.source:
            said = self._named(verdict.source, where, near)
            if said is None:
                out.append(Problem("source", f"source {verdict.source!r} is not named in the evidence"))
            else:
                parts["source"] = said.name
        if verdict.participants is not None:
            people, bad = self._participants([(r.role, r.name) for r in verdict.participants], where, near)
            out += bad
            parts["participants"] = tuple(people)
        if verdict.location is not None:
            placed = self._place(verdict.location, where, near)
            if isinstance(placed, Problem):
                out.append(placed)
            else:
                parts["location"] = placed
        if verdict.date_ids is not None:
            unknown = [i for i in verdict.date_ids if i not in ctx.date_ids]
            out += [Problem("date_ids", f"unknown date id {i!r}") for i in unknown]
            if not unknown:
                parts["date_ids"] = tuple(dict.fromkeys(verdict.date_ids))
        same = [i for i in verdict.same_as if i != verdict.id]
        unknown = [i for i in same if i not in ctx.event_ids]
        out += [Problem("same_as", f"unknown event id {i!r}") for i in unknown]
        parts["same_as"] = tuple(i for i in same if i not in unknown)
        return Checked(Correction(**{k: v for k, v in parts.items() if v is not None}), out)  # type: ignore[arg-type]

    def draft(self, draft: Draft, ctx: PassageContext) -> tuple[EventFact | None, list[Problem]]:
        """The added event as a record (its failing parts left out), and the problems of each part.

        Without its quote or trigger in the passage there is no event at all.
        """
        key = (ctx.window, _fingerprint(draft))
        if key not in self._drafted:
            self._drafted[key] = self._draft(draft, ctx)
        fact, found = self._drafted[key]
        return fact, list(found)

    def _draft(self, draft: Draft, ctx: PassageContext) -> tuple[EventFact | None, list[Problem]]:
        window = ctx.window
        found = ground(draft.quote, self.text, start=window[0], end=window[1])
        if found is None:
            return None, [Problem("quote", f"quote {draft.quote!r} is not in the passage")]
        quote, alignment = found
        trig = ground(draft.trigger, self.text, start=quote.start, end=quote.end)
        if trig is None:
            return None, [Problem("trigger", f"trigger {draft.trigger!r} is not in its quote {quote.text!r}")]
        evidence = self._sentence(quote)
        out: list[Problem] = []
        roles = [("agent", a) for a in draft.actors] + [(r.role, r.name) for r in draft.participants]
        near = trig[0].start
        participants, bad = self._participants(roles, evidence, near)
        out += bad
        location, location_span = None, None
        if draft.location:
            placed = self._place(draft.location, evidence, near)
            if isinstance(placed, Problem):
                out.append(placed)
            else:
                location, location_span = placed
        source = None
        if draft.source:
            said = self._named(draft.source, evidence, near)
            if said is None:
                out.append(Problem("source", f"source {draft.source!r} is not named in the evidence"))
            else:
                source = said.name
        out += [Problem("date_ids", f"unknown date id {i!r}") for i in draft.date_ids if i not in ctx.date_ids]
        out += [Problem("figure_ids", f"unknown figure id {i!r}") for i in draft.figure_ids if i not in ctx.figure_ids]
        fact = EventFact(
            span=evidence,
            trigger=trig[0],
            description=evidence.text,
            type=lexical_type(trig[0].text.lower()) or "other",
            participants=tuple(participants),
            actors=tuple(dict.fromkeys(p.name for p in participants if p.role == "agent")),
            location=location,
            location_span=location_span,
            date_ids=tuple(dict.fromkeys(i for i in draft.date_ids if i in ctx.date_ids)),
            figure_ids=tuple(dict.fromkeys(i for i in draft.figure_ids if i in ctx.figure_ids)),
            mentions=(trig[0],),
            source=source,
            alignment=alignment,
            model_verdict="added",
        )
        fatal = evidence_problems(fact, self.text, self.analysis.zones)
        if fatal:
            return None, [*out, *(Problem("evidence", p) for p in fatal)]
        fact, more = self._claims(fact, draft)
        return fact, out + more

    def _claims(self, fact: EventFact, draft: Draft) -> tuple[EventFact, list[Problem]]:
        """The draft's type, factuality and description, each kept only if its evidence backs it."""
        out: list[Problem] = []
        update: dict[str, object] = {}
        if draft.type != "other" and draft.type != fact.type:
            found = type_problems(fact.model_copy(update={"type": draft.type}), self.text, None)
            out += [Problem("type", p) for p in found]
            update["type"] = fact.type if found else draft.type
        if draft.factuality != fact.factuality:
            found = factuality_problems(fact.model_copy(update={"factuality": draft.factuality}), self.text)
            out += [Problem("factuality", p) for p in found]
            if not found:
                update["factuality"] = draft.factuality
        said = draft.description.strip()
        if said:
            found = description_problems(fact.model_copy(update={"description": said}))
            out += [Problem("description", p) for p in found]
            if not found:
                update["description"] = said
        return fact.model_copy(update=update), out

    def _participants(
        self, roles: Sequence[tuple[str, str]], evidence: Span, near: int
    ) -> tuple[list[Participant], list[Problem]]:
        people: list[Participant] = []
        out: list[Problem] = []
        for n, (role, name) in enumerate(roles):
            placed = self._named(name, evidence, near)
            if placed is None:
                out.append(Problem(f"participants[{n}]", f"participant {name!r} is not named in the evidence"))
            elif not any(p.span == placed.span and p.role == role for p in people):
                people.append(placed.model_copy(update={"role": role}))
        return people, out

    def _place(self, name: str, evidence: Span, near: int) -> tuple[str | None, Span | None] | Problem:
        if not name.strip():
            return None, None  # the model says the event has no place
        spot = self._named(name, evidence, near)
        if spot is None:
            return Problem("location", f"place {name!r} is not named in the evidence")
        return spot.name, spot.span

    def _sentence(self, quote: Span) -> Span:
        """The sentence holding the quote (the evidence), else the quote itself."""
        for sent in self.analysis.sentences:
            if sent.start <= quote.start and quote.end <= sent.end:
                return Span.of(self.text, sent.start, sent.end)
        return quote

    def _named(self, name: str, evidence: Span, near: int | None = None) -> Participant | None:
        """``name`` as whole words of the evidence (the occurrence nearest ``near``, the trigger), or as
        an entity the evidence mentions."""
        at = ground_name(
            name, self.text, start=evidence.start, end=evidence.end, near=evidence.start if near is None else near
        )
        if at is not None:
            entity_id = self.analysis.entities.by_offset.get(at.start)
            entity = self.analysis.entities.get(entity_id)
            return Participant(role="agent", span=at, name=entity.name if entity else at.text, entity_id=entity_id)
        for entity in self.analysis.entities.items:
            if entity.name.lower() == name.strip().lower():
                for s, e in entity.mentions:
                    found = Span.of(self.text, s, e)
                    if contains(evidence, found):
                        return Participant(role="agent", span=found, name=entity.name, entity_id=entity.id)
        return None


def _fingerprint(answer: object) -> str:
    """An answer part's identity for the memo: its JSON when it is a pydantic model, else its repr."""
    dump = getattr(answer, "model_dump_json", None)
    return str(dump()) if callable(dump) else repr(answer)

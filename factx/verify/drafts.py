"""Check what a remote model says about events: verdicts on code's records by id, and added events.

A correction of a code record is kept only if the corrected record still passes every check of
``support``; an added event becomes a record only if its quote, trigger, participants, place,
description, type and factuality are all backed by its evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, get_args

from factx._types import EventFact, Participant, Span
from factx._types import Role as RoleName
from factx.detect.events import Analysis
from factx.verify.ground import Window, contains, ground
from factx.verify.support import lexical_type, problems

_ROLES: tuple[str, ...] = get_args(RoleName)


class Verdict(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def keep(self) -> bool: ...
    @property
    def type(self) -> str | None: ...
    @property
    def factuality(self) -> str | None: ...


class Role(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def name(self) -> str: ...


class Draft(Protocol):
    @property
    def quote(self) -> str: ...
    @property
    def trigger(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def factuality(self) -> str: ...
    @property
    def actors(self) -> Sequence[str]: ...
    @property
    def participants(self) -> Sequence[Role]: ...
    @property
    def location(self) -> str | None: ...
    @property
    def date_ids(self) -> Sequence[str]: ...
    @property
    def figure_ids(self) -> Sequence[str]: ...


class Checker:
    """The checks of one document, handed to the model's answer validation (and used after it)."""

    def __init__(self, text: str, analysis: Analysis, mentions: Mapping[str, EventFact]) -> None:
        self.text = text
        self.analysis = analysis
        self.mentions = mentions
        self._lemmas = {c.key: c.lemma for c in analysis.candidates}

    def verdict(self, verdict: Verdict) -> list[str]:
        """Problems of a verdict on a code record: an unknown id, or a correction its evidence does not back."""
        fact = self.mentions.get(verdict.id)
        if fact is None:
            return [f"unknown event id {verdict.id!r}"]
        changes = {k: v for k, v in (("type", verdict.type), ("factuality", verdict.factuality)) if v}
        if not changes:
            return []
        corrected = fact.model_copy(update=changes)
        return problems(corrected, self.text, self.analysis.zones, self.analysis.entities, self._lemmas.get(verdict.id))

    def draft(self, draft: Draft, window: Window) -> tuple[EventFact | None, list[str]]:
        """The added event as a record, or the reasons it is not backed by the text."""
        found = ground(draft.quote, self.text, start=window[0], end=window[1])
        if found is None:
            return None, [f"quote {draft.quote!r} is not in the passage"]
        quote, alignment = found
        trig = ground(draft.trigger, self.text, start=quote.start, end=quote.end)
        if trig is None:
            return None, [f"trigger {draft.trigger!r} is not in its quote {quote.text!r}"]
        evidence = self._sentence(quote)
        roles = [("agent", a) for a in draft.actors] + [(r.role.strip().lower(), r.name) for r in draft.participants]
        participants: list[Participant] = []
        out: list[str] = []
        for role, name in roles:
            placed = self._named(name, evidence)
            if role not in _ROLES:
                out.append(f"participant {name!r}: role {role!r} is not one of {', '.join(_ROLES)}")
            elif placed is None:
                out.append(f"participant {name!r} is not named in the evidence")
            elif not any(p.span == placed.span for p in participants):
                participants.append(placed.model_copy(update={"role": role}))
        location, location_span = None, None
        if draft.location:
            spot = self._named(draft.location, evidence)
            if spot is None:
                out.append(f"place {draft.location!r} is not named in the evidence")
            else:
                location, location_span = spot.name, spot.span
        try:
            fact = EventFact(
                span=evidence,
                trigger=trig[0],
                description=draft.description.strip() or evidence.text,
                type=(draft.type if draft.type != "other" else None) or lexical_type(trig[0].text) or "other",
                factuality=draft.factuality,
                participants=tuple(participants),
                actors=tuple(dict.fromkeys(p.name for p in participants if p.role == "agent")),
                location=location,
                location_span=location_span,
                date_ids=tuple(dict.fromkeys(draft.date_ids)),
                figure_ids=tuple(dict.fromkeys(draft.figure_ids)),
                mentions=(trig[0],),
                alignment=alignment,
            )
        except ValueError as exc:
            return None, [*out, f"not a valid event: {exc}"]
        out += problems(fact, self.text, self.analysis.zones, self.analysis.entities)
        return (None if out else fact), out

    def _sentence(self, quote: Span) -> Span:
        """The sentence holding the quote (the evidence), else the quote itself."""
        for sent in self.analysis.sentences:
            if sent.start <= quote.start and quote.end <= sent.end:
                return Span.of(self.text, sent.start, sent.end)
        return quote

    def _named(self, name: str, evidence: Span) -> Participant | None:
        """The participant ``name`` as a span of the evidence, or as an entity the evidence mentions."""
        hit = ground(name, self.text, start=evidence.start, end=evidence.end)
        if hit is not None:
            span = hit[0]
            entity_id = self.analysis.entities.by_offset.get(span.start)
            entity = self.analysis.entities.get(entity_id)
            return Participant(role="agent", span=span, name=entity.name if entity else span.text, entity_id=entity_id)
        for entity in self.analysis.entities.items:
            if entity.name.lower() == name.strip().lower():
                for s, e in entity.mentions:
                    at = Span.of(self.text, s, e)
                    if contains(evidence, at):
                        return Participant(role="agent", span=at, name=entity.name, entity_id=entity.id)
        return None

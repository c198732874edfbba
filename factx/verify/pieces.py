"""Merge the sheets of a long text's pieces into one: offsets shifted, ids renumbered, links kept.

Pieces are cut at paragraph or sentence breaks (``detect/pieces.py``), so no fact straddles two of
them; each piece's dates, figures and events join the whole text's lists in order, their ids renamed
(``d3`` of the second piece may become ``d41``) and every link and rejection detail renamed with
them. Dates take their values from the whole-text reading with one running discourse, and an
event's time follows the date it was read from. Entity ids are made document-wide by canonical name,
and records of the same event told in different pieces are folded into one (coreference across
pieces, by the same compatibility rules as within one), each record compared only with the groups
that share its type and its trigger word or an entity, so the fold stays linear in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Literal

from factx._types import (
    DateFact,
    EventFact,
    EventTime,
    FactSheet,
    FigureFact,
    Participant,
    Rejection,
    Span,
    Usage,
)
from factx.build.records import compatible, fold, rank, repeat_bonus, same_place, same_time

_ID_DETAIL = re.compile(r"^([df]\d+)( = .*)$", re.DOTALL)
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+$", re.IGNORECASE)
_FROM_CONTEXT = ("value", "type", "grain", "start", "end", "mod", "relative")


class PieceMerger:
    """Collects piece sheets one at a time (each can be dropped once added), then gives the whole sheet."""

    CANDIDATES = 32
    """Groups a record is compared with per block (type and word, type and entity): the most recent."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.dates: list[DateFact] = []
        self.figures: list[FigureFact] = []
        self.events: list[tuple[int, EventFact]] = []
        self.pieces = 0
        self.entities: dict[str, str] = {}
        self.mentions: list[EventFact] = []
        self.zones: list[Any] = []
        self.rejected: list[Rejection] = []
        self.usage = Usage()
        self.comparisons = 0
        """Record-group tests the fold across pieces made (bounded per record by the blocks)."""

    def add(self, offset: int, sheet: FactSheet) -> None:
        """Add the sheet of the piece that starts at ``offset`` of the whole text."""
        names: dict[str, str] = {}
        self.pieces += 1
        for fact in sheet.dates:
            names[fact.id] = f"d{len(self.dates) + 1}"
            self.dates.append(fact.model_copy(update={"id": names[fact.id], "span": self._shift(fact.span, offset)}))
        for figure in sheet.figures:
            names[figure.id] = f"f{len(self.figures) + 1}"
            update: dict[str, Any] = {"id": names[figure.id], "span": self._shift(figure.span, offset)}
            if figure.counts_span is not None:
                update["counts_span"] = self._shift(figure.counts_span, offset)
            self.figures.append(figure.model_copy(update=update))
        for event in sheet.events:
            self.events.append((self.pieces, self._event(event, offset, names, "")))
        for mention in sheet.event_mentions:
            self.mentions.append(self._event(mention, offset, names, f"m{len(self.mentions) + 1}"))
        self.zones += [z.model_copy(update={"span": self._shift(z.span, offset)}) for z in sheet.zones]
        self.rejected += [_renamed(r, names) for r in sheet.rejected]
        self.usage = self.usage + sheet.usage

    def sheet(
        self,
        *,
        model: str,
        reference_date: dt.date | None,
        reference_source: Literal["given", "dateline", "none"],
        dates_in_context: Iterable[DateFact],
    ) -> FactSheet:
        """The whole text's sheet; a date read the same way in context takes that reading's value."""
        by_span = {(d.span.start, d.span.end): d for d in dates_in_context}
        dates = []
        for date in self.dates:
            whole = by_span.get((date.span.start, date.span.end))
            update: dict[str, Any] = {} if whole is None else {k: getattr(whole, k) for k in _FROM_CONTEXT}
            dates.append(date.model_copy(update=update) if update else date)
        retime = _Retimer(self.dates, dates)
        self.events = [(piece, retime(event)) for piece, event in self.events]
        self.mentions = [retime(mention) for mention in self.mentions]
        return FactSheet(
            text=self.text,
            reference_date=reference_date,
            reference_source=reference_source,
            model=model,
            dates=tuple(dates),
            figures=tuple(self.figures),
            events=tuple(self._across()),
            event_mentions=tuple(self.mentions),
            zones=tuple(self.zones),
            rejected=tuple(self.rejected),
            usage=self.usage,
        )

    def _event(self, event: EventFact, offset: int, names: dict[str, str], new_id: str) -> EventFact:
        """An event of a piece in whole-text offsets, with its links renamed."""

        def shift(span: Span | None) -> Span | None:
            return None if span is None else self._shift(span, offset)

        return event.model_copy(
            update={
                "id": new_id,
                "span": self._shift(event.span, offset),
                "trigger": shift(event.trigger),
                "location_span": shift(event.location_span),
                "mentions": tuple(self._shift(m, offset) for m in event.mentions),
                "participants": tuple(self._participant(p, offset) for p in event.participants),
                "date_ids": tuple(names.get(i, i) for i in event.date_ids),
                "figure_ids": tuple(names.get(i, i) for i in event.figure_ids),
            }
        )

    def _participant(self, p: Participant, offset: int) -> Participant:
        """A participant in whole-text offsets; its entity id the document's (pieces number entities apart)."""
        update: dict[str, Any] = {"span": self._shift(p.span, offset)}
        if p.entity_id is not None:
            update["entity_id"] = self.entities.setdefault(p.name.lower(), f"n{len(self.entities) + 1}")
        return p.model_copy(update=update)

    def _across(self) -> list[EventFact]:
        """The pieces' records with those of one event in different pieces folded, most salient first.

        A record is compared only with the groups it could join (blocking): those of its type that
        share its trigger word or one of its entities (``_same_event`` folds nothing else), at most
        ``CANDIDATES`` per key, the most recently extended; so each record meets a bounded set of
        groups, however long the text.
        """
        groups: list[_Group] = []
        index: dict[tuple[str, str, str], dict[int, None]] = {}
        for piece, event in sorted(self.events, key=lambda pe: pe[1].span.start):
            found = None
            if _may_fold(event):
                probe = _Probe(event, piece, self.text)
                for n in sorted({n for key in _keys(event) for n in index.get(key, ())}):
                    self.comparisons += 1
                    if _same_event(groups[n], probe):
                        found = n
                        break
            if found is None:
                found = len(groups)
                groups.append(_Group())
            groups[found].add(piece, event)
            for key in _keys(event):
                recent = index.setdefault(key, {})
                recent.pop(found, None)
                recent[found] = None  # the most recently extended last
                if len(recent) > self.CANDIDATES:
                    del recent[next(iter(recent))]
        folded = []
        for group in groups:
            members = group.members
            one = fold(members) if len(members) > 1 else members[0]
            spans = dict.fromkeys(m for e in members for m in e.mentions)
            # each piece's record already holds its own repeats' bonus: count the repeats once, over all
            own = max(e.salience - repeat_bonus(max(1, len(e.mentions))) for e in members)
            score = round(min(1.0, own + repeat_bonus(max(1, len(spans)))), 3)
            folded.append(one.model_copy(update={"mentions": tuple(spans), "salience": score}))
        return rank(folded)

    def _shift(self, span: Span, offset: int) -> Span:
        return Span.model_construct(start=span.start + offset, end=span.end + offset, text=span.text)


class _Group:
    """Records of one event told in different pieces, with what ``_same_event`` reads kept as sets,
    so that testing a record against the group costs its distinct kinds of member, not its size."""

    def __init__(self) -> None:
        self.members: list[EventFact] = []
        self.pieces: set[int] = set()
        self.words: set[str] = set()
        self.entities: set[str] = set()
        self.kinds: dict[tuple[object, ...], EventFact] = {}
        """One member per distinct (factuality, place, time, role-tagged participants): what
        ``compatible`` reads, so a record compatible with each kind is compatible with every member."""

    def add(self, piece: int, event: EventFact) -> None:
        self.members.append(event)
        self.pieces.add(piece)
        if event.trigger is not None:
            self.words.add(event.trigger.text.lower())
        self.entities |= _entity_ids(event)
        self.kinds.setdefault(_kind(event), event)


def _may_fold(event: EventFact) -> bool:
    """Reporting acts and untyped events are never folded into another record."""
    return event.type != "other" and event.event_class != "REPORTING"


def _keys(event: EventFact) -> list[tuple[str, str, str]]:
    """The blocks a record is found in: its type with its trigger word, its type with each entity."""
    keys: list[tuple[str, str, str]] = [("entity", event.type, e) for e in sorted(_entity_ids(event))]
    return keys if event.trigger is None else [("word", event.type, event.trigger.text.lower()), *keys]


def _entity_ids(event: EventFact) -> set[str]:
    return {p.entity_id for p in event.participants if p.entity_id}


def _kind(event: EventFact) -> tuple[object, ...]:
    people = frozenset((p.role, p.entity_id or p.name.lower()) for p in event.participants)
    return (event.factuality, (event.location or "").lower(), event.time, people)


class _Probe:
    """What ``_same_event`` reads of the record being placed, worked out once for all its candidates."""

    def __init__(self, event: EventFact, piece: int, text: str) -> None:
        self.event = event
        self.piece = piece
        self.word = event.trigger.text.lower() if event.trigger is not None else None
        at = event.trigger.start if event.trigger is not None else 0
        self.definite = bool(_DEFINITE.search(text[max(0, at - 8) : at]))  # "the strike", "their talks"
        self.entities = _entity_ids(event)


def _same_event(group: _Group, probe: _Probe) -> bool:
    """A record of another piece names the same event: same type, compatible, and either a definite
    reference to the same word ("the strike") or a shared entity with the same word, place or time.
    Reporting acts and untyped events are never folded. Cheap tests first, ``compatible`` last."""
    event, head = probe.event, group.members[0]
    if not _may_fold(event) or probe.piece in group.pieces or head.type != event.type:
        return False
    same_word = probe.word is not None and probe.word in group.words
    if not (same_word and probe.definite):
        if not group.entities & probe.entities:
            return False
        if not (same_word or same_place(head, event) or same_time(head, event)):
            return False
    return all(compatible(e, event) for e in group.kinds.values())


class _Retimer:
    """An event's time read again from the final reading of the date it came from: a piece reads
    "that day" without the date of the piece before; the whole text's reading is the one that stands."""

    def __init__(self, before: Iterable[DateFact], after: Iterable[DateFact]) -> None:
        self.before = {d.id: d for d in before}
        self.after = {d.id: d for d in after}

    def __call__(self, event: EventFact) -> EventFact:
        if event.time is None or not event.date_ids:
            return event
        source = next(
            (i for i in event.date_ids if i in self.before and _time(self.before[i]) == event.time),
            event.date_ids[0],  # a time that no linked date gave: the first linked date dates the event
        )
        date = self.after.get(source)
        if date is None:
            return event
        time = _time(date)
        return event if time == event.time else event.model_copy(update={"time": time})


def _time(date: DateFact) -> EventTime:
    return EventTime(value=date.value, start=date.start, end=date.end, grain=date.grain)


def _renamed(rejection: Rejection, names: dict[str, str]) -> Rejection:
    """A rejection's detail names a fact by id ("f3 = 9.0"): rename it with the fact."""
    match = _ID_DETAIL.match(rejection.detail or "")
    if match is None or match.group(1) not in names:
        return rejection
    return rejection.model_copy(update={"detail": names[match.group(1)] + match.group(2)})

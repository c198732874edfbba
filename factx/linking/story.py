"""A cluster of records becomes one story event: merged parts with their sources, and where reports disagree."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence

from factx._types import EventFact, FigureFact, Span
from factx.detect.text import dateline_city
from factx.linking.entities import EntityIndex, canonical, has_a_name, is_proper, name_key
from factx.linking.features import Record
from factx.linking.types import (
    Conflict,
    ConflictValue,
    Report,
    Source,
    StoryEntity,
    StoryEvent,
    StoryFigure,
    StoryParticipant,
    StoryPlace,
    StoryTime,
)


def _source(rec: Record, span: Span | None) -> Source:
    return Source(doc=rec.doc.id, span=span if span is not None else rec.event.span)


def _filled(event: EventFact) -> int:
    """How much a record states: the parts a reader would want in the one description shown."""
    return len(event.participants) + (event.location is not None) + (event.time is not None) + len(event.figure_ids)


def _report(rec: Record) -> Report:
    e = rec.event
    return Report(
        doc=rec.doc.id,
        event_id=e.id,
        span=e.span,
        trigger=e.trigger,
        description=e.description,
        type=e.type,
        factuality=e.factuality,
        source=e.source,
    )


def _participants(recs: Sequence[Record], entities: EntityIndex) -> tuple[StoryParticipant, ...]:
    merged: dict[tuple[str, str], list[tuple[str, Source]]] = defaultdict(list)
    for rec in recs:
        for part, named in zip(rec.event.participants, rec.named, strict=True):
            ident = entities.entity(part.name) if named else None
            key = (part.role, ident or part.name.lower())
            merged[key].append((part.name, _source(rec, part.span)))
    out = []
    for (role, name_or_id), found in merged.items():
        ident = name_or_id if name_or_id in entities.names else None
        name = canonical(entities.names[ident])[0] if ident else Counter(n for n, _ in found).most_common(1)[0][0]
        out.append(StoryParticipant(role=role, name=name, entity_id=ident, sources=tuple(s for _, s in found)))
    return tuple(sorted(out, key=lambda p: (-len(p.sources), p.role, p.name)))


def _place(recs: Sequence[Record], entities: EntityIndex) -> tuple[StoryPlace | None, Conflict | None]:
    """The place most reports give; places that differ are a conflict. A report's dateline ("DELBECK, March
    4 -") says where it was filed: it stands for the event's place only where no report states one, and
    never conflicts."""
    stated: dict[str, list[Source]] = defaultdict(list)
    filed: dict[str, list[Source]] = defaultdict(list)
    for rec in recs:
        if rec.event.location:
            key = rec.place or rec.event.location.lower()
            (filed if _in_dateline(rec) else stated)[key].append(_source(rec, rec.event.location_span))
    found = stated or filed
    if not found:
        return None, None
    names = {k: (canonical(entities.names[k])[0] if k in entities.names else k) for k in found}
    ranked = sorted(found, key=lambda k: (-len(found[k]), names[k]))
    top = ranked[0]
    place = StoryPlace(name=names[top], entity_id=top if top in entities.names else None, sources=tuple(found[top]))
    named = [k for k in ranked if has_a_name(names[k])]
    if not stated or not _places_disagree([name_key(names[k]) for k in named]):
        return place, None
    values = tuple(ConflictValue(value=names[k], sources=tuple(found[k])) for k in named)
    return place, Conflict(kind="place", about="place", values=values)


def _places_disagree(keys: Sequence[str]) -> bool:
    """Two places neither of which names the other: "Marvask coast" and "northern Valdoria" name a part of
    Marvask and Valdoria, and agree with them. Only named places are compared: "the hills east" of one report
    and "Cresthaven" of another can both be true."""
    words = [set(k.split()) for k in keys]
    return any(not (a <= b or b <= a) for a, b in itertools.combinations(words, 2))


def _in_dateline(rec: Record) -> bool:
    """The record's place is its document's dateline city, read from the dateline or, named as the document
    writes it elsewhere ("Delbeck" for "DELBECK, March 4 -"), from outside the event's own sentence."""
    event, span = rec.event, rec.event.location_span
    if span is None or event.location is None:
        return False
    datelines = [z.span for z in rec.doc.sheet.zones if z.kind == "dateline"]
    if any(d.start <= span.start and span.end <= d.end for d in datelines):
        return True
    cities = {dateline_city(d.text).lower() for d in datelines}
    inside = event.span.start <= span.start and span.end <= event.span.end
    return not inside and event.location.lower() in cities


def _time(recs: Sequence[Record]) -> tuple[StoryTime | None, Conflict | None]:
    """The narrowest interval inside the largest group of agreeing reports; disjoint groups are a conflict."""
    dated = [r for r in recs if r.start is not None and r.end is not None and r.event.time is not None]
    if not dated:
        return None, None
    groups: list[list[Record]] = []
    for rec in sorted(dated, key=lambda r: (r.start, r.end)):
        for group in groups:
            if all(_overlap(rec, other) for other in group):
                group.append(rec)
                break
        else:
            groups.append([rec])
    groups.sort(key=lambda g: (-len(g), min(r.start or dt.date.max for r in g)))

    def narrowest(group: list[Record]) -> Record:
        return min(group, key=lambda r: ((r.end or dt.date.max) - (r.start or dt.date.min), r.index))

    def sources(group: list[Record]) -> tuple[Source, ...]:
        return tuple(_source(r, _date_span(r)) for r in group)

    best = narrowest(groups[0])
    assert best.event.time is not None
    time = StoryTime(
        value=best.event.time.value,
        start=best.event.time.start,
        end=best.event.time.end,
        grain=best.event.time.grain,
        sources=sources(groups[0]),
    )
    if len(groups) < 2:
        return time, None
    values = []
    for group in groups:
        rep = narrowest(group)
        assert rep.event.time is not None
        values.append(ConflictValue(value=rep.event.time.value, sources=sources(group)))
    return time, Conflict(kind="time", about="date", values=tuple(values))


def _overlap(a: Record, b: Record) -> bool:
    assert a.start and a.end and b.start and b.end
    return a.start <= b.end and b.start <= a.end


def _date_span(rec: Record) -> Span | None:
    dates = {d.id: d for d in rec.doc.sheet.dates}
    for ident in rec.event.date_ids:
        if ident in dates:
            return dates[ident].span
    return None


def _figure_value(f: FigureFact) -> str:
    text = f"{f.low:g}-{f.high:g}" if f.low is not None and f.high is not None else f"{f.value:g}"
    if f.unit:
        text += f" {f.unit}"
    if f.bound:
        text = f"{f.bound.replace('_', ' ')} {text}"
    return ("about " if f.approximate else "") + text


def _agree(f: FigureFact, g: FigureFact) -> bool:
    """Two figures that can both be true: equal, overlapping ranges, or a bound the other value meets."""
    lo_f, hi_f = (f.low, f.high) if f.low is not None and f.high is not None else (f.value, f.value)
    lo_g, hi_g = (g.low, g.high) if g.low is not None and g.high is not None else (g.value, g.value)
    if f.bound in ("more_than", "at_least"):
        hi_f = float("inf")
    if f.bound in ("less_than", "at_most"):
        lo_f = float("-inf")
    if g.bound in ("more_than", "at_least"):
        hi_g = float("inf")
    if g.bound in ("less_than", "at_most"):
        lo_g = float("-inf")
    return lo_f <= hi_g and lo_g <= hi_f


def _reports_disagree(found: Sequence[tuple[FigureFact, Source]]) -> bool:
    """Two reports give values that cannot both be true. One report's own two numbers never conflict:
    "carrying 240 passengers, above its capacity of 180" counts two things, and "rose from 41 to 57" moves."""
    return any(not _agree(f, g) for (f, s), (g, t) in itertools.combinations(found, 2) if s.doc != t.doc)


def _counted(f: FigureFact, rec: Record) -> str:
    """What a figure is compared by: what it counts, or its unit where it counts nothing or the event's own
    participant ("the wildfire had burned 12,000 acres", "the fire burned 15,000 acres": both the area burned)."""
    own = {name_key(p.name) for p in rec.event.participants}
    counts = f.counts if f.counts and not (f.unit and _names_one_of(f.counts, own)) else None
    return (counts or f.unit or "").lower()


def _names_one_of(counts: str, participants: set[str]) -> bool:
    """The counted words end as a participant's do: the same head, or one head closing the other ("fire" and
    "wildfire")."""
    head = name_key(counts).split()[-1:]
    return bool(head) and any(_same_head(head[0], p.split()[-1]) for p in participants if p)


def _same_head(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 3 and long.endswith(short))


def _figures(recs: Sequence[Record]) -> tuple[tuple[StoryFigure, ...], tuple[Conflict, ...]]:
    """Every figure reported, and per thing counted, the values that cannot all be true."""
    figures: list[StoryFigure] = []
    by_count: dict[str, list[tuple[FigureFact, Source]]] = defaultdict(list)
    for rec in recs:
        for f in rec.figures:
            source = _source(rec, f.span)
            figures.append(
                StoryFigure(
                    value=f.value, unit=f.unit, counts=f.counts, approximate=f.approximate, bound=f.bound, source=source
                )
            )
            about = _counted(f, rec)
            if about and not f.ordinal:
                by_count[about].append((f, source))
    conflicts = []
    for about, found in by_count.items():
        if not _reports_disagree(found):
            continue
        groups: list[list[tuple[FigureFact, Source]]] = []
        for item in found:
            for group in groups:
                if all(_agree(item[0], other[0]) for other in group):
                    group.append(item)
                    break
            else:
                groups.append([item])
        if len(groups) > 1:
            values = tuple(
                ConflictValue(value=_figure_value(g[0][0]), sources=tuple(s for _, s in g))
                for g in sorted(groups, key=len, reverse=True)
            )
            conflicts.append(Conflict(kind="figure", about=about, values=values))
    return tuple(figures), tuple(conflicts)


def story_event(recs: Sequence[Record], entities: EntityIndex, score: float) -> StoryEvent:
    """One story event from the records of one cluster (its id is set when the timeline is ordered)."""
    ordered = sorted(recs, key=lambda r: (r.start or dt.date.max, r.doc.order, r.event.span.start))
    central = max(ordered, key=lambda r: (_filled(r.event), r.event.salience, -r.index))
    types = Counter(r.event.type for r in ordered if r.event.type != "other")
    top_type = types.most_common(1)[0][0] if types else central.event.type
    classes = Counter(r.event.event_class for r in ordered)
    place, place_conflict = _place(ordered, entities)
    time, time_conflict = _time(ordered)
    figures, figure_conflicts = _figures(ordered)
    conflicts = tuple(c for c in (time_conflict, place_conflict) if c is not None) + figure_conflicts
    documents = tuple(dict.fromkeys(r.doc.id for r in ordered))
    return StoryEvent(
        id="",
        description=central.event.description,
        description_source=_source(central, central.event.span),
        type=top_type,
        event_class=classes.most_common(1)[0][0],
        participants=_participants(ordered, entities),
        place=place,
        time=time,
        figures=figures,
        conflicts=conflicts,
        reports=tuple(_report(r) for r in ordered),
        documents=documents,
        score=round(min(1.0, max(0.0, score)), 4),
    )


def story_entities(records: Sequence[Record], entities: EntityIndex) -> tuple[StoryEntity, ...]:
    """Every linked entity the records name, with the spans naming it, most mentioned first; a place only
    where it is named ("Varnel", not "the town": two reports' towns need not be one)."""
    sources: dict[str, list[Source]] = defaultdict(list)
    for rec in records:
        for part, named in zip(rec.event.participants, rec.named, strict=True):
            ident = entities.entity(part.name) if named else None
            if ident:
                sources[ident].append(_source(rec, part.span))
        named_place = rec.event.location is not None and is_proper(rec.event.location)
        if rec.place and rec.event.location_span is not None and named_place:
            sources[rec.place].append(_source(rec, rec.event.location_span))
    out = []
    for ident, found in sources.items():
        name, aliases = canonical(entities.names[ident])
        unique = tuple(dict.fromkeys(found))
        out.append(StoryEntity(id=ident, name=name, aliases=aliases, sources=unique))
    return tuple(sorted(out, key=lambda e: (-len(e.sources), e.name)))

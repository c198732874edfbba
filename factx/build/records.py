"""Event records: mention-level events from code's candidates, linked to dates and figures, folded
into one record per real-world event (coreference), ranked by salience; the reader's list is a cut.

Salience (README "Salience"): typed trigger 0.30 (else 0.10), +0.10 for hard news (attack, death,
destruction, disaster, arrest, protest), +0.10 with a figure of its own (casualties, amounts), main
clause +0.15, headline or lead +0.15, a named participant or an agent named by its function ("the
league", "the ministry") +0.10 (any participant +0.05), a place
+0.05, a date +0.05, each further mention +0.10 (at most 0.20); reporting, state and perception
events count half, possible and hypothetical ones 0.8, planned ones 0.85, ones with neither
participant nor place 0.8 (hard news excepted: "the explosion" is news), captions 0.7; an untyped
record outside the lead at most ``UNTYPED_MOST``. ``sheet.events`` holds the records at or above ``LISTED``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from factx._types import DateFact, EventFact, EventTime, EventType, Factuality, FigureFact, Participant, Span
from factx.detect.events import Analysis, EventCandidate
from factx.detect.events.lexicon import HARD_NEWS, INSTITUTIONS
from factx.detect.events.times import event_dates, news_day
from factx.detect.text import dateline_city

LISTED = 0.45
UNTYPED_MOST = 0.35
"""An untyped record's salience at most outside the lead, below the cut by more than a ``choose`` vote: when
code cannot say what happened ("described him as", "spoke", "removed the cordon") a reader has nothing to
list, so code alone never lists it; the lead's verb is the story's whatever its type ("Striking miners
blocked the road"), and a capable model's reading still may list any (``extract``)."""
_UNREAL = {"planned", "possible", "hypothetical", "negated"}
_LOW_CLASSES = {"REPORTING", "STATE", "I_STATE", "PERCEPTION"}


@dataclass(frozen=True)
class Correction:
    """What the model said about one of code's mentions, every part already checked by ``verify``.

    ``keep`` decides the reader's list when ``decides`` (a capable model's verdict, ``extract``);
    otherwise it moves the salience by ``vote`` (the embedded model's tie-break, ``choose``). A part
    left None keeps code's reading.
    """

    keep: bool | None = None
    decides: bool = False
    vote: float = 0.0
    type: EventType | None = None
    factuality: Factuality | None = None
    source: str | None = None
    participants: tuple[Participant, ...] | None = None
    location: tuple[str | None, Span | None] | None = None
    date_ids: tuple[str, ...] | None = None
    same_as: tuple[str, ...] = ()


def salience(fact: EventFact, cand: EventCandidate | None = None, placed: bool | None = None) -> float:
    """A mention's own salience (before coreference bonuses), in [0, 1]; ``cand`` tells its clause
    (main, lead, caption), ``placed`` whether the place counts (code's dateline fallback does not)."""
    main, lead = (cand.main, cand.lead) if cand else (True, False)
    has_place = (fact.location is not None) if placed is None else placed
    score = 0.30 if fact.type != "other" else 0.10
    score += 0.10 if fact.figure_ids else 0.0
    score += 0.10 if fact.type in HARD_NEWS else 0.0
    score += 0.15 if main else 0.0
    score += 0.15 if lead else 0.0
    if any(p.entity_id or (p.role == "agent" and _institution(p.name)) for p in fact.participants):
        score += 0.10
    elif fact.participants:
        score += 0.05
    score += 0.05 if has_place else 0.0
    score += 0.05 if fact.date_ids else 0.0
    if fact.event_class in _LOW_CLASSES:
        score *= 0.5
    if fact.factuality in ("possible", "hypothetical"):
        score *= 0.8
    elif fact.factuality == "planned":
        score *= 0.85  # what happened before what is planned
    if not fact.participants and not has_place and fact.type not in HARD_NEWS:
        score *= 0.8  # "Losses", "Vote on the funding": nothing a reader could state
    if cand is not None and cand.zone == "caption":
        score *= 0.7
    if fact.type == "other" and not lead:  # the lead says what the story is about, whatever its verb
        score = min(score, UNTYPED_MOST)
    return round(min(1.0, score), 3)


def _institution(name: str) -> bool:
    """An agent named by its function ("the national football league", "the ministry")."""
    words = name.lower().split()
    return bool(words) and words[-1] in INSTITUTIONS and words[0] not in ("a", "an", "any", "some", "another")


def mention_facts(
    text: str,
    analysis: Analysis,
    dates: Sequence[DateFact],
    figures: Sequence[FigureFact],
    reference: dt.date | None,
) -> list[EventFact]:
    """Every candidate as a mention-level event (ids m1..), with its dates, figures, time and place."""
    timed = [d for d in dates if d.type in ("DATE", "TIME")]
    own = event_dates(text, analysis, dates)
    figure_owner = {f.id: analysis.owner(f.span.start, f.span.end) for f in figures}
    dateline = next((z.span for z in analysis.zones if z.kind == "dateline" and z.span.start < 300), None)
    out: list[EventFact] = []
    story_day: list[DateFact] = news_day(timed, reference)
    for cand in analysis.candidates:
        linked = own[cand.key]
        if not linked and cand.conj_of:  # "declared ... on Monday night and asked": the same time
            linked = own.get(cand.conj_of, [])
        if not linked and cand.event_class == "REPORTING" and story_day:  # "..., he said": the story's day
            linked = story_day
        if linked and cand.event_class == "REPORTING":
            story_day = linked
        time = _time(linked[0]) if linked else None
        factuality = cand.factuality
        if factuality == "asserted" and reference and time and time.start and time.start > reference:
            factuality = "planned"  # "the summit next week"
        figure_ids = tuple(f.id for f in figures if figure_owner.get(f.id) == cand.key)
        location, location_span = (
            (cand.place.name, _span(text, cand.place.start, cand.place.end))
            if cand.place
            else (
                None,
                None,
            )
        )
        if location is None and dateline is not None and cand.lead and cand.zone == "body":
            location, location_span = _dateline_place(text, dateline, analysis)
        fact = EventFact(
            id=f"m{len(out) + 1}",
            span=_span(text, *cand.clause),
            trigger=_span(text, *cand.trigger),
            description=cand.description,
            type=cand.type,
            event_class=cand.event_class,
            participants=tuple(
                Participant(role=p.role, span=_span(text, p.start, p.end), name=p.name, entity_id=p.entity_id)
                for p in cand.participants
            ),
            actors=cand.actors,
            location=location,
            location_span=location_span,
            date_ids=tuple(d.id for d in linked),
            time=time,
            figure_ids=figure_ids,
            mentions=(_span(text, *cand.trigger),),
            factuality=factuality,
            source=cand.source,
        )
        out.append(fact.model_copy(update={"salience": salience(fact, cand, cand.place is not None)}))
    return out


def apply(
    mentions: Sequence[EventFact],
    analysis: Analysis,
    corrections: Mapping[str, Correction],
    added: Sequence[EventFact],
    dates: Sequence[DateFact],
) -> list[EventFact]:
    """The mentions as the model's checked verdicts leave them (a pure function): corrected parts
    replace code's, verdicts are marked, salience moves by a vote; the model's additions follow."""
    by_id = {d.id: d for d in dates}
    given = dict(corrections)
    fresh: list[EventFact] = []
    for fact in added:  # an "addition" of a listed mention (same trigger) is a vote to keep it
        same = next((c.key for c in analysis.candidates if _same_trigger(c.trigger, fact.trigger)), None)
        if same is None:
            fresh.append(fact)
        elif same not in given:
            given[same] = Correction(keep=True, decides=True)
    out: list[EventFact] = []
    for cand, fact in zip(analysis.candidates, mentions, strict=False):
        change = given.get(cand.key)
        out.append(fact if change is None else _corrected(fact, cand, change, by_id))
    for n, fact in enumerate(fresh, len(out) + 1):
        fact = fact.model_copy(update={"id": f"m{n}", "time": _first_time(fact.date_ids, by_id)})
        out.append(fact.model_copy(update={"salience": salience(fact)}))
    return out


def _same_trigger(trigger: tuple[int, int], other: Span | None) -> bool:
    return other is not None and trigger[0] < other.end and other.start < trigger[1]


def _corrected(fact: EventFact, cand: EventCandidate, change: Correction, dates: Mapping[str, DateFact]) -> EventFact:
    update: dict[str, object] = {
        k: v for k, v in (("type", change.type), ("factuality", change.factuality), ("source", change.source)) if v
    }
    placed = cand.place is not None
    if change.participants is not None:
        update["participants"] = change.participants
        update["actors"] = tuple(dict.fromkeys(p.name for p in change.participants if p.role == "agent"))
    if change.location is not None:
        update["location"], update["location_span"] = change.location
        placed = change.location[0] is not None
    if change.date_ids is not None:
        update["date_ids"] = change.date_ids
        update["time"] = _first_time(change.date_ids, dates)
    if change.keep is not None and change.decides:
        update["model_verdict"] = "kept" if change.keep else "dropped"
    corrected = fact.model_copy(update=update)
    score = salience(corrected, cand, placed) if update else fact.salience
    if change.keep is not None and not change.decides:
        score = max(0.0, min(1.0, score + (change.vote if change.keep else -change.vote)))
    return corrected.model_copy(update={"salience": round(score, 3)})


def _first_time(ids: Sequence[str], dates: Mapping[str, DateFact]) -> EventTime | None:
    linked = [dates[i] for i in ids if i in dates and dates[i].type in ("DATE", "TIME")]
    return _time(linked[0]) if linked else None


def records(
    mentions: Sequence[EventFact],
    analysis: Analysis,
    same: Mapping[str, Sequence[str]] | None = None,
    listed: float = LISTED,
) -> tuple[list[EventFact], list[EventFact]]:
    """(the reader's list, every record): coreferent mentions folded, most salient first.

    A mention the model kept or added is listed; one it dropped is no record; the others are
    listed when their record's salience reaches ``listed``. ``same`` (candidate key -> keys the
    model says are the same event) folds judged mentions; code's coreference folds the rest.
    """
    groups = fold_groups(mentions, analysis, same or {})
    return cut(assemble(groups, mentions), listed)


def cut(ranked: list[EventFact], listed: float = LISTED) -> tuple[list[EventFact], list[EventFact]]:
    """The reader's list of ranked records, and all of them."""
    return [e for e in ranked if e.model_verdict in ("kept", "added") or e.salience >= listed], ranked


def assemble(groups: Sequence[Sequence[int]], mentions: Sequence[EventFact]) -> list[EventFact]:
    """One record per group of mentions, ranked; a record the model kept sits at least at the cut."""
    folded = []
    for group in groups:
        record = fold([mentions[i] for i in group])
        judged = [mentions[i].model_verdict for i in group if mentions[i].model_verdict in ("kept", "added")]
        if judged:
            record = record.model_copy(update={"model_verdict": judged[0], "salience": max(record.salience, LISTED)})
        folded.append(record)
    return rank(folded)


def fold_groups(
    mentions: Sequence[EventFact], analysis: Analysis, same: Mapping[str, Sequence[str]] | None = None
) -> list[list[int]]:
    """Mentions (by index) grouped into events: the model's same-event ids for the mentions it judged,
    code's coreference for the rest; mentions the model dropped are in no group."""
    by_key = {c.key: c for c in analysis.candidates}
    keys = [c.key for c in analysis.candidates]
    index = {k: n for n, k in enumerate(keys)}
    links = same or {}
    groups: list[list[int]] = []
    home: dict[int, list[int]] = {}
    for n, fact in enumerate(mentions):
        if fact.model_verdict == "dropped":
            continue
        if fact.model_verdict in ("kept", "added"):
            told = [index[k] for k in links.get(keys[n], ()) if k in index] if n < len(keys) else []
            told += [i for i, k in enumerate(keys[:n]) if keys[n] in links.get(k, ())] if n < len(keys) else []
            target = next((home[i] for i in told if i in home), None)
        else:
            cand = by_key[keys[n]] if n < len(keys) else None
            target = _antecedent(fact, cand, groups, mentions, by_key, keys)
        if target is None:
            target = []
            groups.append(target)
        target.append(n)
        home[n] = target
    return groups


def rank(folded: Iterable[EventFact]) -> list[EventFact]:
    """Records most salient first (earlier text first among equals), numbered e1, e2 ... in that order."""
    ordered = sorted(folded, key=lambda e: (-e.salience, e.span.start))
    return [e.model_copy(update={"id": f"e{n}"}) for n, e in enumerate(ordered, 1)]


def record_scores(
    groups: Sequence[Sequence[int]], mentions: Sequence[EventFact], analysis: Analysis
) -> dict[str, float]:
    """Per candidate key, the salience of the record its mention folds into (what the reader's cut sees)."""
    keys = [c.key for c in analysis.candidates]
    out: dict[str, float] = {}
    for group in groups:
        score = fold([mentions[i] for i in group]).salience
        out.update({keys[i]: score for i in group if i < len(keys)})
    return out


def _antecedent(
    fact: EventFact,
    cand: EventCandidate | None,
    groups: list[list[int]],
    mentions: Sequence[EventFact],
    by_key: Mapping[str, EventCandidate],
    keys: Sequence[str],
) -> list[int] | None:
    """The earlier record this mention refers to, if any (same type, compatible roles, place, time)."""
    from factx.detect.events.lexicon import INSTRUMENTS as weapons

    if fact.type == "other" or cand is None or cand.event_class == "REPORTING":
        return None  # every "said" is its own act
    best: tuple[int, int] | None = None
    for n, group in enumerate(groups):
        head = mentions[group[0]]
        head_cand = by_key[keys[group[0]]]
        if head.type != fact.type or head_cand.event_class == "REPORTING":
            continue
        if not all(compatible(mentions[i], fact) for i in group):
            continue
        joins = (head_cand.sentence == cand.sentence and _argument_of(fact, group, mentions)) or (
            cand.pos == "NOUN" and cand.definite  # "the flood", "their talks"
        )
        same_word = head_cand.lemma == cand.lemma or head_cand.pos == "NOUN"
        joins = joins or (cand.pos == "VERB" and same_word and shares_entity(head, fact))
        heads = [t.start for t in (mentions[i].trigger for i in group) if t is not None]
        # "The quake hit": the theme of the mention is one of the record's own mentions (not a weapon: "each
        # bomb exploded" is one bomb's explosion, not the bombing the record tells)
        joins = joins or any(
            p.role == "theme" and p.span.start <= h < p.span.end and p.span.text.split()[-1].lower() not in weapons
            for p in fact.participants
            for h in heads
        )
        # one meeting told by several verbs: "met in Beijing and discussed trade" (same sentence, same agents),
        # "Kim met Xi in Beijing. Kim and Xi held talks" (the same named parties)
        agents = {p.entity_id or p.name.lower() for i in group for p in mentions[i].participants if p.role == "agent"}
        shared = agents & {p.entity_id or p.name.lower() for p in fact.participants if p.role == "agent"}
        ids = {p.entity_id for i in group for p in mentions[i].participants if p.role == "agent" and p.entity_id}
        named = bool(ids & {p.entity_id for p in fact.participants if p.role == "agent" and p.entity_id})
        joins = joins or (fact.type == "meet" and (head_cand.sentence == cand.sentence or named) and bool(shared))
        if joins:
            score = 2 * same_place(head, fact) + 2 * same_time(head, fact) + shares_entity(head, fact)
            if best is None or (score, n) > best:
                best = (score, n)
    return groups[best[1]] if best else None


def _argument_of(fact: EventFact, group: list[int], mentions: Sequence[EventFact]) -> bool:
    at = fact.trigger.start if fact.trigger else -1
    if any(p.span.start <= at < p.span.end for m in group for p in mentions[m].participants):
        return True
    heads = [t.start for t in (mentions[m].trigger for m in group) if t is not None]
    return any(p.span.start <= h < p.span.end for p in fact.participants for h in heads)


def same_place(a: EventFact, b: EventFact) -> bool:
    """Both events are placed, at the same place."""
    return bool(a.location and b.location and a.location.lower() == b.location.lower())


def compatible(a: EventFact, b: EventFact) -> bool:
    """Nothing tells the two apart: same realness, no clash of place, time or agents."""
    if (a.factuality in _UNREAL) != (b.factuality in _UNREAL):
        return False  # a planned visit is not the summit that happened
    if a.location and b.location and a.location.lower() != b.location.lower():
        return False
    if a.time and b.time and not _overlap(a.time, b.time):
        return False
    agents_a = {p.entity_id or p.name.lower() for p in a.participants if p.role == "agent"}
    agents_b = {p.entity_id or p.name.lower() for p in b.participants if p.role == "agent"}
    return not (agents_a and agents_b and not agents_a & agents_b)


def shares_entity(a: EventFact, b: EventFact) -> bool:
    """A participant of one is an entity that takes part in the other."""
    ids = {p.entity_id for p in a.participants if p.entity_id}
    return bool(ids & {p.entity_id for p in b.participants if p.entity_id})


def same_time(a: EventFact, b: EventFact) -> bool:
    """Both events are dated, with the same value."""
    return bool(a.time and b.time and a.time.value == b.time.value)


def _overlap(a: EventTime, b: EventTime) -> bool:
    if a.start and a.end and b.start and b.end:
        return a.start <= b.end and b.start <= a.end
    return a.value == b.value


def repeat_bonus(mentions: int) -> float:
    """What further mentions of one event add to its salience: 0.10 each, at most 0.20."""
    return min(0.2, 0.1 * (mentions - 1))


def fold(group: list[EventFact]) -> EventFact:
    """One record from its mentions: the most informative mention speaks, the others add what they know."""
    best = max(group, key=lambda m: (_informative(m), -m.span.start))  # roles weigh most: a clause speaks
    participants: list[Participant] = []
    for m in [best, *group]:
        for p in m.participants:
            if not any((p.entity_id and p.entity_id == q.entity_id) or p.span == q.span for q in participants):
                participants.append(p)
    located = next((m for m in [best, *group] if m.location), None)
    timed = next((m for m in [best, *group] if m.time), None)
    bonus = repeat_bonus(len(group))
    triggers = [m.trigger for m in group if m.trigger is not None]
    first = [best.trigger] if best.trigger else []
    return best.model_copy(
        update={
            "participants": tuple(participants),
            "actors": tuple(dict.fromkeys(p.name for p in participants if p.role == "agent")),
            "location": located.location if located else None,
            "location_span": located.location_span if located else None,
            "time": timed.time if timed else None,
            "date_ids": tuple(dict.fromkeys(i for m in group for i in m.date_ids)),
            "figure_ids": tuple(dict.fromkeys(i for m in group for i in m.figure_ids)),
            "mentions": tuple(first + [t for t in triggers if t not in first]),
            "salience": round(min(1.0, max(m.salience for m in group) + bonus), 3),
        }
    )


def _informative(m: EventFact) -> int:
    return 2 * len(m.participants) + (m.location is not None) + (m.time is not None) + (m.trigger is not None)


def _time(date: DateFact) -> EventTime:
    return EventTime(value=date.value, start=date.start, end=date.end, grain=date.grain)


def _span(text: str, start: int, end: int) -> Span:
    return Span.of(text, start, end)


def _dateline_place(text: str, dateline: Span, analysis: Analysis) -> tuple[str | None, Span | None]:
    """The dateline's city ("KORVANA, Oct. 8 -"), named as the document names it elsewhere ("Korvana") but
    sourced to the dateline: a mention in another sentence ("detained at his home in Korvana") says
    nothing of where the lead's events happened."""
    city = dateline_city(dateline.text)
    if not city or not city.replace(" ", "").replace(".", "").isalpha():
        return None, None
    start = text.find(city, dateline.start)
    known = next((e for e in analysis.entities.items if e.name.lower() == city.lower()), None)
    return (known.name if known else city.title()), Span.of(text, start, start + len(city))

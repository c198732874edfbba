"""Long texts read in pieces: event times agree with the whole text's dates; the fold across pieces
compares each record with a bounded set of groups and folds exactly what comparing with all would."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

import pytest

import factx
import factx.pipeline
import factx.verify.pieces as merging
from factx._types import EventFact, EventTime, EventType, FactSheet, Participant, Span
from factx.detect.pieces import pieces
from factx.testing import FakeBackend
from factx.verify.pieces import PieceMerger

FILLER = "The weather stayed mild all week and the markets were calm. " * 3


def test_event_time_is_the_whole_text_reading_of_its_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # "That day" opens a piece of its own: read alone, the piece has no date before it
    text = (
        "Rebels attacked an army base near Tessa on March 3, 2025, the ministry said.\n\n" + FILLER + "\n\n"
        "That day, police arrested 40 protesters in the northern town of Vell.\n\n" + FILLER
    )
    monkeypatch.setattr(factx.pipeline, "PIECE_CHARS", 300)
    assert any(text[start:].startswith("That day") for start, _ in pieces(text, 300))
    sheet = factx.extract_facts(text, reference_date="2025-10-07", backend=FakeBackend())
    dates = {d.id: d for d in sheet.dates}
    that_day = next(d for d in sheet.dates if d.span.text == "That day")
    assert that_day.value == "2025-03-03"
    arrests = [e for e in (*sheet.events, *sheet.event_mentions) if e.trigger and e.trigger.text == "arrested"]
    assert len(arrests) == 2  # the record and its mention
    for event in arrests:
        assert event.date_ids == (that_day.id,)
        assert event.time == EventTime(
            value="2025-03-03", start=dt.date(2025, 3, 3), end=dt.date(2025, 3, 3), grain="day"
        )
    for event in (*sheet.events, *sheet.event_mentions):  # every dated event agrees with a date it links to
        if event.time is not None:
            assert event.time.value in {dates[i].value for i in event.date_ids}


# The fold across pieces, on records built directly: one short sentence per record, one record per piece.

_TYPES: tuple[EventType, ...] = ("attack", "protest")
_WORDS = ("strike", "attack", "march")
_NAMES = ("Mirela", "Bren", "Tessa")
_DAYS = (None, "2025-03-03", "2025-03-04")


def _record(
    piece_text: str,
    event_type: EventType,
    word: str,
    name: str | None,
    day: str | None,
    place: str | None,
    reporting: bool,
) -> EventFact:
    at = piece_text.index(word)
    trigger = Span.of(piece_text, at, at + len(word))
    people: tuple[Participant, ...] = ()
    if name is not None:
        n = piece_text.index(name)
        people = (
            Participant(
                role="agent", span=Span.of(piece_text, n, n + len(name)), name=name, entity_id=f"n{_NAMES.index(name)}"
            ),
        )
    when = (
        None
        if day is None
        else EventTime(value=day, start=dt.date.fromisoformat(day), end=dt.date.fromisoformat(day), grain="day")
    )
    return EventFact(
        span=Span.of(piece_text, 0, len(piece_text)),
        trigger=trigger,
        description=piece_text.strip(),
        type=event_type,
        event_class="REPORTING" if reporting else "OCCURRENCE",
        participants=people,
        location=place,
        time=when,
        mentions=(trigger,),
        salience=0.5,
    )


def _merged(records: list[tuple[str, Callable[[str], EventFact]]]) -> tuple[list[list[int]], PieceMerger]:
    """Each (sentence, record) as one piece of a text; the folded records as lists of mention offsets."""
    text = "".join(sentence for sentence, _ in records)
    merger = PieceMerger(text)
    offset = 0
    for sentence, build in records:
        merger.add(offset, FactSheet(text=sentence, model="fake", events=(build(sentence),)))
        offset += len(sentence)
    sheet = merger.sheet(model="fake", reference_date=None, reference_source="none", dates_in_context=())
    return sorted(sorted(m.start for m in e.mentions) for e in sheet.events), merger


def _random_records(rng: random.Random, n: int) -> list[tuple[str, Callable[[str], EventFact]]]:
    out: list[tuple[str, Callable[[str], EventFact]]] = []
    for _ in range(n):
        word, name, place = rng.choice(_WORDS), rng.choice((None, *_NAMES)), rng.choice((None, "Vell", "Oska"))
        sentence = f"{rng.choice(('The', 'A'))} {word} {'by ' + name if name else 'began'} in {place or 'town'}. "
        kind, day, reporting = rng.choice(_TYPES), rng.choice(_DAYS), rng.random() < 0.1

        def build(
            s: str,
            k: EventType = kind,
            w: str = word,
            who: str | None = name,
            d: str | None = day,
            p: str | None = place,
            r: bool = reporting,
        ) -> EventFact:
            return _record(s, k, w, who, d, p, r)

        out.append((sentence, build))
    return out


def test_fold_across_pieces_equals_comparing_every_record_with_every_member(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(19)
    for _ in range(25):
        records = _random_records(rng, rng.randint(5, 60))
        blocked, _ = _merged(records)
        with monkeypatch.context() as all_pairs:  # one block holding every group, every member its own kind
            all_pairs.setattr(merging, "_keys", lambda event: [("all", "", "")])
            all_pairs.setattr(merging, "_kind", lambda event: (id(event),))
            all_pairs.setattr(PieceMerger, "CANDIDATES", 10**9)
            everything, _ = _merged(records)
        assert blocked == everything
        assert any(len(group) > 1 for group in blocked) or len(records) < 10


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    compatible: Callable[[EventFact, EventFact], bool] = vars(merging)["compatible"]

    def counted(a: EventFact, b: EventFact) -> bool:
        calls[0] += 1
        return compatible(a, b)

    monkeypatch.setattr(merging, "compatible", counted)
    return calls


def _attacks(days: list[str], definite: str = "The") -> list[tuple[str, Callable[[str], EventFact]]]:
    def build(day: str) -> Callable[[str], EventFact]:
        return lambda s: _record(s, "attack", "attack", "Mirela", day, None, False)

    return [(f"{definite} attack by Mirela went on. ", build(day)) for day in days]


@pytest.mark.parametrize("n", [100, 400])
def test_records_that_never_fold_meet_a_bounded_number_of_groups(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    # one attack a day, every day another: no two fold, yet all share a type, a word and an entity
    days = [(dt.date(2024, 1, 1) + dt.timedelta(days=k)).isoformat() for k in range(n)]
    calls = _counting(monkeypatch)
    groups, merger = _merged(_attacks(days))
    assert len(groups) == n
    assert merger.comparisons <= PieceMerger.CANDIDATES * n < n * (n - 1) // 2  # all pairs: n(n-1)/2
    assert calls[0] <= merger.comparisons


@pytest.mark.parametrize("n", [100, 400])
def test_one_event_told_in_every_piece_is_tested_once_per_kind(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    # "the attack" in every piece, the same day: one record; each new piece tests one kind, not every member
    calls = _counting(monkeypatch)
    groups, merger = _merged(_attacks(["2025-03-03"] * n))
    sentence = "The attack by Mirela went on. "
    assert groups == [[len("The ") + k * len(sentence) for k in range(n)]]
    assert merger.comparisons == n - 1
    assert calls[0] == n - 1  # all members: n(n-1)/2


def test_blocks_never_hold_more_than_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PieceMerger, "CANDIDATES", 4)
    days = [(dt.date(2024, 1, 1) + dt.timedelta(days=k)).isoformat() for k in range(50)]
    records: list[Any] = _attacks(days)
    _, merger = _merged(records)
    assert merger.comparisons <= 4 * 2 * 50  # two blocks a record (its word, its entity), four groups each

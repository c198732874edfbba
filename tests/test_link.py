"""factx.link: the same event across invented reports, with provenance of every part and the conflicts between them."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import pytest

import factx
from factx._types import EventFact, EventTime, FactSheet, FigureFact, Participant, Span, Usage, Zone
from factx.backends import Backend, ModelRequest, Reply
from factx.linking import Story, link, vote
from factx.linking.api import build_records
from factx.linking.cluster import average_link, candidate_pairs
from factx.linking.entities import build_index, is_proper, lower_words, named_in, names_someone
from factx.linking.features import (
    FEATURES,
    FEW,
    Doc,
    cosine,
    doc_terms,
    document_groups,
    few_scale,
    near_trigger,
    pair_features,
    record,
)
from factx.linking.subjects import RAREST, rarity, subjects
from factx.linking.vote import Answers, Votes, controls, pair_messages
from factx.linking.words import family, lemma, particle, senses, synonyms
from factx.testing import FakeBackend, answer_choices

QUAKE_A = (
    "A strong earthquake struck the town of Varnel on Tuesday, killing 40 people.\n"
    "Rescue teams searched the rubble through the night."
)
QUAKE_B = "The earthquake that hit Varnel on Tuesday killed 52 people, the regional governor Ilse Marten said."
FLOOD_C = "Floods swept through the river valley of Oberau in June, destroying 300 homes."


def _span(text: str, phrase: str, after: int = 0) -> Span:
    start = text.index(phrase, after)
    return Span.of(text, start, start + len(phrase))


def _sentence(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    stop = text.find("\n", start)
    return Span.of(text, text.rfind("\n", 0, start) + 1, len(text) if stop < 0 else stop)


def _sheet_a() -> FactSheet:
    t = QUAKE_A
    deaths = FigureFact(id="f1", span=_span(t, "40 people"), value=40, unit="people", counts="people killed")
    tuesday = factx.DateFact(
        id="d1", span=_span(t, "Tuesday"), value="2025-03-04", start=dt.date(2025, 3, 4), end=dt.date(2025, 3, 4)
    )
    time = EventTime(value="2025-03-04", start=dt.date(2025, 3, 4), end=dt.date(2025, 3, 4), grain="day")
    quake = EventFact(
        id="e1",
        span=_sentence(t, "A strong"),
        trigger=_span(t, "earthquake"),
        description="A strong earthquake struck",
        type="disaster",
        location="Varnel",
        location_span=_span(t, "Varnel"),
        date_ids=("d1",),
        time=time,
        salience=0.8,
    )
    killing = EventFact(
        id="e2",
        span=_sentence(t, "A strong"),
        trigger=_span(t, "killing"),
        description="killing 40 people",
        type="die_injure",
        location="Varnel",
        location_span=_span(t, "Varnel"),
        date_ids=("d1",),
        time=time,
        figure_ids=("f1",),
        salience=0.7,
    )
    search = EventFact(
        id="e3",
        span=_sentence(t, "Rescue"),
        trigger=_span(t, "searched"),
        description="Rescue teams searched the rubble",
        salience=0.4,
    )
    return FactSheet(
        text=t,
        reference_date=dt.date(2025, 3, 5),
        model="test",
        dates=(tuesday,),
        figures=(deaths,),
        events=(quake, killing, search),
    )


def _sheet_b() -> FactSheet:
    t = QUAKE_B
    deaths = FigureFact(id="f1", span=_span(t, "52 people"), value=52, unit="people", counts="people killed")
    tuesday = factx.DateFact(
        id="d1", span=_span(t, "Tuesday"), value="2025-03-04", start=dt.date(2025, 3, 4), end=dt.date(2025, 3, 4)
    )
    time = EventTime(value="2025-03-04", start=dt.date(2025, 3, 4), end=dt.date(2025, 3, 4), grain="day")
    quake = EventFact(
        id="e1",
        span=Span.of(t, 0, len(t)),
        trigger=_span(t, "earthquake"),
        description="The earthquake hit Varnel",
        type="disaster",
        location="Varnel",
        location_span=_span(t, "Varnel"),
        date_ids=("d1",),
        time=time,
        salience=0.8,
    )
    killed = EventFact(
        id="e2",
        span=Span.of(t, 0, len(t)),
        trigger=_span(t, "killed"),
        description="The earthquake killed 52 people",
        type="die_injure",
        location="Varnel",
        location_span=_span(t, "Varnel"),
        date_ids=("d1",),
        time=time,
        figure_ids=("f1",),
        factuality="reported",
        source="Ilse Marten",
        participants=(Participant(role="agent", span=_span(t, "The earthquake"), name="The earthquake"),),
        salience=0.7,
    )
    said = EventFact(
        id="e3",
        span=Span.of(t, 0, len(t)),
        trigger=_span(t, "said"),
        description="Ilse Marten said",
        type="statement",
        event_class="REPORTING",
        participants=(
            Participant(role="agent", span=_span(t, "the regional governor Ilse Marten"), name="Ilse Marten"),
        ),
        salience=0.3,
    )
    return FactSheet(
        text=t,
        reference_date=dt.date(2025, 3, 5),
        model="test",
        dates=(tuesday,),
        figures=(deaths,),
        events=(quake, killed, said),
    )


def _sheet_c() -> FactSheet:
    t = FLOOD_C
    june = EventTime(value="2024-06", start=dt.date(2024, 6, 1), end=dt.date(2024, 6, 30), grain="month")
    flood = EventFact(
        id="e1",
        span=Span.of(t, 0, len(t)),
        trigger=_span(t, "Floods"),
        description="Floods swept",
        type="disaster",
        location="Oberau",
        location_span=_span(t, "Oberau"),
        time=june,
        salience=0.8,
    )
    return FactSheet(text=t, model="test", events=(flood,))


def _story() -> Story:
    return link({"wire-a": _sheet_a(), "paper-b": _sheet_b(), "blog-c": _sheet_c()})


def test_the_same_events_link_across_reports_and_others_stay_apart() -> None:
    story = _story()
    groups = {frozenset((r.doc, r.event_id) for r in e.reports) for e in story.events}
    assert frozenset({("wire-a", "e1"), ("paper-b", "e1")}) in groups  # earthquake / quake
    assert frozenset({("wire-a", "e2"), ("paper-b", "e2")}) in groups  # killing / killed
    assert frozenset({("blog-c", "e1")}) in groups  # the flood is another event
    assert frozenset({("wire-a", "e3")}) in groups
    assert len(story.events) == 5
    assert story.documents == ("wire-a", "paper-b", "blog-c")


def test_the_callers_stories_group_documents_and_keep_stories_apart() -> None:
    sheets = {"wire-a": _sheet_a(), "paper-b": _sheet_b(), "blog-c": _sheet_c()}
    told = link(sheets, stories={"wire-a": "quake", "paper-b": "quake", "blog-c": "flood"})
    assert [e.documents for e in told.events] == [e.documents for e in _story().events]  # as code grouped them
    apart = link(sheets, stories={"wire-a": "quake", "paper-b": "other quake"})  # blog-c: code's to group
    assert all(len(e.documents) == 1 for e in apart.events)  # two stories' records are never compared
    with pytest.raises(factx.FactxInputError, match="'nope'"):
        link(sheets, stories={"nope": "quake"})


def test_every_part_keeps_its_source_document_and_span() -> None:
    story = _story()
    sheets = {"wire-a": _sheet_a(), "paper-b": _sheet_b(), "blog-c": _sheet_c()}
    killed = next(e for e in story.events if {r.event_id for r in e.reports} == {"e2"} and len(e.reports) == 2)
    assert killed.documents == ("wire-a", "paper-b")
    assert killed.place is not None and killed.place.name == "Varnel"
    assert {s.doc for s in killed.place.sources} == {"wire-a", "paper-b"}
    assert killed.time is not None and killed.time.value == "2025-03-04"
    assert {s.span.text for s in killed.time.sources} == {"Tuesday"}
    sources = [killed.description_source, *killed.place.sources, *killed.time.sources]
    sources += [s for p in killed.participants for s in p.sources] + [f.source for f in killed.figures]
    for source in sources:
        text = sheets[source.doc].text
        assert text[source.span.start : source.span.end] == source.span.text
    report_b = next(r for r in killed.reports if r.doc == "paper-b")
    assert report_b.factuality == "reported" and report_b.source == "Ilse Marten"


def test_reports_that_disagree_on_a_figure_are_a_conflict_with_both_sources() -> None:
    killed = next(e for e in _story().events if e.type == "die_injure")
    assert [f.value for f in killed.figures] == [40.0, 52.0]
    (conflict,) = killed.conflicts
    assert conflict.kind == "figure" and conflict.about == "people killed"
    by_value = {v.value: [(s.doc, s.span.text) for s in v.sources] for v in conflict.values}
    assert by_value == {
        "40 people": [("wire-a", "40 people")],
        "52 people": [("paper-b", "52 people")],
    }


def test_figures_that_can_both_be_true_are_no_conflict() -> None:
    a = _sheet_a()
    b = _sheet_b()
    fewer = b.figures[0].model_copy(update={"value": 30.0, "bound": "more_than"})
    story = link({"a": a, "b": b.model_copy(update={"figures": (fewer,)})})
    killed = next(e for e in story.events if e.type == "die_injure")
    assert killed.conflicts == ()  # 40 and "more than 30" agree


def test_one_reports_own_two_numbers_are_no_conflict() -> None:
    a, b = _sheet_a(), _sheet_b()
    t = a.text
    other = FigureFact(id="f2", span=_span(t, "Tuesday"), value=12, unit="people", counts="people killed")
    killing = next(e for e in a.events if e.id == "e2")
    a = a.model_copy(
        update={
            "figures": (*a.figures, other),  # e.g. "killing 40 people, 12 of them children": two counts of one report
            "events": tuple(
                e.model_copy(update={"figure_ids": ("f1", "f2")}) if e.id == killing.id else e for e in a.events
            ),
        }
    )
    quiet = b.model_copy(update={"figures": ()})  # the other report gives no figure
    killed = next(e for e in link({"a": a, "b": quiet}).events if e.type == "die_injure")
    assert len(killed.documents) == 2 and [f.value for f in killed.figures] == [40.0, 12.0]
    assert killed.conflicts == ()


def test_a_datelines_place_is_where_the_report_was_filed_not_a_conflict() -> None:
    t = "OSLEN, March 5 - The earthquake that hit on Tuesday killed 52 people. Oslen's mayor spoke."
    filed = _span(t, "Oslen")  # the dateline's city, named as the text writes it elsewhere
    b = _sheet_b()
    killed = next(e for e in b.events if e.id == "e2").model_copy(
        update={"span": Span.of(t, 17, t.index(".") + 1), "trigger": _span(t, "killed"), "location": "Oslen"}
    )
    killed = killed.model_copy(update={"location_span": filed, "date_ids": (), "figure_ids": (), "participants": ()})
    dateline = Zone(kind="dateline", span=_span(t, "OSLEN, March 5 - "))
    wire = FactSheet(text=t, model="test", zones=(dateline,), events=(killed,))
    story = link({"wire-a": _sheet_a(), "oslen-wire": wire}, stories={"wire-a": "quake", "oslen-wire": "quake"})
    event = next(e for e in story.events if len(e.documents) == 2)
    assert event.place is not None and event.place.name == "Varnel"  # the place a report states
    assert not any(c.kind == "place" for c in event.conflicts)


def test_a_place_and_a_part_of_it_agree_and_two_places_conflict() -> None:
    def killed_at(place: str) -> tuple[str, ...]:
        b = _sheet_b()
        events = tuple(e.model_copy(update={"location": place}) if e.id == "e2" else e for e in b.events)
        story = link({"wire-a": _sheet_a(), "paper-b": b.model_copy(update={"events": events})})
        killed = next(e for e in story.events if e.type == "die_injure" and len(e.documents) == 2)
        return tuple(c.kind for c in killed.conflicts if c.kind == "place")

    assert killed_at("the Varnel coast") == ()  # a part of Varnel: both can be true
    assert killed_at("northern Varnel") == ()
    assert killed_at("the hills east") == ()  # a place no name pins down contradicts none
    assert killed_at("Oberau") == ("place",)


def test_a_measure_of_the_events_own_participant_is_compared_across_reports_by_its_unit() -> None:
    def burned(text: str, figure: str, counts: str, fire: str) -> FactSheet:
        span = _span(text, figure)
        value = float(figure.split()[0].replace(",", ""))
        area = FigureFact(id="f1", span=span, value=value, unit="acre", counts=counts)
        event = EventFact(
            id="e1",
            span=Span.of(text, 0, len(text)),
            trigger=_span(text, "burned"),
            description=text,
            participants=(Participant(role="theme", span=_span(text, fire), name=fire),),
            figure_ids=("f1",),
        )
        return FactSheet(text=text, model="test", figures=(area,), events=(event,))

    a = burned("The wildfire near Varnel burned 12,000 acres.", "12,000 acres", "wildfire", "The wildfire")
    b = burned("The fire near Varnel burned 15,000 acres of forest.", "15,000 acres", "fire", "The fire")
    event = next(e for e in link({"a": a, "b": b}, stories={"a": "fire", "b": "fire"}).events if len(e.documents) == 2)
    (conflict,) = event.conflicts
    assert conflict.about == "acre" and sorted(v.value for v in conflict.values) == ["12000 acre", "15000 acre"]
    farmland = burned("The fire near Varnel burned 3,000 acres of farmland.", "3,000 acres", "farmland", "The fire")
    event = next(
        e for e in link({"a": a, "c": farmland}, stories={"a": "fire", "c": "fire"}).events if len(e.documents) == 2
    )
    assert event.conflicts == ()  # the farmland is a part of what burned, not another count of it


def test_dates_that_disagree_are_a_time_conflict() -> None:
    b = _sheet_b()
    wednesday = EventTime(value="2025-03-05", start=dt.date(2025, 3, 5), end=dt.date(2025, 3, 5), grain="day")
    events = tuple(e.model_copy(update={"time": wednesday}) if e.id == "e1" else e for e in b.events)
    story = link({"a": _sheet_a(), "b": b.model_copy(update={"events": events})})
    quake = next(e for e in story.events if e.type == "disaster" and len(e.reports) == 2)
    (conflict,) = quake.conflicts
    assert conflict.kind == "time"
    assert sorted(v.value for v in conflict.values) == ["2025-03-04", "2025-03-05"]


def test_the_timeline_orders_dated_events_first_and_the_story_round_trips_through_json() -> None:
    story = _story()
    dated = [e.time.start for e in story.events if e.time and e.time.start]
    assert dated == sorted(dated) and story.events[0].type == "disaster" and story.events[0].documents == ("blog-c",)
    assert [e.id for e in story.events] == [f"s{n}" for n in range(1, len(story.events) + 1)]
    assert story.events[-1].time is None
    again = Story.model_validate_json(story.model_dump_json())
    assert again == story
    assert json.loads(story.model_dump_json())["events"][0]["reports"][0]["doc"] == "blog-c"


def test_entities_link_across_documents_under_different_names() -> None:
    index = build_index(
        ["Ilse Marten", "Marten", "the governor", "United Nations", "UN", "Anna Berg", "Berg", "Tom Berg"]
    )
    assert index.entity("Marten") == index.entity("Ilse Marten")
    assert index.entity("UN") == index.entity("United Nations")
    assert index.entity("Berg") not in (index.entity("Anna Berg"), index.entity("Tom Berg"))  # two Bergs: not guessed
    # a capital where a sentence starts names nothing: "No one", "Death toll" are no entities; "Tara Reid" is
    assert [is_proper(n) for n in ("No one", "Death toll", "Tara Reid", "the U.S. Navy", "Reid")] == [
        False,
        False,
        True,
        True,
        True,
    ]
    # nor one a document writes in lower case elsewhere: "Police arrested ..." above "police said"
    text = "Police arrested Reid on Monday. The arrest was lawful, police said."
    lower, alone = lower_words(text), lower_words("Police said.")
    assert not named_in("Police", lower) and named_in("Reid", lower) and named_in("Police", alone)
    # nor a one-word name no entity was found for, where it opens a sentence or a dateline's story
    text = "ORVEL, May 2 - Investigators said Reid fled. Later, Investigators found the car."
    opening, inside = (Span.of(text, at, at + len("Investigators")) for at in (15, 55))
    reid = Participant(role="agent", span=_span(text, "Reid"), name="Reid", entity_id="n1")
    assert names_someone(reid, text, frozenset()) and not names_someone(
        Participant(role="agent", span=opening, name="Investigators"), text, frozenset()
    )
    assert names_someone(Participant(role="agent", span=inside, name="Investigators"), text, frozenset())
    # a straight quote right after a comma closes a quote: the name after it is written as a name
    text = '"We will rebuild Varnel," Marten said. "Rescuers came," she said.'
    marten_ = Participant(role="agent", span=_span(text, "Marten"), name="Marten")
    rescuers = Participant(role="agent", span=_span(text, "Rescuers"), name="Rescuers")
    assert names_someone(marten_, text, frozenset()) and not names_someone(rescuers, text, frozenset())
    # a headline's title case is no name: "Ferry" (one report's headline) is not "Ferry operator chief" (another's)
    headlines = build_index(["Ferry", "Ferry operator chief", "Harbour Authority", "Authority"])
    assert headlines.entity("Ferry") != headlines.entity("Ferry operator chief")
    assert headlines.entity("Authority") == headlines.entity("Harbour Authority")
    story = _story()
    marten = next(x for x in story.entities if x.name == "Ilse Marten")
    assert [s.span.text for s in marten.sources] == ["the regional governor Ilse Marten"]


def test_a_place_is_a_story_entity_only_where_it_is_named() -> None:
    a = _sheet_a()
    town = a.text.index("the town")
    unnamed = [
        e.model_copy(update={"location": "the town", "location_span": Span.of(a.text, town, town + 8)})
        for e in a.events
    ]
    story = link({"a": a.model_copy(update={"events": tuple(unnamed)}), "b": _sheet_b()})
    assert "Varnel" in {x.name for x in story.entities} and "the town" not in {x.name for x in story.entities}
    assert any(e.place is not None and e.place.name == "the town" for e in story.events)  # still the event's place


def test_derivational_families_meet_and_unrelated_words_do_not() -> None:
    assert family(lemma("explosion")) & family(lemma("exploded"))
    assert family(lemma("deaths")) & family(lemma("died"))
    assert family(lemma("resignation")) & family(lemma("resigned"))
    assert family(lemma("arrival")) & family(lemma("arrived"))
    assert not family(lemma("station")) & family(lemma("state"))
    assert not family(lemma("attack")) & family(lemma("attach"))


def test_wordnet_synonyms_meet_through_a_shared_sense_a_hypernym_or_a_derivation() -> None:
    assert synonyms(senses("hit"), senses("strike"))  # a shared sense
    assert synonyms(senses("murder"), senses("kill"))  # murdering is killing
    assert synonyms(senses("death"), senses("die"))  # a derivation
    assert synonyms(senses("victory"), senses("win"))
    assert not synonyms(senses("kill"), senses("elect"))
    assert not synonyms(senses("flood"), senses("arrest"))
    assert senses("zzzx") == (frozenset(), frozenset())


def test_average_link_needs_most_pairs_alike_and_blocking_skips_unrelated_records() -> None:
    scores = {(0, 1): 0.9, (1, 2): 0.9}  # 0 and 2 never compared: a chain does not make one cluster
    assert average_link(3, scores, 0.5) == [[0, 1], [2]]
    assert average_link(3, {**scores, (0, 2): 0.8}, 0.5) == [[0, 1, 2]]
    story = link({"a": _sheet_a(), "c": _sheet_c()})
    assert len(story.events) == 4  # nothing of the flood meets the quake


def test_blocking_compares_only_records_that_share_a_family_or_a_type() -> None:
    a, b, c = _sheet_a(), _sheet_b(), _sheet_c()
    docs = [Doc(id=n, order=k, sheet=s, vector={}) for k, (n, s) in enumerate((("a", a), ("b", b), ("c", c)))]
    events = [(d, e) for d in docs for e in d.sheet.events]
    index = build_index(["Varnel", "Oberau", "Ilse Marten"])
    records = [record(n, d, e, index) for n, (d, e) in enumerate(events)]
    named = {
        frozenset((records[i].event.trigger.text, records[j].event.trigger.text))  # type: ignore[union-attr]
        for i, j in candidate_pairs(records)
    }
    assert frozenset({"killing", "killed"}) in named  # one family
    assert frozenset({"earthquake", "Floods"}) in named  # one type: compared, and told apart by the score
    assert not any("searched" in pair or "said" in pair for pair in named)  # nothing shared: never compared


def test_inputs_extract_many_results_pairs_and_errors() -> None:
    a, b = _sheet_a(), _sheet_b()
    failed = factx.FactxInputError("bad document")
    story = link([a, failed, b])
    assert story.documents == ("0", "2")
    assert link([("x", a), ("y", b)]).documents == ("x", "y")
    with pytest.raises(factx.FactxInputError):
        link(a)
    with pytest.raises(factx.FactxInputError):
        link([("x", a), ("x", b)])


class _Answers:
    """A doubt that answers from a table of cluster pairs and records what it was asked."""

    def __init__(self, weight: float, answers: dict[tuple[tuple[int, ...], tuple[int, ...]], bool | None]) -> None:
        self.weight, self.answers = weight, answers
        self.asked: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        self.shown: list[tuple[int, int]] = []

    def __call__(self, a: Sequence[int], b: Sequence[int], pair: tuple[int, int], mean: float) -> bool | None:
        key = (tuple(sorted(a)), tuple(sorted(b)))
        self.asked.append(key)
        self.shown.append(pair)
        return self.answers.get(key)


def test_a_vote_settles_a_close_merge_by_moving_its_mean_by_the_weight() -> None:
    scores = {(0, 1): 0.9, (0, 2): 0.45, (1, 2): 0.45}  # {0, 1} forms, then its mean with 2 is 0.45
    assert average_link(3, scores, 0.35) == [[0, 1, 2]]
    no = _Answers(0.15, {((0, 1), (2,)): False})
    assert average_link(3, scores, 0.35, doubt=no) == [[0, 1], [2]]  # 0.45 - 0.15 = 0.30: apart
    assert no.asked == [((0, 1), (2,))]  # 0.9 lies further than 0.15 from the threshold: code decides it alone
    lifted = _Answers(0.15, {((0,), (1,)): True})
    assert average_link(2, {(0, 1): 0.25}, 0.35, doubt=lifted) == [[0, 1]]  # 0.25 + 0.15 = 0.40: one event
    far = _Answers(0.15, {((0,), (1,)): True})
    assert average_link(2, {(0, 1): 0.15}, 0.35, doubt=far) == [[0], [1]] and far.asked == []  # no vote turns it
    silent = _Answers(0.5, {})  # no answer (budget spent, a failed call): code's score decides
    assert average_link(3, scores, 0.35, doubt=silent) == [[0, 1, 2]] and silent.asked == [((0, 1), (2,))]


def test_the_vote_question_shows_both_sentences_their_event_words_and_when() -> None:
    records, _ = build_records([("a", _sheet_a()), ("b", _sheet_b())])
    question = pair_messages(records[0], records[3])[-1]["content"]
    assert question.startswith('Report A: "A strong earthquake struck the town of Varnel on Tuesday')
    assert question.count('(event word: "earthquake"; when: 2025-03-04)') == 2  # "on Tuesday", resolved by code


def test_a_vote_asks_about_the_pair_across_two_clusters_that_code_found_most_alike() -> None:
    scores = {(0, 2): 0.3, (1, 2): 0.6, (0, 1): 0.9, (2, 3): 0.95, (1, 3): 0.2}
    doubt = _Answers(0.5, {})
    average_link(4, scores, 0.35, doubt=doubt)  # {2, 3} and {0, 1} form, then the two meet
    assert doubt.asked[-1] == ((0, 1), (2, 3)) and doubt.shown[-1] == (1, 2)  # 0.6: the most alike across them
    tied = _Answers(0.5, {})
    average_link(4, {(0, 1): 0.9, (2, 3): 0.9, (0, 2): 0.5, (1, 3): 0.5}, 0.35, doubt=tied)
    assert tied.shown[-1] == (1, 3)  # a tie goes to the larger pair, whatever order the clusters merged in


def test_model_votes_are_bounded_in_count_and_weight_and_counted_in_usage() -> None:
    fake = FakeBackend(responder=lambda tool, messages: {"same": False})
    story = link({"a": _sheet_a(), "b": _sheet_b()}, backend=fake, votes=1, vote_weight=0.5)
    assert story.votes == 1 and story.usage.requests == 2  # a "no" against code's merge is asked again, swapped
    first, again = (call.messages[-1]["content"] for call in fake.calls)
    assert first.split("Report B: ")[1].split("\n")[0] == again.split("Report A: ")[1].split("\n")[0]
    assert story.model_trusted is True  # two short reports: no pair code is sure of to check the model on
    assert link({"a": _sheet_a(), "b": _sheet_b()}).model_trusted is None
    unbounded = link({"a": _sheet_a(), "b": _sheet_b()}, backend=fake, votes=50, vote_weight=0.5)
    assert 1 <= unbounded.votes < 50  # only merges a vote could turn are asked, each once
    alone = link({"a": _sheet_a(), "b": _sheet_b()})
    assert len(unbounded.events) > len(alone.events)  # a "no" kept apart what code alone merged
    with pytest.raises(factx.FactxInputError, match="vote_weight"):
        link({"a": _sheet_a(), "b": _sheet_b()}, backend=fake, vote_weight=0.9)


def test_a_model_that_disagrees_with_code_where_code_is_sure_gets_no_vote() -> None:
    records, _ = build_records([("a", _sheet_a()), ("b", _sheet_b())])
    scores = {(0, 3): 0.99, (1, 4): 0.01, (0, 4): 0.4}  # quake = quake, kill != kill (sure), and a close one
    assert controls(records, scores) == [((0, 3), True), ((1, 4), False)]

    def by_pair(same_quake: bool, same_kill: bool, vote: bool = True) -> FakeBackend:
        def answer(tool: object, messages: list[dict[str, str]]) -> dict[str, bool]:
            asked = messages[-1]["content"]
            if asked.count('event word: "earthquake"') == 2:
                return {"same": same_quake}
            return {"same": same_kill if 'event word: "killing"' in asked else vote}

        return FakeBackend(responder=answer)

    agrees = Votes(records, scores, by_pair(True, False), limit=5, timeout=5, weight=0.5)
    assert agrees.cluster(0.35, 0.0) == [[0, 3, 4], [1], [2], [5]]  # {0, 3} with 4: mean 0.2, lifted by the vote
    assert agrees.trusted and agrees.asked == 1 and agrees.usage.requests == 4  # two controls, the vote, swapped
    assert agrees.given == {(0, 3): True, (1, 4): False, (0, 4): True}  # a control's answer serves as a vote too
    yes_man = Votes(records, scores, by_pair(True, True), limit=5, timeout=5, weight=0.5)
    assert yes_man.cluster(0.35, 0.0) == [[0, 3], [1], [2], [4], [5]]  # code's clusters alone
    assert yes_man.trusted is False and yes_man.asked == 0 and yes_man.usage.requests == 2  # the controls only
    unchecked = Votes(records, {(0, 4): 0.4}, by_pair(True, True, vote=False), limit=5, timeout=5)
    assert unchecked.cluster(0.35, 0.0) == [[0], [1], [2], [3], [4], [5]]  # 0.4 - 0.15: apart
    assert unchecked.trusted  # nothing code is sure of to check it on: the weight alone bounds it


def test_an_answer_that_turns_codes_merge_counts_only_when_the_swapped_question_agrees() -> None:
    records, _ = build_records([("a", _sheet_a()), ("b", _sheet_b())])
    scores = {(0, 3): 0.3, (1, 4): 0.5}  # code keeps the quakes apart (0.3) and merges the killings (0.5)
    a_first = {_sheet_a().events[0].span.text.strip()}

    def model(biased: bool) -> FakeBackend:
        def answer(tool: object, messages: list[dict[str, str]]) -> dict[str, bool]:
            shown_first = messages[-1]["content"].split('Report A: "')[1].split('" (')[0]
            return {"same": shown_first in a_first if biased else 'event word: "earthquake"' in messages[-1]["content"]}

        return FakeBackend(responder=answer)

    steady = Votes(records, scores, model(biased=False), limit=5, timeout=5, weight=0.5)
    assert steady.cluster(0.35, 0.0) == [[0, 3], [1], [2], [4], [5]]  # "same" and "no" both turn code, both hold
    assert steady.rechecked == 2 and steady.disputed == 0 and steady.usage.requests == 4
    biased = Votes(records, scores, model(biased=True), limit=5, timeout=5, weight=0.5)
    assert biased.cluster(0.35, 0.0) == [[0], [1, 4], [2], [3], [5]]  # says "same" only when A comes from "a"
    assert biased.rechecked == 1 and biased.disputed == 1 and biased.asked == 1  # the quakes' "same" flips: code stands
    assert biased.usage.requests == 3  # the killings' "same" agrees with code's merge: asked once
    agreeing = Votes(records, {(0, 3): 0.5}, model(biased=False), limit=5, timeout=5, weight=0.5)
    agreeing.cluster(0.35, 0.0)
    assert agreeing.rechecked == 0 and agreeing.usage.requests == 1  # an answer that agrees with code is asked once
    unchecked = Votes(records, scores, model(biased=True), limit=5, timeout=5, weight=0.5, confirm=False)
    assert unchecked.cluster(0.35, 0.0) == [[0, 3], [1, 4], [2], [5]] and unchecked.usage.requests == 2


def test_a_story_counts_the_answers_withdrawn_when_the_swapped_question_disagreed() -> None:
    a_text = _sheet_a().text

    def a_first_is_another_event(tool: object, messages: list[dict[str, str]]) -> dict[str, bool]:
        return {"same": messages[-1]["content"].split('Report A: "')[1].split('" (')[0] not in a_text}

    biased = FakeBackend(responder=a_first_is_another_event)
    story = link({"a": _sheet_a(), "b": _sheet_b()}, backend=biased, votes=50, vote_weight=0.5)
    assert story.votes == 0 and story.votes_withdrawn == 1 and story.usage.requests == 2
    assert len(story.events) == len(link({"a": _sheet_a(), "b": _sheet_b()}).events)  # code decided
    assert "1 more answer changed when asked again" in story.votes_said()
    assert Story.model_validate_json(story.model_dump_json()) == story


def test_a_failed_vote_leaves_the_merge_to_code_and_counts_against_the_limit() -> None:
    records, _ = build_records([("a", _sheet_a()), ("b", _sheet_b())])
    scores = {pair: 0.4 for pair in candidate_pairs(records)}
    failing = FakeBackend(responder=lambda tool, messages: {"wrong": "shape"})
    votes = Votes(records, scores, failing, limit=2, timeout=5, weight=0.5)
    assert votes.cluster(0.35, 0.0) == average_link(len(records), scores, 0.35)
    assert votes.asked == 0 and votes.tried == 2 and votes.usage.requests >= 2


def test_votes_go_out_a_round_at_a_time_and_the_answers_not_their_order_decide() -> None:
    records, _ = build_records([("a", _sheet_a()), ("b", _sheet_b())])
    scores = {pair: 0.4 for pair in candidate_pairs(records)}
    no = FakeBackend(responder=lambda tool, messages: {"same": False})
    one_by_one = Votes(records, scores, no, limit=5, timeout=5, concurrency=1)
    together = Votes(records, scores, no, limit=5, timeout=5)
    assert one_by_one.cluster(0.35, 0.0) == together.cluster(0.35, 0.0) == [[n] for n in range(6)]
    assert one_by_one.asked == together.asked == 2
    noted = Answers(0.15, {(0, 3): True}, threshold=0.35)
    assert noted([0], [3], (0, 3), 0.4) is True and noted([1], [4], (1, 4), 0.4) is None
    assert noted([1], [4], (1, 4), 0.4) is None
    assert noted.pick(8) == [(1, 4)]  # asked once in the next round


class _InFlight(Backend):
    """Answers "no" after a moment, and counts how many questions it holds at once."""

    def __init__(self) -> None:
        self.now = self.most = self.requests = 0

    async def request(self, req: ModelRequest[Any]) -> Reply[Any]:
        self.now += 1
        self.requests += 1
        self.most = max(self.most, self.now)
        await asyncio.sleep(0.01)
        self.now -= 1
        return Reply(req.response_model.model_validate({"same": False}), Usage(requests=1))


def test_a_round_grows_with_the_pairs_to_cluster_and_keeps_its_questions_in_flight_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    records, _ = build_records([("a", _sheet_a()), ("b", _sheet_b())])
    scores = {(i, j): 0.4 for i in range(6) for j in range(i + 1, 6)}  # 15 pairs, each merge a close one
    small = Votes(records, scores, _InFlight(), limit=6, timeout=5, concurrency=2)
    assert small.round == 2  # under vote.PAIRS_PER_WAVE pairs: one wave a round
    monkeypatch.setattr(vote, "PAIRS_PER_WAVE", 5)
    model = _InFlight()
    large = Votes(records, scores, model, limit=6, timeout=5, concurrency=2)
    assert large.round == 6  # one wave of 2 per 5 pairs
    large.cluster(0.35, 0.0)
    assert large.tried == large.rechecked == 6  # one round of 6 merges, each "no" against code's merge asked again
    assert model.requests == 12 and model.most == 2  # never more than 2 questions in flight


def test_subjects_weigh_words_by_their_rarity_in_english_so_they_hold_whatever_else_the_input_holds() -> None:
    assert rarity("the") < rarity("earthquake") < rarity("@varnel") == RAREST  # a name English has never seen
    quake_a, quake_b = _sheet_a(), _sheet_b()
    match = FactSheet(text="Grenholm beat Ostvik 3-1 in the cup final, with two goals from Pavo Lind.", model="x")
    league = FactSheet(text="Grenholm's cup final win over Ostvik brought the club its first trophy.", model="x")
    alone = subjects([doc_terms(s) for s in (quake_a, quake_b)])
    mixed = subjects([doc_terms(s) for s in (quake_a, match, quake_b, league)])
    assert alone[0] == alone[1] and mixed[0] == mixed[2] and mixed[1] == mixed[3] != mixed[0]
    records, _ = build_records([("a", quake_a), ("m", match), ("b", quake_b), ("l", league)])
    assert {r.doc.id: r.doc.subject for r in records} == {"a": mixed[0], "b": mixed[0]}
    together = link({"a": quake_a, "m": match, "b": quake_b, "l": league})
    assert [e.documents for e in together.events] == [e.documents for e in link({"a": quake_a, "b": quake_b}).events]


def test_a_round_asks_half_in_the_order_merges_came_and_half_the_closest_to_the_threshold() -> None:
    noted = Answers(0.5, {}, threshold=0.35)
    noted.noted = [(0.4, (0, 1)), (0.3, (2, 3)), (0.01, (4, 5)), (0.2, (6, 7)), (0.05, (8, 9))]
    assert noted.pick(4) == [(0, 1), (2, 3), (4, 5), (8, 9)]
    assert noted.pick(1) == [(0, 1)] and noted.pick(0) == []


def test_link_runs_on_extracted_sheets() -> None:
    fake = FakeBackend(responder=answer_choices(True))
    sheets = {
        "a": factx.extract_facts(QUAKE_A, reference_date="2025-03-05", backend=fake, strategy="choose"),
        "b": factx.extract_facts(QUAKE_B, reference_date="2025-03-05", backend=fake, strategy="choose"),
    }
    story = link(sheets, mentions=True)
    assert story.events and all(e.reports for e in story.events)
    for event in story.events:
        for report in event.reports:
            text = sheets[report.doc].text
            assert text[report.span.start : report.span.end] == report.span.text


def test_the_story_page_escapes_the_reports() -> None:
    t = "Protesters chanted <script>alert(1)</script> outside the ministry in Varnel."
    event = EventFact(id="e1", span=Span.of(t, 0, len(t)), trigger=_span(t, "chanted"), description=t, type="protest")
    story = link({"x": FactSheet(text=t, model="test", events=(event,)), "y": _sheet_c()})
    page = story.to_html()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark>chanted</mark>" in page and 'class="doc">x<' in page


def test_a_phrasal_particle_tells_checking_in_from_checking_out() -> None:
    assert particle("checked herself into") == particle("checks in") == "in"
    assert particle("checked out") == "out"
    assert particle("checked") is None
    text = "The singer checked into a clinic in Harlow on Monday.\nThe singer checked out of the clinic on Friday."
    sheet = FactSheet(
        text=text,
        model="test",
        event_mentions=(
            EventFact(
                id="e1", span=_sentence(text, "checked into"), trigger=_span(text, "checked into"), description="in"
            ),
            EventFact(
                id="e2", span=_sentence(text, "checked out"), trigger=_span(text, "checked out"), description="out"
            ),
        ),
    )
    records, _ = build_records([("a", sheet)], mentions=True)
    features = dict(zip(FEATURES, pair_features(records[0], records[1], 1.0), strict=True))
    assert records[0].lemma == records[1].lemma
    assert features["particle_clash"] == 1.0


def test_two_reports_of_one_document_by_different_speakers_clash_named_or_not() -> None:
    text = "Investigators said the barge was overloaded.\nThe governor, Anna Brekke, said the search goes on."

    def said(ident: str, first: str, agent: str) -> EventFact:
        who = Participant(role="agent", span=_span(text, agent), name="Anna Brekke" if "Brekke" in agent else agent)
        return EventFact(
            id=ident,
            span=_sentence(text, first),
            trigger=_span(text, "said", text.index(first)),
            description="said",
            event_class="REPORTING",
            participants=(who,),
        )

    sheet = FactSheet(
        text=text,
        model="test",
        event_mentions=(said("e1", "Investigators", "Investigators"), said("e2", "The governor", "The governor")),
    )
    records, _ = build_records([("a", sheet)], mentions=True)
    assert not records[0].agents  # "Investigators" opens its sentence: no name
    features = dict(zip(FEATURES, pair_features(records[0], records[1], 1.0), strict=True))
    assert features["agent_clash"] == 1.0  # the document resolved "The governor" to Anna Brekke: another speaker
    other, _ = build_records([("a", sheet), ("b", sheet.model_copy())], mentions=True)
    across = dict(zip(FEATURES, pair_features(other[0], other[3], 1.0), strict=True))
    assert across["agent_clash"] == 0.0  # across documents only names clash


def test_the_words_near_a_trigger_stand_for_its_own_arguments() -> None:
    text = "Officials said a climber from Dunmore fell 600 metres on Saturday while another died in a crash."
    event = EventFact(id="e1", span=Span.of(text, 0, len(text)), trigger=_span(text, "fell"), description="fell")
    near = near_trigger(event, {}, 1.0)
    assert "dunmore" in near.names and "officials" not in near.names  # the sentence's first word is no name
    assert near.numbers == frozenset({"600"})
    assert "climber" in near.terms and "crash" not in near.terms  # beyond NEAR tokens: another event's words
    assert abs(sum(v * v for v in near.terms.values()) - 1.0) < 1e-9


def test_two_reports_meet_at_a_lower_cosine_than_a_topic_of_many_needs() -> None:
    # Two reports of one story weighed over their two selves: the words they share weigh little.
    pair = [{"ferry": 0.17, "sank": 0.1, "strait": 0.98}, {"ferry": 0.17, "sank": 0.1, "harbour": 0.98}]
    assert 0.023 < cosine(pair[0], pair[1]) < 0.04  # below the threshold of many documents
    assert document_groups(pair)[0] == document_groups(pair)[1]
    others = [{f"other{n}": 1.0} for n in range(6)]  # among eight documents the same cosine is too little
    groups = document_groups(pair + others)
    assert groups[0] != groups[1]
    assert [few_scale(n) for n in (1, 2, 3, FEW, 50)] == sorted([few_scale(n) for n in (1, 2, 3, FEW, 50)])
    assert few_scale(FEW) == few_scale(50) == 1.0


def test_a_stray_document_joins_the_closest_larger_group() -> None:
    # 0-2 are one story; 3 shares a little with them, less than average link needs; 4 shares nothing
    vecs = [
        {"quake": 0.8, "varnel": 0.6},
        {"quake": 0.8, "varnel": 0.6},
        {"quake": 0.6, "varnel": 0.8},
        {"varnel": 0.05, "market": 0.99},
        {"flood": 1.0},
    ]
    groups = document_groups(vecs)
    assert groups[0] == groups[1] == groups[2]
    assert groups[3] == groups[0]  # a stray near the story joins it
    assert groups[4] != groups[0]

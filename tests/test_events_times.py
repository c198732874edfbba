"""Which date an event happened at, shared along the parse and the story (invented sentences)."""

from __future__ import annotations

import factx
from factx.testing import FakeBackend

REF = "2025-03-12"


def _dates_of(text: str, word: str, nth: int = 0) -> list[str]:
    sheet = factx.extract_facts(text, reference_date=REF, backend=FakeBackend([]), strategy="choose")
    event = [e for e in sheet.event_mentions if e.trigger is not None and e.trigger.text == word][nth]
    return [d.span.text for d in sheet.dates if d.id in event.date_ids]


def test_a_date_right_after_a_reporting_verb_dates_the_report() -> None:
    assert _dates_of("The mayor said Monday the council approved a new budget.", "said") == ["Monday"]


def test_an_event_inside_a_dated_event_shares_its_time() -> None:
    assert _dates_of("Four guards were injured in a riot on Sunday at the Marlow jail.", "injured") == ["Sunday"]


def test_a_temporal_clause_dates_its_main_event() -> None:
    assert _dates_of("Fishermen cheered as the ferry docked on Thursday.", "cheered") == ["Thursday"]


def test_a_when_clause_beside_a_date_happened_then() -> None:
    text = "The levee is stronger than in May 2019, when a storm breached it."
    assert _dates_of(text, "breached") == ["May 2019"]


def test_a_fronted_date_scopes_over_the_sentence() -> None:
    assert _dates_of("On Monday, the union rejected the offer and the owners walked out.", "walked") == ["Monday"]


def test_an_undated_report_takes_the_story_news_day() -> None:
    text = "Oslen Dairy closed two plants on Monday. The plants lost money for years, a spokesman said."
    assert _dates_of(text, "said") == ["Monday"]


def test_a_periods_change_is_dated_by_the_period_not_the_comparand() -> None:
    text = "Fourth-quarter revenue rose 8% from a year earlier at Tallis Foods."
    assert _dates_of(text, "rose") == ["Fourth-quarter"]


def test_the_date_of_a_thing_dates_no_event() -> None:
    assert _dates_of("The club cancelled this weekend's concerts.", "cancelled") == []


def test_an_after_clause_is_not_at_its_main_clauses_day() -> None:
    text = "Police detained the harbour master on Friday, two days after a barge sank near Olvenk."
    assert _dates_of(text, "detained") == ["Friday"]
    assert _dates_of(text, "sank") == []  # before Friday, by two days: not Friday's
    text = "The barge capsized last November after its cargo shifted."
    assert _dates_of(text, "shifted") == ["last November"]  # a month holds both clauses


def test_what_is_said_of_a_count_is_not_said_of_the_events_it_counts() -> None:
    text = "The number of people killed in the Olvenk flooding climbed to 31 on Thursday."
    assert _dates_of(text, "climbed") == ["Thursday"]
    assert _dates_of(text, "killed") == [] and _dates_of(text, "flooding") == []  # the count rose on Thursday
    text = "The death toll from the landslide rose to 12 on Monday."
    assert _dates_of(text, "rose") == ["Monday"] and _dates_of(text, "landslide") == []
    assert _dates_of("The landslide on Monday buried the road.", "landslide") == ["Monday"]


def test_a_relative_clause_below_a_dated_verbs_argument_is_not_at_its_time() -> None:
    text = "The utility whose line may have started the fire faced questions from lawmakers on Monday."
    assert _dates_of(text, "faced") == ["Monday"]
    assert _dates_of(text, "started") == []  # the questions came on Monday, not the fire
    text = "A Tolvik man who was repairing his boat was struck by lightning on Sunday."
    assert _dates_of(text, "repairing") == ["Sunday"]  # a progressive: ongoing when he was struck

"""The model fills the schema (``extract``): its reading decides what is listed, every part it restates
is checked alone, a failing part is refused alone and code's reading of it stands."""

from __future__ import annotations

from typing import Any

import factx
from factx.detect.events import analyse
from factx.testing import FakeBackend

TEXT = (
    "HARLOW, May 12 - Gunmen attacked a police post in the town of Tessel on Sunday, the regional "
    "governor said. Two officers were wounded in the shootout. Residents described the night as calm "
    "before the raid. Lawmakers will debate a curfew next week."
)
REF = "2026-05-12"


def _key(word: str) -> str:
    """The candidate key of the mention whose trigger is ``word`` (what the listing calls it)."""
    return next(c.key for c in analyse(TEXT).candidates if TEXT[c.trigger[0] : c.trigger[1]] == word)


def _run(answer: dict[str, Any], **options: Any) -> factx.FactSheet:
    return factx.extract_facts(
        TEXT, reference_date=REF, backend=FakeBackend([answer] * 3), strategy="extract", max_retries=0, **options
    )


def _listed(sheet: factx.FactSheet) -> list[str]:
    return [m.text for e in sheet.events for m in e.mentions]


def test_keep_false_takes_a_mention_out_of_the_list_and_marks_it() -> None:
    code = _run({})
    assert "attacked" in _listed(code)
    sheet = _run({"records": [{"id": _key("attacked"), "keep": False}]})
    assert "attacked" not in _listed(sheet)
    mention = next(m for m in sheet.event_mentions if m.trigger is not None and m.trigger.text == "attacked")
    assert mention.model_verdict == "dropped"


def test_keep_true_lists_a_mention_code_would_leave_out() -> None:
    code = _run({})
    assert "described" not in _listed(code)
    sheet = _run({"records": [{"id": _key("described"), "keep": True}]})
    record = next(e for e in sheet.events if any(m.text == "described" for m in e.mentions))
    assert record.model_verdict == "kept" and record.salience >= 0.45


def test_an_accepted_addition_is_listed_and_ranked() -> None:
    draft = {
        "quote": "Two officers were wounded in the shootout",
        "trigger": "shootout",
        "description": "Two officers were wounded in the shootout",
        "type": "attack",
        "participants": [{"role": "patient", "name": "Two officers"}],
    }
    sheet = _run({"events": [draft]})
    added = next(e for e in sheet.events if e.model_verdict == "added")
    assert added.type == "attack", "a shootout is an attack: the trigger's family backs the type"
    assert added.trigger is not None and added.trigger.text == "shootout"
    assert [p.name for p in added.participants] == ["Two officers"]
    assert not [r for r in sheet.rejected if "type: " in (r.detail or "")]


def test_a_verdict_restates_roles_place_and_source_each_checked_alone() -> None:
    verdict = {
        "id": _key("attacked"),
        "keep": True,
        "type": "attack",
        "participants": [
            {"role": "agent", "name": "Gunmen"},
            {"role": "patient", "name": "a police post"},
            {"role": "agent", "name": "Colonel Invented"},
        ],
        "location": "Tessel",
        "source": "the regional governor",
    }
    sheet = _run({"records": [verdict]})
    record = next(e for e in sheet.events if any(m.text == "attacked" for m in e.mentions))
    assert record.actors == ("Gunmen",)
    assert ("patient", "a police post") in [(p.role, p.span.text) for p in record.participants]
    assert record.location == "Tessel" and record.location_span is not None
    assert record.source == "the regional governor"
    refused = [r for r in sheet.rejected if "participants[2]" in (r.detail or "")]
    assert len(refused) == 1 and "Colonel Invented" in (refused[0].detail or "")


def test_a_bad_place_is_refused_alone_and_codes_place_stands() -> None:
    code = _run({})
    before = next(e for e in code.event_mentions if e.trigger is not None and e.trigger.text == "attacked")
    sheet = _run({"records": [{"id": _key("attacked"), "keep": True, "location": "Atlantis", "type": "attack"}]})
    after = next(e for e in sheet.event_mentions if e.trigger is not None and e.trigger.text == "attacked")
    assert after.location == before.location and after.type == "attack" and after.model_verdict == "kept"
    assert any("location" in (r.detail or "") for r in sheet.rejected)


def test_a_type_the_trigger_rules_out_is_refused() -> None:
    sheet = _run({"records": [{"id": _key("attacked"), "keep": True, "type": "vote_elect"}]})
    mention = next(e for e in sheet.event_mentions if e.trigger is not None and e.trigger.text == "attacked")
    assert mention.type == "attack" and mention.model_verdict == "kept"
    assert any("type: " in (r.detail or "") and "vote_elect" in (r.detail or "") for r in sheet.rejected)


def test_an_addition_with_a_bad_actor_loses_the_actor_not_the_event() -> None:
    draft = {
        "quote": "wounded in the shootout",
        "trigger": "shootout",
        "description": "the shootout",
        "type": "attack",
        "actors": ["Nobody Named Here"],
    }
    sheet = _run({"events": [draft]})
    added = next(e for e in sheet.events if e.model_verdict == "added")
    assert added.actors == () and added.type == "attack"
    assert any("participants[0]" in (r.detail or "") for r in sheet.rejected)


def test_a_capitalized_headline_trigger_is_typed_case_insensitively() -> None:
    text = "Murder In Tessel Shocks Town\nPolice said a shopkeeper was killed on Sunday."
    draft = {"quote": "Murder In Tessel", "trigger": "Murder", "description": "Murder In Tessel", "type": "die_injure"}
    sheet = factx.extract_facts(
        text, reference_date=REF, backend=FakeBackend([{"events": [draft]}]), strategy="extract", max_retries=0
    )
    assert not [r for r in sheet.rejected if "type: " in (r.detail or "")]


def test_same_as_folds_judged_mentions_and_nothing_else_does() -> None:
    attacked, raid = _key("attacked"), _key("raid")
    apart = _run({"records": [{"id": attacked, "keep": True}, {"id": raid, "keep": True}]})
    together = _run({"records": [{"id": attacked, "keep": True, "same_as": [raid]}, {"id": raid, "keep": True}]})
    spans = lambda s: [sorted(m.text for m in e.mentions) for e in s.events]  # noqa: E731
    assert ["attacked"] in spans(apart) and ["raid"] in spans(apart)
    assert ["attacked", "raid"] in spans(together)


def test_adding_a_listed_mention_keeps_it_instead_of_doubling_it() -> None:
    draft = {"quote": "Two officers were wounded", "trigger": "wounded", "description": "Two officers were wounded"}
    sheet = _run({"events": [draft], "records": [{"id": _key("wounded"), "keep": False}]})
    assert "wounded" not in _listed(sheet), "the explicit verdict on the listed id wins"
    sheet = _run({"events": [draft]})
    assert _listed(sheet).count("wounded") == 1
    mention = next(m for m in sheet.event_mentions if m.trigger is not None and m.trigger.text == "wounded")
    assert mention.model_verdict == "kept"


def test_unknown_ids_are_refused_and_the_answers_order_does_not_depend_on_concurrency() -> None:
    answer = {"records": [{"id": "c999", "keep": True}, {"id": _key("attacked"), "keep": True}]}
    one = _run(answer, concurrency_per_document=1)
    four = _run(answer, concurrency_per_document=4)
    assert one.model_dump() == four.model_dump()
    assert any("unknown event id 'c999'" in (r.detail or "") for r in one.rejected)

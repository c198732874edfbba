"""Each rule of ``DESCRIPTION_RULES`` adds the words the text holds, in the order it reads (invented sentences)."""

from __future__ import annotations

import pytest

import factx
from factx.testing import FakeBackend


def _description(text: str, trigger: str) -> str:
    sheet = factx.extract_facts(text, reference_date="2024-05-01", backend=FakeBackend([]), strategy="choose")
    return next(e.description for e in sheet.event_mentions if e.trigger is not None and e.trigger.text == trigger)


@pytest.mark.parametrize(
    ("text", "trigger", "description"),
    [
        # _verb_clause, _passive_agent: a fronted object, then the agent after "by"
        (
            "The old bridge was destroyed by rebels on Tuesday, officials said.",
            "destroyed",
            "The old bridge was destroyed by rebels",
        ),
        # _place: the place the sentence names, after the statement
        (
            "Rebels destroyed the old bridge in Varnel on Tuesday.",
            "destroyed",
            "Rebels destroyed the old bridge in Varnel",
        ),
        # _noun_head: the agent before the light verb that takes the noun
        (
            "The ministry held talks with union leaders in Brasko on Monday.",
            "talks",
            "The ministry held talks in Brasko",
        ),
        # _noun_object: the noun's object after it
        ("Moscow's invasion of Kalvia began in March.", "invasion", "Moscow 's invasion of Kalvia"),
        # _path: the origin
        (
            "Hundreds of families fled from Kordana to Mirel after the floods.",
            "fled",
            "Hundreds of families fled from Kordana",
        ),
        # _path: the destination
        (
            "The army moved 300 troops from Varnel to the border town of Osk.",
            "moved",
            "The army moved 300 troops to the border town",
        ),
        # _recipient
        ("The minister sent a letter to the union on Friday.", "sent", "The minister sent a letter to the union"),
        # _noun_object keeps the text's preposition: an assault "against" the garrison is not one "of" it
        (
            "Gunmen launched an assault against the depot late on Sunday.",
            "assault",
            "Gunmen launched assault against the depot",
        ),
        # _place keeps the text's preposition: "near" is not "in"
        (
            "Soldiers shelled two villages near Orvesk on Friday.",
            "shelled",
            "Soldiers shelled two villages near Orvesk",
        ),
        # _place: a direction "north of" as written
        ("Rebels ambushed a convoy north of Tamsk on Friday.", "ambushed", "Rebels ambushed a convoy north of Tamsk"),
        # _place: "outside of" is not "in" (every direction word the place reader knows keeps its "of")
        ("A car bomb exploded outside of Marvask on Friday.", "exploded", "A car bomb exploded outside of Marvask"),
        # _verb_clause: "No one" keeps its "no" (a count's own words), or the description says the opposite
        ("No one was hurt when the roof of the depot fell, the mayor said.", "hurt", "No one was hurt"),
    ],
)
def test_a_description_rule_adds_the_words_of_the_text(text: str, trigger: str, description: str) -> None:
    assert _description(text, trigger) == description


def test_a_place_around_an_object_is_not_said_twice() -> None:
    """The object's phrase holds the place ("a raid on the depot in Vask"): the statement names the object once."""
    description = _description("Insurgents carried out a raid on the fuel depot in Vask on Monday.", "raid")
    assert description.count("depot") == 1 and " of the fuel depot" not in description

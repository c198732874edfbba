"""What a newcomer reads first: types from the trigger and its arguments, agents, places, factuality,
one record per happening, headlines and URLs, descriptions within the text (invented sentences)."""

from __future__ import annotations

import pytest

import factx
from factx.detect.events import analyse
from factx.detect.events.roles import subject_of
from factx.testing import FakeBackend

REF = "2025-03-12"

QUAKE = (
    "QUITO, March 11 (Andes Wire) - A magnitude 6.8 earthquake struck northern Ecuador on Tuesday, "
    "about 40 km south of Tulcan, killing at least 12 people. The quake hit shortly after dawn, "
    "and more than 200 injured were taken to hospitals."
)


def _sheet(text: str) -> factx.FactSheet:
    return factx.extract_facts(text, reference_date=REF, backend=FakeBackend([]), strategy="choose")


def _mention(sheet: factx.FactSheet, word: str) -> factx.EventFact:
    return next(e for e in sheet.event_mentions if e.trigger is not None and e.trigger.text == word)


def test_an_earthquake_is_a_disaster_with_no_agent_placed_where_the_text_says() -> None:
    sheet = _sheet(QUAKE)
    struck = _mention(sheet, "struck")
    assert struck.type == "disaster" and struck.actors == ()
    assert struck.location == "Ecuador"  # the sentence names it: not the dateline's Quito
    assert _mention(sheet, "hit").type == "disaster"
    assert not any("magnitude" in a.lower() for a in _mention(sheet, "killing").actors)  # a measure kills no one


def test_one_quake_is_one_record() -> None:
    sheet = _sheet(QUAKE)
    quakes = [e for e in sheet.events if e.type == "disaster"]
    assert len(quakes) == 1
    words = {m.text for m in quakes[0].mentions}
    assert {"earthquake", "struck", "quake", "hit"} <= words


def test_ministers_who_failed_to_agree_did_not_agree_and_a_blocked_ban_did_not_happen() -> None:
    sheet = _sheet(
        "Energy ministers failed to agree on a proposed ban of coal imports on Thursday. "
        "Slovakia blocked the measure at the meeting in Brussels."
    )
    agree = _mention(sheet, "agree")
    assert agree.factuality == "negated"
    ban = _mention(sheet, "ban")
    assert ban.type != "arrest_charge" and ban.factuality != "asserted"
    blocked = _mention(sheet, "blocked")
    assert blocked.type != "other" and blocked.factuality == "asserted"
    assert any(e.trigger is not None and e.trigger.text == "blocked" for e in sheet.events)


def test_a_proposed_ban_is_planned() -> None:
    sheet = _sheet("The council debated a proposed ban on street vendors in the old town.")
    assert _mention(sheet, "ban").factuality == "planned"


def test_a_demand_for_release_is_not_a_release() -> None:
    sheet = _sheet("Hundreds of marchers demanded the release of 14 jailed students in Santa Clara on Sunday.")
    release = _mention(sheet, "release")
    assert release.factuality in ("planned", "hypothetical")


def test_refused_to_sign_is_negated() -> None:
    sheet = _sheet("The opposition refused to sign the budget deal on Monday.")
    assert _mention(sheet, "sign").factuality == "negated"


@pytest.mark.parametrize(
    ("text", "word", "wanted"),
    [
        ("The Harbor City Hawks fired coach Len Ashby after a losing season.", "fired", "start_end_position"),
        ("Gunmen fired at a police post outside Quetta on Friday.", "fired", "attack"),
        ("The Hawks won more games this season than in the last three combined.", "won", "other"),
        ("Prime Minister Ola Brandt won the election by a wide margin.", "won", "vote_elect"),
        ("The fund was set up to arrest rising sea levels along the coast.", "arrest", "other"),
        ("Police arrested two men in the raid on Saturday.", "arrested", "arrest_charge"),
    ],
)
def test_the_sense_follows_the_arguments(text: str, word: str, wanted: str) -> None:
    assert _mention(_sheet(text), word).type == wanted


def test_a_clinic_named_like_a_word_is_no_event() -> None:
    sheet = _sheet("The actor checked into Serenity, a clinic in Palm Springs, on Monday.")
    assert not any(e.trigger is not None and e.trigger.text == "Serenity" for e in sheet.event_mentions)
    sheet = _sheet("The singer is staying at Promises, the clinic said.")
    assert not any(e.trigger is not None and e.trigger.text == "Promises" for e in sheet.event_mentions)


def _triggers(text: str) -> list[str]:
    return [e.trigger.text for e in _sheet(text).event_mentions if e.trigger is not None]


def test_a_participle_read_as_a_preposition_is_no_event() -> None:
    assert "including" not in _triggers("Rescuers, including two divers, reached the ferry on Friday.")
    assert "compared" not in _triggers("Net profit fell to $4 million, compared with $9 million a year earlier.")
    assert "regarding" not in _triggers("The clerk gave false information regarding the shipment.")
    assert "Following" not in _triggers("Following the verdict, crowds gathered outside the court.")
    assert "gathered" in _triggers("Following the verdict, crowds gathered outside the court.")


def test_an_existential_be_is_no_event() -> None:
    assert _triggers("There were no injuries, but the blast damaged two cars.") == ["injuries", "blast", "damaged"]


def test_a_noun_frozen_into_a_preposition_is_no_event() -> None:
    assert _triggers("Police arrested two men in connection with the bombing.") == ["arrested", "bombing"]
    assert "addition" not in _triggers("In addition, the storm destroyed 40 homes.")
    assert "charge" not in _triggers("The council put a general in charge of the rescue.")
    assert "charge" in _triggers("Prosecutors filed a charge of arson against the owner.")  # a phrase of its own


def test_a_noun_shaped_like_an_event_is_one_where_a_frequent_sense_is_a_happening() -> None:
    found = _triggers("The new regulations cut the division's budget after the evacuation of the plant.")
    assert "evacuation" in found and "division" not in found  # a unit, a part: no act
    assert "situation" not in _triggers("The situation worsened after the storm.")
    assert "announcement" in _triggers("The announcement came after talks with the union.")
    assert "investigation" in _triggers("Police opened an investigation into the fire.")  # an act, second


def test_a_title_case_headline_under_a_url_line() -> None:
    text = (
        "http://www.example-news.com/showbiz/2025/03/singer-leaves-clinic\n"
        "Singer Maya Lorne Leaves Clinic, Moves Into Desert Retreat\n"
        "Maya Lorne left the Harbor Clinic on Monday, her spokesman said. Maya Lorne moved to a retreat."
    )
    sheet = _sheet(text)
    kinds = [z.kind for z in sheet.zones]
    assert kinds[0] == "url" and kinds.count("url") == 1
    assert next(z for z in sheet.zones if z.kind == "headline").span.text.startswith("Singer Maya Lorne")
    headline = next(z for z in sheet.zones if z.kind == "headline").span
    verbs = [e for e in sheet.event_mentions if e.trigger and headline.start <= e.trigger.start < headline.end]
    assert any(e.trigger is not None and e.trigger.text == "Leaves" for e in verbs)


def test_one_meeting_told_by_several_verbs_is_one_record() -> None:
    sheet = _sheet(
        "Leaders of Vardia and Osterland met in Tallinn on Monday and discussed grain shipments for three hours."
    )
    meets = [e for e in sheet.events if e.type == "meet"]
    assert len(meets) == 1 and {m.text for m in meets[0].mentions} >= {"met", "discussed"}


def test_events_in_different_sentences_with_nothing_shared_stay_apart() -> None:
    sheet = _sheet("Farmers met in Pavia on Monday. Bankers met in Zurich on Friday.")
    assert len([e for e in sheet.event_mentions if e.type == "meet"]) == 2
    assert len([e for e in sheet.events if e.type == "meet"]) == 2


def test_an_event_named_as_subject_is_no_agent() -> None:
    sheet = _sheet("Additional troop deployments discussed at the summit.")
    discussed = _mention(sheet, "discussed")
    assert "deployments" not in " ".join(discussed.actors)


def test_a_treaty_signing_names_every_signatory() -> None:
    sheet = _sheet("Vardia and Osterland signed the border treaty in Riga on Wednesday.")
    signed = _mention(sheet, "signed")
    assert set(signed.actors) == {"Vardia", "Osterland"}
    assert signed.location == "Riga"


def test_a_place_in_an_arguments_noun_phrase() -> None:
    sheet = _sheet("Two men robbed a credit union in Salem on Friday.")
    assert _mention(sheet, "robbed").location == "Salem"


def test_a_place_north_of_a_town() -> None:
    sheet = _sheet("A landslide buried six houses 20 km north of Cusco on Sunday.")
    assert _mention(sheet, "buried").location == "Cusco"


def test_since_never_dates_a_verb() -> None:
    sheet = _sheet("The carmaker has cut 800 jobs since 2021.")
    cut = _mention(sheet, "cut")
    assert cut.time is None and cut.date_ids == ()


def test_a_fronted_of_phrase_does_not_break_a_participant() -> None:
    # regression (issue 19): "Of those, 17 ..." built a participant span that ended before it started
    sheet = _sheet("Of those, 23 carried the risk of a prison term.")
    for event in sheet.event_mentions:
        for p in event.participants:
            assert p.span.start < p.span.end and sheet.text[p.span.start : p.span.end] == p.span.text


def test_a_description_is_not_spliced_across_a_clause() -> None:
    sheet = _sheet(
        "The storm wrecked the Dunmore ferry pier, which carried 900 passengers a day last year, "
        "or nearly a third of the island's traffic."
    )
    wrecked = _mention(sheet, "wrecked")
    assert "third" not in wrecked.description and "pier" in wrecked.description


def test_a_call_keeps_what_it_calls_for() -> None:
    sheet = _sheet("Senator Ruth Ibsen criticised the ministry and called for an independent audit.")
    assert _mention(sheet, "called").description.endswith("called for an independent audit")


CLAIMS = [
    QUAKE,
    "The storm wrecked the Dunmore ferry pier, which carried 900 passengers a day, or nearly a third of traffic.",
    "Vardia and Osterland signed the border treaty in Riga, and Osterland later ratified it.",
    "Police arrested two men and a woman after the raid, officials said.",
    "Rebels attacked a convoy near Gao on Monday, killing four soldiers and wounding nine.",
    "The company sold its shipping arm to Nordline for $2 billion and cut 300 jobs.",
]


@pytest.mark.parametrize("text", CLAIMS)
def test_every_description_claims_only_parse_relations_of_its_evidence(text: str) -> None:
    """The agent and the patient a description states are each the trigger's argument in the parse:
    the subject (or a conjunct of it) or a word below the trigger."""
    analysis = analyse(text)
    doc_by_start = analysis.docs
    for cand in analysis.candidates:
        offset, doc = next((o, d) for o, d in reversed(doc_by_start) if o <= cand.trigger[0])
        trigger = next(t for t in doc if t.idx + offset == cand.trigger[0])
        below = {t.idx + offset for t in trigger.subtree}
        subject = subject_of(trigger) if trigger.pos_ == "VERB" else None
        allowed = set(below)
        if subject is not None:
            allowed |= {t.idx + offset for c in (subject, *subject.conjuncts) for t in c.subtree}
            allowed |= {t.idx + offset for t in subject.head.subtree if t.dep_ in ("nsubj", "nsubjpass")}
        if trigger.head is not trigger:
            allowed |= {t.idx + offset for t in trigger.head.subtree}  # a noun's light verb, "of" phrase
        for p in cand.participants:
            if p.role in ("agent", "patient", "theme") and p.name in cand.description:
                assert p.head in allowed, (cand.description, p)
        for word in cand.description.split():
            assert word.strip(".,").lower() in text.lower() or any(word in p.name for p in cand.participants), (
                cand.description,
                word,
            )


def test_one_meeting_of_the_same_named_parties_across_sentences_is_one_record() -> None:
    sheet = _sheet(
        "Vardian President Ola Brandt met Osterland's leader Ivo Marr in Tallinn on Monday. "
        "Brandt and Marr held talks on grain shipments for three hours."
    )
    meets = [e for e in sheet.events if e.type == "meet"]
    assert len(meets) == 1 and {m.text for m in meets[0].mentions} >= {"met", "talks"}


def test_the_sentence_names_the_place_before_the_dateline() -> None:
    sheet = _sheet("LIMA, March 11 (Andes Wire) - After a long chase through Cusco, police arrested two smugglers.")
    arrested = _mention(sheet, "arrested")
    assert arrested.location == "Cusco"


def test_a_report_takes_no_place_from_what_it_reports() -> None:
    sheet = _sheet("The ministry said that troops had withdrawn from positions in Haldor province.")
    assert _mention(sheet, "said").location is None


@pytest.mark.parametrize(
    ("text", "word", "wanted"),
    [
        ("The storm left thousands of families homeless across the delta.", "left", "other"),
        ("The suspect left a handwritten note in the van.", "left", "other"),
        ("The suspect left the scene on a scooter.", "left", "move_deploy"),
        ("The mayor called the fire an act of sabotage.", "called", "other"),
    ],
)
def test_leaving_and_calling_by_their_objects(text: str, word: str, wanted: str) -> None:
    assert _mention(_sheet(text), word).type == wanted

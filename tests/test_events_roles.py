"""Roles, places, times and negation read from the parse (invented sentences)."""

from __future__ import annotations

import factx
from factx.testing import FakeBackend

REF = "2025-03-12"


def _mention(text: str, word: str) -> factx.EventFact:
    sheet = factx.extract_facts(text, reference_date=REF, backend=FakeBackend([]), strategy="choose")
    return next(e for e in sheet.event_mentions if e.trigger is not None and e.trigger.text == word)


def _agents(event: factx.EventFact) -> list[str]:
    return [p.span.text for p in event.participants if p.role == "agent"]


def test_a_relative_pronoun_names_its_antecedent() -> None:
    event = _mention("Police questioned Olek Varga, the driver who caused the crash on the bridge.", "caused")
    assert "who" not in _agents(event) and any("Olek Varga" in a or "driver" in a for a in _agents(event))


def test_a_passive_relative_clause_is_undergone() -> None:
    event = _mention("Rain soaked the old granary, which was damaged by the storm last week.", "damaged")
    assert "the old granary" not in _agents(event)
    assert any(p.role in ("patient", "theme") and "granary" in p.span.text for p in event.participants)


def test_a_named_apposition_is_the_agent() -> None:
    event = _mention("One of the envoys, Marta Quell, signed the accord in Tirsa.", "signed")
    assert any("Marta Quell" in a for a in _agents(event))


def test_a_where_relative_is_located_at_its_noun() -> None:
    event = _mention("The fire started at the Dovre paper mill, where two workers were injured.", "injured")
    assert event.location_span is not None and "mill" in event.location_span.text


def test_a_place_is_widened_over_the_places_that_locate_it() -> None:
    event = _mention("Gunmen attacked a checkpoint in Lyon, France, on Monday.", "attacked")
    assert event.location_span is not None and event.location_span.text == "Lyon, France"


def test_a_participle_clause_shares_the_time_of_its_event() -> None:
    text = "A bomb exploded in the market on Friday, wounding nine shoppers."
    sheet = factx.extract_facts(text, reference_date=REF, backend=FakeBackend([]), strategy="choose")
    wounding = next(e for e in sheet.event_mentions if e.trigger is not None and e.trigger.text == "wounding")
    assert [d.span.text for d in sheet.dates if d.id in wounding.date_ids] == ["Friday"]


def test_a_bounding_date_dates_no_event() -> None:
    event = _mention("Their meeting was the first since 2019.", "meeting")
    assert not event.date_ids


def test_neither_nor_negates() -> None:
    assert _mention("Neither the union nor the owners signed the deal.", "signed").factuality == "negated"
    assert _mention("The firm no longer builds ships.", "builds").factuality == "negated"


def _roles(event: factx.EventFact, role: str) -> list[str]:
    return [p.span.text for p in event.participants if p.role == role]


def test_a_movement_goal_is_its_destination() -> None:
    sent = _mention("The navy sent two frigates to the Tarsen Strait on Sunday.", "sent")
    assert _roles(sent, "destination") == ["the Tarsen Strait"] and sent.location is None  # the frigates went
    flew = _mention("The envoy Lida Marsh flew to Velmora on Sunday.", "flew")
    assert _roles(flew, "destination") == ["Velmora"] and flew.location == "Velmora"  # she went herself
    arrived = _mention("The convoy arrived in Dornick after dark.", "arrived")
    assert _roles(arrived, "destination") == ["Dornick"]
    fled = _mention("Thousands of families fled Kabul during the night.", "fled")
    assert _roles(fled, "origin") == ["Kabul"] and not _roles(fled, "destination")


def test_off_a_coast_is_a_place() -> None:
    assert _mention("A cargo ship sank off Varnel on Monday.", "sank").location == "Varnel"
    seized = _mention("Pirates seized a tanker off the coast on Sunday.", "seized")
    assert seized.location == "the coast"


def test_a_clause_of_after_or_before_lends_its_place_to_no_other_event() -> None:
    text = "Police arrested the harbour master on Friday, two days after a barge sank off Olvenk."
    assert _mention(text, "sank").location == "Olvenk" and _mention(text, "arrested").location is None
    text = "Police arrested the harbour master on Friday, after sinking off Olvenk."
    assert _mention(text, "arrested").location is None
    assert _mention("A barge sank on Friday off Olvenk, killing two.", "killing").location == "Olvenk"
    died = _mention("A climber died on Friday after falling from a ridge near the Olvenk Glacier.", "died")
    assert died.location == "Olvenk Glacier"  # a death is where its cause was


def test_places_of_nominal_events() -> None:
    assert _mention("The rebels' shelling of the town lasted a week.", "shelling").location == "the town"
    struck = _mention("The old mill in Harwick was flattened by an explosion on Monday.", "explosion")
    assert struck.location == "Harwick"
    seen = _mention("The province has seen dozens of bombings this year.", "bombings")
    assert seen.location == "The province"
    assert _mention("The judge ordered house arrest for the mayor.", "arrest").location == "house"


def test_a_state_lends_no_place_to_an_event() -> None:
    charged = _mention("The two suspects remained in prison as they were charged with fraud.", "charged")
    assert charged.location is None


def test_an_agent_named_by_its_function_is_salient_like_a_name() -> None:
    named = _mention("The league postponed the final.", "postponed")
    plain = _mention("Some fans postponed the trip.", "postponed")
    assert named.salience > plain.salience


def test_the_performer_of_a_nominal_act_is_its_agent() -> None:
    text = "A wave of bombings carried out by separatist fighters hit the port of Delvan last month."
    assert _agents(_mention(text, "bombings")) == ["separatist fighters"]
    judged = "The bombings condemned by the city council left the port of Delvan closed."
    assert _agents(_mention(judged, "bombings")) == []  # who condemns an act did not do it


def test_nominal_roles_by_their_dependents() -> None:
    text = "The rebels' assault on the garrison and a raid by border guards were reported in Delvan."
    assault = _mention(text, "assault")
    assert _agents(assault) == ["The rebels"] and _roles(assault, "patient") == ["the garrison"]
    assert _agents(_mention(text, "raid")) == ["border guards"]


def test_storming_and_opening_fire_are_attacks() -> None:
    text = "Gunmen stormed a police station in Delvan on Monday and opened fire on the guards."
    assert _mention(text, "stormed").type == "attack" and _agents(_mention(text, "stormed")) == ["Gunmen"]
    assert _mention(text, "opened").type == "attack"


def test_carrying_a_bomb_is_not_carrying_out_a_bombing() -> None:
    text = "Two brothers carried the bombs to the square in Delvan before the blast."
    assert _mention(text, "carried").actors == ("Two brothers",)
    sheet = factx.extract_facts(text, reference_date=REF, backend=FakeBackend([]), strategy="choose")
    assert not any(e.trigger is not None and e.trigger.text == "bombs" for e in sheet.event_mentions)  # a thing
    assert _agents(_mention("Two brothers carried out the bombing in Delvan.", "bombing")) == ["Two brothers"]


def test_who_claims_an_attack_did_it() -> None:
    claimed = "The Harlo Front claimed responsibility for the bombing of a bus depot in Delvan."
    assert _agents(_mention(claimed, "bombing")) == ["The Harlo Front"]
    owned = "Officials said the rebels were responsible for the shelling of Delvan."
    assert _agents(_mention(owned, "shelling")) == ["the rebels"]
    denied = "The Harlo Front did not claim responsibility for the bombing in Delvan."
    assert _agents(_mention(denied, "bombing")) == []
    unclaimed = "No group has yet claimed responsibility for the bombing in Delvan."
    assert _agents(_mention(unclaimed, "bombing")) == []


def test_a_trailing_participle_tells_the_result_of_the_nearest_clause() -> None:
    text = "Police are searching for a man who left a parcel that exploded on Friday, wounding 13 people in Delvan."
    wounding = _mention(text, "wounding")
    assert _agents(wounding) == []  # the search wounded no one
    assert _roles(wounding, "instrument") == ["a parcel"] and _roles(wounding, "patient") == ["13 people"]
    raid = "Rebels raided the town of Delvan on Monday, killing 12 soldiers."
    assert _agents(_mention(raid, "killing")) == ["Rebels"]


def test_a_bare_institution_is_no_place() -> None:
    motion = _mention("The opposition tabled a motion in parliament on Tuesday.", "tabled")
    assert motion.location is None  # the institution at work, not a building
    rally = _mention("Hundreds of farmers protested outside the parliament on Tuesday.", "protested")
    assert rally.location == "the parliament"


def test_a_passive_light_verb_names_the_doer_of_its_subject() -> None:
    text = "The raid on the depot in Delvan was carried out by special forces on Sunday."
    assert _agents(_mention(text, "raid")) == ["special forces"]
    claimed = "The bombing of the bus depot in Delvan was claimed by the Harlo Front."
    assert _agents(_mention(claimed, "bombing")) == ["the Harlo Front"]


def test_people_who_arrive_go_themselves() -> None:
    troops = _mention("Troops arrived in Delvan on Monday.", "arrived")
    assert _agents(troops) == ["Troops"] and _roles(troops, "destination") == ["Delvan"]
    cargo = _mention("A shipment of grain arrived in Delvan on Monday.", "arrived")
    assert _agents(cargo) == [] and _roles(cargo, "theme") == ["A shipment of grain"]


def test_an_event_that_dates_another_takes_none_of_its_place() -> None:
    text = "Two weeks after the bombing, the mayor opened a new market in Delvan."
    assert _mention(text, "bombing").location is None
    assert _mention(text, "opened").location == "Delvan"


def test_a_place_that_tells_whose_someone_is_locates_no_event() -> None:
    text = "The head of the surgery department at the Delvan General Hospital said three people died."
    assert _mention(text, "died").location is None
    assert _mention("Three people died at the Delvan General Hospital.", "died").location is not None

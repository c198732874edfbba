"""Word lists for events: the type taxonomy by trigger lemma, TimeML classes, nominal triggers, roles.

The taxonomy is small on purpose (README "Event types"): the kinds of happening a news reader
sorts a report by, close to ACE/KAIROS top levels so benchmarks map onto it.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from factx._types import EventClass, EventType
from factx.detect.tokens import words

TYPE_LEMMAS: dict[EventType, frozenset[str]] = {
    "attack": words(
        "attack assault bomb bombing explode explosion blast detonate detonation shoot shooting shell shelling "
        "strike airstrike raid ambush clash fight fighting battle war invade invasion gunfire fire ied "
        "hijack hijacking stab stabbing hit offensive combat insurgency siege terrorism rocket missile "
        "suicide gunman militant airstrikes bombard bombardment terror"
    ),
    "die_injure": words(
        "kill killing die death dead injure injury wound hurt murder assassinate assassination massacre "
        "casualty behead execute execution fatality slay slaying drown"
    ),
    "damage_destroy": words("destroy destruction damage demolish wreck raze devastate sabotage vandalize"),
    "disaster": words(
        "flood flooding floodwater earthquake quake storm hurricane typhoon cyclone tornado tsunami landslide "
        "drought wildfire eruption erupt outbreak epidemic pandemic crash collapse spill blaze famine burst sweep "
        "disease virus fever infection"
    ),
    "meet": words(
        "meet meeting talk talks summit negotiate negotiation conference discuss discussion visit gather "
        "gathering consult consultation host"
    ),
    "statement": words(
        "say tell state report announce claim declare deny warn accuse criticize criticise condemn praise "
        "urge call message greeting statement speech letter broadcast confirm reject respond reply vow threaten "
        "threat allege testify admit acknowledge ask demand"
    ),
    "agree": words(
        "agree agreement sign deal treaty accord pact approve approval ratify accept ceasefire truce settle "
        "settlement endorse"
    ),
    "protest": words("protest demonstrate demonstration rally march riot strike boycott sit-in"),
    "arrest_charge": words(
        "arrest detain detention charge indict indictment convict conviction sentence jail imprison prosecute "
        "trial try sue lawsuit investigate investigation probe custody capture release extradite acquit "
        "fine ban raid inquiry hearing"
    ),
    "move_deploy": words(
        "deploy deployment send dispatch fly travel arrive arrival leave depart move flee evacuate evacuation "
        "withdraw withdrawal transport return enter march smuggle cross migrate relocate escape"
    ),
    "transfer": words(
        "give donate donation pledge lend loan pay payment sell sale buy purchase acquire acquisition transfer "
        "provide supply fund grant aid award deliver export import invest investment"
    ),
    "vote_elect": words("vote election elect re-elect poll ballot referendum win nominate nomination campaign"),
    "start_end_position": words(
        "appoint appointment resign resignation hire dismiss retire retirement succeed sack oust inaugurate "
        "inauguration swear step"
    ),
    "quantity_change": words(
        "rise fall drop increase decrease climb grow growth decline gain lose loss jump surge plunge widen "
        "narrow cut raise reduce reduction double halve slip soar tumble slump rebound recover shrink peak"
    ),
    "plan_announce": words(
        "plan propose proposal intend schedule promise prepare postpone delay cancel launch introduce unveil "
        "publish table"
    ),
}
"""A lemma's type is the first listed here that holds it; "strike" as attack and as protest both read attack."""

TYPE_OF: dict[str, EventType] = {}
for _type, _lemmas in TYPE_LEMMAS.items():
    for _lemma in _lemmas:
        TYPE_OF.setdefault(_lemma, _type)


def type_of(lemma: str, pos: str = "VERB") -> EventType | None:
    """A trigger lemma's type; a nominal -ing form takes its verb's ("smuggling", "kidnapping", "looting")."""
    found = TYPE_OF.get(lemma)
    if found is not None or pos != "NOUN" or not lemma.endswith("ing") or len(lemma) < 6:
        return found
    stem = lemma[:-3]
    return next((TYPE_OF[s] for s in (stem, stem + "e", stem[:-1]) if s in TYPE_OF), None)


EVENT_NOUNS = frozenset(
    lemma
    for lemma in TYPE_OF
    if lemma
    not in {
        "say",
        "tell",
        "call",
        "add",
        "note",
        "write",
        "give",
        "try",
        "fire",
        "hit",
        "host",
        "step",
        "swear",
        "state",
        "claim",
        "accord",
        "dead",
        "terror",
        "suicide",
        "militant",
        "gunman",
        "missile",
        "rocket",
        "bomb",
        "ied",
        "table",
        "fund",
        "aid",
        "export",
        "import",
        "poll",
    }
) | words(
    "crisis incident accident disaster operation campaign ceremony election process event conflict violence "
    "crackdown uprising coup revolution scandal boom recession emergency rescue recovery response reform "
    "merger bankruptcy layoff shortage surplus deficit sanction embargo agreement plan decision arrival removal "
    "refusal dismissal renewal survival burial failure closure departure seizure capture trial"
)
"""Nouns that name events ("the attack", "their talks"); a noun outside is an event only by suffix."""

EVENT_SUFFIXES = ("tion", "sion", "ment", "ance")
SUFFIX_MIN = 6
"""The shortest noun read as an event by its suffix alone ("nation", "ration" and shorter are not)."""
NOT_EVENT_NOUNS = words(
    "government nation station department position question information population region section mention "
    "administration organization organisation institution foundation federation union commission committee "
    "corporation association authority agency official officials minister ministry statement thing something "
    "morning evening building ceiling king wing spring string earnings ring individual capital hospital "
    "material potential signal total interval animal general rival journal portal council tribunal national "
    "nationals professional criminal arsenal measure feature culture nature future picture structure "
    "treasure temperature literature legislature procedure figure pressure exposure document instrument "
    "apartment equipment environment parliament moment comment element segment statement implement "
    "finance distance province evidence residence instance alliance ordinance insurance entrance "
    "nothing anything everything ceiling clothing housing funding meaning opening offering opposition "
    "attention nation tradition condition location direction generation relation intelligence performance "
    "appearance balance importance significance assistance"
)
THING_NOUNS = frozenset(
    line
    for line in gzip.decompress(Path(__file__).with_name("wordnet_things.txt.gz").read_bytes()).decode().split("\n")
    if line and not line.startswith("#")
)
"""Event-shaped nouns neither of whose two most frequent WordNet senses is a happening ("division",
"requirement", "situation"): no event by suffix alone (``wordnet_things.py`` builds the list)."""

REPORTING = words(
    "say tell report state add note explain claim comment quote cite write announce confirm insist "
    "according testify assert allege acknowledge admit reply respond remark reiterate"
)
PERCEPTION = words("see hear watch observe feel notice witness view spot sense listen")
ASPECTUAL = words("begin start continue stop finish end resume complete keep cease halt quit commence initiate launch")
I_ACTION = words(
    "try attempt seek plan promise offer ask order call urge propose demand vow allow prevent avoid delay "
    "postpone decide refuse threaten agree approve authorize authorise request persuade force permit forbid "
    "encourage invite pledge intend aim schedule prepare"
)
I_STATE = words("want believe think expect hope fear need wish like love hate doubt suppose imagine worry prefer")
STATE = words(
    "be have remain own exist live seem appear belong contain consist depend lie stand hold mean know "
    "resemble equal cost weigh total"
)
STATE_NOUNS = words("crisis situation state condition shortage surplus deficit emergency peace control")


def event_class(lemma: str, pos: str) -> EventClass:
    """TimeML's class of a trigger by its lemma (nouns: OCCURRENCE unless a state noun)."""
    if pos == "NOUN":
        return "STATE" if lemma in STATE_NOUNS else "OCCURRENCE"
    for members, name in (
        (REPORTING, "REPORTING"),
        (PERCEPTION, "PERCEPTION"),
        (ASPECTUAL, "ASPECTUAL"),
        (I_STATE, "I_STATE"),
        (I_ACTION, "I_ACTION"),
        (STATE, "STATE"),
    ):
        if lemma in members:
            return name  # type: ignore[return-value]
    return "OCCURRENCE"


ANCHORING = words("after before since until till")
"""Conjunctions of a clause that happened at another time than its main clause ("arrested on Friday, two
days after the ferry sank off Marvask": the sinking is neither Friday's nor, for that, the arrest's place)."""
COMPLEX_PREPOSITIONS: dict[str, tuple[str, frozenset[str]]] = {
    "addition": ("in", words("to")),
    "connection": ("in", words("with")),
    "charge": ("in", words("of")),
    "accordance": ("in", words("with")),
    "relation": ("in", words("to")),
    "regard": ("with", words("to")),
    "respect": ("with", words("to")),
    "behalf": ("on", words("of")),
    "favor": ("in", words("of")),
    "favour": ("in", words("of")),
    "terms": ("in", words("of")),
    "spite": ("in", words("of")),
    "view": ("in", words("of")),
    "light": ("in", words("of")),
    "place": ("in", words("of")),
    "case": ("in", words("of")),
    "means": ("by", words("of")),
}
"""Nouns frozen into a preposition ("in connection with", "in addition to", "in charge of"): the noun names no
happening there; each with the preposition before it and those that may follow ("in addition" may end a phrase)."""
COUNT_NOUNS = words("number toll count total tally")
"""Nouns that count events ("the death toll", "the number of people killed"): what is said of the count
("rose to 57 on Wednesday") is not said of each event it counts."""
LIGHT_VERBS = words("carry hold launch stage conduct make have take mount wage give lead organize organise issue open")
"""Verbs whose object names the event and whose subject is its agent ("held talks", "carried out an attack")."""

THEME_SUBJECT = words(
    "die rise fall drop decline climb grow increase decrease jump surge plunge slip soar tumble slump "
    "rebound recover shrink peak widen narrow arrive occur happen explode collapse crash sink burn erupt "
    "burst remain stay fail suffer"
)
"""Verbs whose (active) subject undergoes the event rather than doing it: "people died", "prices rose"."""

HARD_NEWS = frozenset({"attack", "die_injure", "damage_destroy", "disaster", "arrest_charge", "protest"})
"""Types a news reader lists whoever is named: violence, deaths, destruction, disasters, arrests, protests."""

INSTRUMENTS = words(
    "ied bomb device explosive explosives blast mine rocket missile shell bullet car truck vehicle grenade "
    "gunfire fire weapon gun rifle knife drone airstrike strike explosion attack mortar shelling"
)
"""Heads that are what a harm was done with, not who did it ("killed by an improvised explosive device")."""

PLACE_NOUNS = words(
    "city town village street road market station square house home building hospital school camp base "
    "area region province district border capital country neighbourhood neighborhood compound mosque church "
    "hotel airport port bridge checkpoint prison embassy office headquarters place places site scene office "
    "restaurant cafe club stadium university court parliament palace republic facility center centre clinic "
    "rehab jail arena theatre theater hall courthouse mall store shop factory plant mine farm park beach island "
    "coast resort"
)
"""Common nouns that name a place ("across the city", "in a house"): a place when in a locative phrase."""
AREA_NOUNS = words(
    "city town village area region province district country capital republic neighbourhood neighborhood state"
)
"""Place nouns for an expanse one is in, not a structure one hits: "the bombing of the city" is located there."""

RECIPIENT_TYPES = frozenset({"transfer", "statement", "meet", "agree"})
"""Types where "to X" names a recipient; for movement it is the destination."""

FUTURE_MODALS = words("will shall 'll wo")
POSSIBLE_MODALS = words("may might could can ca should must ought")
PLANNING = words(
    "plan intend aim expect prepare schedule threaten vow promise pledge agree decide want hope seek try "
    "attempt propose offer call urge demand ask order set ready likely going"
)
"""Governors that make the event they govern not yet real: "vowed to remain", "called for an inquiry"."""

HEARSAY = words("reportedly allegedly purportedly apparently supposedly")

INSTITUTIONS = words(
    "government ministry army military police league union party council court parliament congress senate "
    "company firm bank agency authority authorities commission committee federation association board "
    "navy administration cabinet regime department militia coalition alliance"
)
"""Head nouns of organisations a text names by their function ("the league", "the ministry"): an actor as
definite as a name within its story."""

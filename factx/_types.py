"""The public result types: every fact carries the exact span of the source that supports it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Alignment = Literal["exact", "fuzzy"]
"""How a fact was tied to the source: verbatim, or tolerant of whitespace and case."""

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Grain = Literal[
    "instant",
    "minute",
    "hour",
    "part_of_day",
    "day",
    "week",
    "weekend",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
    "unknown",
]
Bound = Literal["more_than", "at_least", "less_than", "at_most"]
TimexMod = Literal[
    "START",
    "MID",
    "END",
    "APPROX",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
]
"""TIMEX3's ``mod`` values (the TimeML standard's closed list; code writes START, MID, END, APPROX, LESS_THAN)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """Character offsets into the source text (``end`` exclusive); ``text == source[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start or len(self.text) != self.end - self.start:
            raise ValueError(f"span ({self.start}, {self.end}) does not fit its text {self.text!r}")
        return self

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        """The span of ``source[start:end]``."""
        return cls(start=start, end=end, text=source[start:end])

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class DateFact(_Frozen):
    """A date or time mention, normalized to a TIMEX3 value by code."""

    id: str = ""
    span: Span
    value: str = Field(description="TIMEX3 value: 2025-09-03, 2024-06, 2013-W11, 2013-Q1, PRESENT_REF, P1M ...")
    type: TimexType = "DATE"
    grain: Grain = "day"
    start: dt.date | None = Field(default=None, description="first calendar day covered (inclusive)")
    end: dt.date | None = Field(default=None, description="last calendar day covered (inclusive)")
    mod: TimexMod | None = Field(default=None, description="TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER ...")
    relative: bool = Field(default=False, description="resolved against the reference date")
    alignment: Alignment = "exact"


class FigureFact(_Frozen):
    """A number with its unit, normalized by code ("$48.2 million" -> 48200000 USD)."""

    id: str = ""
    span: Span
    value: float
    unit: str | None = Field(default=None, description="USD, percent, troops, km ... (None for a bare number)")
    currency: str | None = Field(default=None, description="ISO 4217 code when the unit is money")
    percent: bool = False
    percentage_points: bool = False
    counts: str | None = Field(default=None, description="what the figure counts, e.g. 'troops', 'net profit'")
    counts_span: Span | None = Field(default=None, description="where the text names what it counts")
    approximate: bool = False
    bound: Bound | None = None
    low: float | None = Field(default=None, description="range start, when the text gives a range")
    high: float | None = Field(default=None, description="range end, when the text gives a range")
    ordinal: bool = False
    alignment: Alignment = "exact"


EventType = Literal[
    "attack",
    "die_injure",
    "damage_destroy",
    "disaster",
    "meet",
    "statement",
    "agree",
    "protest",
    "arrest_charge",
    "move_deploy",
    "transfer",
    "vote_elect",
    "start_end_position",
    "quantity_change",
    "plan_announce",
    "other",
]
"""The news event types (README "Event types"): what a reader sorts headlines by."""

EventClass = Literal["OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION"]
"""TimeML's event classes: reporting and state events are kept but separable."""

Factuality = Literal["asserted", "reported", "planned", "possible", "negated", "hypothetical"]
ZoneKind = Literal["headline", "dateline", "byline", "caption", "body", "email", "url", "markup", "instruction"]
Role = Literal["agent", "patient", "theme", "recipient", "instrument", "destination", "origin"]
"""A participant's part in its event (the place is the event's ``location``, not a participant)."""
ReferenceSource = Literal["given", "dateline", "none"]
"""Where a sheet's reference date came from: the caller, the text's dateline, or nowhere."""
RejectedKind = Literal["date", "figure", "event", "value"]


class Zone(_Frozen):
    """A part of the text told apart before parsing: only headline, caption and body hold events."""

    kind: ZoneKind
    span: Span


class Participant(_Frozen):
    """Who or what takes part in an event, in which role, with the canonical name of its entity."""

    role: Role = Field(description="agent, patient, theme, recipient, instrument, destination, origin")
    span: Span
    name: str = Field(description="canonical entity name ('Kim Jong-un' for 'Kim'), else the phrase")
    entity_id: str | None = Field(default=None, description="the entity's id within the document")


class EventTime(_Frozen):
    """When the event happened: the TIMEX3 value of its linked date and the days it covers."""

    value: str
    start: dt.date | None = None
    end: dt.date | None = None
    grain: Grain = "unknown"


class EventFact(_Frozen):
    """One real-world event: type, roles, place, time, factuality, with the evidence that states it."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_by_name=True, validate_by_alias=True, serialize_by_alias=True
    )

    id: str = ""
    span: Span = Field(description="the evidence: the sentence stating the event")
    trigger: Span | None = Field(default=None, description="the word that names the event")
    description: str = Field(description="a statement built from the roles, in the evidence's words")
    type: EventType = "other"
    event_class: EventClass = Field(default="OCCURRENCE", alias="class")
    participants: tuple[Participant, ...] = ()
    actors: tuple[str, ...] = Field(default=(), description="canonical names of the agents")
    location: str | None = None
    location_span: Span | None = None
    date_ids: tuple[str, ...] = ()
    time: EventTime | None = None
    figure_ids: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = Field(default=(), description="every span naming this event, the trigger's first")
    factuality: Factuality = "asserted"
    source: str | None = Field(default=None, description="who says so, when the event is reported")
    salience: float = Field(default=0.0, ge=0.0, le=1.0)
    alignment: Alignment = "exact"
    model_verdict: Literal["kept", "dropped", "added"] | None = Field(
        default=None,
        description="the model's word on this mention (extract): kept or dropped for the reader's list, or added",
    )


class Rejection(_Frozen):
    """A fact the model proposed that verification refused, and why."""

    kind: RejectedKind
    reason: str
    proposed: str = Field(description="what the model said, as JSON or text")
    detail: str | None = None


class Usage(_Frozen):
    """Summed over every attempt, re-asks and transient retries included."""

    requests: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            requests=self.requests + other.requests,
            retries=self.retries + other.retries,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class FactSheet(_Frozen):
    """Everything factx found in one text."""

    text: str
    reference_date: dt.date | None = None
    reference_source: ReferenceSource = "none"
    model: str
    dates: tuple[DateFact, ...] = ()
    figures: tuple[FigureFact, ...] = ()
    events: tuple[EventFact, ...] = Field(default=(), description="the events a reader lists, most salient first")
    event_mentions: tuple[EventFact, ...] = Field(default=(), description="every mention-level event, text order")
    zones: tuple[Zone, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    usage: Usage = Usage()

    def to_html(self) -> str:
        """This sheet as one self-contained HTML page: the text with its facts highlighted, a timeline, figures."""
        from factx.view import render  # lazy: the view imports these types; see [tool.importlinter]

        return render(self)

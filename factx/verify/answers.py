"""The answer models of the ``extract`` strategy: verdicts on code's records by id, and additions.

They live in ``verify`` because verification reads them (``drafts``, ``merge``); ``interpret`` asks for them.

A verdict may restate every part of a record (type, factuality, source, participants, place, the
dates that date it, which other listed events are the same one). With a validation context every
part is checked on its own (``verify.drafts.Checker``): a failure is sent back by instructor as the
re-ask, and a part that still fails after the retries is refused alone while the rest stands.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from factx._types import EventType, Factuality, Role
from factx.verify.drafts import PassageContext, Problem

RoleName = Role
"""A participant's role, as code's records name them."""

ROLE_HELP = (
    "agent: who does it; patient: who or what undergoes it (the killed, the arrested, the damaged); "
    "theme: what is said, moved or given; recipient: who receives it; instrument: what it is done with; "
    "destination / origin: where someone or something goes to / comes from"
)


class _Answer(BaseModel):
    """A model answer: unknown keys are ignored, every list and string is bounded."""

    model_config = ConfigDict(extra="ignore")


class RoleAnswer(_Answer):
    """One participant of an event, in the passage's own words."""

    role: RoleName = Field(description=ROLE_HELP)
    name: str = Field(max_length=80, description="the exact words of the passage naming the participant")


DraftRole = RoleAnswer


class RecordVerdict(_Answer):
    """The model's word on one of code's listed events: whether a reader lists it, and any part restated.

    A part left out (null) keeps code's reading of it; a part given replaces code's after it is checked.
    """

    id: str = Field(max_length=10, description="the id of a listed event")
    keep: bool = Field(description="true if this is a real event a reader of the news would list; false otherwise")
    type: EventType | None = Field(default=None, description="the event's type, if code's is wrong")
    factuality: Factuality | None = Field(
        default=None, description="asserted, reported, planned, possible, negated or hypothetical, if code's is wrong"
    )
    source: str | None = Field(
        default=None, max_length=80, description="who says it happened, in the passage's words, if it is reported"
    )
    participants: list[RoleAnswer] | None = Field(
        default=None, max_length=8, description="every participant with its role (replaces code's list), if wrong"
    )
    location: str | None = Field(
        default=None, max_length=80, description="where it happened, in the passage's words ('' for nowhere), if wrong"
    )
    date_ids: list[str] | None = Field(
        default=None, max_length=4, description="ids of the listed dates that say when it happened, if wrong"
    )
    same_as: list[str] = Field(
        default_factory=list, max_length=8, description="ids of other listed events that are this same happening"
    )


class EventDraft(_Answer):
    """An event the listed ones miss, quoted from the passage."""

    quote: str = Field(max_length=400, description="the exact words of the passage that state the event")
    trigger: str = Field(max_length=40, description="the word in the quote that names the event")
    description: str = Field(max_length=200, description="a statement in the quote's words")
    type: EventType = "other"
    factuality: Factuality = "asserted"
    source: str | None = Field(default=None, max_length=80, description="who says so, in the passage's words")
    actors: list[str] = Field(default_factory=list, max_length=6, description="who did it, as the passage names them")
    participants: list[RoleAnswer] = Field(default_factory=list, max_length=6)
    location: str | None = Field(default=None, max_length=80, description="where it happened, in the passage's words")
    date_ids: list[str] = Field(default_factory=list, max_length=6)
    figure_ids: list[str] = Field(default_factory=list, max_length=6)


class FigureCount(_Answer):
    figure_id: str = Field(max_length=10)
    counts: str = Field(max_length=60, description="what the figure counts, e.g. 'troops', 'deaths'")


class ExtraDate(_Answer):
    quote: str = Field(max_length=80, description="exact words of a date the list missed")
    value: str | None = Field(default=None, max_length=30, description="its TIMEX3 value, if known")


class ExtraFigure(_Answer):
    quote: str = Field(max_length=80, description="exact words of a figure the list missed")
    value: float | None = None
    unit: str | None = Field(default=None, max_length=30)


CONTEXT_KEY = "passage"
"""Where the ``PassageContext`` rides in instructor's validation context (a dict it also templates with)."""

MAX_VERDICTS = 60
"""A passage lists at most this many events (``strategies.passages`` cuts passages to fit)."""


class PassageReading(_Answer):
    """The answer for one passage. With a validation context, every part must be supported."""

    records: list[RecordVerdict] = Field(default_factory=list, max_length=MAX_VERDICTS)
    events: list[EventDraft] = Field(default_factory=list, max_length=8)
    figure_counts: list[FigureCount] = Field(default_factory=list, max_length=20)
    extra_dates: list[ExtraDate] = Field(default_factory=list, max_length=6)
    extra_figures: list[ExtraFigure] = Field(default_factory=list, max_length=6)

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> PassageReading:
        ctx = (info.context or {}).get(CONTEXT_KEY)
        if not isinstance(ctx, PassageContext):
            return self
        found = problems_of(self, ctx)
        if found:
            hint = ". Copy quotes exactly from the passage, use only listed ids, and state only what it says."
            raise ValueError("; ".join(str(p) for p in found[:8]) + hint)
        return self


def problems_of(reading: PassageReading, ctx: PassageContext) -> list[Problem]:
    """Every way the reading fails its checks, part by part (empty when every part is supported)."""
    out: list[Problem] = []
    for n, verdict in enumerate(reading.records):
        out += [p.at(f"records[{n}]") for p in ctx.check.verdict(verdict, ctx)]
    for n, ev in enumerate(reading.events):
        out += [p.at(f"events[{n}]") for p in ctx.check.draft(ev, ctx)[1]]
    for n, fc in enumerate(reading.figure_counts):
        if fc.figure_id not in ctx.figure_ids:
            out.append(Problem("figure_id", f"unknown figure id {fc.figure_id!r}").at(f"figure_counts[{n}]"))
    quotes = [("extra_dates", n, x.quote) for n, x in enumerate(reading.extra_dates)]
    quotes += [("extra_figures", n, x.quote) for n, x in enumerate(reading.extra_figures)]
    for kind, n, quote in quotes:
        if not ctx.quoted(quote):
            out.append(Problem("quote", f"quote {quote!r} is not in the passage").at(f"{kind}[{n}]"))
    return out

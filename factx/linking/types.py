"""The story types: events linked across documents, every part with the document and span it came from."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factx._types import EventClass, EventType, Factuality, Grain, Span, Usage


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    """Where a part of the story was read: a document and a span of its text."""

    doc: str = Field(description="the document's id")
    span: Span


class Report(_Frozen):
    """One document's record of the event, as that document's sheet has it."""

    doc: str
    event_id: str = Field(description="the record's id in the document's sheet (e3, m12 ...)")
    span: Span = Field(description="the evidence sentence")
    trigger: Span | None = None
    description: str
    type: EventType = "other"
    factuality: Factuality = "asserted"
    source: str | None = Field(default=None, description="who the document says reports it")


class StoryEntity(_Frozen):
    """One person, organisation or place across documents: every name it goes by, and where."""

    id: str = Field(description="x1, x2 ... within the story")
    name: str = Field(description="the canonical name: the longest full name the documents use")
    aliases: tuple[str, ...] = Field(default=(), description="other names it goes by")
    sources: tuple[Source, ...] = ()


class StoryParticipant(_Frozen):
    """A participant of the linked event, merged over its reports."""

    role: str
    name: str
    entity_id: str | None = Field(default=None, description="the StoryEntity it names")
    sources: tuple[Source, ...]


class StoryPlace(_Frozen):
    name: str
    entity_id: str | None = None
    sources: tuple[Source, ...]


class StoryTime(_Frozen):
    """When the event happened: the narrowest interval the reports agree on."""

    value: str
    start: dt.date | None = None
    end: dt.date | None = None
    grain: Grain = "unknown"
    sources: tuple[Source, ...]


class StoryFigure(_Frozen):
    """A figure one report gives for the event."""

    value: float
    unit: str | None = None
    counts: str | None = None
    approximate: bool = False
    bound: str | None = None
    source: Source


ConflictKind = Literal["figure", "time", "place"]


class ConflictValue(_Frozen):
    value: str = Field(description="the value as the reports state it (normalized)")
    sources: tuple[Source, ...]


class Conflict(_Frozen):
    """Reports that disagree about one part of the event: each value with who says it."""

    kind: ConflictKind
    about: str = Field(description="what is disagreed on: what a figure counts, 'date', 'place'")
    values: tuple[ConflictValue, ...]


class StoryEvent(_Frozen):
    """One real-world event told by one or more reports."""

    id: str = Field(description="s1, s2 ... in timeline order")
    description: str
    description_source: Source
    type: EventType = "other"
    event_class: EventClass = "OCCURRENCE"
    participants: tuple[StoryParticipant, ...] = ()
    place: StoryPlace | None = None
    time: StoryTime | None = None
    figures: tuple[StoryFigure, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    reports: tuple[Report, ...] = Field(description="every record linked here, first reported first")
    documents: tuple[str, ...] = Field(description="the documents that report it")
    score: float = Field(default=1.0, ge=0.0, le=1.0, description="mean pairwise link score (1.0 for one report)")


class Story(_Frozen):
    """Many reports, one story: linked events on a timeline (dated first, in order), entities across documents."""

    events: tuple[StoryEvent, ...] = ()
    entities: tuple[StoryEntity, ...] = ()
    documents: tuple[str, ...] = ()
    votes: int = Field(default=0, description="close merges a model answered on (its requests are in usage)")
    votes_withdrawn: int = Field(
        default=0,
        description="answers that turned code's merge but changed when asked again with the reports swapped: "
        "code decided those merges",
    )
    model_trusted: bool | None = Field(
        default=None,
        description="whether the model's answers agreed with code on the merges code is sure of, so its votes "
        "counted (None: no model was asked)",
    )
    usage: Usage = Usage()

    def event(self, id: str) -> StoryEvent:
        """The event with this id (KeyError when none)."""
        for event in self.events:
            if event.id == id:
                return event
        raise KeyError(id)

    def votes_said(self) -> str:
        """What the model's votes came to, in words ("" when no model was asked)."""
        if self.model_trusted is None:
            return ""
        if not self.model_trusted:
            return "the model disagreed with code where code is sure, so its votes were not used"
        said = f"the model voted on {self.votes} close merges"
        if self.votes_withdrawn:
            n = self.votes_withdrawn
            said += f"; {n} more answer{'s' if n != 1 else ''} changed when asked again, and code decided those"
        return said

    def to_html(self) -> str:
        """The story as one self-contained HTML page: a timeline across documents, sources and conflicts."""
        from factx.view.story import render_story  # lazy: the view imports these types

        return render_story(self)

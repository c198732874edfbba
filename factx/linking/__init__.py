"""Link: the same event across documents, one Story with the provenance of every part and the reports' conflicts."""

from factx.linking.api import documents, link
from factx.linking.types import (
    Conflict,
    ConflictValue,
    Report,
    Source,
    Story,
    StoryEntity,
    StoryEvent,
    StoryFigure,
    StoryParticipant,
    StoryPlace,
    StoryTime,
)

__all__ = [
    "Conflict",
    "ConflictValue",
    "Report",
    "Source",
    "Story",
    "StoryEntity",
    "StoryEvent",
    "StoryFigure",
    "StoryParticipant",
    "StoryPlace",
    "StoryTime",
    "documents",
    "link",
]

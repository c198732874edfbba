"""The public result types: everything a ``FactSheet`` holds, and the closed sets its fields take.

``factx._types`` is where they are defined; this module is their public name.
"""

from factx._types import (
    Alignment,
    Bound,
    DateFact,
    EventClass,
    EventFact,
    EventTime,
    EventType,
    FactSheet,
    Factuality,
    FigureFact,
    Grain,
    Participant,
    ReferenceSource,
    RejectedKind,
    Rejection,
    Role,
    Span,
    TimexMod,
    TimexType,
    Usage,
    Zone,
    ZoneKind,
)

__all__ = [
    "Alignment",
    "Bound",
    "DateFact",
    "EventClass",
    "EventFact",
    "EventTime",
    "EventType",
    "FactSheet",
    "Factuality",
    "FigureFact",
    "Grain",
    "Participant",
    "ReferenceSource",
    "RejectedKind",
    "Rejection",
    "Role",
    "Span",
    "TimexMod",
    "TimexType",
    "Usage",
    "Zone",
    "ZoneKind",
]

"""Detect, for events: every event mention code finds in a text, with its roles, place and factuality."""

from factx.detect.events.find import Analysis, EventCandidate, Sentence, analyse
from factx.detect.events.roles import Role

__all__ = ["Analysis", "EventCandidate", "Role", "Sentence", "analyse"]

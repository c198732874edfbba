"""Test helpers for users' own pipelines: a backend that answers what the test gives it.

``FakeBackend`` goes through the same instructor machinery as the real backends (tool calls,
validation, re-asks), so a test can show that a bad answer is re-asked and then rejected::

    fake = FakeBackend([{"events": [...]}, {"events": [...]}])
    sheet = factx.extract_facts(text, backend=fake, reference_date="2025-10-07")
    assert fake.calls[1].messages[-1]["role"] == "user"   # the re-ask

Answers can be keyed by what a request asks for, its response model (the class or its name):
``FakeBackend({"PassageReading": {"events": []}})``; ``responder(name, messages)`` gets that name.
``answer_choices(keep)`` answers every ``choose`` request, keeping (or declining) each offered mention.
"""

from factx.backends.fake import FakeBackend, FakeCall, answer_choices

__all__ = ["FakeBackend", "FakeCall", "answer_choices"]

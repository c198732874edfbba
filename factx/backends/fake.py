"""The fake backend for users' own tests (public as ``factx.testing``): answers what the test gives it.

``FakeBackend`` goes through the same instructor machinery as the real backends (tool calls,
validation, re-asks), so a test can show that a bad answer is re-asked and then rejected::

    fake = FakeBackend([{"events": [...]}, {"events": [...]}])
    sheet = factx.extract_facts(text, backend=fake, reference_date="2025-10-07")
    assert fake.calls[1].messages[-1]["role"] == "user"   # the re-ask

Answers are found by what the request asks for, its response model (the class, or its name)::

    fake = FakeBackend({PassageReading: {"events": []}}, responder=lambda asked, messages: {})
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from openai.types.chat import ChatCompletion, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice
from openai.types.chat.chat_completion_message_function_tool_call import (
    ChatCompletionMessageFunctionToolCall,
    Function,
)
from openai.types.completion_usage import CompletionUsage
from pydantic import BaseModel

from factx.backends.base import InstructorBackend, current_request

Answer = dict[str, Any] | BaseModel | str
Responder = Callable[[str, list[dict[str, Any]]], Answer]
"""``responder(asked, messages)``: ``asked`` is the name of the response model the request asks for."""
Asked = type[BaseModel] | str


_OFFERED = re.compile(r"^([A-Z]): ", re.MULTILINE)


def answer_choices(keep: bool) -> Responder:
    """A responder for the ``choose`` strategy: ``keep`` for every mention a request offers, ``{}`` otherwise."""

    def respond(asked: str, messages: list[dict[str, Any]]) -> Answer:
        if asked != "EventChoice" or not messages:
            return {}
        return {label: keep for label in _OFFERED.findall(str(messages[-1].get("content", "")))}

    return respond


@dataclass(frozen=True)
class FakeCall:
    """One request sent (a re-ask is one more): the name of the response model asked for, and the messages."""

    model: str
    messages: list[dict[str, Any]] = field(default_factory=list)
    response_model: type[BaseModel] | None = None

    @property
    def tool(self) -> str:
        """The old name of ``model`` (the tool instructor names after the response model)."""
        return self.model


class FakeBackend(InstructorBackend):
    """Answers each request with the next queued answer, else the next one given for its response model
    (``{Model: answer or [answers]}``, keyed by the class or its name), else ``responder(name, messages)``,
    else ``{}``.

    An answer is a dict, a pydantic object or a raw JSON string; it is returned as a tool call and
    validated by instructor exactly as a real model's answer would be. ``delay`` (seconds per answer)
    stands in for a slow model, to test deadlines: a request's ``deadline`` holds as on the real
    backends (usage counts every request, the request ends by its deadline).
    """

    def __init__(
        self,
        answers: Iterable[Answer] | Mapping[Asked, Answer | list[Answer]] = (),
        *,
        responder: Responder | None = None,
        name: str = "fake",
        delay: float = 0.0,
    ) -> None:
        super().__init__(self._answer, model_name=name)
        self.name = name
        self.delay = delay
        by_model = answers if isinstance(answers, Mapping) else {}
        self._queue: deque[Answer] = deque(() if isinstance(answers, Mapping) else answers)
        self._by_model: dict[Asked, deque[Answer]] = {
            key: deque(value if isinstance(value, list) else [value]) for key, value in by_model.items()
        }
        self._responder = responder
        self.calls: list[FakeCall] = []

    def __repr__(self) -> str:
        return f"FakeBackend({self.name!r}, {len(self._queue)} queued)"

    def enqueue(self, *answers: Answer) -> None:
        """Queue more answers, used in order."""
        self._queue.extend(answers)

    def _pick(self, asked: type[BaseModel], messages: list[dict[str, Any]]) -> Answer:
        """The next queued answer, else the next one for ``asked``, else the responder's, else ``{}``."""
        if self._queue:
            return self._queue.popleft()
        for key in (asked, asked.__name__):
            if self._by_model.get(key):
                return self._by_model[key].popleft()
        return {} if self._responder is None else self._responder(asked.__name__, messages)

    def _answer(self, **kwargs: Any) -> ChatCompletion:
        asked = current_request().response_model
        tool = kwargs["tools"][0]["function"]["name"] if kwargs.get("tools") else "answer"  # the wire format's
        messages = [dict(m) for m in kwargs.get("messages", [])]
        self.calls.append(FakeCall(model=asked.__name__, messages=messages, response_model=asked))
        if self.delay > 0:
            time.sleep(self.delay)
        answer = self._pick(asked, messages)
        if isinstance(answer, BaseModel):
            arguments = answer.model_dump_json()
        elif isinstance(answer, str):
            arguments = answer
        else:
            arguments = json.dumps(answer)
        prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in messages)
        return ChatCompletion(
            id=f"fake-{len(self.calls)}",
            created=0,
            model=self.name,
            object="chat.completion",
            choices=[
                Choice(
                    index=0,
                    finish_reason="stop",
                    message=ChatCompletionMessage(
                        role="assistant",
                        content=None,
                        tool_calls=[
                            ChatCompletionMessageFunctionToolCall(
                                id=f"call_{len(self.calls)}",
                                type="function",
                                function=Function(name=tool, arguments=arguments),
                            )
                        ],
                    ),
                )
            ],
            usage=CompletionUsage(
                prompt_tokens=prompt_tokens,
                completion_tokens=max(1, len(arguments) // 4),
                total_tokens=prompt_tokens + max(1, len(arguments) // 4),
            ),
        )
